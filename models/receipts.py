"""Receipts: what a receipt shows, read from the payment and what it belongs to. Printing
one (logged first, so its copy number and SALINAN mark come from the print log) is
`services.printing`'s."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from models.database import Database
from models.db import get_setting
from models.errors import SigapError
from models.member_numbers import member_reference
from models.messages import LANGUAGES
from models.nik import mask_nik
from models.payments import verification_of
from models.prints import next_copy_number
from models.rates import PROGRAMMES, add_months
from models.reference import ReferenceData

# Bea meterai is due on receipts for more than this amount (UU 10/2020).
STAMP_DUTY_THRESHOLD = 5_000_000
METHODS = ("cash", "transfer", "sponsor", "qris")


@dataclass(frozen=True)
class ReceiptData:
    """Everything one receipt shows. The NIK is only ever here masked."""

    receipt_number: str
    place: str  # where it was received: the event's city or regency
    received_at: datetime
    payer_name: str  # the member, or the sponsor scheme when a sponsor pays
    amount: int
    breakdown: Mapping[str, int]  # programme → rupiah for all months paid
    programmes: tuple[str, ...]
    months: int
    period_start: date  # the first month paid
    period_end: date  # the last month paid
    officer_name: str
    officer_id: str
    branch_code: str
    event_name: str
    # The final number, or the provisional `P-…` one (models.member_numbers), shown
    # through models.messages.member_number_text.
    member_number: str | None
    nik_masked: str
    method: str  # cash | transfer | sponsor
    lang: str = "id"
    copy_number: int = 1  # 1 is the original; later prints are copies (SALINAN)
    void_reason: str | None = None
    member_name: str | None = None  # the member a sponsor pays for
    sponsor_name: str | None = None  # who funds the scheme (for example a city budget)
    # transfer and QRIS: waiting | verified | not_received (HQ's payment_status); None for
    # cash and sponsor payments. Such a receipt never says the money is in.
    verification: str | None = None
    reference: str | None = None  # the payer's transaction reference (transfer, QRIS)
    # A relief lowered the price (PP 50/2025): rupiah taken off and the regulation named;
    # `amount` is what was charged, `amount + discount_amount` the full price.
    discount_amount: int = 0
    discount_regulation: str | None = None

    def __post_init__(self) -> None:
        digits = self.nik_masked.replace(" ", "")
        if digits.isdigit():
            raise ValueError("a receipt shows the NIK masked, never in full")
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown receipt language {self.lang!r}")
        if sum(self.breakdown.values()) != self.amount:
            raise ValueError("the breakdown does not add up to the amount")
        if self.copy_number < 1:
            raise ValueError("copy numbers start at 1")
        if self.method not in METHODS:
            raise ValueError(f"unknown payment method {self.method!r}")

    @property
    def stamp_duty_due(self) -> bool:
        return self.amount > STAMP_DUTY_THRESHOLD


_QUERY = """
SELECT p.id, p.receipt_number, p.amount, p.months, p.period_start, p.jkk, p.jkm, p.jht,
       p.method, p.payer_type, p.scheme_code, p.received_at, p.officer_id, o.name,
       p.voided_at, p.void_reason, p.verification, p.reference,
       p.discount_rule, p.discount_amount,
       COALESCE(e.full_name, v.full_name), COALESCE(e.member_number, v.member_number),
       COALESCE(e.nik, v.nik), COALESCE(e.programmes, v.programmes),
       ev.name, ev.location, ev.region_code, ev.branch_code, p.enrolment_id
