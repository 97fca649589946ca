"""Payments after enrolment: renewals, overdue months, a list member's first payment and a
new payment after a void, for any enrolment this desk holds. The period follows the months
already paid (a month is never paid twice); a lapsed membership starts again from the
current month. Transfers and QRIS wait for HQ's `payment_status`.

`quote_payment` says what a payment would be (amount, period, discount) without writing;
`record_payment` writes it with its queue row and audit entry, quoting again inside the
write lock so two desks on one data folder never sell the same month twice."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from models import audit, outbox
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import device_code
from models.enrolments.numbering import next_receipts, receipt_number
from models.enrolments.pricing import ordered_programmes, price_months
from models.errors import Problem, SigapError, ValidationError
from models.ids import new_id
from models.officers import require_officer
from models.rates import Contribution, add_months
from models.reference import ReferenceData
from models.signing import standing
from models.validation import clean_short_text
from models.visitors import visitor_paid_until
from models.vocabulary import SELF

CASH, TRANSFER, QRIS = "cash", "transfer", "qris"
#: What a member pays with at the desk; `sponsor` is only ever an enrolment's first payment.
DESK_METHODS = (CASH, TRANSFER, QRIS)
#: Money the desk cannot see arrive offline: unverified until HQ's `payment_status`.
UNVERIFIED_METHODS = (TRANSFER, QRIS)
WAITING, VERIFIED, NOT_RECEIVED = "waiting", "verified", "not_received"
REFERENCE_MAX = 64

#: A payment counts towards the months paid unless it was voided or HQ said the money
#: never arrived (then the member must pay those months again).
_COUNTS = "voided_at IS NULL AND (verification IS NULL OR verification != 'not_received')"


@dataclass(frozen=True)
class Discount:
    rule: str  # the rate rule(s) that lowered the price, e.g. PP50-2025-OTHERS
    amount: int  # rupiah taken off the full price

    def as_payload(self) -> dict[str, Any]:
        return {"rule": self.rule, "amount": self.amount}


@dataclass(frozen=True)
class PaymentQuote:
    """What a payment would be: shown to the officer before saving, and saved as it is."""

    enrolment_id: str
    member_number: str | None
    full_name: str
    programmes: tuple[str, ...]
    months: int
    contribution: Contribution
    discount: Discount | None
    paid_until: date | None  # first day of the last month paid so far; None: none yet
    unpaid_months: int  # months owed up to and including the current one
    restarted: bool  # the membership had lapsed: the period starts with the current month
    lapse_after: int = 3  # unpaid months a membership survives (the rates file's rule)

    @property
    def amount(self) -> int:
        return self.contribution.total

    @property
    def period_start(self) -> date:
        return self.contribution.period_start

    @property
    def period_end(self) -> date:
        return self.contribution.period_end

    @property
    def full_price(self) -> int:
        return self.amount + (self.discount.amount if self.discount else 0)

    def notices(self) -> list[Problem]:
        """What the officer is told before saving (warnings, they do not block)."""
        if self.restarted and self.paid_until is not None:
            return [
                Problem(
                    "months",
                    "payment_restarts_lapsed",
                    {
                        "paid_until": _month_text(self.paid_until),
                        "start": self.period_text,
                        "lapse_after": self.lapse_after,
                    },
                    severity="warning",
                )
            ]
        return []

    @property
    def period_text(self) -> str:
        return _month_text(self.period_start)


@dataclass(frozen=True)
class SavedPayment:
    payment_id: str
    receipt_number: str
    quote: PaymentQuote
    method: str
    reference: str | None

    @property
    def waiting_for_verification(self) -> bool:
        return self.method in UNVERIFIED_METHODS

    def as_dict(self) -> dict[str, Any]:
        q = self.quote
        return {
            "payment_id": self.payment_id,
            "receipt_number": self.receipt_number,
            "enrolment_id": q.enrolment_id,
            "member_number": q.member_number,
            "amount": q.amount,
            "months": q.months,
            "period_start": _month_text(q.period_start),
            "period_end": _month_text(q.period_end),
            "breakdown": dict(q.contribution.breakdown),
            "discount": q.discount.as_payload() if q.discount else None,
            "method": self.method,
            "reference": self.reference,
            "status": WAITING if self.waiting_for_verification else "paid",
            "restarted": q.restarted,
        }


def _month_text(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _month(text: str) -> date:
    year, month = (int(x) for x in text[:7].split("-"))
    return date(year, month, 1)


def paid_until(db: Database, enrolment_id: str) -> date | None:
    """First day of the last month the enrolment's standing payments cover."""
    last: date | None = None
    for period_start, months in db.execute(
        f"SELECT period_start, months FROM payments WHERE enrolment_id = ? AND {_COUNTS}",
        [enrolment_id],
    ).fetchall():
        end = add_months(_month(str(period_start)), int(months) - 1)
        last = end if last is None or end > last else last
    return last


