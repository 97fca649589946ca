"""The event report (A4 portrait): who enrolled, who paid what, which receipts were used,
voids, officers and what still waits for HQ, with charts. Data in (`EventReportData`),
PDF bytes out. Its page frame is `reports.a4`'s, shared with the sponsor statement and
the day closing."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from models.report_data import EventReportData, MoneyLine, Tally
from reports.a4 import WIDTH, A4Report, data_table, summary_table, voids_table
from reports.charts import occupation_chart, payer_and_age_charts
from reports.text import date_range, moment_text, receipt_range_text, share, tally_name

LABELS = {
    "id": {
        "title": "Laporan Acara",
        "dates": "Tanggal",
        "location": "Lokasi",
        "region": "Wilayah",
        "branch": "Kantor cabang",
        "payer": "Pembayar",
        "sponsor": "Sponsor",
        "status": "Status",
        "open": "Berlangsung",
        "closed": "Ditutup",
        "printed": "Dicetak",
        "self_only": "Bayar sendiri",
        "summary": "Ringkasan",
        "enrolments": "Peserta terdaftar",
        "money_in": "Iuran diterima (tanpa yang dibatalkan)",
        "voided": "Pembayaran dibatalkan",
        "receipts": "Kwitansi",
        "waiting": "Data belum terkirim ke kantor pusat",
        "quota": "Kuota skema (perangkat ini)",
        "budget": "Anggaran skema (perangkat ini)",
        "of": "{used} dari {total}",
        "records": "{n} data",
        "payments_n": "{n} pembayaran",
        "charts": "Grafik",
        "chart_occupation": "Pendaftar menurut pekerjaan (10 terbanyak)",
        "chart_payer": "Menurut pembayar",
        "chart_age": "Menurut kelompok umur",
        "by_occupation": "Menurut pekerjaan",
        "by_sex": "Menurut jenis kelamin",
        "by_age": "Menurut kelompok umur (pada tanggal pendaftaran)",
        "by_programmes": "Menurut program",
        "by_payer": "Menurut pembayar",
        "occupation": "Pekerjaan",
        "code": "Kode",
        "sex": "Jenis kelamin",
        "age": "Umur",
        "programmes": "Program",
        "count": "Jumlah",
        "share": "Persentase",
        "total": "Total",
        "money": "Iuran",
        "money_by_payer": "Iuran menurut pembayar",
        "money_by_method": "Iuran menurut cara bayar",
        "method": "Cara bayar",
        "payments": "Pembayaran",
        "amount": "Nilai",
        "receipt_range": "Nomor kwitansi",
        "first_last": "Pertama – terakhir",
        "receipt_count": "Kwitansi acara ini",
        "used_elsewhere": "Nomor di rentang ini yang dipakai acara lain",
        "gaps": "Nomor terlewat",
        "no_gaps": "Tidak ada",
        "voids": "Pembatalan",
        "no_voids": "Tidak ada pembayaran yang dibatalkan.",
        "receipt": "Kwitansi",
        "reason": "Alasan",
        "voided_by": "Dibatalkan oleh",
        "approved_by": "Disetujui",
        "voided_at": "Waktu",
        "officers": "Pendaftaran per petugas",
        "officer": "Petugas",
        "hq": "Antrean ke kantor pusat",
        "hq_text": "{n} data acara ini masih menunggu terkirim ke kantor pusat.",
        "hq_none": "Semua data acara ini sudah terkirim ke kantor pusat.",
        "none": "Belum ada pendaftaran.",
        "word_M": "Laki-laki",
        "word_F": "Perempuan",
        "word_other": "Lainnya",
        "word_self": "Bayar sendiri",
        "word_cash": "Tunai",
        "word_transfer": "Transfer",
        "word_qris": "QRIS",
        "word_sponsor": "Dibayar sponsor",
    },
    "en": {
        "title": "Event report",
        "dates": "Dates",
        "location": "Location",
        "region": "Region",
        "branch": "Branch office",
        "payer": "Payer",
        "sponsor": "Sponsor",
        "status": "Status",
        "open": "Open",
        "closed": "Closed",
        "printed": "Printed",
        "self_only": "Self-paid",
        "summary": "Summary",
        "enrolments": "Members enrolled",
        "money_in": "Contributions received (voids left out)",
        "voided": "Voided payments",
        "receipts": "Receipts",
        "waiting": "Records not yet sent to HQ",
        "quota": "Scheme quota (this device)",
        "budget": "Scheme budget (this device)",
        "of": "{used} of {total}",
        "records": "{n} records",
        "payments_n": "{n} payments",
        "charts": "Charts",
        "chart_occupation": "Enrolments by occupation (top 10)",
        "chart_payer": "By payer",
        "chart_age": "By age band",
        "by_occupation": "By occupation",
        "by_sex": "By sex",
        "by_age": "By age band (on the enrolment date)",
        "by_programmes": "By programmes",
        "by_payer": "By payer",
        "occupation": "Occupation",
        "code": "Code",
        "sex": "Sex",
        "age": "Age",
        "programmes": "Programmes",
        "count": "Count",
        "share": "Share",
        "total": "Total",
        "money": "Contributions",
        "money_by_payer": "Contributions by payer",
        "money_by_method": "Contributions by payment method",
        "method": "Method",
        "payments": "Payments",
        "amount": "Amount",
        "receipt_range": "Receipt numbers",
        "first_last": "First – last",
        "receipt_count": "Receipts of this event",
        "used_elsewhere": "Numbers in this range used by other events",
        "gaps": "Numbers skipped",
        "no_gaps": "None",
        "voids": "Voids",
        "no_voids": "No payment was voided.",
        "receipt": "Receipt",
        "reason": "Reason",
        "voided_by": "Voided by",
        "approved_by": "Approved by",
        "voided_at": "When",
        "officers": "Enrolments per officer",
        "officer": "Officer",
        "hq": "Queue for HQ",
        "hq_text": "{n} records of this event are still waiting to be sent to HQ.",
        "hq_none": "Every record of this event has reached HQ.",
        "none": "No enrolments yet.",
        "word_M": "Male",
        "word_F": "Female",
        "word_other": "Other",
        "word_self": "Self-paid",
        "word_cash": "Cash",
        "word_transfer": "Bank transfer",
        "word_qris": "QRIS",
        "word_sponsor": "Paid by sponsor",
    },
}


class EventReport(A4Report[EventReportData]):
    LABELS = LABELS

    def subtitle(self) -> str:
        return self.data.event.name

    def details(self) -> list[tuple[str, str]]:
        L, ev, lang = self.L, self.data.event, self.lang
        details = [
            (L["dates"], date_range(ev.starts_on, ev.ends_on, lang)),
            (L["location"], ev.location),
            (L["region"], ev.region_name),
            (L["branch"], ev.branch_code),
            (L["payer"], ev.scheme_name or L["self_only"]),
        ]
        if ev.sponsor_name:
            details.append((L["sponsor"], ev.sponsor_name))
        details += [
            (L["status"], L.get(ev.status, ev.status)),
            (L["printed"], moment_text(self.data.generated_at, lang)),
        ]
        return details

    def footer(self) -> str:
        return f"{self.title()} · {self.data.event.name}"

    def body(self) -> list[Flowable]:
        return [
            *self.summary(),
            *self.charts(),
            *self.breakdowns(),
            *self.money_tables(),
            self.receipt_numbers(),
            *self.voids(),
            *self.officers_and_queue(),
        ]

    # ------------------------------------------------------------ sections

    def _name(self, t: Tally | MoneyLine) -> str:
        return tally_name(t, self.L)

    def summary(self) -> list[Flowable]:
        L, data = self.L, self.data
        voided_n = len(data.voids)
        summary = [
            [L["enrolments"], str(data.enrolments)],
            [L["money_in"], self.money(data.money_total)],
            [
                L["voided"],
                f"{L['payments_n'].format(n=voided_n)} · {self.money(data.voided_amount)}",
            ],
            [L["receipts"], f"{receipt_range_text(data.receipts)} ({data.receipts.count})"],
            [L["waiting"], L["records"].format(n=data.waiting_hq)],
        ]
        if data.quota is not None:
            summary.append([L["quota"], L["of"].format(used=data.quota_used, total=data.quota)])
        if data.budget is not None:
            used, budget = self.money(data.budget_used or 0), self.money(data.budget)
            summary.append([L["budget"], L["of"].format(used=used, total=budget)])
        return [*self.heading(L["summary"]), summary_table(summary)]

    def charts(self) -> list[Flowable]:
        if self.data.enrolments == 0:
            return [Spacer(1, 4 * mm), self.p(self.L["none"])]
        return [
            *self.heading(self.L["charts"]),
            occupation_chart(self.data, self.L),
            Spacer(1, 4 * mm),
            payer_and_age_charts(self.data, self.L),
        ]

    def breakdowns(self) -> list[Flowable]:
        L, data, lang = self.L, self.data, self.lang
        total = data.enrolments
        parts: list[Flowable] = [
            *self.heading(L["by_occupation"]),
            data_table(
                [L["code"], L["occupation"], L["count"], L["share"]],
                [
                    [t.key, t.name, str(t.count), share(t.count, total, lang)]
                    for t in data.by_occupation
                ],
                [None, None, 25 * mm, 25 * mm],
                right=(2, 3),
                stretch=1,
                total=["", L["total"], str(total), share(total, total, lang)],
            ),
        ]
        for title, column, tallies in (
            (L["by_sex"], L["sex"], data.by_sex),
            (L["by_age"], L["age"], data.by_age_band),
            (L["by_programmes"], L["programmes"], data.by_programmes),
            (L["by_payer"], L["payer"], data.by_payer),
        ):
            parts.append(self._tally_table(title, column, tallies))
        return parts

    def _tally_table(self, title: str, column: str, tallies: tuple[Tally, ...]) -> Flowable:
        L, lang, total = self.L, self.lang, self.data.enrolments
        return KeepTogether(
            [
                self.p(title, "h2"),
                data_table(
                    [column, L["count"], L["share"]],
                    [[self._name(t), str(t.count), share(t.count, total, lang)] for t in tallies],
                    SMALL_TABLE,
                    right=(1, 2),
                    total=[L["total"], str(total), share(total, total, lang)],
                ),
            ]
        )

    def money_tables(self) -> list[Flowable]:
        L = self.L
        parts: list[Flowable] = []
        for title, column, lines in (
            (L["money_by_payer"], L["payer"], self.data.money_by_payer),
            (L["money_by_method"], L["method"], self.data.money_by_method),
        ):
            table = data_table(
                [column, L["payments"], L["amount"]],
                [[self._name(m), str(m.payments), self.money(m.amount)] for m in lines],
                [WIDTH - 70 * mm, 25 * mm, 45 * mm],
                right=(1, 2),
                total=[
                    L["total"],
                    str(sum(m.payments for m in lines)),
                    self.money(sum(m.amount for m in lines)),
                ],
            )
            parts.append(KeepTogether([self.p(title, "h2"), table]))
        return parts

    def receipt_numbers(self) -> Flowable:
        L, r = self.L, self.data.receipts
        gaps = ", ".join(a if a == b else f"{a} – {b}" for a, b in r.gaps) or L["no_gaps"]
        return KeepTogether(
            [
                self.p(L["receipt_range"], "h2"),
                summary_table(
                    [
                        [L["first_last"], receipt_range_text(r)],
                        [L["receipt_count"], str(r.count)],
                        [L["used_elsewhere"], str(r.used_elsewhere)],
                        [L["gaps"], gaps],
                    ]
                ),
            ]
        )

    def voids(self) -> list[Flowable]:
        L, voids = self.L, self.data.voids
        table = voids_table(voids, L, self.lang) if voids else self.p(L["no_voids"])
        return [*self.heading(L["voids"]), table]

    def officers_and_queue(self) -> list[Flowable]:
        L, data, lang = self.L, self.data, self.lang
        total = data.enrolments
        officers = KeepTogether(
            [
                self.p(L["officers"], "h2"),
                data_table(
                    [L["officer"], L["count"], L["share"]],
                    [
                        [f"{t.name} ({t.key})", str(t.count), share(t.count, total, lang)]
                        for t in data.per_officer
                    ],
                    SMALL_TABLE,
                    right=(1, 2),
                    total=[L["total"], str(total), share(total, total, lang)],
                ),
            ]
        )
        hq = L["hq_text"].format(n=data.waiting_hq) if data.waiting_hq else L["hq_none"]
        return [officers, *self.heading(L["hq"]), self.p(hq)]


SMALL_TABLE = [WIDTH - 50 * mm, 25 * mm, 25 * mm]


def render_event_report(data: EventReportData) -> bytes:
    return EventReport(data).render()
