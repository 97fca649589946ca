"""The whole way against the real reference HQ on loopback: register the laptop through the
dialog, save an enrolment, press "Sinkronkan sekarang", and see the status bar say online
with nothing waiting. The engine's real functions; work runs inline (InlineTasks)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models import enrolments as en
from tests.helpers import fixed_clock, person
from tests.hq_server import run_hq
from ui.main_window import MainWindow
from ui.sync_controller import SyncController

pytestmark = pytest.mark.slow  # the HQ server runs as a process


def test_register_save_and_sync_with_the_reference_hq(
    qtbot, tmp_path, session, tasks, db, ref, event, officer, supervisor
):
    with run_hq(tmp_path / "hq") as hq:
        sync = SyncController(session, tasks)  # the engine's own functions
        window = MainWindow(session, tasks, sync)
        qtbot.addWidget(window)
        window.show()
        indicator = window.sync_indicator
        assert indicator.connection.text() == "Luring"
        assert indicator.note.text() == "Perangkat belum didaftarkan"

        window.open_register()
        dialog = window.sync_screen.register_dialog
        assert dialog is not None
        dialog.hq_url.setText(hq.url)
        dialog.code.setText(hq.create_code("MDN01"))
        dialog.supervisor.setCurrentIndex(dialog.supervisor.findData(supervisor))
        dialog.passphrase.setText("kopi-tubruk-88")
        with qtbot.waitSignal(dialog.registered):
            qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
        assert dialog.message.text().startswith("Terdaftar di kantor cabang MDN01.")
        dialog.close()
        assert sync.registered
        assert sync.online  # probed HQ at once
        assert indicator.connection.text() == "Daring"

        saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
        session.records_saved()
        assert indicator.waiting.text() == "Menunggu dikirim: 3"  # event, enrolment, payment

        screen = window.sync_screen
        assert screen.sync_button.isEnabled()
        qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
        assert not sync.running
        assert sync.last_report is not None and sync.last_report.error is None
        assert sync.last_report.accepted == 3
        assert indicator.connection.text() == "Daring"
        assert indicator.waiting.text() == "Menunggu dikirim: 0"
        assert indicator.last.text().startswith("Terakhir sinkron: ")
        assert screen.counts["synced"].text() == "3"
        assert screen.status.text() == "Selesai: 3 dikirim, 0 masih menunggu."
        assert hq.query("SELECT status FROM records WHERE id = ?", [saved.enrolment_id]) == [
            ("accepted",)
        ]
        window.close()
