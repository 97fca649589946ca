"""The update notice (rev. 2): /hello's latest_app_version and min_app_version, read
leniently, kept, and said once a day in the status bar; a supervisor is told when HQ will
refuse this version's pushes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from models.db import get_setting
from services.updates import UPDATE_AVAILABLE, UPDATE_REQUIRED, notice_due
from sync.protocol import parse_hello
from sync.updates import LATEST, MINIMUM, note_versions, update_state

BASE = {"protocol": 1, "server_time": None, "max_batch_records": 500, "max_batch_bytes": 5}


def test_hello_reads_versions_and_ignores_odd_ones() -> None:
    hello = parse_hello(dict(BASE, latest_app_version="0.3.0", min_app_version="0.2"))
    assert (hello.latest_app_version, hello.min_app_version) == ("0.3.0", "0.2")
    odd = parse_hello(dict(BASE, latest_app_version=3, min_app_version="soon"))
    assert (odd.latest_app_version, odd.min_app_version) == (None, None)
    assert parse_hello(BASE).latest_app_version is None  # revision 1 HQ


def test_kept_and_judged(db) -> None:
    note_versions(db, parse_hello(dict(BASE, latest_app_version="9.0.0")))
    assert get_setting(db, LATEST) == "9.0.0" and not get_setting(db, MINIMUM)
    assert update_state(db, running="0.1.0") == (UPDATE_AVAILABLE, "9.0.0")
    assert update_state(db, running="9.0.0") is None
    note_versions(db, parse_hello(dict(BASE, latest_app_version="9.0.0", min_app_version="8")))
    assert update_state(db, running="0.1.0") == (UPDATE_REQUIRED, "8")
    # once a day
    assert notice_due(db, date(2026, 12, 1)) == (UPDATE_REQUIRED, "8")
    assert notice_due(db, date(2026, 12, 1)) is None
    assert notice_due(db, date(2026, 12, 2)) == (UPDATE_REQUIRED, "8")
    note_versions(db, parse_hello(BASE))
    assert update_state(db) is None and notice_due(db, date(2026, 12, 3)) is None


class FakeSync(QObject):
    sync_finished = Signal(object)


def test_status_bar_and_supervisor(qtbot, session, db, supervisor, monkeypatch) -> None:
    from models.officers import get_officer
    from ui.update_notice import UpdateNotice

    window = QMainWindow()
    qtbot.addWidget(window)
    sync = FakeSync()
    notice = UpdateNotice(window, session, sync)  # type: ignore[arg-type]
    note_versions(db, parse_hello(dict(BASE, latest_app_version="9.1.0")))
    sync.sync_finished.emit(None)
    assert "9.1.0" in window.statusBar().currentMessage()
    sync.sync_finished.emit(None)
    assert len(notice.shown) == 1  # not again today
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    session.sign_in(get_officer(db, supervisor))
    note_versions(db, parse_hello(dict(BASE, latest_app_version="9.1.0", min_app_version="9")))
    sync.sync_finished.emit(None)
    assert len(warned) == 1 and "menolak" in warned[0] and "tersimpan" in warned[0]
