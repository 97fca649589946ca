"""Taking a payment after enrolment at the desk (window and command line alike): find the
member, show what the payment would be, save it with its receipt number."""

from __future__ import annotations

from datetime import date

from models import payments
from models.clock import Clock, system_clock
from models.database import Database
from models.db import write_transaction
from models.errors import SigapError
from models.payments import PaymentQuote, SavedPayment
from models.reference import ReferenceData
from models.signing import check_card
from models.visitors import VisitorInput, held_here, read_card, record_visitor
from services.changes import Changes


def member_from_card(db: Database, text: str, today: date) -> str:
    """The enrolment a scanned card's QR text names, when it is genuine and this desk holds
    the enrolment; SigapError with the card check's reason otherwise."""
    result = check_card(db, text, today)
    if not result.genuine:
        raise SigapError(result.why)
    if result.enrolment_id is None or result.why == "card_enrolment_missing":
        raise SigapError("member_not_found")
    return result.enrolment_id


def member_by_number(db: Database, member_number: str, nik: str) -> str:
    """The enrolment of a member number and NIK typed from the card and the KTP."""
    return payments.find_member(db, member_number, nik)


def quote(
    db: Database,
    ref: ReferenceData,
    enrolment_id: str,
    months: int,
    clock: Clock = system_clock,
) -> PaymentQuote:
    """What the payment would be (amount, period, discount, a lapsed membership's restart):
    shown to the officer before saving. Writes nothing."""
    return payments.quote_payment(db, ref, enrolment_id, months, clock().date())


def pay(
    db: Database,
    ref: ReferenceData,
    enrolment_id: str,
    months: int,
    officer_id: str,
    method: str = payments.CASH,
    reference: str | None = None,
    clock: Clock = system_clock,
    expected_start: date | None = None,
) -> tuple[SavedPayment, Changes]:
    """Save the payment (quoted again inside the write lock). `expected_start` is the first
    month the officer was shown; when another save took it meanwhile nothing is saved."""
    with write_transaction(db):
        saved = payments.record_payment(
            db, ref, enrolment_id, months, method, reference, officer_id, clock,
            expected_start=expected_start,
        )  # fmt: skip
    return saved, Changes(records=frozenset({enrolment_id}), queue=True)


def card_held_here(db: Database, text: str) -> bool:
    """Whether the enrolment a card names is one this desk holds (else the member is another
    desk's, a visitor). SigapError `card_not_sigap` for text that is no Sigap card."""
    return held_here(db, read_card(text).enrolment_id)


def pay_visitor(
    db: Database,
    ref: ReferenceData,
    card_text: str,
    member: VisitorInput,
    event_id: str,
    months: int,
    officer_id: str,
    method: str = payments.CASH,
    reference: str | None = None,
    clock: Clock = system_clock,
) -> tuple[SavedPayment, Changes]:
    """A payment for a member whose enrolment another desk holds: what the officer read
    from their card, KTP and last receipt is kept with the payment, in one transaction (or
    neither). The payment names the enrolment of the card; HQ recomputes it."""
    card = read_card(card_text)
    with write_transaction(db):
        enrolment_id = record_visitor(db, ref, card, member, event_id, officer_id, clock)
        saved = payments.record_payment(
            db, ref, enrolment_id, months, method, reference, officer_id, clock
        )
    return saved, Changes(records=frozenset({enrolment_id}), queue=True)


class _Rehearsal(Exception):
    """Raised to roll a visitor's quote back once it has been read."""


def quote_visitor(
    db: Database,
    ref: ReferenceData,
    card_text: str,
    member: VisitorInput,
    event_id: str,
    months: int,
    officer_id: str,
    clock: Clock = system_clock,
) -> PaymentQuote:
    """What a visitor's payment would be, from what the officer typed so far; nothing is
    kept (the visitor is written and rolled back, so the checks are those of the save).
    Raises what `pay_visitor` would (ValidationError, SigapError)."""
    found: list[PaymentQuote] = []
    card = read_card(card_text)
    try:
        with write_transaction(db):
            enrolment_id = record_visitor(db, ref, card, member, event_id, officer_id, clock)
            found.append(payments.quote_payment(db, ref, enrolment_id, months, clock().date()))
            raise _Rehearsal
    except _Rehearsal:
        pass
    return found[0]
