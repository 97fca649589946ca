"""A supervisor's approval, one widget everywhere: what it says when the passphrase is
wrong or the account waits, the correction of a record HQ already has, and the audit entry
naming the approving supervisor. Every person here is made up."""

from __future__ import annotations

import json

import pytest

from models import enrolments as en
from models.officers import add_officer, approve, get_officer
from tests.helpers import fixed_clock, person
from ui.screens.record_view import RecordDialog
from ui.screens.register_dialog import RegisterDialog
from ui.widgets.approval import ApprovalBox, ApprovalDialog


def approvals(db) -> list[tuple[str, str, str, dict]]:
    rows = db.execute(
        "SELECT officer_id, record_type, record_id, detail FROM audit WHERE action = 'approve' "
        "ORDER BY id"
    ).fetchall()
    return [(o, t, r, json.loads(d)) for o, t, r, d in rows]


def test_the_box_lists_active_supervisors_and_checks_the_passphrase(qtbot, session, db, supervisor):
    granted_by = approve(db, supervisor, "kopi-tubruk-88").grant_key  # a supervisor's grant
    add_officer(db, "wati", "Wati Lestari", "supervisor", "teh-manis-pagi-5", grant_key=granted_by)
    from models.officers import deactivate_officer

    deactivate_officer(db, "wati", supervisor)
    box = ApprovalBox(session)
    qtbot.addWidget(box)
    assert [box.supervisor.itemData(i) for i in range(box.supervisor.count())] == [supervisor]
    box.passphrase.setText("salah-sekali-1")
    assert box.approve("Tidak ada yang berubah.") is None
    assert box.message.text() == "Kata sandi supervisor salah. Tidak ada yang berubah."
    assert box.passphrase.text() == ""
    box.passphrase.setText("kopi-tubruk-88")
    approver = box.approve()
    assert approver is not None and approver.id == supervisor


def test_a_signed_in_supervisor_is_preselected_and_still_types(qtbot, session, db, supervisor):
    granted_by = approve(db, supervisor, "kopi-tubruk-88").grant_key  # a supervisor's grant
    add_officer(db, "ani", "Ani Rahma", "supervisor", "gula-aren-tiga-3", grant_key=granted_by)
    session.sign_in(get_officer(db, supervisor))
    box = ApprovalBox(session)
    qtbot.addWidget(box)
    assert box.supervisor.currentData() == supervisor
    assert box.approve() is None  # nothing typed: still refused, and said to be empty
    assert box.message.text() == "Kata sandi supervisor belum diisi."


def test_wrong_tries_make_the_approval_wait(qtbot, session, supervisor):
    box = ApprovalBox(session)
    qtbot.addWidget(box)
    for _ in range(3):
        box.passphrase.setText("salah-sekali-1")
        assert box.approve() is None
    box.passphrase.setText("kopi-tubruk-88")  # right, but too soon
    assert box.approve() is None
    assert box.message.text().startswith("Terlalu banyak kata sandi salah. Tunggu ")


def test_the_approval_dialog_runs_the_action_once_approved(qtbot, session, supervisor):
    done = []
    dialog = ApprovalDialog(session, "Uji", "Sesuatu akan terjadi.", done.append)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("salah-sekali-1")
    dialog.confirm()
    assert done == [] and dialog.message.text().endswith("Belum ada yang diubah.")
    dialog.passphrase.setText("kopi-tubruk-88")
    with qtbot.waitSignal(dialog.accepted):
        dialog.confirm()
    assert [o.id for o in done] == [supervisor] and dialog.approver.id == supervisor


def test_without_a_supervisor_nothing_can_be_approved(qtbot, session):
    dialog = ApprovalDialog(session, "Uji", "Sesuatu.", lambda o: None)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "Belum ada supervisor aktif" in dialog.message.text()


# ---------------------------------------------------------------- correcting a synced record


@pytest.fixture
def saved(db, ref, event, officer):
    return en.enrol(db, ref, event.id, person(), officer, fixed_clock)


def at_hq(db, enrolment_id: str) -> None:
    with db.atomic():
        db.execute("UPDATE outbox SET state = 'synced' WHERE id = ?", [enrolment_id])


def record(qtbot, session, enrolment_id) -> RecordDialog:
    dialog = RecordDialog(session, enrolment_id)
    qtbot.addWidget(dialog)
    return dialog


def test_a_pending_record_is_corrected_without_approval(qtbot, session, saved):
    correction = record(qtbot, session, saved.enrolment_id).open_correction()
    assert correction.approval is None


def test_correcting_a_record_hq_has_needs_a_supervisor(qtbot, session, db, saved, supervisor):
    at_hq(db, saved.enrolment_id)
    view = record(qtbot, session, saved.enrolment_id)
    correction = view.open_correction()
    assert correction.approval is not None

    # Problems with the correction come first, without spending the passphrase.
    correction.approval.passphrase.setText("kopi-tubruk-88")
    correction.save()
    assert correction.errors["reason"].isVisible()
    assert correction.approval.passphrase.text() == "kopi-tubruk-88"

    correction.phone.setText("0813 1111 2222")
    correction.reason.setText("Sesuai KTP")
    correction.approval.passphrase.setText("salah-sekali-1")
    correction.save()
    assert correction.message.text() == "Kata sandi supervisor salah. Koreksi tidak disimpan."
    assert db.execute("SELECT COUNT(*) FROM corrections").fetchone() == (0,)
    assert approvals(db) == []
    assert correction.phone.text() == "0813 1111 2222"  # kept for the next try

    correction.approval.passphrase.setText("kopi-tubruk-88")
    with qtbot.waitSignal(correction.accepted):
        correction.save()
    assert correction.correction_id is not None
    [(by, kind, rid, detail)] = approvals(db)
    assert (by, kind, rid) == (supervisor, "enrolment", saved.enrolment_id)
    assert detail == {
        "action": "correct",
        "correction_id": correction.correction_id,
        "officer_id": "sari",
    }
    texts = [view.history.item(r, 2).text() for r in range(view.history.rowCount())]
    assert texts[-2:] == ["Data dikoreksi", "Koreksi disetujui supervisor"]


def test_a_void_names_the_approving_supervisor(qtbot, session, db, saved, supervisor):
    view = record(qtbot, session, saved.enrolment_id)
    void = view.open_void(saved.payment_id)
    void.reason.setText("Uang dikembalikan")
    void.passphrase.setText("kopi-tubruk-88")
    void.confirm()
    row = db.execute(
        "SELECT void_approved_by FROM payments WHERE id = ?", [saved.payment_id]
    ).fetchone()
    assert row == (supervisor,)


def test_registering_keeps_who_approved(qtbot, session, tasks, db, supervisor):
    class Registration:
        branch_code, numbers_reserved = "MDN01", 500

    dialog = RegisterDialog(session, tasks, register=lambda db, url, code: Registration())
    qtbot.addWidget(dialog)
    dialog.hq_url.setText("https://hq.example.id")
    dialog.code.setText("K7-3QX9")
    dialog.passphrase.setText("kopi-tubruk-88")
    with qtbot.waitSignal(dialog.registered):
        dialog.register()
    [(by, kind, _device, detail)] = approvals(db)
    assert (by, kind, detail["action"]) == (supervisor, "device", "register")
