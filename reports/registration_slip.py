"""The registration slip (Bukti Pendaftaran) for a sponsored enrolment: a sponsor (a city's
APBD, a company's CSR fund, a cooperative) pays BPJS directly, so the desk received no money
and prints no kwitansi. The slip says who is enrolled, in which programmes and for which
months, paid by which scheme, and the amount to be billed to the sponsor. Same pages (A6,
80 mm roll) and the same data as the receipt; data in, PDF bytes out."""

from __future__ import annotations

from reportlab.platypus import Flowable

from models.messages import member_number_text
from models.money import rupiah
from models.receipts import ReceiptData
from reports.receipt import (
    LABELS,
    RULE,
    _Receipt,
    render_receipt,
)
from reports.text import join_list, period_text

SLIP_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "BUKTI PENDAFTARAN",
        "slip_member": "Peserta",
        "slip_programmes": "Program",
        "slip_programmes_value": "{programmes}, {months}",
        "slip_scheme": "Dibayar oleh skema",
        "slip_billed": "Ditagihkan",
        "receiver": "Petugas pendaftar,",
        "keep": (
            "Bukan kwitansi: petugas tidak menerima uang. Iuran dibayar penyandang dana "
            "langsung kepada BPJS Ketenagakerjaan. Simpan bukti ini sebagai tanda terdaftar."
        ),
    },
    "en": {
        "title": "REGISTRATION SLIP",
        "slip_member": "Member",
        "slip_programmes": "Programmes",
        "slip_programmes_value": "{programmes}, {months}",
        "slip_scheme": "Paid by the scheme",
        "slip_billed": "To be billed",
        "receiver": "Registering officer,",
        "keep": (
            "Not a receipt: the officer took no money. The sponsor pays the contributions "
            "to BPJS Ketenagakerjaan directly. Keep this slip as proof of registration."
        ),
    },
}


class _Slip(_Receipt):
    """The receipt's layout with the slip's words and facts: no "Telah terima dari", no
    amount in words, no stamp duty."""

    def __init__(self, data: ReceiptData, width: float, scale: float) -> None:
        super().__init__(data, width, scale)
        self.t = {**LABELS[data.lang], **SLIP_LABELS[data.lang]}

    @property
    def stamp_duty_due(self) -> bool:
        return False  # no meterai: the slip is not a receipt for money

    def facts(self) -> list[Flowable]:
        d, t, p = self.d, self.t, self.p
        number = member_number_text(d.member_number, None, d.lang)
        months = t["months_one" if d.months == 1 else "months_many"].format(n=d.months)
        programmes = join_list([f"{c} ({t[c]})" for c in d.programmes], t["and"])
        rows: list[list[Flowable | str]] = [
            [p(t["slip_member"], "label"), p(d.member_name or d.payer_name, "value_bold")],
            [p(t["member_number"], "label"), p(number, "value")],
            [p(t["nik"], "label"), p(d.nik_masked, "value")],
            [
                p(t["slip_programmes"], "label"),
                p(t["slip_programmes_value"].format(programmes=programmes, months=months), "value"),
            ],
            [
                p(t["period"], "label"),
                p(period_text(d.period_start, d.period_end, d.lang), "value"),
            ],
            [p(t["slip_scheme"], "label"), p(d.payer_name, "value_bold")],
        ]
        if d.sponsor_name:
            rows.append([p(t["sponsor"], "label"), p(d.sponsor_name, "value")])
        billed_row = len(rows)
        rows += [
            [p(t["slip_billed"], "label"), p(rupiah(d.amount, d.lang), "value_bold")],
            [p(t["breakdown"], "label"), self._breakdown()],
        ]
        rows += self.relief_rows()
        rows.append([p(t["event"], "label"), p(d.event_name, "value")])
        table = self.label_table(
            rows, ("LINEABOVE", (0, billed_row), (-1, billed_row), 0.6, RULE)
        )
        return [self.gap(2.5), table]


def render_registration_slip(data: ReceiptData, fmt: str = "a6") -> bytes:
    """A one-page PDF registration slip for a sponsored payment, `a6` or `80mm`."""
    if data.method != "sponsor":
        raise ValueError("a registration slip is for a payment a sponsor makes")
    return render_receipt(data, fmt, builder=_Slip)


def render_payment_document(data: ReceiptData, fmt: str = "a6") -> bytes:
    """What the desk prints for a payment: a kwitansi for money taken at the desk, a
    registration slip when a sponsor pays."""
    if data.method == "sponsor":
        return render_registration_slip(data, fmt)
    return render_receipt(data, fmt)
