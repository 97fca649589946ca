"""The audit screen: the newest entries of the audit trail (who did what to which record,
when), filtered by officer, whether the trail's hash chain is intact, and an export of the
whole trail as CSV for the branch office."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.audit import ChainReport, export_csv, list_entries, verify_chain
from models.audit_words import action_text, detail_text, record_names, record_text, record_type_text
from models.database import Database
from models.errors import SigapError
from models.officers import list_officers
from ui.lazy import RefreshWhenShown
from ui.session import Session
from ui.tasks import Progress, Tasks
from ui.widgets.tables import read_only_item, read_only_table

PAGE = 500  # entries read at a time: the newest first, more on request
PROBLEM_STYLE = "color: #b00020; font-weight: bold;"
OK_STYLE = "color: #1b5e20;"
BAD_ROW = QColor("#fdecea")


class AuditScreen(RefreshWhenShown, QWidget):
    """`chain_checked(ChainReport)` is emitted after each check of the chain."""

    chain_checked = Signal(object)

    def __init__(self, session: Session, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.entries: list[dict[str, Any]] = []
        self.has_more = False
        self.report: ChainReport | None = None
        self.exported_to: Path | None = None
        self._generation = 0  # a check answered after a newer one was asked is dropped
        self._exporting = False

        self.chain_status = QLabel()
        self.chain_status.setObjectName("chain_status")
        self.chain_status.setWordWrap(True)
        self.chain_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = QPushButton(self.tr("Periksa"))
        self.verify_button.setObjectName("verify")
        self.verify_button.setToolTip(
            self.tr("Hitung ulang sidik setiap entri untuk memastikan tidak ada yang diubah.")
        )
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("Ekspor CSV…"))
        self.export_button.setObjectName("export_csv")
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(self.chain_status, 1)
        top.addWidget(self.verify_button)
        top.addWidget(self.export_button)

        self.officer_filter = QComboBox()
        self.officer_filter.setObjectName("officer_filter")
        self.officer_filter.currentIndexChanged.connect(lambda _i: self.load_entries())
        filter_label = QLabel(self.tr("&Petugas:"))
        filter_label.setBuddy(self.officer_filter)
        filters = QHBoxLayout()
        filters.addWidget(filter_label)
        filters.addWidget(self.officer_filter)
        filters.addStretch(1)

        self.table = read_only_table(
            [
                self.tr("No."),
                self.tr("Waktu"),
                self.tr("Petugas"),
                self.tr("Tindakan"),
                self.tr("Jenis catatan"),
                self.tr("Catatan"),
                self.tr("Rincian"),
            ],
            "entries",
            fit=True,
        )
        self.shown_label = QLabel()
        self.shown_label.setObjectName("shown")
        self.more_button = QPushButton(self.tr("Tampilkan lebih banyak"))
        self.more_button.setObjectName("show_more")
        self.more_button.clicked.connect(self.load_more)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.shown_label)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.message, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        session.changed.connect(self.refresh_soon)  # every use case writes an audit row
        session.officer_changed.connect(self.refresh_soon)

    # ------------------------------------------------------------------ reading

    def refresh(self) -> None:
        """The officers to filter by, the newest entries, and a fresh check of the chain."""
        self._fill_officers()
        self.load_entries()
        self.verify()

    def _fill_officers(self) -> None:
        chosen = self.officer_filter.currentData()
        self.officer_filter.blockSignals(True)
        self.officer_filter.clear()
        self.officer_filter.addItem(self.tr("Semua petugas"), None)
        for officer in list_officers(self.session.db):
            self.officer_filter.addItem(
                self.tr("{name} ({id})").format(name=officer.name, id=officer.id), officer.id
            )
        index = self.officer_filter.findData(chosen) if chosen is not None else 0
        self.officer_filter.setCurrentIndex(max(index, 0))
        self.officer_filter.blockSignals(False)

    def load_entries(self) -> None:
        """The newest entries (of the chosen officer), one page."""
        self.entries = []
        self._read_page()

    def load_more(self) -> None:
        self._read_page()

    def _read_page(self) -> None:
        rows = list_entries(
            self.session.db,
            PAGE + 1,  # one more than shown tells whether there are more
            offset=len(self.entries),
            officer_id=self.officer_filter.currentData(),
        )
        self.has_more = len(rows) > PAGE
        self.entries.extend(rows[:PAGE])
        self._fill_table()

    def _fill_table(self) -> None:
        """Every cell in the officer's words (models.audit_words): records by their member
        number, receipt, event or officer, never a raw id or a code; the CSV export keeps
        the trail as it is stored."""
        table = self.table
        table.setRowCount(len(self.entries))
        lang = self.session.lang
        names = record_names(
            self.session.db, ((e["record_type"], e["record_id"]) for e in self.entries), lang
        )
        for row, e in enumerate(self.entries):
            officer = e["officer_name"] or e["officer_id"] or self.tr("Sistem")
            cells = (
                read_only_item(str(e["id"]), self.tr("Sidik: {hash}").format(hash=e["hash"])),
                read_only_item(str(e["at"]).replace("T", " ")[:19], str(e["at"])),
                read_only_item(officer, e["officer_id"] or ""),
                read_only_item(action_text(e["action"], lang)),
                read_only_item(record_type_text(e["record_type"], lang)),
                read_only_item(record_text(names, e["record_type"], e["record_id"], lang)),
                read_only_item(detail_text(e["detail"], lang)),
            )
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        self._mark_bad_row()
        n = len(self.entries)
        self.shown_label.setText(self.tr("Menampilkan %n entri terbaru.", "", n))
        self.more_button.setVisible(self.has_more)

    def _mark_bad_row(self) -> None:
        bad = None if self.report is None or self.report.ok else self.report.first_bad_id
        for row, e in enumerate(self.entries):
            brush = QBrush(BAD_ROW) if e["id"] == bad else QBrush()
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(brush)

    # ------------------------------------------------------------------ the chain

    def verify(self) -> None:
        """Check the whole chain, off the GUI thread (a long trail takes a while)."""
        self._generation += 1
        generation = self._generation
        self.verify_button.setEnabled(False)
        self.chain_status.setStyleSheet("")
        self.chain_status.setText(self.tr("Memeriksa catatan audit…"))

        def work(db: Database, _progress: Progress) -> ChainReport:
            return verify_chain(db)

        def done(report: ChainReport) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.show_report(report)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            self.verify_button.setEnabled(True)
            self.chain_status.setStyleSheet(PROBLEM_STYLE)
            if isinstance(exc, SigapError):
                self.chain_status.setText(exc.message(self.session.lang))
            else:
                self.chain_status.setText(
                    self.tr("Catatan audit tidak bisa diperiksa: {reason}").format(
                        reason=type(exc).__name__
                    )
                )

        self.tasks.run_on_db(self.session.connect_db, work, done, failed)

    def show_report(self, report: ChainReport) -> None:
        self.report = report
        self.verify_button.setEnabled(True)
        self.chain_status.setText(report.message(self.session.lang))
        self.chain_status.setStyleSheet(OK_STYLE if report.ok else PROBLEM_STYLE)
        self._mark_bad_row()
        self.chain_checked.emit(report)

    # ------------------------------------------------------------------ export

    def ask_save_path(self) -> str:
        today = self.session.clock().date().strftime("%Y%m%d")
        suggested = Path.home() / f"sigap-audit-{today}.csv"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Ekspor catatan audit"),
            str(suggested),
            self.tr("Berkas CSV (*.csv)"),
        )
        return str(path or "")

    def export(self) -> None:
        """The whole trail, chain columns included, to a CSV file the officer picks."""
        if self._exporting:
            return
        chosen = self.ask_save_path()
        if not chosen:
            return
        out = Path(chosen).expanduser()
        if out.suffix.lower() != ".csv":
            out = out.with_name(out.name + ".csv")

        def work(db: Database, _progress: Progress) -> int:
            return export_csv(db, out)

        def done(rows: int) -> None:
            if not shiboken6.isValid(self):
                return
            self._exporting = False
            self.export_button.setEnabled(True)
            self.exported_to = out
            self.message.setStyleSheet("")
            self.message.setText(
                self.tr("%n entri diekspor ke {path}.", "", rows).format(path=str(out))
            )

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._exporting = False
            self.export_button.setEnabled(True)
            self.message.setStyleSheet(PROBLEM_STYLE)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else None
            self.message.setText(
                self.tr("Ekspor gagal: {reason}").format(reason=reason or type(exc).__name__)
            )

        self._exporting = True
        self.export_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Mengekspor…"))
        self.tasks.run_on_db(self.session.connect_db, work, done, failed)

