"""The events screen: the device's events, a new one, choose the one at work, close one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import SigapError
from models.events import Event, list_events
from models.money import long_date
from services.changes import Changes
from services.events import close
from ui.screens.event_dialog import ERROR_STYLE, EventDialog
from ui.session import Session
from ui.tasks import Tasks

ID_ROLE = Qt.ItemDataRole.UserRole


class EventsScreen(QWidget):
    def __init__(self, session: Session, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.events: list[Event] = []

        self.table = QTableWidget(0, 6)
        self.table.setObjectName("events")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Nama acara"),
                self.tr("Mulai"),
                self.tr("Selesai"),
                self.tr("Tempat"),
                self.tr("Skema"),
                self.tr("Status"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Enter, or a double-click (a single click where the platform says so), chooses.
        self.table.activated.connect(self._activated)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.new_button = QPushButton(self.tr("Acara baru…"))
        self.choose_button = QPushButton(self.tr("Pilih acara"))
        self.close_button = QPushButton(self.tr("Tutup acara"))
        self.correct_button = QPushButton(self.tr("Koreksi acara…"))
        self.correct_button.clicked.connect(self.correct_selected)
        self.new_button.clicked.connect(self.new_event)
        self.choose_button.clicked.connect(self.choose_selected)
        self.close_button.clicked.connect(self.close_selected)

        self.current = QLabel()
        self.current.setObjectName("current")
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Acara</h2>")))
        layout.addWidget(self.current)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        session.changed.connect(self._changed)
        session.event_changed.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ list

    def _changed(self, changes: Changes, _origin: object) -> None:
        if changes.events or changes.records or changes.queue:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        """Read again whenever the screen is shown: the command line (another process, so
        no signal reaches this window) may have made, corrected or closed an event."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def refresh(self) -> None:
        keep = self.selected_event()
        self.events = list_events(self.session.db)
        chosen = self.session.event.id if self.session.event else None
        lang = self.session.lang
        self.table.setRowCount(len(self.events))
        for row, e in enumerate(self.events):
            scheme = self.session.ref.schemes.get(e.scheme_code) if e.scheme_code else None
            cells = [
                e.name,
                long_date(e.starts_on, lang),
                long_date(e.ends_on, lang),
                e.location,
                scheme.name if scheme else (e.scheme_code or self.tr("Bayar sendiri")),
                self.tr("terbuka") if e.is_open else self.tr("ditutup"),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, e.id)
                if e.id == chosen:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        target = keep.id if keep else chosen
        for row, e in enumerate(self.events):
            if e.id == target:
                self.table.selectRow(row)
                break
        if self.session.event is not None:
            self.current.setText(
                self.tr("Acara yang dipilih: {name}").format(name=self.session.event.name)
            )
        else:
            self.current.setText(self.tr("Belum ada acara yang dipilih."))
        self._update_buttons()

    def selected_event(self) -> Event | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not self.events:
            return None
        row = rows[0].row()
        return self.events[row] if 0 <= row < len(self.events) else None

    def select_event(self, event_id: str) -> None:
        for row, e in enumerate(self.events):
            if e.id == event_id:
                self.table.selectRow(row)
                self.table.setCurrentCell(row, 0)
                return

    def _update_buttons(self) -> None:
        event = self.selected_event()
        self.choose_button.setEnabled(event is not None and event.is_open)
        self.close_button.setEnabled(event is not None and event.is_open)
        self.correct_button.setEnabled(event is not None)

    # --------------------------------------------------------------- actions

    def new_event(self) -> None:
        dialog = EventDialog(self.session, self)
        if dialog.exec() == EventDialog.DialogCode.Accepted and dialog.created_event:
            # A new event is a record queued for HQ.
            self.session.announce(Changes(events=True, queue=True))
            self.select_event(dialog.created_event.id)
            self.table.setFocus()

    def correct_selected(self) -> EventDialog | None:
        """A slip in a saved event (its name, place, dates, or a scheme not chosen) is
        corrected, not permanent: the correction is queued for HQ."""
        event = self.selected_event()
        if event is None:
            return None
        dialog = EventDialog(self.session, self, event)
        if dialog.exec() == EventDialog.DialogCode.Accepted and dialog.corrected_event:
            self.session.announce(Changes(events=True, queue=True))
            if self.session.event is not None and self.session.event.id == event.id:
                self.session.reload_event()
            self.refresh()
            self.select_event(event.id)
        return dialog

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.choose_selected()

    def choose_selected(self) -> None:
        event = self.selected_event()
        if event is None:
            return
        if not event.is_open:
            self._say(self.tr("Acara ini sudah ditutup; pilih acara yang masih terbuka."))
            return
        self._say("")
        self.session.set_event(event)

    def close_selected(self) -> None:
        event = self.selected_event()
        if event is None or not event.is_open:
            return
        officer = self.session.officer
        if officer is None:
            self._say(self.tr("Masuk dulu sebagai petugas."))
            return
        question = self.tr(
            "Tutup acara \u201c{name}\u201d? Acara yang ditutup tidak menerima pendaftaran baru."
        ).format(name=event.name)
        if not self.confirm(self.tr("Tutup acara"), question):
            return
        try:
            close(self.session.db, event.id, officer.id, self.session.clock)
        except SigapError as exc:
            self._say(exc.message(self.session.lang))
            return
        self._say("")
        if self.session.event is not None and self.session.event.id == event.id:
            self.session.reload_event()  # emits event_changed, which refreshes
        self.refresh()

    def confirm(self, title: str, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the event's name is typed text
        yes = box.addButton(self.tr("Tutup acara"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # closing is final: Enter alone must not do it
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is yes

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
