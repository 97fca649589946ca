"""HQ's rules for payments (hq-api.md revision 2): sane bounds, the amount recomputed from
the enrolment and the rates in force for each month paid (`amount_mismatch`), a month never
paid twice, a payment naming another desk's enrolment only when it is an active member, and
the `payment_status` changes that tell a desk what became of a transfer or QRIS."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from hq.db import Connection
from hq.rules import Refusal, invalid, unknown
from hq.store import Store, StoreError
from models.enrolments.pricing import price_months
from models.rates import PROGRAMMES, Contribution, add_months
from models.reference import ReferenceData
from models.vocabulary import SPONSOR

#: At most a year a payment (issue: 100,000 months for Rp999,999,999,999,999 was accepted).
MAX_MONTHS = 12
UNVERIFIED_METHODS = ("transfer", "qris")
PAYMENT_STATUSES = ("verified", "not_received")

# A payment's months count as paid unless it was voided or its money never arrived.
STANDING = "void_id IS NULL AND (verification IS NULL OR verification != 'not_received')"


def _month(text: str) -> date:
    year, month = (int(x) for x in text.split("-"))
    return date(year, month, 1)


def expected_price(
    ref: ReferenceData, enrolment: Mapping[str, Any], payload: Mapping[str, Any]
) -> Contribution | None:
    """What HQ charges for the payment's months, from the enrolment as HQ holds it (declared
    income, programmes, occupation, payer) and the rates of each month; None when the
    enrolment cannot be priced (then no amount is right)."""
    income = enrolment.get("declared_income")
    programmes = enrolment.get("programmes")
    occupation = enrolment.get("occupation_code")
    if not isinstance(income, int) or isinstance(income, bool) or income < 0:
        return None
    if not isinstance(programmes, list) or not isinstance(occupation, str):
        return None
    sponsor_type = None
    if payload.get("method") == SPONSOR:
        payer = enrolment.get("payer")
        code = payer.get("scheme_code") if isinstance(payer, dict) else None
        scheme = ref.schemes.get(code) if isinstance(code, str) else None
        if scheme is None:
            return None
        sponsor_type = scheme.sponsor_type
        programmes = list(scheme.programmes)
    try:
        return price_months(
            ref,
            _month(str(payload["period_start"])),
            occupation_code=occupation,
            income=income,
            programmes=[str(p) for p in programmes],
            months=int(payload["months"]),
            sponsor_type=sponsor_type,
        )
    except (LookupError, ValueError, TypeError):
        return None


def _amount_mismatch(expected: Contribution | None) -> Refusal:
    if expected is None:
        return Refusal(
            "amount_mismatch", "amount", "HQ cannot price this payment from the enrolment it holds."
        )
    parts = ", ".join(f"{p} {expected.breakdown.get(p, 0)}" for p in PROGRAMMES)
    return Refusal(
        "amount_mismatch",
        "amount",
        f"HQ computes {expected.total} rupiah for these months ({parts}) from the enrolment "
        "and the rates in force for each month paid.",
    )


class PaymentFacts:
    """What deciding a payment reads: the enrolment it names and the months already paid
    for it, a query each. A push answers them for its whole batch (`hq.lookups`)."""

    def __init__(self, db: Connection) -> None:
        self.db = db

    def enrolment(self, enrolment_id: str) -> tuple[Any, ...] | None:
        """(device_id, status, data) of the enrolment."""
        return self.db.execute(
            "SELECT device_id, status, data FROM enrolments WHERE id = ?", [enrolment_id]
        ).fetchone()

    def paid(self, enrolment_id: str) -> list[tuple[Any, ...]]:
        """(period_start, months) of each of its payments that still stands."""
        return self.db.execute(
            f"SELECT period_start, months FROM payments WHERE enrolment_id = ? AND {STANDING}",
            [enrolment_id],
        ).fetchall()


def payment_refusal(
    db: Connection,
    ref: ReferenceData,
    device_id: str,
    payload: Mapping[str, Any],
    facts: PaymentFacts | None = None,
) -> Refusal | None:
    """Why HQ refuses a well-formed payment, or None. The caller has checked its shape
    (`rules.payment_problems`) and that the enrolment it names is kept."""
    facts = facts or PaymentFacts(db)
    months = int(payload["months"])
    if months > MAX_MONTHS:
        return invalid("months", f"A payment pays 1 to {MAX_MONTHS} months.")
    row = facts.enrolment(payload["enrolment_id"])
    if row is None:
        return unknown("enrolment_id", "HQ holds no enrolment with this id.")
    owner, status, data = row
    if owner != device_id and status != "active":
        # A member pays at whichever desk they find, but only as a member HQ holds.
        return unknown("enrolment_id", "This enrolment is not an active member at HQ.")
    enrolment = json.loads(data) if isinstance(data, str) else {}
    expected = expected_price(ref, enrolment, payload)
    breakdown = payload["breakdown"]
    sent = {p: int(breakdown.get(p, 0)) for p in PROGRAMMES}
    if (
        expected is None
        or expected.total != payload["amount"]
        or sent != {p: expected.breakdown.get(p, 0) for p in PROGRAMMES}
    ):
        return _amount_mismatch(expected)
    start = _month(str(payload["period_start"]))
    wanted = {add_months(start, i) for i in range(months)}
    for other_start, other_months in facts.paid(payload["enrolment_id"]):
        first = _month(str(other_start))
        taken = {add_months(first, i) for i in range(int(other_months))} & wanted
        if taken:
            month = min(taken)
            return invalid(
                "period_start", f"{month.year:04d}-{month.month:02d} is already paid at HQ."
            )
    return None


def verification_for(payload: Mapping[str, Any]) -> str | None:
    """`waiting` for a transfer or QRIS (unverified until the branch decides), else None."""
    return "waiting" if payload.get("method") in UNVERIFIED_METHODS else None


def reference_of(payload: Mapping[str, Any]) -> str | None:
    value = payload.get("reference")
    return value[:200] if isinstance(value, str) else None


# ------------------------------------------------------------ payment_status


def waiting_payments(store: Store) -> list[dict[str, Any]]:
    """Transfer and QRIS payments HQ has not verified yet, oldest first: what the operator
    checks against the bank or the QRIS provider."""
    rows = store.db.execute(
        "SELECT p.id, p.device_id, p.enrolment_id, p.amount, p.method, p.reference, "
        "p.period_start, p.months FROM payments p JOIN records r ON r.id = p.id "
        "WHERE p.verification = 'waiting' AND p.void_id IS NULL ORDER BY r.received_at, p.id"
    ).fetchall()
    keys = ("payment_id", "device_id", "enrolment_id", "amount", "method", "reference")
    return [
        {**dict(zip(keys, r[:6], strict=True)), "period_start": r[6], "months": r[7]}
        for r in rows
    ]


def set_payment_status(
    store: Store, payment_id: str, status: str, message: str | None = None
) -> dict[str, Any]:
    """The operator's decision on a transfer or QRIS payment (checked against the bank or
    the QRIS provider): `verified` or `not_received`. The desk that took it hears of it
    through /sync/changes; a payment not received leaves its months unpaid, and a voided
    one is no longer decided."""
    if status not in PAYMENT_STATUSES:
        raise StoreError(f"status is one of {', '.join(PAYMENT_STATUSES)}")
    with store.write() as db:
        row = db.execute(
            "UPDATE payments SET verification = verification WHERE id = ? "
            "RETURNING device_id, method, verification, void_id",
            [payment_id],
        ).fetchone()
        if row is None:
            raise StoreError(f"no accepted payment with id {payment_id}")
        device_id, method, current, void_id = row
        if method not in UNVERIFIED_METHODS:
            raise StoreError(f"payment {payment_id} is {method}: only transfers and QRIS wait")
        if void_id is not None:
            raise StoreError(f"payment {payment_id} was voided")
        if current == status:
            raise StoreError(f"payment {payment_id} is already {status}")
        now = store.now()
        db.execute("UPDATE payments SET verification = ? WHERE id = ?", [status, payment_id])
        # The device's row lock orders the transactions writing its changes (see reviews).
        db.execute(
            "UPDATE devices SET changes_written = changes_written + 1 WHERE id = ?", [device_id]
        )
        found = db.execute(
            "INSERT INTO changes (device_id, record_id, kind, member_number, status, message, "
            "created_at) VALUES (?, ?, 'payment_status', NULL, ?, ?, ?) RETURNING cursor",
            [device_id, payment_id, status, message, now],
        ).fetchone()
        assert found is not None
        return {
            "cursor": str(found[0]),
            "record_id": payment_id,
            "kind": "payment_status",
            "status": status,
            "message": message,
        }
