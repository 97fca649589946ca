"""The sponsor statement (A4 portrait): for one scheme and event, each member the sponsor
pays for and the total, for the sponsor to verify and pay. NIKs arrive masked. Voided
payments are listed apart and are not in the total. Data in (`StatementData`), PDF out."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from models.messages import member_number_text
from models.report_data import StatementData
from reports.a4 import A4Report, data_table, signature_block, summary_table
from reports.text import SHORT, date_range, moment_text, period_text

LABELS = {
    "id": {
        "title": "Rekapitulasi Iuran Sponsor",
        "scheme": "Skema",
        "sponsor": "Sponsor",
        "event": "Acara",
        "dates": "Tanggal acara",
        "location": "Lokasi",
        "branch": "Kantor cabang",
        "printed": "Dicetak",
        "members": "Peserta yang dibayar sponsor",
        "no": "No.",
        "name": "Nama",
        "nik": "NIK",
        "member_number": "No. peserta",
        "months": "Bulan",
        "period": "Periode",
        "amount": "Iuran",
        "receipt": "No. kwitansi",
        "total": "Total",
        "none": "Belum ada peserta yang dibayar skema ini pada acara ini.",
        "voided": "Pembayaran yang dibatalkan (tidak ditagihkan)",
        "reason": "Alasan",
        "summary": "Ringkasan tagihan",
        "count": "Jumlah peserta",
        "to_pay": "Total yang ditagihkan",
        "voided_count": "Dibatalkan (tidak ditagihkan)",
        "nik_note": "NIK ditampilkan tersamar untuk menjaga kerahasiaan data pribadi.",
        "verify": (
            "Daftar di atas telah kami periksa dan kami setujui untuk dibayar sebesar {total} "
            "untuk {count} peserta."
        ),
        "officer_role": "Petugas BPJS Ketenagakerjaan",
        "sponsor_role": "Diverifikasi oleh sponsor",
        "name_line": "Nama",
        "position": "Jabatan",
        "date": "Tanggal",
    },
    "en": {
        "title": "Sponsor statement",
        "scheme": "Scheme",
        "sponsor": "Sponsor",
        "event": "Event",
        "dates": "Event dates",
        "location": "Location",
        "branch": "Branch office",
        "printed": "Printed",
        "members": "Members paid for by the sponsor",
        "no": "No.",
        "name": "Name",
        "nik": "NIK",
        "member_number": "Member no.",
        "months": "Months",
        "period": "Period",
        "amount": "Amount",
        "receipt": "Receipt no.",
        "total": "Total",
        "none": "The scheme has paid for no member at this event yet.",
        "voided": "Voided payments (not charged)",
        "reason": "Reason",
        "summary": "Amount due",
        "count": "Members",
        "to_pay": "Total due",
        "voided_count": "Voided (not charged)",
        "nik_note": "NIKs are masked to keep personal data confidential.",
        "verify": (
            "We have checked the list above and approve payment of {total} for {count} members."
        ),
        "officer_role": "BPJS Ketenagakerjaan officer",
        "sponsor_role": "Verified for the sponsor",
        "name_line": "Name",
        "position": "Position",
        "date": "Date",
    },
}


class Statement(A4Report[StatementData]):
    LABELS = LABELS

    def subtitle(self) -> str:
        return self.data.scheme_name

    def details(self) -> list[tuple[str, str]]:
        L, data, ev = self.L, self.data, self.data.event
        return [
            (L["sponsor"], data.sponsor_name),
            (L["scheme"], f"{data.scheme_name} ({data.scheme_code})"),
            (L["event"], ev.name),
            (L["dates"], date_range(ev.starts_on, ev.ends_on, self.lang)),
            (L["location"], f"{ev.location}, {ev.region_name}"),
            (L["branch"], ev.branch_code),
            (L["printed"], moment_text(data.generated_at, self.lang)),
        ]

    def footer(self) -> str:
        return f"{self.title()} · {self.data.scheme_code} · {self.data.event.name}"

    def body(self) -> list[Flowable]:
        return [
            *self.members(),
            *self.voided(),
            self.summary(),
            self.signatures(),
        ]

    # ------------------------------------------------------------ sections

    def members(self) -> list[Flowable]:
        L, data, lang = self.L, self.data, self.lang
        parts: list[Flowable] = [*self.heading(L["members"])]
        header = [
            L["no"],
            L["name"],
            L["nik"],
            L["member_number"],
            L["months"],
            L["period"],
            L["amount"],
            L["receipt"],
        ]
        if data.lines:
            parts.append(
                data_table(
                    header,
                    [
                        [
                            str(i),
                            x.full_name,
                            x.nik_masked,
                            member_number_text(x.member_number, None, lang),
                            str(x.months),
                            period_text(x.period_start, x.period_end, lang, SHORT),
                            self.money(x.amount),
                            x.receipt_number,
                        ]
                        for i, x in enumerate(data.lines, 1)
                    ],
                    [None] * 8,
                    right=(0, 4, 6),
                    stretch=1,
                    size=8,
                    total=["", L["total"], "", "", "", "", self.money(data.total), ""],
                )
            )
        else:
            parts.append(self.p(L["none"]))
        return [*parts, Spacer(1, 2 * mm), self.p(L["nik_note"], "small")]

    def voided(self) -> list[Flowable]:
        L, voided = self.L, self.data.voided
        if not voided:
            return []
        table = data_table(
            [L["no"], L["name"], L["nik"], L["amount"], L["receipt"], L["reason"]],
            [
                [
                    str(i),
                    x.full_name,
                    x.nik_masked,
                    self.money(x.amount),
                    x.receipt_number,
                    x.void_reason or "",
                ]
                for i, x in enumerate(voided, 1)
            ],
            [None, None, None, None, None, 50 * mm],
            right=(0, 3),
            stretch=1,
        )
        return [*self.heading(L["voided"]), table]

    def summary(self) -> Flowable:
        L, data = self.L, self.data
        summary = [
            [L["count"], str(len(data.lines))],
            [L["to_pay"], self.money(data.total)],
        ]
        if data.voided:
            summary.append(
                [L["voided_count"], f"{len(data.voided)} · {self.money(data.voided_total)}"]
            )
        return KeepTogether([self.p(L["summary"], "h2"), summary_table(summary)])

    def signatures(self) -> Flowable:
        L, data = self.L, self.data
        return KeepTogether(
            signature_block(
                [
                    [
                        (L["officer_role"], ""),
                        (L["name_line"], data.officer_name),
                        (L["date"], ""),
                    ],
                    [
                        (f"{L['sponsor_role']}: {data.sponsor_name}", ""),
                        (L["name_line"], ""),
                        (L["position"], ""),
                        (L["date"], ""),
                    ],
                ],
                intro=L["verify"].format(total=self.money(data.total), count=len(data.lines)),
            )
        )


def render_statement(data: StatementData) -> bytes:
    return Statement(data).render()
