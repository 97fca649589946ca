"""Changing a saved enrolment: a correction (a new record, never an overwrite; approved by
a supervisor once HQ has the record) and the void of a payment (always approved)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from models import corrections, enrolments
from models.clock import Clock, system_clock
from models.database import Database
from models.db import write_transaction
from models.errors import ERROR, Problem
from models.officers import Officer
from models.reference import ReferenceData
from models.validation import clean_short_text
from services.approvals import record_approval
from services.changes import Changes


class _Rehearsal(Exception):
    """Raised to roll a correction back once it has been checked."""


def check_correction(
    db: Database,
    ref: ReferenceData,
    enrolment_id: str,
    changes: Mapping[str, Any],
    reason: str,
    officer_id: str,
    clock: Clock = system_clock,
    birth_date_approved_by: str | None = None,
) -> None:
    """Raise what `correct` would raise (ValidationError with every problem, SigapError),
    writing nothing: a correction is checked before a supervisor's passphrase is spent.
    A new birth date unlike the NIK's digits is `nik_birth_date_needs_approval` until
    `birth_date_approved_by` names the supervisor who saw the KTP."""
    try:
        with write_transaction(db):
            corrections.correct_enrolment(
                db, ref, enrolment_id, changes, reason, officer_id, clock, birth_date_approved_by
            )
            raise _Rehearsal
    except _Rehearsal:
        return


def correct(
    db: Database,
    ref: ReferenceData,
    enrolment_id: str,
    changes: Mapping[str, Any],
    reason: str,
    officer_id: str,
    approver: Officer | None = None,
    clock: Clock = system_clock,
    birth_date_approved_by: str | None = None,
) -> tuple[str, Changes]:
    """Save a correction; with `approver` (checked by `services.approvals.check_supervisor`
    beforehand) its approval is recorded in the same transaction, or neither is kept.
    `birth_date_approved_by`: the supervisor who saw the KTP of a new birth date unlike the
    NIK's digits (one approval may cover both). Returns the correction's id and what
    changed."""
    with write_transaction(db):
        correction_id = corrections.correct_enrolment(
            db, ref, enrolment_id, changes, reason, officer_id, clock, birth_date_approved_by
        )
        if approver is not None:
            record_approval(
                db, approver.id, "correct", "enrolment", enrolment_id, clock,
                correction_id=correction_id, officer_id=officer_id,
            )  # fmt: skip
    return correction_id, Changes(records=frozenset({enrolment_id}), queue=True)


def needs_birth_date_approval(problems: list[Problem]) -> bool:
    """Whether the only thing stopping a correction is a new birth date unlike the NIK's
    digits: then a supervisor who sees the KTP approves it, once, and it is saved."""
    errors = [p for p in problems if p.severity == ERROR]
    return bool(errors) and all(p.code == "nik_birth_date_needs_approval" for p in errors)


def check_void_reason(reason: str) -> list[Problem]:
    """The reason's problems, checked before the supervisor's passphrase is spent."""
    _, problems = clean_short_text(reason, "reason", required=True)
    return problems


def void(
    db: Database,
    enrolment_id: str,
    payment_id: str,
    reason: str,
    officer_id: str,
    approver: Officer,
    clock: Clock = system_clock,
) -> Changes:
    """Void a payment of `enrolment_id` with the approval of `approver` (checked by
    `services.approvals.check_supervisor` beforehand); the void names its approver."""
    with write_transaction(db):
        enrolments.void_payment(db, payment_id, reason, officer_id, approver.id, clock)
    return Changes(records=frozenset({enrolment_id}), queue=True)
