"""The day closing (A4 portrait): for one officer and day, the cash that should be in the
box, transfers, sponsor-paid contributions, the receipt range, voids, every payment of the
day, and signature lines for the officer and the supervisor. Data in (`DayCloseData`),
PDF bytes out."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from models.money import long_date
from models.report_data import DayCloseData, MoneyLine
from reports.a4 import WIDTH, A4Report, data_table, signature_block, summary_table, voids_table
from reports.text import moment_text, receipt_range_text, time_text

LABELS = {
    "id": {
        "title": "Penutupan Harian",
        "officer": "Petugas",
        "day": "Tanggal",
        "events": "Acara",
        "printed": "Dicetak",
        "audit_head": "Jejak audit terakhir",
        "no_events": "–",
        "cash_box": "Uang tunai yang harus ada di kas",
        "money": "Penerimaan hari ini",
        "kind": "Jenis",
        "payments": "Pembayaran",
        "amount": "Nilai",
        "cash": "Tunai (di kas)",
        "transfer": "Transfer (tidak di kas)",
        "qris": "QRIS (tidak di kas)",
        "unverified": "Transfer dan QRIS (bukan uang tunai; belum tentu masuk)",
        "unverified_note": (
            "Uang ini tidak terlihat masuk di meja. Kantor pusat memeriksanya; yang tidak "
            "diterima harus dibayar lagi oleh peserta."
        ),
        "reference": "Referensi",
        "v_waiting": "Menunggu verifikasi",
        "v_verified": "Terverifikasi",
        "v_not_received": "Tidak diterima",
        "m_qris": "QRIS",
        "sponsor": "Dibayar sponsor (bukan tunai)",
        "total": "Total",
        "summary": "Ringkasan",
        "enrolments": "Pendaftaran hari ini",
        "receipts": "Kwitansi terpakai",
        "receipt_count": "Jumlah kwitansi",
        "used_elsewhere": "Nomor di rentang ini yang dipakai petugas lain",
        "gaps": "Nomor terlewat",
        "no_gaps": "Tidak ada",
        "voided": "Pembayaran dibatalkan (tidak dihitung)",
        "voids": "Pembatalan",
        "no_voids": "Tidak ada pembayaran yang dibatalkan hari ini.",
        "earlier_voids": "Dibatalkan hari ini, diterima pada hari sebelumnya",
        "earlier_note": (
            "Uang pembayaran ini tercatat pada penutupan hari diterimanya; bila dikembalikan "
            "tunai hari ini, kurangkan dari kas."
        ),
        "receipt": "Kwitansi",
        "reason": "Alasan",
        "voided_by": "Dibatalkan oleh",
        "approved_by": "Disetujui",
        "voided_at": "Waktu",
        "list": "Daftar pembayaran",
        "time": "Jam",
        "event": "Acara",
        "method": "Cara bayar",
        "status": "Status",
        "void": "BATAL",
        "ok": "Sah",
        "none": "Tidak ada pembayaran hari ini.",
        "m_cash": "Tunai",
        "m_transfer": "Transfer",
        "m_sponsor": "Sponsor",
        "counted": "Uang tunai dihitung",
        "difference": "Selisih",
        "check": "Kas telah dihitung dan dicocokkan dengan penutupan harian ini.",
        "officer_role": "Petugas",
        "supervisor_role": "Supervisor",
        "name": "Nama",
        "date": "Tanggal",
    },
    "en": {
        "title": "Day closing",
        "officer": "Officer",
        "day": "Date",
        "events": "Events",
        "printed": "Printed",
        "audit_head": "Audit trail head",
        "no_events": "–",
        "cash_box": "Cash that should be in the box",
        "money": "Received today",
        "kind": "Kind",
        "payments": "Payments",
        "amount": "Amount",
        "cash": "Cash (in the box)",
        "transfer": "Transfer (not in the box)",
        "qris": "QRIS (not in the box)",
        "unverified": "Transfers and QRIS (not cash; not yet certain to arrive)",
        "unverified_note": (
            "The desk cannot see this money arrive. HQ checks it; what was not received must "
            "be paid again by the member."
        ),
        "reference": "Reference",
        "v_waiting": "Waiting for verification",
        "v_verified": "Verified",
        "v_not_received": "Not received",
        "m_qris": "QRIS",
        "sponsor": "Paid by sponsor (not cash)",
        "total": "Total",
        "summary": "Summary",
        "enrolments": "Enrolments today",
        "receipts": "Receipts used",
        "receipt_count": "Number of receipts",
        "used_elsewhere": "Numbers in this range used by other officers",
        "gaps": "Numbers skipped",
        "no_gaps": "None",
        "voided": "Voided payments (not counted)",
        "voids": "Voids",
        "no_voids": "No payment was voided today.",
        "earlier_voids": "Voided today, received on an earlier day",
        "earlier_note": (
            "These payments count in the closing of the day they were received; if the cash "
            "was handed back today, take it out of the box."
        ),
        "receipt": "Receipt",
        "reason": "Reason",
        "voided_by": "Voided by",
        "approved_by": "Approved by",
        "voided_at": "When",
        "list": "Payments",
        "time": "Time",
        "event": "Event",
        "method": "Method",
        "status": "Status",
        "void": "VOID",
        "ok": "Valid",
        "none": "No payments today.",
        "m_cash": "Cash",
        "m_transfer": "Transfer",
        "m_sponsor": "Sponsor",
        "counted": "Cash counted",
        "difference": "Difference",
        "check": "The cash has been counted and checked against this day closing.",
        "officer_role": "Officer",
        "supervisor_role": "Supervisor",
        "name": "Name",
        "date": "Date",
    },
}


class DayClose(A4Report[DayCloseData]):
    LABELS = LABELS

    def __init__(self, data: DayCloseData) -> None:
        super().__init__(data)
        self.day = long_date(data.day, data.lang)

    def subtitle(self) -> str:
        return f"{self.data.officer_name} · {self.day}"

    def details(self) -> list[tuple[str, str]]:
        L, data = self.L, self.data
        return [
            (L["officer"], f"{data.officer_name} ({data.officer_id})"),
            (L["day"], self.day),
            (L["events"], "; ".join(data.events) or L["no_events"]),
            (L["printed"], moment_text(data.generated_at, self.lang)),
            # The audit trail's newest entry, on paper: a trail cut short later shows (the
            # first 32 hex digits of its hash, 128 bits: no rewritten trail matches them).
            *([(L["audit_head"], f"#{data.audit_head[0]} · {data.audit_head[1][:32]}")]
              if data.audit_head else []),
        ]

    def document_title(self) -> str:
        return f"{self.title()}: {self.data.officer_name}, {self.day}"

    def footer(self) -> str:
        return f"{self.title()} · {self.data.officer_name} · {self.day}"

    def body(self) -> list[Flowable]:
        return [
            Spacer(1, 4 * mm),
            summary_table([[self.L["cash_box"], self.money(self.data.cash.amount)]], big=True),
            *self.money_in(),
            *self.unverified(),
            *self.summary(),
            *self.voids(),
            self.signatures(),
            # Every payment of the day, after the signatures: the page to sign stays first.
            *self.payments(),
        ]

    # ------------------------------------------------------------ sections

    def money_in(self) -> list[Flowable]:
        L, data = self.L, self.data
        lines: list[tuple[str, MoneyLine]] = [
            (L["cash"], data.cash),
            (L["transfer"], data.transfer),
            (L["qris"], data.qris),
            (L["sponsor"], data.sponsor),
        ]
        table = data_table(
            [L["kind"], L["payments"], L["amount"]],
            [[label, str(m.payments), self.money(m.amount)] for label, m in lines],
            [WIDTH - 70 * mm, 25 * mm, 45 * mm],
            right=(1, 2),
            total=[
                L["total"],
                str(sum(m.payments for _, m in lines)),
                self.money(sum(m.amount for _, m in lines)),
            ],
        )
        return [*self.heading(L["money"]), table]

    def unverified(self) -> list[Flowable]:
        """Transfers and QRIS apart from cash, each with its reference and HQ's word."""
        L, data, lang = self.L, self.data, self.lang
        if not data.unverified:
            return []
        table = data_table(
            [L["receipt"], L["time"], L["method"], L["reference"], L["amount"], L["status"]],
            [
                [
                    x.receipt_number,
                    time_text(x.received_at, lang),
                    L.get(f"m_{x.method}", x.method),
                    x.reference or "-",
                    self.money(x.amount),
                    L[f"v_{x.verification}"],
                ]
                for x in data.unverified
            ],
            [None] * 6,
            right=(4,),
            stretch=3,
        )
        return [*self.heading(L["unverified"]), table, self.p(L["unverified_note"], "small")]

    def summary(self) -> list[Flowable]:
        L, data, r = self.L, self.data, self.data.receipts
        gaps = ", ".join(a if a == b else f"{a} – {b}" for a, b in r.gaps) or L["no_gaps"]
        table = summary_table(
            [
                [L["enrolments"], str(data.enrolments)],
                [L["receipts"], receipt_range_text(r)],
                [L["receipt_count"], str(r.count)],
                [L["used_elsewhere"], str(r.used_elsewhere)],
                [L["gaps"], gaps],
                [L["voided"], f"{len(data.voids)} · {self.money(data.voided_amount)}"],
            ]
        )
        return [*self.heading(L["summary"]), table]

    def voids(self) -> list[Flowable]:
        L, data, lang = self.L, self.data, self.lang
        parts: list[Flowable] = [
            *self.heading(L["voids"]),
            voids_table(data.voids, L, lang) if data.voids else self.p(L["no_voids"]),
        ]
        if data.earlier_voids:
            parts += [
                *self.heading(L["earlier_voids"]),
                voids_table(data.earlier_voids, L, lang),
                Spacer(1, 1.5 * mm),
                self.p(L["earlier_note"], "small"),
            ]
        return parts

    def signatures(self) -> Flowable:
        L, data = self.L, self.data
        return KeepTogether(
            [
                Spacer(1, 6 * mm),
                summary_table(
                    [[L["counted"], "Rp " + "." * 30], [L["difference"], "Rp " + "." * 30]]
                ),
                *signature_block(
                    [
                        [
                            (L["officer_role"], ""),
                            (L["name"], data.officer_name),
                            (L["date"], self.day),
                        ],
                        [
                            (L["supervisor_role"], ""),
                            (L["name"], ""),
                            (L["date"], ""),
                        ],
                    ],
                    intro=L["check"],
                ),
            ]
        )

    def payments(self) -> list[Flowable]:
        L, data, lang = self.L, self.data, self.lang
        if not data.payments:
            return [*self.heading(L["list"]), self.p(L["none"])]
        table = data_table(
            [L["receipt"], L["time"], L["event"], L["method"], L["amount"], L["status"]],
            [
                [
                    x.receipt_number,
                    time_text(x.received_at, lang),
                    x.event_name,
                    L.get(f"m_{x.method}", x.method),
                    self.money(x.amount),
                    L["void"]
                    if x.voided
                    else L[f"v_{x.verification}"]
                    if x.verification
                    else L["ok"],
                ]
                for x in data.payments
            ],
            [None] * 6,
            right=(4,),
            stretch=2,
        )
        return [*self.heading(L["list"]), table]


def render_day_close(data: DayCloseData) -> bytes:
    return DayClose(data).render()
