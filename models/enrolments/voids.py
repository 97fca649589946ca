"""Voiding a payment: never deleted, marked with a reason and a supervisor's approval, and
told to HQ."""

from __future__ import annotations

from models import audit, outbox
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.errors import SigapError, ValidationError
from models.ids import new_id
from models.officers import require_officer
from models.validation import clean_short_text


def void_payment(
    db: Database,
    payment_id: str,
    reason: str,
    officer_id: str,
    approved_by: str,
    clock: Clock = system_clock,
) -> None:
    """A payment is never deleted: voiding marks it, with a reason and a supervisor's approval,
    and queues a `payment_void` record for HQ."""
    officer = require_officer(db, officer_id)
    supervisor = require_officer(db, approved_by)
    if not supervisor.is_supervisor:
        raise SigapError("void_needs_supervisor")
    clean_reason, problems = clean_short_text(reason, "reason", required=True)
    if problems:
        raise ValidationError(problems)
    row = db.execute("SELECT voided_at FROM payments WHERE id = ?", [payment_id]).fetchone()
    if row is None:
        raise SigapError("payment_unknown", payment_id=payment_id)
    if row[0] is not None:
        raise SigapError("payment_already_void", payment_id=payment_id)
    at = rfc3339(clock())
    with db.atomic():
        db.execute(
            "UPDATE payments SET voided_at = ?, void_reason = ?, void_officer_id = ?, "
            "void_approved_by = ? WHERE id = ?",
            [at, clean_reason, officer.id, supervisor.id, payment_id],
        )
        outbox.enqueue(
            db,
            new_id(),
            "payment_void",
            at,
            {
                "payment_id": payment_id,
                "reason": clean_reason,
                "voided_at": at,
                "officer_id": officer.id,
                "approved_by": supervisor.id,
            },
        )
        audit.log(db, at, officer.id, "void", "payment", payment_id, {"approved_by": supervisor.id})
