"""The participants screen: the event's (or every) enrolment in a table that stays fast at
100,000 rows, searched as the officer types and filtered by sync state, payer, officer,
cards not printed yet and cards to print again; Enter or a double-click opens the record,
Ctrl+B takes a payment for the current row."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.messages import member_number_text
from models.officers import list_officers
from models.participants import SELF, ParticipantFilter, sync_states
from services.changes import Changes
from ui.lazy import RefreshWhenShown
from ui.models.participants_model import SYNC_STATES, ParticipantsModel, sync_state_label
from ui.screens.pay_dialog import PAY_SHORTCUT, PayDialog
from ui.screens.record_view import RecordDialog
from ui.session import Session
from ui.tasks import Tasks

DEBOUNCE_MS = 150  # search once typing pauses, not on every key
_COLUMN_WIDTHS = (110, 140, 240, 40, 90, 170, 170, 130, 130, 140, 170, 100)


class ParticipantsTable(QTableView):
    """A table whose Enter opens the current row (double-click does too)."""

    open_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)


class ParticipantsScreen(RefreshWhenShown, QWidget):
    def __init__(self, session: Session, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks  # for exports and prints from the list later
        self.record_dialog: RecordDialog | None = None
        self.pay_dialog: PayDialog | None = None

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Cari NIK, nama atau nomor peserta…"))
        self.search.setClearButtonEnabled(True)

        self.sync_filter = QComboBox()
        self.sync_filter.setObjectName("sync_filter")
        self.payer_filter = QComboBox()
        self.payer_filter.setObjectName("payer_filter")
        self.officer_filter = QComboBox()
        self.officer_filter.setObjectName("officer_filter")
        self.all_events = QCheckBox(self.tr("Semua acara"))
        self.all_events.setObjectName("all_events")
        self.no_card = QCheckBox(self.tr("Kartu belum dicetak"))
        self.no_card.setObjectName("no_card")
        self.reprint = QCheckBox(self.tr("Perlu cetak ulang kartu"))
        self.reprint.setObjectName("reprint")
        self.reprint.setToolTip(
            self.tr("Kartu terakhir memuat nomor lain dari nomor peserta yang diberikan HQ")
        )

        self.model = ParticipantsModel(session.db, session.ref, session.lang, self)
        self.table = ParticipantsTable()
        self.table.setObjectName("participants")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights and column widths: sizing to contents would read every row.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(_COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        # The member number column holds a provisional number with its mark whole.
        widest = member_number_text("P-DDDDDDDD", lang=session.lang)
        wide = self.table.fontMetrics().horizontalAdvance(widest) + 16
        self.table.setColumnWidth(0, max(_COLUMN_WIDTHS[0], wide))

        self.count = QLabel()
        self.count.setObjectName("count")
        self.scope = QLabel()
        self.scope.setObjectName("scope")

        # The search box is what officers use most: a row of its own, nearly full width.
        self.search.setMinimumWidth(360)
        for combo in (self.sync_filter, self.payer_filter, self.officer_filter):
            combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Status kirim:")))
        filters.addWidget(self.sync_filter, 1)
        filters.addWidget(QLabel(self.tr("Pembayar:")))
        filters.addWidget(self.payer_filter, 1)
        filters.addWidget(QLabel(self.tr("Petugas:")))
        filters.addWidget(self.officer_filter, 1)
        filters.addWidget(self.no_card)
        filters.addWidget(self.all_events)
        filters.addStretch()
        footer = QHBoxLayout()
        footer.addWidget(self.scope, 1)
        footer.addWidget(self.count)
        # Beside the search box, not in the filter row: that row already fills the window's
        # width on a 1280-pixel screen.
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.reprint)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)

        self._fill_filters()
        for combo in (self.sync_filter, self.payer_filter, self.officer_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.all_events.toggled.connect(self.apply_filter)
        self.no_card.toggled.connect(self.apply_filter)
        self.reprint.toggled.connect(self.apply_filter)
        self.table.open_requested.connect(self.open_row)
        self.table.doubleClicked.connect(self._double_clicked)
        # `Bayar iuran` for the row the officer is on (renewals, a list member's first payment)
        QShortcut(QKeySequence(PAY_SHORTCUT), self, self.open_pay)
        session.changed.connect(self._changed)
        session.event_changed.connect(self.refresh_soon)
        session.language_changed.connect(self.model.set_language)

    # ------------------------------------------------------------------ filters

    def _fill_filters(self) -> None:
        """(Re)fill the filter choices, keeping what is chosen."""
        self._fill(
            self.sync_filter,
            self.tr("Semua status"),
            # Every state, present or not (an officer looks for rejections before there are
            # any); then any other state this device holds.
            [
                (sync_state_label(s), s)
                for s in [
                    *SYNC_STATES,
                    *(x for x in sync_states(self.session.db) if x not in SYNC_STATES),
                ]
            ],
        )
        schemes = sorted(self.session.ref.schemes.values(), key=lambda s: s.name)
        self._fill(
            self.payer_filter,
            self.tr("Semua pembayar"),
            [(self.tr("Bayar sendiri"), SELF)] + [(s.name, s.code) for s in schemes],
        )
        self._fill(
            self.officer_filter,
            self.tr("Semua petugas"),
            [(f"{o.name} ({o.id})", o.id) for o in list_officers(self.session.db)],
        )

    @staticmethod
    def _fill(combo: QComboBox, everything: str, choices: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for label, value in choices:
            combo.addItem(label, value)
        at = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(at, 0))
        combo.blockSignals(False)

    def current_filter(self) -> ParticipantFilter:
        event = self.session.event
        every = self.all_events.isChecked() or event is None
        return ParticipantFilter(
            event_id=None if every or event is None else event.id,
            text=self.search.text(),
            sync_state=self.sync_filter.currentData(),
            payer=self.payer_filter.currentData(),
            officer_id=self.officer_filter.currentData(),
            no_card=self.no_card.isChecked(),
            reprint=self.reprint.isChecked(),
        )

    def _search_now(self) -> None:
        """Enter in the search box: search at once; a single match opens, several wait in
        the table, where the next Enter opens the one highlighted."""
        self.apply_filter()
        if self.model.rowCount() == 1:  # the one person looked for: open them at once
            self.table.setCurrentIndex(self.model.index(0, 0))
            record = self.model.participant(0)
            if record is not None and record.id:
                self.open_record(record.id)
                return
        if self.model.rowCount():
            self.table.setFocus()

    def apply_filter(self) -> None:
        self._debounce.stop()
        current = self.model.rowid_at(self.table.currentIndex().row())
        self.model.set_filter(self.current_filter())
        # Stay on the record the officer was on (after a correction, say), if still listed.
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._update_labels()

    def _changed(self, changes: Changes, _origin: object) -> None:
        # Member numbers and HQ states come with queue changes; "no card yet" with prints.
        if changes.records or changes.queue or changes.prints:
            self.refresh_soon()

    def refresh(self) -> None:
        """Something was saved, imported, corrected or voided: read the list again."""
        self._fill_filters()
        self.apply_filter()

    def _update_labels(self) -> None:
        n = self.model.rowCount()
        self.count.setText(self.tr("%n peserta", "", n))
        event = self.session.event
        if self.model.current_filter.event_id is None:
            self.scope.setText(self.tr("Semua acara di laptop ini"))
        elif event is not None:
            self.scope.setText(self.tr("Acara: {name}").format(name=event.name))
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    # ------------------------------------------------------------------ opening

    def _double_clicked(self, index: QModelIndex) -> None:
        self.open_row(index.row())

    def open_row(self, row: int) -> RecordDialog | None:
        enrolment_id = self.model.enrolment_id(row)
        if enrolment_id is None:
            return None
        return self.open_record(enrolment_id)

    def open_pay(self) -> PayDialog | None:
        index = self.table.currentIndex()
        enrolment_id = self.model.enrolment_id(index.row()) if index.isValid() else None
        if enrolment_id is None:
            return None
        self.pay_dialog = PayDialog(self.session, enrolment_id, self)
        self.pay_dialog.open()
        return self.pay_dialog

    def open_record(self, enrolment_id: str) -> RecordDialog:
        if self.record_dialog is not None:
            self.record_dialog.close()
            self.record_dialog.deleteLater()
        self.record_dialog = RecordDialog(self.session, enrolment_id, self)
        self.record_dialog.open()
        return self.record_dialog
