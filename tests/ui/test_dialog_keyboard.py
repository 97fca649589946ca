"""Supervisor approvals by keyboard: Enter in the passphrase box does what the dialog is for,
Tab follows what is seen (the approval box before the buttons beneath it), and an empty
passphrase is said to be empty, not wrong. Every person here is made up."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from models import enrolments as en
from tests.helpers import fixed_clock, person
from tests.ui.keyboard import Keyboard
from ui.screens.officers_screen import AddOfficerDialog
from ui.screens.record_view import RecordDialog
from ui.screens.register_dialog import RegisterDialog
from ui.widgets.form_rows import tab_chain


@pytest.fixture
def saved(db, ref, event, officer):
    return en.enrol(db, ref, event.id, person(), officer, fixed_clock)


def shown(qtbot, dialog: QWidget) -> QWidget:
    if dialog.parent() is None:  # a child goes with its parent
        qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def voided(db, payment_id: str) -> bool:
    row = db.execute("SELECT void_approved_by FROM payments WHERE id = ?", [payment_id])
    return row.fetchone()[0] is not None


def below(a: QWidget, b: QWidget) -> bool:
    top = a.window()
    return a.mapTo(top, a.rect().topLeft()).y() < b.mapTo(top, b.rect().topLeft()).y()


def test_enter_in_the_void_passphrase_box_voids(qtbot, session, db, saved, supervisor):
    view = RecordDialog(session, saved.enrolment_id)
    qtbot.addWidget(view)
    void = view.open_void(saved.payment_id)
    shown(qtbot, void)
    keys = Keyboard(qtbot, void)
    assert void.focusWidget() is void.reason
    keys.type("Uang dikembalikan")
    keys.press(Qt.Key.Key_Tab)
    assert void.focusWidget() is void.supervisor  # the approval box, not the buttons
    keys.press(Qt.Key.Key_Tab)
    assert void.focusWidget() is void.passphrase
    keys.enter()  # nothing typed yet: said so, and nothing voided
    assert void.message.text().startswith("Kata sandi supervisor belum diisi.")
    assert not voided(db, saved.payment_id) and void.isVisible()
    keys.type("kopi-tubruk-88")
    with qtbot.waitSignal(void.accepted):
        keys.enter()
    assert voided(db, saved.payment_id)


def test_wrong_passphrase_by_enter_says_wrong_and_keeps_the_dialog(
    qtbot, session, db, saved, supervisor
):
    view = RecordDialog(session, saved.enrolment_id)
    qtbot.addWidget(view)
    void = shown(qtbot, view.open_void(saved.payment_id))
    keys = Keyboard(qtbot, void)
    void.reason.setText("Salah ketik jumlah")
    void.passphrase.setFocus()
    keys.type("salah-sekali-1")
    keys.enter()
    assert void.isVisible() and "salah" in void.message.text()
    assert not voided(db, saved.payment_id)


@pytest.mark.parametrize("make", ["void", "add_officer", "register"])
def test_tab_reaches_the_approval_box_before_the_buttons(
    qtbot, session, tasks, saved, supervisor, make
):
    if make == "void":
        view = RecordDialog(session, saved.enrolment_id)
        qtbot.addWidget(view)
        dialog = view.open_void(saved.payment_id)
        first, default = dialog.reason, dialog.confirm_button
    elif make == "add_officer":
        dialog = AddOfficerDialog(session)
        first, default = dialog.officer_id, dialog.ok_button
    else:
        dialog = RegisterDialog(session, tasks, register=lambda *a: None)
        first, default = dialog.hq_url, dialog.register_button
    shown(qtbot, dialog)
    order = tab_chain(first)
    approval = dialog.approval
    assert order.index(approval.supervisor) < order.index(approval.passphrase)
    buttons = [w for w in order if w.metaObject().className() == "QPushButton"]
    assert buttons and all(order.index(approval.passphrase) < order.index(b) for b in buttons)
    # What Tab visits goes down the dialog, never back up.
    fields = order[: order.index(approval.passphrase) + 1]
    assert all(not below(b, a) for a, b in zip(fields, fields[1:], strict=False))
    assert default.isDefault()
