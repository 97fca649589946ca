"""Importing a partner's list (an event's enrolment list or a scheme's eligibility list) off
the GUI thread, with progress, cancel and a per-row report the officer can save as CSV."""

from __future__ import annotations

import csv
import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.db import Error as DbError
from models.db import storage_problem
from models.errors import SigapError
from models.exports import safe_cell
from models.files import writing_text
from models.imports import (
    REPORT_COLUMNS,
    ImportReport,
    csv_sink,
    entry_lines,
    kind_word,
    report_header,
)
from models.messages import text
from services.imports import ELIGIBILITY, ENROLMENTS, import_file
from ui.session import Session
from ui.tasks import Progress, Tasks
from ui.widgets.fit import fit
from ui.widgets.keyboard import keyboard_ready

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportLine:
    """One problem of one row: a duplicate, or one error of a rejected row."""

    row: int
    kind: str  # "duplicate" | "rejected"
    field: str
    code: str
    message: str


def report_lines(report: ImportReport) -> list[ReportLine]:
    """Every duplicate and every error of every rejected row the report lists, in file
    order (the report lists the first ones of each kind; the saved report has them all)."""
    lines = [ReportLine(*line) for d in report.duplicates for line in entry_lines("duplicate", d)]
    lines += [ReportLine(*line) for r in report.rejected for line in entry_lines("rejected", r)]
    lines.sort(key=lambda line: line.row)  # stable: a row's errors keep their order
    return lines


def write_report_csv(path: Path, lines: list[ReportLine], lang: str = "id") -> None:
    """UTF-8 with a byte-order mark, so a spreadsheet shows the messages' letters right;
    the header and kinds in the interface's language, as `csv_sink` writes them."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(report_header(lang))
        for line in lines:
            kind = kind_word(line.kind, lang)
            writer.writerow([line.row, kind, line.field, line.code, safe_cell(line.message)])


def copy_report(full: TextIO, path: Path) -> None:
    """The whole report written as the import went, saved as `write_report_csv` writes."""
    full.flush()
    full.seek(0)
    with writing_text(path, encoding="utf-8-sig") as out:
        shutil.copyfileobj(full, out)
    full.seek(0, 2)


def plain_message(exc: BaseException, lang: str) -> str | None:
    """The officer's words for an error the officer can act on; None for a bug."""
    if isinstance(exc, SigapError):
        return exc.message(lang)
    if isinstance(exc, DbError):
        return storage_problem(exc).message(lang)
    if isinstance(exc, OSError):
        return text("file_problem", lang, reason=exc.strerror or type(exc).__name__)
    return None


