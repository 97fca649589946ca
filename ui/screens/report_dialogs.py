"""The printed reports from the window: the day closing, the event report and the sponsor
statement (on the command line: `day-close`, `report`, `statement`). A small dialog asks
what the report needs — the day (today unless another is chosen), the event (the chosen
one), the sponsored event and so its sponsor — with Enter moving on and the default button
making the PDF, off the window's thread; then the print preview prints or saves it.

Who may make which: as on the command line, any officer signed in; the day closing is the
signed-in officer's own day. Making a day closing keeps a backup of the database, as the
command does. A report is not a receipt or a card: printing or saving it logs no print."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.database import Database
from models.errors import SigapError
from models.events import Event, list_events
from services.reports import day_close_pdf, event_report_pdf, statement_pdf
from ui.screens.print_preview import PrintPreviewDialog, report_preview
from ui.session import Session
from ui.tasks import Progress, Tasks
from ui.widgets.fit import fit
from ui.widgets.keyboard import DateField, EnterMovesOn, keyboard_ready

DAY_CLOSE_REPORT, EVENT_REPORT, STATEMENT = "day_close", "event_report", "statement"
KINDS = (DAY_CLOSE_REPORT, EVENT_REPORT, STATEMENT)
_UNSAFE = re.compile(r"[^\w.-]+")


def file_part(text: str) -> str:
    """`text` as part of a file name: anything but letters, digits, `.`, `_` and `-`
    becomes `-` (an officer id or a scheme code never makes a folder)."""
    return _UNSAFE.sub("-", text).strip("-") or "-"


def _event_label(event: Event) -> str:
    return f"{event.name} · {event.starts_on:%d-%m-%Y}"


class ReportDialog(QDialog):
    """What one report needs; `pdf` holds the report once made (the dialog is accepted)."""

    def __init__(
        self, session: Session, tasks: Tasks, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(kind)
        self.session = session
        self.tasks = tasks
        self.kind = kind
        self.pdf: bytes | None = None
        self.file_name = "laporan.pdf"
        self._progress: Progress | None = None
        self._closed = False
        self.setObjectName(f"report_{kind}")
        titles = {
            DAY_CLOSE_REPORT: self.tr("Penutupan harian"),
            EVENT_REPORT: self.tr("Laporan acara"),
            STATEMENT: self.tr("Rekapitulasi iuran sponsor"),
        }
        self.setWindowTitle(titles[kind])
        fit(self, 480, 200, session.data_dir)

        form = QFormLayout()
        self._enter = EnterMovesOn(self)
        self.day: DateField | None = None
        self.officer = QLabel()
        self.event_box = QComboBox()
        self.event_box.setObjectName("event")
        self.sponsor = QLabel()
        self.sponsor.setObjectName("sponsor")
        self.sponsor.setWordWrap(True)
        if kind == DAY_CLOSE_REPORT:
            today = session.clock().date()
            self.day = DateField(QDate(today.year, today.month, today.day))
            self.day.setObjectName("day")
            self.day.setMaximumDate(self.day.date())  # a day not yet lived is not closed
            self.day.setMinimumDate(QDate(2000, 1, 1))
            officer = session.officer
            self.officer.setText(f"{officer.name} ({officer.id})" if officer else "-")
            form.addRow(self.tr("Tanggal"), self.day)
            form.addRow(self.tr("Petugas"), self.officer)
            self._enter.watch(self.day)
        else:
            events = list_events(session.db)
            if kind == STATEMENT:  # a statement is a sponsor's: events a sponsor pays for
                events = [e for e in events if e.scheme_code]
            chosen = session.event.id if session.event is not None else None
            for event in events:
                self.event_box.addItem(_event_label(event), event.id)
            self._events = {e.id: e for e in events}
            at = self.event_box.findData(chosen) if chosen else -1
            self.event_box.setCurrentIndex(at if at >= 0 else (0 if events else -1))
            form.addRow(self.tr("Acara"), self.event_box)
            if kind == STATEMENT:
                form.addRow(self.tr("Sponsor"), self.sponsor)
                self.event_box.currentIndexChanged.connect(self._show_sponsor)
                self._show_sponsor()
            self._enter.watch(self.event_box)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.show_button = QPushButton(self.tr("Tampilkan"))
        self.show_button.setObjectName("show")
        self.show_button.clicked.connect(self.show_report)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        keyboard_ready(self, self.show_button)
        if kind != DAY_CLOSE_REPORT and self.event_box.count() == 0:
            self.show_button.setEnabled(False)
            self.message.setText(
                self.tr("Belum ada acara yang iurannya dibayar sponsor.")
                if kind == STATEMENT
                else self.tr("Belum ada acara.")
            )
        (self.day if self.day is not None else self.event_box).setFocus()

    def _show_sponsor(self) -> None:
        event = self._events.get(str(self.event_box.currentData()))
        code = event.scheme_code if event is not None else None
        scheme = self.session.ref.schemes.get(code or "")
        name = (scheme.sponsor_name or scheme.name) if scheme is not None else (code or "-")
        self.sponsor.setText(f"{name} · {code}" if code else "-")

    # ------------------------------------------------------------------ making the PDF

    def show_report(self) -> None:
        """Make the report off the window's thread; the dialog is accepted once it is."""
        if self._progress is not None or not self.show_button.isEnabled():
            return
        s = self.session
        ref, lang, clock = s.ref, s.lang, s.clock
        officer_id = s.officer.id if s.officer is not None else ""
        if self.kind == DAY_CLOSE_REPORT:
            assert self.day is not None
            d = self.day.date()
            day = date(d.year(), d.month(), d.day())
            self.file_name = f"penutupan-harian-{file_part(officer_id)}-{day.isoformat()}.pdf"

            def make(db: Database, _p: Progress) -> bytes:
                return day_close_pdf(db, ref, officer_id, day, lang, clock)
        else:
            event_id = str(self.event_box.currentData())
            if self.kind == EVENT_REPORT:
                self.file_name = f"laporan-acara-{file_part(event_id)}.pdf"

                def make(db: Database, _p: Progress) -> bytes:
                    return event_report_pdf(db, ref, event_id, lang, clock)
            else:
                scheme = self._events[event_id].scheme_code or ""
                self.file_name = (
                    f"rekapitulasi-sponsor-{file_part(scheme)}-{file_part(event_id)}.pdf"
                )

                def make(db: Database, _p: Progress) -> bytes:
                    return statement_pdf(db, ref, event_id, scheme, lang, clock)

        self.show_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Membuat laporan…"))
        self._progress = self.tasks.run_on_db(s.connect_db, make, self._made, self._failed)

    def _made(self, pdf: bytes) -> None:
        self._progress = None
        if self._closed:
            return  # the officer closed the dialog meanwhile
        self.pdf = pdf
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._progress = None
        if self._closed:
            return
        if isinstance(exc, SigapError):
            text = exc.message(self.session.lang)
        else:
            text = self.tr("Laporan tidak dapat dibuat: {error}").format(error=str(exc))
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;")
        self.show_button.setEnabled(True)

    def reject(self) -> None:
        self._closed = True
        if self._progress is not None:
            self._progress.cancel()
        super().reject()


def open_report(
    kind: str, session: Session, tasks: Tasks, parent: QWidget | None = None
) -> PrintPreviewDialog | None:
    """Ask what the report needs, make it, and show it in the print preview. None when
    the officer cancelled."""
    dialog = ReportDialog(session, tasks, kind, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.pdf is None:
            return None
        preview = report_preview(session, dialog.pdf, dialog.windowTitle(), dialog.file_name,
                                 parent)  # fmt: skip
    finally:
        dialog.deleteLater()
    preview.exec()
    preview.deleteLater()
    return preview
