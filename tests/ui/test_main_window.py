"""The main window: navigation, status bar, switching officers and language."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from models.enrolments import enrol
from tests.helpers import fixed_clock, person
from ui.main_window import MainWindow


def make_window(qtbot, session, tasks) -> MainWindow:
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    return window


def test_opens_on_the_form_with_the_status_bar(qtbot, session, tasks, db, ref, event, officer):
    enrol(db, ref, event.id, person(), officer, fixed_clock)
    window = make_window(qtbot, session, tasks)
    assert window.current_screen() is window.form
    assert window.officer_label.text() == "Petugas: Sari Wulandari"
    assert window.event_label.text() == "Acara: Sosialisasi Pasar Besar"
    # The event, the enrolment and its payment wait for HQ.
    assert window.waiting_label.text() == "Menunggu dikirim: 3"


def test_saving_updates_the_waiting_count(qtbot, session, tasks):
    window = make_window(qtbot, session, tasks)
    assert window.waiting_label.text() == "Menunggu dikirim: 1"
    session.records_saved()
    assert window.waiting_label.text() == "Menunggu dikirim: 1"


def test_navigation_guards_a_half_filled_form(qtbot, session, tasks, monkeypatch):
    window = make_window(qtbot, session, tasks)
    qtbot.keyClicks(window.form.full_name, "Budi")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.nav.setCurrentRow(3)  # Peserta
    assert window.current_screen() is window.form
    assert window.nav.currentRow() == 2
    assert window.form.full_name.text() == "Budi"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.nav.setCurrentRow(3)
    assert window.current_screen() is window.participants


def test_shortcuts_switch_screens(qtbot, session, tasks):
    window = make_window(qtbot, session, tasks)
    actions = {a.shortcut().toString(): a for a in window.actions()}
    actions["Ctrl+4"].trigger()
    assert window.current_screen() is window.participants
    actions["Ctrl+2"].trigger()
    assert window.current_screen() is window.dashboard
    actions["Ctrl+1"].trigger()
    assert window.current_screen() is window.events


def test_switching_officer_attributes_later_records(qtbot, session, tasks, supervisor):
    window = make_window(qtbot, session, tasks)
    actions = {a.shortcut().toString(): a for a in window.actions()}
    actions["Ctrl+L"].trigger()  # the desk locks; another officer's passphrase switches
    dialog = window.desk_lock.dialog
    assert dialog is not None
    dialog.who.setCurrentIndex(dialog.who.findData(supervisor))
    dialog.passphrase.setText("kopi-tubruk-88")
    dialog.try_unlock()
    assert session.officer.id == supervisor
    assert window.officer_label.text() == "Petugas: Budi Santoso"


def test_officers_audit_and_backups_have_their_screens(qtbot, session, tasks):
    window = make_window(qtbot, session, tasks)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[5:] == ["Petugas", "Audit", "Cadangan"]
    actions = {a.shortcut().toString(): a for a in window.actions()}
    actions["Ctrl+6"].trigger()
    assert window.current_screen() is window.officers
    assert window.officers.table.rowCount() == 1  # shown: read now
    actions["Ctrl+7"].trigger()
    assert window.current_screen() is window.audit
    actions["Ctrl+8"].trigger()
    assert window.current_screen() is window.backups


def test_language_request_waits_for_a_half_filled_form(qtbot, session, tasks, monkeypatch):
    window = make_window(qtbot, session, tasks)
    asked: list[str] = []
    window.language_requested.connect(asked.append)
    qtbot.keyClicks(window.form.full_name, "Budi")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.request_language("en")
    assert asked == []
    window.form.clear()
    window.request_language("en")
    assert asked == ["en"]


def test_a_restore_is_passed_to_the_application(qtbot, session, tasks):
    window = make_window(qtbot, session, tasks)
    with qtbot.waitSignal(window.database_restored) as restored:
        window.backups.restored.emit(None)
    assert restored.args == [None]
