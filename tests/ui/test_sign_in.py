"""The sign-in by keyboard: officers listed by name and id, found by typing any part of
either, the buttons in one row with Masuk the default, Enter in the passphrase box trying
once, and an empty passphrase said to be empty. Every person here is made up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from models import desk, vault
from tests.ui.keyboard import Keyboard
from ui.lock import UnlockDialog
from ui.screens.sign_in import SignInDialog
from ui.tasks import InlineTasks


def shown(qtbot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def at_start(qtbot, data_dir) -> SignInDialog:
    dialog = SignInDialog(data_dir=data_dir, tasks=InlineTasks())
    return shown(qtbot, dialog)


def failures(data_dir, officer_id: str) -> int:
    return vault.attempts(data_dir, officer_id).failures


def test_open_desk_lists_names_with_ids(qtbot, db, officer, supervisor):
    dialog = shown(qtbot, SignInDialog(db))
    items = [dialog.who.itemText(i) for i in range(dialog.who.count())]
    assert items == ["Budi Santoso (budi.s)", "Sari Wulandari (sari)"]


def test_typing_part_of_a_name_or_an_id_chooses_the_officer(qtbot, db, officer, supervisor):
    dialog = shown(qtbot, SignInDialog(db))
    keys = Keyboard(qtbot, dialog)
    dialog.who.setFocus()
    dialog.who.lineEdit().selectAll()
    keys.type("wulan")  # the middle of a surname
    keys.enter()
    assert dialog.who.currentData() == "sari"
    assert dialog.focusWidget() is dialog.passphrase  # Enter went on, and tried nothing
    assert failures(db.data_dir, "sari") == 0 and not dialog.message.isVisible()

    dialog.who.setFocus()
    dialog.who.lineEdit().selectAll()
    keys.type(".s")  # a piece of the id
    keys.press(Qt.Key.Key_Tab)
    assert dialog.who.currentData() == "budi.s"
    assert dialog.who.currentText() == "Budi Santoso (budi.s)"


def test_typing_that_names_nobody_is_said(qtbot, db, officer, supervisor):
    dialog = shown(qtbot, SignInDialog(db))
    keys = Keyboard(qtbot, dialog)
    dialog.who.setFocus()
    dialog.who.lineEdit().selectAll()
    keys.type("zzz")
    keys.enter()
    assert dialog.message.text() == "Tidak ada petugas yang cocok dengan “zzz”."
    assert dialog.focusWidget() is dialog.who
    dialog.passphrase.setText("pasar-pagi-77")
    dialog.try_sign_in()  # still nobody chosen: nothing is tried
    assert dialog.officer is None
    assert failures(db.data_dir, "sari") == 0 and failures(db.data_dir, "budi.s") == 0


def test_ambiguous_typing_chooses_nobody(qtbot, db, officer, supervisor):
    dialog = shown(qtbot, SignInDialog(db))
    keys = Keyboard(qtbot, dialog)
    dialog.who.setFocus()
    dialog.who.lineEdit().selectAll()
    keys.type("s")  # in both
    keys.enter()
    assert dialog.isVisible()
    assert dialog.message.text() == "Lebih dari satu petugas cocok dengan “s”: pilih dari daftar."


def test_at_start_ids_are_found_by_any_part(qtbot, db, data_dir, officer, supervisor):
    dialog = at_start(qtbot, data_dir)
    keys = Keyboard(qtbot, dialog)
    dialog.who.setFocus()
    dialog.who.lineEdit().selectAll()
    keys.type("ar")
    keys.enter()
    assert dialog.who.currentData() == "sari"
    assert dialog.focusWidget() is dialog.passphrase
    keys.type("pasar-pagi-77")
    with qtbot.waitSignal(dialog.accepted):
        keys.enter()
    assert dialog.officer is not None and dialog.officer.id == "sari"
    assert dialog.db is not None
    dialog.db.close()


def test_the_buttons_sit_side_by_side_with_masuk_the_default(qtbot, db, data_dir, officer):
    dialog = at_start(qtbot, data_dir)
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton) if b.isVisible()}
    assert set(buttons) == {"Masuk", "Batal"}
    masuk, batal = buttons["Masuk"], buttons["Batal"]
    top = dialog.window()
    assert (
        masuk.mapTo(top, masuk.rect().center()).y() == batal.mapTo(top, batal.rect().center()).y()
    )
    assert masuk.isDefault() and not batal.isDefault()
    assert (
        masuk.mapTo(top, masuk.rect().topLeft()).y()
        > dialog.passphrase.mapTo(top, dialog.passphrase.rect().topLeft()).y()
    )


def test_enter_in_the_passphrase_tries_once(qtbot, db, data_dir, officer):
    dialog = at_start(qtbot, data_dir)
    keys = Keyboard(qtbot, dialog)
    assert dialog.focusWidget() is dialog.passphrase
    keys.type("salah-sekali-1")
    keys.enter()
    assert dialog.message.text() == "Id petugas atau kata sandi salah."
    assert failures(data_dir, "sari") == 1  # one Enter, one try


def test_an_empty_passphrase_is_said_to_be_empty(qtbot, db, data_dir, officer):
    dialog = at_start(qtbot, data_dir)
    keys = Keyboard(qtbot, dialog)
    keys.enter()
    assert dialog.message.text() == "Kata sandi belum diisi."
    assert failures(data_dir, "sari") == 0 and dialog.isVisible()
    assert dialog.focusWidget() is dialog.passphrase


def test_the_lock_takes_enter_once_too(qtbot, session, officer):
    dialog = shown(qtbot, UnlockDialog(session))
    keys = Keyboard(qtbot, dialog)
    dialog.passphrase.setFocus()
    keys.type("salah-sekali-1")
    keys.enter()
    assert failures(session.data_dir, "sari") == 1
    keys.enter()
    assert dialog.message.text() == "Kata sandi belum diisi."
    assert failures(session.data_dir, "sari") == 1
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    assert [b.text() for b in buttons] == ["Buka"] and buttons[0].isDefault()


def test_at_start_names_show_once_an_officer_has_signed_in(qtbot, db, data_dir, officer,
                                                          supervisor):  # fmt: skip
    first = at_start(qtbot, data_dir)  # nobody has signed in since the accounts were made
    assert [first.who.itemText(i) for i in range(first.who.count())] == ["budi.s", "sari"]
    first.close()
    opened, _ = desk.sign_in(data_dir, "sari", "pasar-pagi-77")
    opened.close()
    dialog = at_start(qtbot, data_dir)
    items = [dialog.who.itemText(i) for i in range(dialog.who.count())]
    assert items == ["Budi Santoso (budi.s)", "Sari Wulandari (sari)"]
    keys = Keyboard(qtbot, dialog)
    dialog.who.setFocus()
    dialog.who.lineEdit().selectAll()
    keys.type("wulan")  # a piece of the name finds her before anything is unlocked
    keys.enter()
    assert dialog.who.currentData() == "sari"
