"""The backup screen (the list, a backup made in the background, a restore approved by a
supervisor) and the start-up restore dialog for a database too damaged to open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget

from models.backup import list_backups, make_backup
from models.db import DB_FILE, open_database
from models.enrolments import enrol
from tests.helpers import NOW, fixed_clock, person
from tests.models.test_backup import damage
from ui.screens.backup_screen import BackupScreen, RestoreDialog

SUPERVISOR_PASSPHRASE = "kopi-tubruk-88"


def later(minutes: int):
    return lambda: NOW + timedelta(minutes=minutes)


def enrolments(db) -> int:
    return int(db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0])


def rows(widget) -> list[list[str]]:
    table = widget.findChild(QTableWidget, "backups")
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


@pytest.fixture
def dialogs(monkeypatch):
    """Answer Yes to every question; record the texts of information and warning boxes."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, t, m, *a: shown.append((t, m)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, t, m, *a: shown.append((t, m)))
    return shown


@pytest.fixture
def enrolled(db, ref, event, officer):
    """One enrolment, a backup at 09:14, then a second enrolment: the backup holds one."""
    enrol(db, ref, event.id, person(), officer, fixed_clock)
    info = make_backup(db, "sync", clock=later(-1))
    enrol(db, ref, event.id, person(nik="3577015708900002"), officer, fixed_clock)
    return info


@pytest.fixture
def screen(qtbot, session, tasks, supervisor, enrolled):
    s = BackupScreen(session, tasks)
    qtbot.addWidget(s)
    s.refresh()
    return s


def test_the_list_of_backups(screen, db, session):
    make_backup(db, "day_close", clock=later(30))
    screen.refresh()
    assert [r[:2] for r in rows(screen)] == [
        ["22-11-2026 09:45:00", "Tutup hari"],
        ["22-11-2026 09:14:00", "Sebelum sinkronisasi"],
    ]
    assert rows(screen)[0][3] == "sigap-20261122-094500-day_close.db"
    assert rows(screen)[0][2].endswith("KB")
    combo = screen.findChild(QComboBox, "supervisor")
    assert [combo.itemData(i) for i in range(combo.count())] == ["budi.s"]


def test_make_a_backup_now(screen, qtbot, data_dir):
    with qtbot.wait_signal(screen.backup_made) as made:
        qtbot.mouseClick(screen.findChild(QPushButton, "make_backup"), Qt.MouseButton.LeftButton)
    info = made.args[0]
    assert info.reason == "manual"
    assert [b.name for b in list_backups(data_dir)][0] == info.name
    assert rows(screen)[0][1] == "Dibuat petugas"
    assert len(rows(screen)) == 2
    message = screen.findChild(QLabel, "message")
    assert message.text().startswith(f"Cadangan dibuat: {info.name} (")
    assert screen.findChild(QPushButton, "make_backup").isEnabled()


def test_a_failed_backup_is_said(screen, monkeypatch):
    import services.backups as module  # the use case the screen calls

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "make_backup", full)
    screen.make_backup_now()
    message = screen.findChild(QLabel, "message")
    assert message.text().startswith("Cadangan tidak dibuat: Disk penuh")
    assert screen.findChild(QPushButton, "make_backup").isEnabled()


def test_restore_with_a_supervisors_approval(screen, qtbot, session, data_dir, dialogs, enrolled):
    key = session.db.key
    screen.table.selectRow(0)
    screen.findChild(QComboBox, "supervisor").setCurrentIndex(0)
    screen.findChild(QLineEdit, "passphrase").setText(SUPERVISOR_PASSPHRASE)

    with qtbot.wait_signal(screen.restored) as done:
        qtbot.mouseClick(screen.findChild(QPushButton, "restore"), Qt.MouseButton.LeftButton)

    result = done.args[0]
    assert result is not None and result.restored_from == enrolled.path
    assert result.before_restore is not None
    title, text = dialogs[-1]
    assert title == "Cadangan dipulihkan"
    assert "22-11-2026 09:14:00" in text and "Sigap memuat ulang" in text
    assert result.before_restore.name in text
    assert screen.findChild(QLineEdit, "passphrase").text() == ""
    again = open_database(data_dir, key, check=True)  # as the window reopens it
    try:
        assert enrolments(again) == 1
    finally:
        again.close()