def _months_paid(db: Database, enrolment_id: str) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for period_start, months in db.execute(
        f"SELECT period_start, months FROM payments WHERE enrolment_id = ? AND {_COUNTS}",
        [enrolment_id],
    ).fetchall():
        start = _month(str(period_start))
        for i in range(int(months)):
            m = add_months(start, i)
            out.add((m.year, m.month))
    return out


def _discount(charged: Contribution) -> Discount | None:
    found = charged.discount()
    return None if found is None else Discount(str(found["rule"]), int(found["amount"]))


def find_member(db: Database, member_number: str, nik: str) -> str:
    """The enrolment of a member number whose NIK is `nik` (both as on the card and KTP),
    enrolled here or a visitor who paid here before; SigapError `member_not_found`
    otherwise, without saying which of the two differed."""
    number = "".join(member_number.split())
    clean_nik = "".join(nik.split())
    row = db.execute(
        "SELECT id FROM enrolments WHERE member_number = ? AND nik = ? UNION ALL "
        "SELECT enrolment_id FROM visiting_members WHERE member_number = ? AND nik = ?",
        [number, clean_nik, number, clean_nik],
    ).fetchone()
    if row is None:
        raise SigapError("member_not_found")
    return str(row[0])


def quote_payment(
    db: Database, ref: ReferenceData, enrolment_id: str, months: int, today: date
) -> PaymentQuote:
    """The next payment of `months` months for an enrolment this desk holds: it starts the
    month after the last one paid (overdue months first), or with the current month when
    nothing is paid yet or the membership lapsed. Raises ValidationError for months the
    rates do not allow, SigapError `enrolment_unknown` for an enrolment not held here."""
    table = ref.rate_table
    if months not in table.months_allowed:
        allowed = ", ".join(str(m) for m in table.months_allowed)
        raise ValidationError([Problem("months", "months_invalid", {"allowed": allowed})])
    row = db.execute(
        "SELECT member_number, full_name, programmes, declared_income, occupation_code "
        "FROM enrolments WHERE id = ? UNION ALL "
        "SELECT member_number, full_name, programmes, declared_income, occupation_code "
        "FROM visiting_members WHERE enrolment_id = ?",
        [enrolment_id, enrolment_id],
    ).fetchone()
    if row is None:
        raise SigapError("enrolment_unknown", enrolment_id=enrolment_id)
    member_number, full_name, programmes_json, income, occupation_code = row
    programmes = ordered_programmes(json.loads(programmes_json))
    current = date(today.year, today.month, 1)
    last = paid_until(db, enrolment_id)
    shown = visitor_paid_until(db, enrolment_id)  # another desk's member: as their card says
    if shown is not None and (last is None or shown > last):
        last = shown
    lapse_after = int(ref.rates.get("lapse_after_unpaid_months", 3))
    restarted = False
    unpaid = 0
    if last is None:
        start = current
    else:
        s = standing(last, today, lapse_after)
        unpaid = s.unpaid_months
        if s.lapsed:
            start, restarted = current, True
        else:
            start = add_months(last, 1)
    # The worker pays at the desk (never a sponsor): priced at the rates and reliefs of each
    # month paid, as HQ recomputes it.
    charged = price_months(
        ref, start, occupation_code=str(occupation_code), income=int(income),
        programmes=programmes, months=months,
    )  # fmt: skip
    paid = _months_paid(db, enrolment_id)
    for i in range(months):  # a void can leave a hole behind a later payment: never refill it
        m = add_months(start, i)
        if (m.year, m.month) in paid:
            raise SigapError("payment_month_paid", month=_month_text(m))
    return PaymentQuote(
        enrolment_id=enrolment_id,
        member_number=member_number,
        full_name=str(full_name),
        programmes=tuple(programmes),
        months=months,
        contribution=charged,
        discount=_discount(charged),
        paid_until=last,
        unpaid_months=unpaid,
        restarted=restarted,
        lapse_after=lapse_after,
    )


def check_method(method: str, reference: str | None) -> tuple[str | None, list[Problem]]:
    """The cleaned reference for a transfer or QRIS (required there), None for cash."""
    if method not in DESK_METHODS:
        return None, [Problem("method", "payment_method_unknown")]
    if method == CASH:
        if reference and reference.strip():
            return None, [Problem("reference", "payment_reference_cash")]
        return None, []
    clean, problems = clean_short_text(reference, "reference", required=True)
    if problems:
        return None, problems
    if len(clean) > REFERENCE_MAX:
        return None, [Problem("reference", "text_too_long", {"max": REFERENCE_MAX})]
    return clean, []


