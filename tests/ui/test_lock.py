"""The idle lock: the window's contents hidden after minutes without input (a fake clock
here) or at Ctrl+L, the signed-in officer's passphrase to come back, another officer's to
switch, and a half-typed form kept as it was."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from models.db import set_setting
from ui.lock import Curtain, lock_minutes
from ui.main_window import MainWindow


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_window(qtbot, session, tasks) -> tuple[MainWindow, FakeClock]:
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    clock = FakeClock()
    window.desk_lock.watcher.clock = clock
    window.desk_lock.watcher.touch()
    return window, clock


def actions(window: MainWindow) -> dict:
    return {a.shortcut().toString(): a for a in window.actions()}


def test_idle_lock_hides_the_form_and_keeps_what_was_typed(qtbot, session, tasks):
    window, clock = make_window(qtbot, session, tasks)
    lock = window.desk_lock
    assert lock.watcher.minutes == 5
    clock.now += 4 * 60
    qtbot.keyClicks(window.form.full_name, "Budi Hartono")  # input: the wait starts again
    clock.now += 4 * 60
    lock.watcher.check()
    assert not lock.is_locked and window.form.isVisible()
    clock.now += 60
    lock.watcher.check()

    assert lock.is_locked
    assert not window.form.isVisible() and not window.nav.isVisible()
    assert window.windowTitle() == "Sigap — terkunci"
    assert not window.statusBar().isVisible() and not window.menuBar().isVisible()
    assert not actions(window)["Ctrl+4"].isEnabled()  # no shortcut reaches the screens
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.who.currentData() == "sari"

    dialog.passphrase.setText("salah-sekali-1")
    dialog.try_unlock()
    assert lock.is_locked and not window.form.isVisible()
    assert dialog.message.text() == "Id petugas atau kata sandi salah."
    dialog.reject()  # Escape does not unlock
    assert lock.is_locked and dialog.isVisible()

    dialog.passphrase.setText("pasar-pagi-77")
    with qtbot.waitSignal(lock.unlocked):
        dialog.try_unlock()
    assert not lock.is_locked
    assert window.form.isVisible() and window.form.full_name.text() == "Budi Hartono"
    assert window.windowTitle() == "Sigap — Pendaftaran Peserta BPU"
    assert window.statusBar().isVisible() and actions(window)["Ctrl+4"].isEnabled()
    assert session.officer.id == "sari"
    # The wait starts again after unlocking.
    lock.watcher.check()
    assert not lock.is_locked
    window.form.clear()  # closing the window would ask about the half-filled form


def test_ctrl_l_locks_at_once_and_another_officer_takes_over(qtbot, session, tasks, supervisor):
    window, _clock = make_window(qtbot, session, tasks)
    actions(window)["Ctrl+L"].trigger()
    lock = window.desk_lock
    assert lock.is_locked and not window.form.isVisible()
    dialog = lock.dialog
    dialog.who.setCurrentIndex(dialog.who.findData(supervisor))
    dialog.passphrase.setText("kopi-tubruk-88")
    dialog.try_unlock()
    assert not lock.is_locked
    assert session.officer.id == supervisor
    assert window.officer_label.text() == "Petugas: Budi Santoso"


def test_open_windows_are_covered_not_closed(qtbot, session, tasks):
    window, _clock = make_window(qtbot, session, tasks)
    other = QDialog(window)
    field = QLineEdit("Catatan yang belum disimpan")
    QVBoxLayout(other).addWidget(field)
    other.show()
    lock = window.desk_lock
    lock.lock()
    [curtain] = other.findChildren(Curtain)
    assert curtain.isVisible() and curtain.geometry() == other.rect()
    assert other.isVisible()  # closing it would lose what it holds
    other.resize(other.width() + 50, other.height() + 40)
    assert curtain.geometry() == other.rect()
    lock.dialog.passphrase.setText("pasar-pagi-77")
    lock.dialog.try_unlock()
    assert not curtain.isVisible()
    assert other.isVisible() and field.text() == "Catatan yang belum disimpan"


def test_the_minutes_come_from_the_settings(qtbot, session, db):
    assert lock_minutes(session) == 5
    set_setting(db, "lock_minutes", "2")
    assert lock_minutes(session) == 2
    for odd in ("0", "-3", "lima", "600"):
        set_setting(db, "lock_minutes", odd)
        assert lock_minutes(session) == 5
