"""Correcting a birth date to a KTP date unlike the NIK's digits: the dialog warns and a
supervisor approves once (the approval dialog for a record HQ does not have yet, the
dialog's own approval box, with the warning shown first, for one it has). Made-up people."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QDate

from models import enrolments as en
from tests.helpers import fixed_clock, person
from ui.screens.record_view import RecordDialog


@pytest.fixture
def saved(db, ref, event, officer):
    return en.enrol(db, ref, event.id, person(), officer, fixed_clock)


def record(qtbot, session, enrolment_id) -> RecordDialog:
    dialog = RecordDialog(session, enrolment_id)
    qtbot.addWidget(dialog)
    return dialog


def correction_payloads(db) -> list[dict]:
    rows = db.execute(
        "SELECT payload FROM outbox WHERE type = 'enrolment_correction' ORDER BY rowid"
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def approvals(db) -> list[tuple[str, str]]:
    rows = db.execute(
        "SELECT officer_id, detail FROM audit WHERE action = 'approve' ORDER BY id"
    ).fetchall()
    return [(by, json.loads(detail)["action"]) for by, detail in rows]


def test_a_pending_record_asks_the_supervisor_once(qtbot, session, db, saved, supervisor):
    view = record(qtbot, session, saved.enrolment_id)
    correction = view.open_correction()
    correction.birth_date.setDate(QDate(1990, 8, 19))  # the KTP's date; the NIK says 17-08
    correction.reason.setText("Sesuai KTP")
    correction.save()
    dialog = correction.birth_date_dialog
    assert dialog is not None and dialog.isVisible()
    assert "supervisor" in correction.errors["birth_date"].text()
    assert correction_payloads(db) == []
    dialog.passphrase.setText("salah-sekali-1")
    dialog.confirm()
    assert dialog.isVisible() and correction_payloads(db) == []
    dialog.passphrase.setText("kopi-tubruk-88")
    with qtbot.waitSignal(correction.accepted):
        dialog.confirm()
    [payload] = correction_payloads(db)
    assert payload["changes"] == {"birth_date": "1990-08-19"}
    assert payload["birth_date_differs_from_nik"] is True
    assert payload["approved_by"] == supervisor
    assert approvals(db) == [(supervisor, "birth_date_differs_from_nik")]
    assert en.get_enrolment(db, saved.enrolment_id).birth_date == "1990-08-19"
    history = [view.history.item(r, 2).text() for r in range(view.history.rowCount())]
    assert history[-2:] == ["Data dikoreksi", "Tanggal lahir KTP disetujui supervisor"]


def test_a_record_at_hq_warns_then_one_approval_covers_both(
    qtbot, session, db, saved, supervisor
):
    with db.atomic():
        db.execute("UPDATE outbox SET state = 'synced' WHERE id = ?", [saved.enrolment_id])
    correction = record(qtbot, session, saved.enrolment_id).open_correction()
    assert correction.approval is not None
    correction.birth_date.setDate(QDate(1990, 8, 19))
    correction.reason.setText("Sesuai KTP")
    correction.approval.passphrase.setText("kopi-tubruk-88")
    correction.save()  # first the warning, the passphrase not yet spent
    assert "KTP" in correction.errors["birth_date"].text()
    assert correction.approval.passphrase.text() == "kopi-tubruk-88"
    assert correction_payloads(db) == []
    with qtbot.waitSignal(correction.accepted):
        correction.save()
    [payload] = correction_payloads(db)
    assert (payload["birth_date_differs_from_nik"], payload["approved_by"]) == (True, supervisor)
    assert approvals(db) == [
        (supervisor, "birth_date_differs_from_nik"),
        (supervisor, "correct"),
    ]
