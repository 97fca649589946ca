"""Correcting a saved enrolment's birth date to a KTP date unlike the NIK's digits follows the
enrolment's rule: refused until a supervisor who saw the KTP approves it, once; the approval
is checked inside the write lock, kept in the audit trail and sent with the correction.
Every person here is made up."""

from __future__ import annotations

import json
from datetime import date

import pytest

from models import enrolments as en
from models.corrections import correct_enrolment
from models.errors import ERROR, ValidationError
from services.approvals import check_supervisor
from services.records import check_correction, correct
from tests.helpers import fixed_clock, person

KTP_DATE = date(1990, 8, 19)  # person()'s NIK digits say 17-08-1990


@pytest.fixture
def saved(db, ref, event, officer):
    return en.enrol(db, ref, event.id, person(), officer, fixed_clock)


def queued(db, cid: str) -> dict:
    row = db.execute("SELECT payload FROM outbox WHERE id = ?", [cid]).fetchone()
    return json.loads(row[0])


def approvals(db) -> list:
    rows = db.execute(
        "SELECT officer_id, record_id, detail FROM audit WHERE action = 'approve' ORDER BY id"
    ).fetchall()
    return [(a, r, json.loads(d)) for a, r, d in rows]


def test_without_approval_a_supervisor_is_asked_for(db, ref, saved, officer) -> None:
    with pytest.raises(ValidationError) as caught:
        correct_enrolment(
            db, ref, saved.enrolment_id, {"birth_date": KTP_DATE}, "Sesuai KTP", officer,
            fixed_clock,
        )  # fmt: skip
    [p] = caught.value.problems
    assert (p.field, p.code, p.severity) == ("birth_date", "nik_birth_date_needs_approval", ERROR)
    assert "supervisor" in p.message("id") and "supervisor" in p.message("en")
    assert db.execute("SELECT COUNT(*) FROM corrections").fetchone() == (0,)


def test_approved_the_ktp_date_is_kept_sent_and_audited(
    db, ref, saved, officer, supervisor
) -> None:
    cid = correct_enrolment(
        db, ref, saved.enrolment_id, {"birth_date": KTP_DATE}, "Sesuai KTP", officer,
        fixed_clock, birth_date_approved_by=supervisor,
    )  # fmt: skip
    record = en.get_enrolment(db, saved.enrolment_id)
    assert record is not None and record.birth_date == "1990-08-19"
    payload = queued(db, cid)
    assert payload["changes"] == {"birth_date": "1990-08-19"}
    assert payload["birth_date_differs_from_nik"] is True
    assert payload["approved_by"] == supervisor
    assert approvals(db) == [
        (
            supervisor,
            saved.enrolment_id,
            {"action": "birth_date_differs_from_nik", "correction_id": cid},
        )
    ]


@pytest.mark.parametrize("approver", ["sari", "nobody"])
def test_only_an_active_supervisor_approves(db, ref, saved, officer, approver) -> None:
    with pytest.raises(ValidationError) as caught:
        correct_enrolment(
            db, ref, saved.enrolment_id, {"birth_date": KTP_DATE}, "Sesuai KTP", officer,
            fixed_clock, birth_date_approved_by=approver,
        )  # fmt: skip
    assert {(p.field, p.code) for p in caught.value.problems} == {
        ("birth_date", "needs_supervisor")
    }
    assert db.execute("SELECT COUNT(*) FROM corrections").fetchone() == (0,)


def test_an_approval_of_an_agreeing_date_is_not_carried(
    db, ref, event, officer, supervisor
) -> None:
    # Enrolled with the KTP date, then corrected back to the NIK's date: nothing to approve.
    inp = person(birth_date=KTP_DATE, birth_date_approved_by=supervisor)
    saved = en.enrol(db, ref, event.id, inp, officer, fixed_clock)
    before = approvals(db)
    cid = correct_enrolment(
        db, ref, saved.enrolment_id, {"birth_date": date(1990, 8, 17)}, "Sesuai KTP", officer,
        fixed_clock, birth_date_approved_by=supervisor,
    )  # fmt: skip
    payload = queued(db, cid)
    assert "birth_date_differs_from_nik" not in payload and "approved_by" not in payload
    assert approvals(db) == before


def test_other_fields_of_an_approved_record_need_no_new_approval(
    db, ref, event, officer, supervisor
) -> None:
    inp = person(birth_date=KTP_DATE, birth_date_approved_by=supervisor)
    saved = en.enrol(db, ref, event.id, inp, officer, fixed_clock)
    cid = correct_enrolment(
        db, ref, saved.enrolment_id, {"phone": "0813 1111 2222"}, "Nomor baru", officer,
        fixed_clock,
    )  # fmt: skip
    assert "birth_date_differs_from_nik" not in queued(db, cid)


def test_the_services_check_and_save_with_one_approval(db, ref, saved, officer, supervisor) -> None:
    changes = {"birth_date": KTP_DATE}
    with pytest.raises(ValidationError):
        check_correction(db, ref, saved.enrolment_id, changes, "Sesuai KTP", officer, fixed_clock)
    check_correction(
        db, ref, saved.enrolment_id, changes, "Sesuai KTP", officer, fixed_clock,
        birth_date_approved_by=supervisor,
    )  # fmt: skip
    approver = check_supervisor(db, supervisor, "kopi-tubruk-88")
    cid, changed = correct(
        db, ref, saved.enrolment_id, changes, "Sesuai KTP", officer, approver, fixed_clock,
        birth_date_approved_by=approver.id,
    )  # fmt: skip
    assert changed.touches(saved.enrolment_id)
    assert queued(db, cid)["approved_by"] == supervisor
    assert [d["action"] for _, _, d in approvals(db)] == [
        "birth_date_differs_from_nik",
        "correct",
    ]
