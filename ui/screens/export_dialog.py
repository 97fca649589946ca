"""Exporting the open event's enrolments to CSV or XLSX, off the GUI thread. The file holds
personal data leaving the encrypted database, so a supervisor approves each export."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.exports import FORMATS, export_event_file
from ui.screens.import_dialog import plain_message
from ui.session import Session
from ui.tasks import Progress, Tasks
from ui.widgets.approval import ApprovalBox
from ui.widgets.fit import fit
from ui.widgets.keyboard import keyboard_ready

log = logging.getLogger(__name__)


def with_format(path: Path, suffix: str) -> Path:
    """The path ending in `suffix`: a known suffix is replaced, anything else kept."""
    if path.suffix.lower() == suffix:
        return path
    if path.suffix.lower() in FORMATS:
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)


class ExportDialog(QDialog):
    export_finished = Signal(object)  # the number of rows written, or None after an error

    def __init__(self, session: Session, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.rows_written: int | None = None
        self.written_to: Path | None = None
        self._running = False
        # Seam for tests: returns a path, or "" when the officer cancels the dialog.
        self.ask_save_path: Callable[[], str] = self._ask_save_path

        self.setWindowTitle(self.tr("Ekspor pendaftaran acara"))
        fit(self, 620, 260, session.data_dir)

        self.event_label = QLabel()
        self.event_label.setWordWrap(True)
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("CSV (.csv)"), ".csv")
        self.format_combo.addItem(self.tr("Excel (.xlsx)"), ".xlsx")
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Simpan ke berkas…"))
        self.browse_button = QPushButton(self.tr("Pilih…"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.export_button = QPushButton(self.tr("Ekspor"))
        self.export_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.setAutoDefault(False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setVisible(False)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notice = QLabel(
            self.tr("Berkas ekspor berisi data pribadi peserta. Simpan di tempat yang aman dan "
                    "hapus bila sudah tidak diperlukan.")
        )  # fmt: skip
        notice.setWordWrap(True)

        self.approval = ApprovalBox(session, self, self.message_label)
        self.supervisor, self.passphrase = self.approval.supervisor, self.approval.passphrase

        form = QFormLayout()
        form.addRow(self.event_label)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Berkas:"), path_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(notice)
        layout.addWidget(self.approval)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        keyboard_ready(self, self.export_button)

        self.browse_button.clicked.connect(self.choose_file)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.close)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        session.event_changed.connect(self._update_state)
        self._update_state()

    @property
    def is_running(self) -> bool:
        return self._running

    @property
    def suffix(self) -> str:
        return str(self.format_combo.currentData())

    def _update_state(self) -> None:
        event = self.session.event
        if event is None:
            self.event_label.setText(self.tr("Belum ada acara yang dibuka. Buka acara dulu."))
        else:
            self.event_label.setText(self.tr("Acara: {name}").format(name=event.name))
        idle = not self._running
        for w in (self.format_combo, self.path_edit, self.browse_button, self.approval):
            w.setEnabled(idle)
        self.export_button.setEnabled(idle and event is not None and self.approval.available)
        self.close_button.setEnabled(idle)

    def _format_changed(self) -> None:
        raw = self.path_edit.text().strip()
        if raw:
            self.path_edit.setText(str(with_format(Path(raw), self.suffix)))

    def _suggested_name(self) -> str:
        event = self.session.event
        stem = re.sub(r"[^0-9A-Za-z]+", "-", event.name).strip("-").lower() if event else ""
        return (stem or "acara") + self.suffix

    def _ask_save_path(self) -> str:
        start = self.path_edit.text().strip() or str(Path.home() / self._suggested_name())
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Ekspor ke berkas"),
            start,
            self.tr("CSV (*.csv);;Excel (*.xlsx)"),
        )
        return path

    def choose_file(self) -> None:
        path = self.ask_save_path()
        if path:
            if Path(path).suffix.lower() in FORMATS:
                self.format_combo.setCurrentIndex(self.format_combo.findData(Path(path).suffix))
            self.path_edit.setText(str(with_format(Path(path), self.suffix)))

    def start_export(self) -> None:
        if self._running:
            return
        session = self.session
        event = session.event
        if event is None:
            self.message_label.setText(self.tr("Buka acara dulu."))
            return
        if session.officer is None:
            self.message_label.setText(self.tr("Masuk dulu sebagai petugas untuk mengekspor."))
            return
        raw = self.path_edit.text().strip()
        if not raw:
            chosen = self.ask_save_path()
            if not chosen:
                return
            raw = chosen
        out = with_format(Path(raw).expanduser(), self.suffix)
        self.path_edit.setText(str(out))
        approver = self.approval.approve(self.tr("Tidak diekspor."))
        if approver is None:
            return
        officer_id, clock, connect_db, event_id = (
            session.officer.id, session.clock, session.connect_db, event.id
        )  # fmt: skip
        approver_id = approver.id
        self.message_label.setStyleSheet("")

        def work(_progress: Progress) -> int:
            return export_event_file(connect_db, event_id, out, officer_id, approver_id, clock)

        self.rows_written = None
        self.written_to = out
        self._running = True
        self.progress_bar.setVisible(True)
        self.message_label.setText(self.tr("Mengekspor…"))
        self._update_state()
        self.tasks.run(work, self._on_done, on_error=self._on_error)

    def _finish(self) -> None:
        self._running = False
        self.progress_bar.setVisible(False)
        self._update_state()

    def _on_done(self, rows: int) -> None:
        self._finish()
        self.rows_written = rows
        self.message_label.setText(
            self.tr("%n pendaftaran diekspor ke {path}.", "", rows).format(
                path=str(self.written_to)
            )
        )
        self.export_finished.emit(rows)

    def _on_error(self, exc: BaseException) -> None:
        self._finish()
        message = plain_message(exc, self.session.lang)
        if message is None:
            log.error("export failed", exc_info=exc)
            message = self.tr("Ekspor gagal karena kesalahan tak terduga ({name}).").format(
                name=type(exc).__name__
            )
        self.message_label.setText(message)
        self.export_finished.emit(None)

    def _refuse_close(self) -> None:
        self.message_label.setText(
            self.tr("Ekspor masih berjalan. Tunggu sampai selesai sebelum menutup jendela ini.")
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            self._refuse_close()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        """Escape and the window's close button come here: refused while exporting."""
        if self._running:
            self._refuse_close()
            return
        super().reject()
