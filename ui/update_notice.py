"""The update notice in the window's status bar (contract rev. 2): after a sync reached HQ,
once a day, "a newer Sigap exists"; below HQ's minimum version, a supervisor is told HQ
refuses pushes until this desk is updated, and that every record stays queued."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from models.version import app_version
from services.updates import UPDATE_REQUIRED, notice_due
from ui.session import Session
from ui.sync_controller import SyncController


class UpdateNotice(QObject):
    def __init__(self, window: QMainWindow, session: Session, sync: SyncController) -> None:
        super().__init__(window)
        self.window, self.session = window, session
        self.shown: list[str] = []
        sync.sync_finished.connect(lambda _report: self.check())

    def check(self) -> None:
        due = notice_due(self.session.db, self.session.clock().date())
        if due is None:
            return
        kind, version = due
        if kind == UPDATE_REQUIRED:
            text = self.tr(
                "Sigap {running} sudah terlalu lama: kantor pusat menolak kiriman sampai "
                "diperbarui ke {version} atau lebih baru. Semua data tetap tersimpan dan "
                "menunggu dikirim."
            ).format(running=app_version(), version=version)
        else:
            text = self.tr("Sigap {version} sudah tersedia (yang terpasang {running}).").format(
                version=version, running=app_version()
            )
        self.shown.append(text)
        self.window.statusBar().showMessage(text)
        officer = self.session.officer
        if kind == UPDATE_REQUIRED and officer is not None and officer.is_supervisor:
            QMessageBox.warning(self.window, self.tr("Sigap perlu diperbarui"), text)
