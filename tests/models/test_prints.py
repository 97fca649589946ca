"""The print log."""

from __future__ import annotations

import pytest

from models.db import IntegrityError
from models.enrolments import enrol
from models.prints import enrolments_without_card, log_print, next_copy_number, prints_for
from tests.helpers import fixed_clock, person


def test_first_print_is_copy_one_and_reprints_count_up(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    assert next_copy_number(db, "receipt", saved.payment_id) == 1
    assert log_print(db, "receipt", saved.payment_id, officer, fixed_clock) == 1
    assert log_print(db, "receipt", saved.payment_id, officer, fixed_clock) == 2
    assert log_print(db, "card", saved.enrolment_id, officer, fixed_clock) == 1
    entries = prints_for(db, [saved.enrolment_id, saved.payment_id])
    assert [(e.kind, e.copy_number) for e in entries] == [
        ("receipt", 1),
        ("receipt", 2),
        ("card", 1),
    ]
    assert all(e.officer_id == officer and e.printed_at.startswith("2026-11-22") for e in entries)
    audit = db.execute("SELECT action, record_type FROM audit WHERE action = 'print'").fetchall()
    assert audit == [("print", "receipt"), ("print", "receipt"), ("print", "card")]


def test_enrolments_without_card_and_log_never_deleted(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    assert enrolments_without_card(db, event.id) == [saved.enrolment_id]
    log_print(db, "card", saved.enrolment_id, officer, fixed_clock)
    assert enrolments_without_card(db, event.id) == []
    with pytest.raises(IntegrityError):
        with db.atomic():
            db.execute("DELETE FROM print_log")
    with pytest.raises(ValueError):
        log_print(db, "poster", saved.enrolment_id, officer, fixed_clock)
