"""Cards for an event in one go: every card, only those not printed yet, or the rows
selected in the participants list; as A4 sheets for duplex printing or one card a page.
Rendered off the window's thread with progress and cancel, then saved, or printed page by
page off the window's thread with progress and cancel too."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import SigapError
from models.participants import ParticipantFilter, find_ids
from models.prints import enrolments_without_card
from services.changes import Changes
from services.printing import Cancelled, print_card_batch
from ui.printing import PrintCancelled, match_page_size, pdf_page_sizes, print_pdf
from ui.screens.settings_dialog import preselect_printer
from ui.session import Session
from ui.tasks import Progress, Tasks
from ui.widgets.fit import fit
from ui.widgets.keyboard import keyboard_ready

ALL, WITHOUT_CARD, SELECTED = "all", "without_card", "selected"


class CardBatchDialog(QDialog):
    def __init__(
        self,
        session: Session,
        tasks: Tasks,
        parent: QWidget | None = None,
        selected: Sequence[str] = (),
        event_id: str | None = None,
        selected_text: str | None = None,
    ) -> None:
        """`event_id` names the event when it is not the open one (cards to print again
        after sync); `selected_text` words the selection's choice, with `{n}`."""
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.selected = list(selected)
        self.pdf: bytes | None = None
        self.running = False
        self._stop = threading.Event()
        self._progress: Progress | None = None
        self._printer: QPrinter | None = None
        event = session.event
        self.event_id = event_id or (event.id if event is not None else "")
        self.setWindowTitle(self.tr("Cetak kartu acara"))
        fit(self, 520, 360, session.data_dir)

        db = session.db
        every = len(find_ids(db, ParticipantFilter(event_id=self.event_id)))
        without = len(enrolments_without_card(db, self.event_id))
        self.counts = {ALL: every, WITHOUT_CARD: without, SELECTED: len(self.selected)}
        self.scope_buttons = {
            ALL: QRadioButton(self.tr("Semua kartu acara ini ({n})").format(n=every)),
            WITHOUT_CARD: QRadioButton(self.tr("Hanya yang belum dicetak ({n})").format(n=without)),
            SELECTED: QRadioButton(
                (selected_text or self.tr("Yang dipilih di daftar peserta ({n})")).format(
                    n=len(self.selected)
                )
            ),
        }
        self.scope_buttons[SELECTED].setEnabled(bool(self.selected))
        default = SELECTED if self.selected else (WITHOUT_CARD if without else ALL)
        self.scope_buttons[default].setChecked(True)
        scope_group = QButtonGroup(self)
        scope_box = QGroupBox(self.tr("Kartu"))
        scope_layout = QVBoxLayout(scope_box)
        for key, button in self.scope_buttons.items():
            button.setObjectName(f"scope_{key}")
            scope_group.addButton(button)
            scope_layout.addWidget(button)

        self.sheet = QRadioButton(self.tr("Lembar A4, 10 kartu (cetak bolak-balik)"))
        self.sheet.setObjectName("sheet")
        self.sheet.setChecked(True)
        self.single = QRadioButton(self.tr("Satu kartu per halaman (printer kartu)"))
        self.single.setObjectName("single")
        layout_group = QButtonGroup(self)
        layout_box = QGroupBox(self.tr("Tata letak"))
        layout_layout = QVBoxLayout(layout_box)
        for radio in (self.sheet, self.single):
            layout_group.addButton(radio)
            layout_layout.addWidget(radio)

        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progress")
        self.progress_bar.setValue(0)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        self.make_button = QPushButton(self.tr("Buat PDF"))
        self.make_button.setObjectName("make")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(self.tr("Cetak…"))
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for push in (self.make_button, self.cancel_button):
            buttons.addWidget(push)
        buttons.addStretch(1)
        for push in (self.save_button, self.print_button, self.close_button):
            buttons.addWidget(push)

        layout = QVBoxLayout(self)
        layout.addWidget(scope_box)
        layout.addWidget(layout_box)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        keyboard_ready(self, self.make_button)
        self._update_buttons()

    # ------------------------------------------------------------------ rendering

    def scope(self) -> str:
        return next(k for k, b in self.scope_buttons.items() if b.isChecked())

    def _update_buttons(self) -> None:
        self.make_button.setEnabled(not self.running)
        self.cancel_button.setEnabled(self.running)
        for button in self.scope_buttons.values():
            button.setEnabled(not self.running)
        self.scope_buttons[SELECTED].setEnabled(not self.running and bool(self.selected))
        self.sheet.setEnabled(not self.running)
        self.single.setEnabled(not self.running)
        self.save_button.setEnabled(self.pdf is not None and not self.running)
        self.print_button.setEnabled(self.pdf is not None and not self.running)

    def make(self) -> None:
        if self.running:
            return
        scope, sheet = self.scope(), self.sheet.isChecked()
        selected = list(self.selected) if scope == SELECTED else None
        session, event_id = self.session, self.event_id
        officer_id = session.officer.id if session.officer is not None else ""
        ref, lang, clock = session.ref, session.lang, session.clock
        stop = self._stop = threading.Event()

        def work(progress: Progress) -> bytes:
            # Never a widget here: the batch runs on a connection of its own.
            return print_card_batch(
                session.connect_db, ref, event_id, officer_id, lang,
                without_card=scope == WITHOUT_CARD, enrolment_ids=selected, sheet=sheet,
                clock=clock, progress=lambda done: progress.report(done) and not stop.is_set(),
            )  # fmt: skip

        self.pdf = None
        self.running = True
        self.progress_bar.setRange(0, max(self.counts[scope], 1))
        self.progress_bar.setValue(0)
        self.message.setText(self.tr("Membuat kartu…"))
        self._update_buttons()
        self._progress = self.tasks.run(work, self._made, self._failed, self._progressed)

    def _progressed(self, done: int) -> None:
        if done > self.progress_bar.maximum():
            self.progress_bar.setMaximum(done)
        self.progress_bar.setValue(done)

    def cancel(self) -> None:
        self._stop.set()
        if self._progress is not None:
            self._progress.cancel()
        if self.running:
            self.message.setText(self.tr("Membatalkan…"))

    def _made(self, pdf: bytes) -> None:
        self.running = False
        self._progress = None
        self.pdf = pdf
        self.progress_bar.setValue(self.progress_bar.maximum())
        self.message.setText(self.tr("Kartu siap: simpan PDF atau cetak."))
        self._update_buttons()
        self.session.announce(Changes(prints=True), origin=self)  # "no card printed yet"

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._progress = None
        if isinstance(exc, Cancelled):
            self.message.setText(self.tr("Dibatalkan. Tidak ada kartu yang dicatat."))
        elif isinstance(exc, SigapError):
            self.message.setText(exc.message(self.session.lang))
        else:
            self.message.setText(self.tr("Gagal membuat kartu: {error}").format(error=str(exc)))
        self._update_buttons()

    # ------------------------------------------------------------------ the seams tests replace

    def choose_printer(self, printer: QPrinter) -> bool:
        return QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted

    def choose_save_path(self) -> str | None:
        start = str(Path.home() / f"kartu-{self.event_id}.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan PDF"), start, self.tr("PDF (*.pdf)")
        )
        return path or None

    # ------------------------------------------------------------------ output

    def save(self) -> bool:
        if self.pdf is None:
            return False
        path = self.choose_save_path()
        if not path:
            return False
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            self.message.setText(self.tr("PDF tidak dapat disimpan: {error}").format(error=exc))
            return False
        self.message.setText(self.tr("Tersimpan: {path}").format(path=path))
        return True

    def print_(self) -> bool:
        """Send the cards to the printer off the window's thread, page by page, with
        progress and cancel. True once the officer chose a printer and printing began."""
        if self.pdf is None or self.running:
            return False
        pdf = self.pdf
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        preselect_printer(printer, self.session.db, "card_printer")
        match_page_size(printer, pdf)
        if not self.choose_printer(printer):
            return False
        stop = self._stop = threading.Event()

        def work(progress: Progress) -> int:
            # Never a widget here: only the printer, which nothing else uses meanwhile.
            return print_pdf(
                pdf, printer, on_page=lambda n: progress.report(n) and not stop.is_set()
            )

        self._printer = printer  # kept until the print ends
        self.running = True
        self.progress_bar.setRange(0, max(len(pdf_page_sizes(pdf)), 1))
        self.progress_bar.setValue(0)
        self.message.setText(self.tr("Mengirim ke printer…"))
        self._update_buttons()
        self._progress = self.tasks.run(work, self._printed, self._print_failed, self._progressed)
        return True

    def _printed(self, _pages: int) -> None:
        self.running = False
        self._progress = self._printer = None
        self.message.setText(self.tr("Dikirim ke printer."))
        self._update_buttons()

    def _print_failed(self, exc: BaseException) -> None:
        self.running = False
        self._progress = self._printer = None
        if isinstance(exc, PrintCancelled):
            self.message.setText(self.tr("Pencetakan dibatalkan."))
        else:
            self.message.setText(self.tr("Gagal mencetak: {error}").format(error=str(exc)))
        self._update_buttons()

    def reject(self) -> None:
        self.cancel()  # closing while rendering stops the work, and nothing is logged
        super().reject()