def test_a_wrong_passphrase_restores_nothing(screen, qtbot, session, dialogs):
    screen.findChild(QLineEdit, "passphrase").setText("bukan-kata-sandinya")
    with qtbot.assert_not_emitted(screen.restored):
        screen.restore_selected()
    assert screen.findChild(QLabel, "message").text() == (
        "Kata sandi supervisor salah. Tidak ada yang dipulihkan."
    )
    assert enrolments(session.db) == 2  # still open, nothing replaced
    assert dialogs == []


def test_restore_asks_for_a_selection(screen, session):
    screen.table.clearSelection()
    screen.restore_selected()
    assert screen.findChild(QLabel, "message").text() == (
        "Pilih dulu cadangan yang akan dipulihkan di tabel."
    )


def test_a_sync_running_holds_the_restore_back(screen, session, dialogs):
    from sync.lock import lock_path_for, sync_lock

    screen.findChild(QLineEdit, "passphrase").setText(SUPERVISOR_PASSPHRASE)
    with sync_lock(lock_path_for(session.db)):
        screen.restore_selected()
    assert "Sinkronisasi sedang berjalan" in screen.findChild(QLabel, "message").text()
    assert enrolments(session.db) == 2  # the connection was not closed


# ------------------------------------------------------------------ at start


def test_the_restore_dialog_over_a_damaged_database(
    qtbot, db, data_dir, supervisor, enrolled, dialogs
):
    key = db.key
    bad = make_backup(db, "manual", clock=later(2))
    db.close()
    damage(bad.path, key)
    damage(data_dir / DB_FILE, key)

    dialog = RestoreDialog(data_dir, key)
    qtbot.addWidget(dialog)
    assert [r[3] for r in rows(dialog)] == [enrolled.name]  # the damaged backup is left out
    assert dialog.findChild(QComboBox, "supervisor").currentData() == "budi.s"

    dialog.findChild(QLineEdit, "passphrase").setText("salah-sekali-99")
    dialog.restore_selected()
    assert dialog.findChild(QLabel, "message").text() == (
        "Kata sandi supervisor salah. Tidak ada yang dipulihkan."
    )
    assert dialog.result_value is None

    dialog.findChild(QLineEdit, "passphrase").setText(SUPERVISOR_PASSPHRASE)
    with qtbot.wait_signal(dialog.restored):
        dialog.findChild(QPushButton, "restore").click()

    assert dialog.result() == RestoreDialog.DialogCode.Accepted
    assert dialog.result_value is not None and dialog.result_value.damaged_kept is not None
    assert dialogs[-1][0] == "Cadangan dipulihkan"
    again = open_database(data_dir, key, check=True)
    try:
        assert enrolments(again) == 1
    finally:
        again.close()


def test_the_restore_dialog_without_good_backups(qtbot, db, data_dir, supervisor):
    dialog = RestoreDialog(data_dir, db.key)
    qtbot.addWidget(dialog)
    assert rows(dialog) == []
    assert not dialog.findChild(QPushButton, "restore").isEnabled()
    assert dialog.findChild(QLabel, "message").text().startswith("Tidak ada cadangan yang baik")


def test_a_failed_restore_still_asks_the_window_to_reopen(screen, qtbot, monkeypatch, dialogs):
    import services.backups as module  # the use case the screen calls

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "restore", full)
    screen.findChild(QLineEdit, "passphrase").setText(SUPERVISOR_PASSPHRASE)
    with qtbot.wait_signal(screen.restored) as done:
        screen.restore_selected()
    assert done.args == [None]
    assert dialogs[-1][0] == "Pemulihan gagal"
    assert (
        screen.findChild(QLabel, "message")
        .text()
        .startswith("Cadangan tidak dipulihkan: Disk penuh")
    )