class _Run:
    """What the GUI needs of a running job. The work function only stores its Progress here
    (no widget is touched off the GUI thread), so Batal works even before `tasks.run`
    returns, which is the case with the synchronous runner of the tests."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.progress: Progress | None = None
        self.chunk_saved = False  # set off the GUI thread; read once the job has ended
        # Every report entry, row by row, written as the import goes (row numbers, codes
        # and messages: no personal data); the table shows the first ones.
        self.full_report: TextIO = tempfile.TemporaryFile(
            "w+", encoding="utf-8", newline="", prefix="sigap-import-report-"
        )


class ImportDialog(QDialog):
    rows_read = Signal(int)  # after each saved chunk, on the GUI thread
    import_finished = Signal(object)  # the ImportReport, or None after an error

    def __init__(self, session: Session, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.report: ImportReport | None = None
        self.lines: list[ReportLine] = []
        self._run: _Run | None = None
        self._full_report: TextIO | None = None
        # Seams for tests: they return a path, or "" when the officer cancels the dialog.
        self.ask_open_path: Callable[[], str] = self._ask_open_path
        self.ask_save_path: Callable[[], str] = self._ask_save_path

        self.setWindowTitle(self.tr("Impor daftar mitra"))
        fit(self, 760, 560, session.data_dir)

        self.enrolment_radio = QRadioButton(self.tr("Daftar peserta, ke acara yang dibuka"))
        self.eligibility_radio = QRadioButton(self.tr("Daftar penerima skema sponsor"))
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.enrolment_radio)
        self.kind_group.addButton(self.eligibility_radio)
        self.event_label = QLabel()
        self.event_label.setWordWrap(True)
        self.scheme_combo = QComboBox()
        for scheme in sorted(session.ref.schemes.values(), key=lambda s: s.name):
            self.scheme_combo.addItem(
                self.tr("{name} ({code})").format(name=scheme.name, code=scheme.code), scheme.code
            )

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Berkas .csv atau .xlsx"))
        self.browse_button = QPushButton(self.tr("Pilih berkas…"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.import_button = QPushButton(self.tr("Impor"))
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.setAutoDefault(False)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)  # busy: the number of rows is not known in advance
        self.progress_bar.setVisible(False)
        self.progress_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary")

        self.table = QTableWidget(0, len(REPORT_COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Baris"), self.tr("Jenis"), self.tr("Kolom"), self.tr("Kode"),
             self.tr("Keterangan")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            len(REPORT_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.save_button = QPushButton(self.tr("Simpan laporan…"))
        self.save_button.setEnabled(False)

        form = QFormLayout()
        form.addRow(self.enrolment_radio)
        form.addRow(self.event_label)
        form.addRow(self.eligibility_radio)
        form.addRow(self.tr("Skema:"), self.scheme_combo)
        form.addRow(self.tr("Berkas:"), path_row)

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.progress_label)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(progress_row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        keyboard_ready(self, self.import_button)

        self.browse_button.clicked.connect(self.choose_file)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.save_button.clicked.connect(lambda: self.save_report())
        self.close_button.clicked.connect(self.close)
        self.kind_group.buttonToggled.connect(lambda *_: self._update_state())
        session.event_changed.connect(self._update_state)

        if self._event_usable():
            self.enrolment_radio.setChecked(True)
        elif self.scheme_combo.count():
            self.eligibility_radio.setChecked(True)
        self._update_state()

    # ------------------------------------------------------------------ state

    @property
    def is_running(self) -> bool:
        return self._run is not None

    @property
    def kind(self) -> str:
        return ELIGIBILITY if self.eligibility_radio.isChecked() else ENROLMENTS

    def _event_usable(self) -> bool:
        return self.session.event is not None and self.session.event.is_open

    def _update_state(self) -> None:
        event = self.session.event
        if event is None:
            self.event_label.setText(
                self.tr("Belum ada acara yang dibuka. Buka acara dulu untuk mengimpor daftar "
                        "peserta.")
            )  # fmt: skip
        elif not event.is_open:
            self.event_label.setText(
                self.tr("Acara {name} sudah ditutup dan tidak menerima pendaftaran baru.").format(
                    name=event.name
                )
            )
        else:
            self.event_label.setText(
                self.tr("Peserta diimpor ke acara: {name}").format(name=event.name)
            )
        idle = not self.is_running
        self.enrolment_radio.setEnabled(idle and self._event_usable())
        if self.enrolment_radio.isChecked() and not self._event_usable() and idle:
            if self.scheme_combo.count():
                self.eligibility_radio.setChecked(True)  # unchecks the other: one group
        self.eligibility_radio.setEnabled(idle and self.scheme_combo.count() > 0)
        self.scheme_combo.setEnabled(idle and self.eligibility_radio.isChecked())
        self.path_edit.setEnabled(idle)
        self.browse_button.setEnabled(idle)
        chosen = (
            self.enrolment_radio.isChecked() and self._event_usable()
        ) or self.eligibility_radio.isChecked()
        self.import_button.setEnabled(idle and chosen)
        self.close_button.setEnabled(idle)
        self.save_button.setEnabled(idle and self.report is not None)

    # ------------------------------------------------------------------ choosing a file

    def _ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih daftar mitra"),
            self.path_edit.text(),
            self.tr("Daftar mitra (*.csv *.xlsx)"),
        )
        return path

    def choose_file(self) -> None:
        path = self.ask_open_path()
        if path:
            self.path_edit.setText(path)

    # ------------------------------------------------------------------ importing

    def start_import(self) -> None:
        if self.is_running:
            return
        session = self.session
        raw_path = self.path_edit.text().strip()
        if session.officer is None:
            self._show_message(self.tr("Masuk dulu sebagai petugas untuk mengimpor daftar."))
            return
        if not raw_path:
            self._show_message(self.tr("Pilih berkas .csv atau .xlsx dulu."))
            return
        kind = self.kind
        if kind == ENROLMENTS and not self._event_usable():
            self._show_message(self.tr("Buka acara yang masih berjalan dulu."))
            return
        scheme_code = str(self.scheme_combo.currentData() or "")
        if kind == ELIGIBILITY and not scheme_code:
            self._show_message(self.tr("Pilih skema sponsor dulu."))
            return

        # Everything the work function needs, read here on the GUI thread.
        path = Path(raw_path).expanduser()
        ref, lang, clock = session.ref, session.lang, session.clock
        officer_id = session.officer.id
        event_id = session.event.id if session.event is not None else ""
        connect_db = session.connect_db
        run = _Run(kind)

        def on_chunk(progress: Progress, rows: int) -> bool:
            run.chunk_saved = True  # a chunk was written (its rows may all be duplicates)
            return progress.report(rows)

        sink = csv_sink(run.full_report, safe_cell, lang)

        def work(progress: Progress) -> ImportReport:
            run.progress = progress
            return import_file(
                connect_db, ref, kind, path, officer_id, event_id=event_id,
                scheme_code=scheme_code, lang=lang, clock=clock,
                progress=lambda rows: on_chunk(progress, rows),
                stop=lambda: progress.cancelled, sink=sink,
            )  # fmt: skip

        self.report = None
        self.lines = []
        self._drop_full_report()
        self.table.setRowCount(0)
        self.summary_label.clear()
        self._show_message(self.tr("Mengimpor… Jangan tutup jendela ini."))
        self.progress_label.setText(self.tr("%n baris dibaca", "", 0))
        self.progress_bar.setVisible(True)
        self._run = run
        self._update_state()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setToolTip(
            ""
            if kind == ENROLMENTS
            else self.tr("Daftar penerima disimpan sekaligus: bila dibatalkan, tidak ada yang "
                         "disimpan.")
        )  # fmt: skip
        progress = self.tasks.run(
            work, self._on_done, on_error=self._on_error, on_progress=self._on_progress
        )
        if self._run is run and run.progress is None:
            run.progress = progress

    def cancel_import(self) -> None:
        run = self._run
        if run is None or run.progress is None:
            return
        run.progress.cancel()
        self.cancel_button.setEnabled(False)
        self._show_message(
            self.tr("Membatalkan… Bagian yang sedang disimpan diselesaikan dulu; baris yang "
                    "sudah disimpan tetap tersimpan.")
        )  # fmt: skip

    def _on_progress(self, rows: int) -> None:
        self.progress_label.setText(self.tr("%n baris dibaca", "", rows))
        self.rows_read.emit(rows)

    def _drop_full_report(self) -> None:
        if self._full_report is not None:
            self._full_report.close()
            self._full_report = None

    def _finish_run(self) -> None:
        if self._run is not None:
            self._full_report = self._run.full_report
        self._run = None
        self.progress_bar.setVisible(False)
        self.cancel_button.setEnabled(False)
        self._update_state()

    def _on_done(self, report: ImportReport) -> None:
        kind = self._run.kind if self._run is not None else ENROLMENTS
        self.report = report
        self.lines = report_lines(report)
        self._finish_run()
        self.progress_label.setText(self.tr("%n baris dibaca", "", report.rows))
        self.summary_label.setText(
            self.tr("{imported} disimpan, {duplicates} duplikat, {rejected} ditolak").format(
                imported=report.imported,
                duplicates=report.duplicate_count,
                rejected=report.rejected_count,
            )
        )
        if report.stopped is not None:
            self._show_message(
                text("import_stopped", self.session.lang, row=report.stopped["row"],
                     reason=report.stopped["message"])
            )  # fmt: skip
        elif report.cancelled and kind == ELIGIBILITY:
            self._show_message(self.tr("Impor dibatalkan. Daftar penerima tidak disimpan."))
        elif report.cancelled:
            self._show_message(
                self.tr("Impor dibatalkan. Baris yang sudah disimpan tetap tersimpan; baris "
                        "sesudahnya belum diimpor. Impor berkas yang sama lagi untuk "
                        "melanjutkan: baris yang sudah tersimpan dilaporkan sebagai duplikat.")
            )  # fmt: skip
        elif self.lines:
            self._show_message(
                self.tr("Impor selesai. Baris di tabel tidak disimpan; perbaiki di berkas "
                        "mitra lalu impor lagi.")
            )  # fmt: skip
        else:
            self._show_message(self.tr("Impor selesai tanpa masalah."))
        if report.truncated:
            self._append_message(
                self.tr("Tabel memuat {listed} baris pertama tiap jenis; laporan yang disimpan "
                        "memuat semuanya.").format(listed=report.limit)
            )  # fmt: skip
        for note in report.notes:
            self._append_message(str(note["message"]))
        self._fill_table()
        if report.imported:
            self.session.records_saved()
        self.import_finished.emit(report)

    def _on_error(self, exc: BaseException) -> None:
        run = self._run
        self._finish_run()
        message = plain_message(exc, self.session.lang)
        if message is None:
            # A bug: the officer gets plain words, the log gets the traceback.
            log.error("import failed", exc_info=exc)
            message = self.tr(
                "Impor berhenti karena kesalahan tak terduga ({name}). Baris yang sudah "
                "disimpan tetap tersimpan."
            ).format(name=type(exc).__name__)
        self._show_message(message)
        # Chunks saved before the error stay saved; let the screens re-read them.
        if run is not None and run.chunk_saved:
            self.session.records_saved()
        self.import_finished.emit(None)

    def _fill_table(self) -> None:
        kinds = {"duplicate": self.tr("duplikat"), "rejected": self.tr("ditolak")}
        self.table.setRowCount(len(self.lines))
        for i, line in enumerate(self.lines):
            row_item = QTableWidgetItem()
            row_item.setData(Qt.ItemDataRole.DisplayRole, line.row)
            cells = [
                row_item,
                QTableWidgetItem(kinds.get(line.kind, line.kind)),
                QTableWidgetItem(line.field),
                QTableWidgetItem(line.code),
                QTableWidgetItem(line.message),
            ]
            for col, item in enumerate(cells):
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            len(REPORT_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )

    def _show_message(self, message: str) -> None:
        self.message_label.setText(message)

    def _append_message(self, message: str) -> None:
        self.message_label.setText(self.message_label.text() + "\n" + message)

    # ------------------------------------------------------------------ the report

    def _ask_save_path(self) -> str:
        source = Path(self.path_edit.text().strip() or "daftar")
        suggested = source.with_name(source.stem + "-laporan.csv")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan laporan impor"), str(suggested), self.tr("CSV (*.csv)")
        )
        return path

    def save_report(self, path: Path | None = None) -> bool:
        """Write the table as CSV; asks where unless `path` is given."""
        if self.report is None:
            return False
        if path is None:
            chosen = self.ask_save_path()
            if not chosen:
                return False
            path = Path(chosen)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            if self._full_report is not None:
                copy_report(self._full_report, path)
            else:
                write_report_csv(path, self.lines, self.session.lang)
        except OSError as exc:
            self._show_message(
                text("file_problem", self.session.lang, reason=exc.strerror or type(exc).__name__)
            )
            return False
        self._show_message(self.tr("Laporan disimpan ke {path}.").format(path=str(path)))
        return True

    # ------------------------------------------------------------------ closing

    def _refuse_close(self) -> None:
        self._show_message(
            self.tr("Impor masih berjalan. Tekan Batal lalu tunggu sampai selesai sebelum "
                    "menutup jendela ini.")
        )  # fmt: skip

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_running:
            self._refuse_close()
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        super().done(result)
        if not self.is_running:
            self._drop_full_report()

    def reject(self) -> None:
        """Escape and the window's close button come here: refused while importing."""
        if self.is_running:
            self._refuse_close()
            return
        super().reject()
