"""services.records and services.approvals: a supervisor's passphrase is checked before any
write lock is taken, and the approval is kept in the same transaction as the action."""

from __future__ import annotations

import pytest

import services.approvals as approvals
from models import enrolments as en
from models.errors import ValidationError
from services.approvals import check_supervisor
from services.records import check_correction, correct, void
from tests.helpers import fixed_clock, person


@pytest.fixture
def saved(db, ref, event, officer):
    return en.enrol(db, ref, event.id, person(), officer, fixed_clock)


def approval_rows(db):
    return db.execute("SELECT officer_id, record_id FROM audit WHERE action = 'approve'").fetchall()


def test_checking_a_correction_writes_nothing(db, ref, saved, officer):
    before = db.execute("SELECT COUNT(*) FROM audit").fetchone()
    check_correction(db, ref, saved.enrolment_id, {"phone": "0813 1111 2222"}, "KTP", officer)
    assert db.execute("SELECT COUNT(*) FROM corrections").fetchone() == (0,)
    assert db.execute("SELECT COUNT(*) FROM audit").fetchone() == before
    with pytest.raises(ValidationError):
        check_correction(db, ref, saved.enrolment_id, {"phone": "0813 1111 2222"}, "", officer)


def test_the_passphrase_is_checked_outside_a_transaction(db, supervisor, monkeypatch):
    seen = []
    original = approvals.approve

    def watching(db_, supervisor_id, passphrase):
        seen.append(db_.conn.in_transaction)
        return original(db_, supervisor_id, passphrase)

    monkeypatch.setattr(approvals, "approve", watching)
    assert check_supervisor(db, supervisor, "kopi-tubruk-88").id == supervisor
    assert seen == [False]


def test_a_correction_keeps_its_approval(db, ref, saved, officer, supervisor):
    approver = check_supervisor(db, supervisor, "kopi-tubruk-88")
    cid, changed = correct(
        db, ref, saved.enrolment_id, {"phone": "0813 1111 2222"}, "KTP", officer, approver,
        fixed_clock,
    )  # fmt: skip
    assert changed.touches(saved.enrolment_id) and changed.queue
    assert approval_rows(db) == [(supervisor, saved.enrolment_id)]
    assert db.execute("SELECT id FROM corrections").fetchall() == [(cid,)]


def test_a_void_names_its_approver(db, saved, officer, supervisor):
    approver = check_supervisor(db, supervisor, "kopi-tubruk-88")
    changed = void(
        db, saved.enrolment_id, saved.payment_id, "Uang dikembalikan", officer, approver,
        fixed_clock,
    )  # fmt: skip
    assert changed.records == frozenset({saved.enrolment_id})
    row = db.execute(
        "SELECT void_approved_by FROM payments WHERE id = ?", [saved.payment_id]
    ).fetchone()
    assert row == (supervisor,)