FROM payments p
LEFT JOIN enrolments e ON e.id = p.enrolment_id
LEFT JOIN visiting_members v ON v.enrolment_id = p.enrolment_id  -- another desk's member
JOIN events ev ON ev.id = COALESCE(e.event_id, v.event_id)
LEFT JOIN officers o ON o.id = p.officer_id
WHERE p.receipt_number = ?
"""


def _clean_number(receipt_number: str) -> str:
    return receipt_number.strip().upper()


def payment_for_receipt(db: Database, receipt_number: str) -> str:
    """The payment id behind a receipt number; SigapError `receipt_unknown` if none."""
    return receipt_owner(db, receipt_number)[0]


def receipt_owner(db: Database, receipt_number: str) -> tuple[str, str]:
    """The payment id and enrolment id behind a receipt number; SigapError
    `receipt_unknown` if none."""
    number = _clean_number(receipt_number)
    row = db.execute(
        "SELECT id, enrolment_id FROM payments WHERE receipt_number = ?", [number]
    ).fetchone()
    if row is None:
        raise SigapError("receipt_unknown")
    return str(row[0]), str(row[1])


def receipt_data(
    db: Database,
    ref: ReferenceData,
    receipt_number: str,
    lang: str = "id",
    copy_number: int | None = None,
) -> ReceiptData:
    """Everything the receipt shows. `copy_number` defaults to the one the next print will
    get, so a preview looks like what will come out of the printer."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown receipt language {lang!r}")
    number = _clean_number(receipt_number)
    row = db.execute(_QUERY, [number]).fetchone()
    if row is None:
        raise SigapError("receipt_unknown")
    (
        payment_id,
        number,
        amount,
        months,
        period_start,
        jkk,
        jkm,
        jht,
        method,
        payer_type,
        scheme_code,
        received_at,
        officer_id,
        officer_name,
        voided_at,
        void_reason,
        verification,
        reference,
        discount_rule,
        discount_amount,
        full_name,
        member_number,
        nik,
        enrolled_programmes,
        event_name,
        location,
        region_code,
        event_branch,
        enrolment_id,
    ) = row
    breakdown = dict(zip(PROGRAMMES, (int(jkk), int(jkm), int(jht)), strict=True))
    # What this payment paid for is in its own amounts; the enrolment's programmes (which
    # a later payment could change) only fill in when every amount is zero.
    programmes = tuple(code for code in PROGRAMMES if breakdown[code] > 0) or tuple(
        code for code in PROGRAMMES if code in json.loads(enrolled_programmes)
    )
    start = date.fromisoformat(f"{period_start}-01")

    payer_name, member_name, sponsor_name = str(full_name), None, None
    if payer_type != "self":  # the scheme's sponsor type: apbd, company_csr, …
        scheme = ref.schemes.get(scheme_code or "")
        # A scheme HQ has since withdrawn from the reference data still paid: name its code.
        payer_name = scheme.name if scheme else str(scheme_code or "-")
        sponsor_name = (scheme.sponsor_name or None) if scheme else None
        member_name = str(full_name)

    if copy_number is None:
        copy_number = next_copy_number(db, "receipt", payment_id)
    return ReceiptData(
        receipt_number=str(number),
        place=_place(ref, str(region_code), str(location)),
        received_at=datetime.fromisoformat(received_at),
        payer_name=payer_name,
        amount=int(amount),
        breakdown={code: breakdown[code] for code in programmes},
        programmes=programmes,
        months=int(months),
        period_start=start,
        period_end=add_months(start, int(months) - 1),
        officer_name=str(officer_name or officer_id),
        officer_id=str(officer_id),
        # The branch the event belonged to when the money came in; the device's setting
        # only for an event recorded without one.
        branch_code=str(event_branch or get_setting(db, "branch_code") or "-"),
        event_name=str(event_name),
        member_number=member_reference(member_number, enrolment_id),
        nik_masked=mask_nik(str(nik)),
        method=str(method),
        lang=lang,
        copy_number=copy_number,
        void_reason=(str(void_reason or "-") if voided_at is not None else None),
        member_name=member_name,
        sponsor_name=sponsor_name,
        verification=verification_of(str(method), verification),
        reference=reference,
        discount_amount=int(discount_amount or 0),
        discount_regulation=_regulations(ref, discount_rule),
    )


def _regulations(ref: ReferenceData, rule: str | None) -> str | None:
    """The regulations a payment's relief comes from (`PP 50/2025`), as the receipt names
    them; None without a relief."""
    if not rule:
        return None
    names = [ref.rate_table.regulation(r) for r in str(rule).split("+")]
    return ", ".join(dict.fromkeys(names))


def _place(ref: ReferenceData, region_code: str, location: str) -> str:
    """The city or regency the event was in (`Kota Madiun`), as receipts are dated."""
    for region in ref.regions.path(region_code):
        if region.level == "regency":
            return region.name
    return location