def record_payment(
    db: Database,
    ref: ReferenceData,
    enrolment_id: str,
    months: int,
    method: str,
    reference: str | None,
    officer_id: str,
    clock: Clock = system_clock,
    expected_start: date | None = None,
) -> SavedPayment:
    """Quote and save a payment with its queue row and audit entry. The caller holds the
    write transaction (`write_transaction`), so the quote and the write see the same months.
    `expected_start` is the period the officer was shown: if another save took those months
    meanwhile, nothing is saved (SigapError `payment_period_changed`)."""
    clean_reference, problems = check_method(method, reference)
    if problems:
        raise ValidationError(problems)
    officer = require_officer(db, officer_id)
    now = clock()
    quote = quote_payment(db, ref, enrolment_id, months, now.date())
    if expected_start is not None and quote.period_start != expected_start:
        raise SigapError("payment_period_changed", start=quote.period_text)
    at = rfc3339(now)
    pid = new_id()
    seq = next_receipts(db, 1)[0]
    receipt = receipt_number(device_code(db), seq)
    b = quote.contribution.breakdown
    breakdown = {"JKK": b.get("JKK", 0), "JKM": b.get("JKM", 0), "JHT": b.get("JHT", 0)}
    db.execute(
        "INSERT INTO payments (id, enrolment_id, receipt_seq, receipt_number, amount, months, "
        "period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at, officer_id, "
        "reference, discount_rule, discount_amount) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            pid, enrolment_id, seq, receipt, quote.amount, months, quote.period_text,
            breakdown["JKK"], breakdown["JKM"], breakdown["JHT"], method, SELF, None, at,
            officer.id, clean_reference,
            quote.discount.rule if quote.discount else None,
            quote.discount.amount if quote.discount else 0,
        ],
    )  # fmt: skip
    payload: dict[str, Any] = {
        "payment_id": pid,
        "enrolment_id": enrolment_id,
        "receipt_number": receipt,
        "amount": quote.amount,
        "months": months,
        "period_start": quote.period_text,
        "breakdown": breakdown,
        "method": method,
        "discount": quote.discount.as_payload() if quote.discount else None,
        "received_at": at,
        "officer_id": officer.id,
    }
    if clean_reference is not None:
        payload["reference"] = clean_reference
    outbox.enqueue(db, pid, "payment", at, payload)
    detail: dict[str, Any] = {"receipt": receipt, "months": months, "period": quote.period_text}
    if quote.restarted:
        detail["restarted"] = True
    audit.log(db, at, officer.id, "create", "payment", pid, detail)
    return SavedPayment(pid, receipt, quote, method, clean_reference)


# ------------------------------------------------------------------ what HQ said


@dataclass(frozen=True)
class PaymentStatus:
    """One `payment_status` change from HQ: what became of a transfer or QRIS payment."""

    payment_id: str
    status: str  # verified | not_received
    message: str | None


def apply_payment_statuses(db: Database, changes: Sequence[PaymentStatus], at: str) -> int:
    """Mark transfer and QRIS payments verified or not received, in the caller's
    transaction. A change for anything but such a payment of this desk is ignored, as is
    an unknown status. Returns how many payments changed."""
    done = 0
    for c in changes:
        if c.status not in (VERIFIED, NOT_RECEIVED):
            continue
        changed = db.execute(
            "UPDATE payments SET verification = ?, verification_message = ?, verified_at = ? "
            "WHERE id = ? AND method IN ('transfer', 'qris') "
            "AND (verification IS NULL OR verification != ?) "
            "AND EXISTS (SELECT 1 FROM outbox o WHERE o.id = payments.id AND o.type = 'payment')",
            [c.status, c.message, at, c.payment_id, c.status],
        ).rowcount
        if changed:
            audit.log(db, at, None, "hq_" + c.status, "payment", c.payment_id)
            done += 1
    return done


@dataclass(frozen=True)
class PayAgain:
    """A transfer or QRIS payment HQ says never arrived: the member must pay again."""

    payment_id: str
    receipt_number: str
    enrolment_id: str
    full_name: str
    member_number: str | None
    amount: int
    months: int
    period_start: str
    method: str
    reference: str | None
    message: str | None


def payments_not_received(db: Database) -> list[PayAgain]:
    """Every payment HQ reported not received (and not voided since), oldest first."""
    return [
        PayAgain(*row)
        for row in db.execute(
            "SELECT p.id, p.receipt_number, p.enrolment_id, "
            "COALESCE(e.full_name, v.full_name), COALESCE(e.member_number, v.member_number), "
            "p.amount, p.months, p.period_start, p.method, p.reference, p.verification_message "
            "FROM payments p LEFT JOIN enrolments e ON e.id = p.enrolment_id "
            "LEFT JOIN visiting_members v ON v.enrolment_id = p.enrolment_id "
            "WHERE p.verification = 'not_received' AND p.voided_at IS NULL "
            "ORDER BY p.receipt_seq"
        ).fetchall()
    ]


def verification_of(method: str, verification: str | None) -> str | None:
    """`waiting`, `verified` or `not_received` for a transfer or QRIS; None for cash and
    sponsored payments, which need no verification."""
    if method not in UNVERIFIED_METHODS:
        return None
    return verification or WAITING
