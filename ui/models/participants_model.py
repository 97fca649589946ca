"""The participants table model: holds only the matching enrolments' rowids and reads the
rows shown a page at a time, keeping a few pages, so 100,000 rows stay fast."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from models.database import Database
from models.messages import member_number_text
from models.participants import (
    PAID,
    UNPAID,
    VOID,
    ParticipantFilter,
    ParticipantRow,
    find_ids,
    rows_for,
)
from models.reference import ReferenceData
from ui.labels import SYNC_STATES as SYNC_STATES
from ui.labels import gender_letter
from ui.labels import sync_state_label as sync_state_label

ID_ROLE = Qt.ItemDataRole.UserRole  # the enrolment id of a row

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def payment_status_label(status: str) -> str:
    labels = {
        PAID: QCoreApplication.translate("PaymentStatus", "Lunas"),
        VOID: QCoreApplication.translate("PaymentStatus", "Dibatalkan"),
        UNPAID: QCoreApplication.translate("PaymentStatus", "Belum bayar"),
    }
    return labels.get(status, status)


def short_date(iso: str) -> str:
    """`1990-08-17` → `17-08-1990`, as officers write dates."""
    try:
        return date.fromisoformat(iso[:10]).strftime("%d-%m-%Y")
    except ValueError:
        return iso


def short_time(rfc3339: str) -> str:
    """`2026-11-22T09:15:00+07:00` → `22-11-2026 09:15` (the laptop's time then)."""
    try:
        return datetime.fromisoformat(rfc3339).strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return rfc3339


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ID = int(ID_ROLE)
_ROLES_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _ID})


class ParticipantsModel(QAbstractTableModel):
    PAGE = 200  # rows read from the database at once
    PAGES_KEPT = 10  # pages kept in memory, the least recently used dropped first

    COLUMNS = (
        "member_number",
        "nik",
        "full_name",
        "gender",
        "birth_date",
        "occupation",
        "payer",
        "officer",
        "recorded_at",
        "sync_state",
        "receipt",
        "payment",
    )

    def __init__(
        self, db: Database, ref: ReferenceData, lang: str = "id", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.ref = ref
        self.lang = lang
        self._filter = ParticipantFilter()
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[ParticipantRow]] = OrderedDict()
        self._headers = (
            self.tr("No. peserta"),
            self.tr("NIK"),
            self.tr("Nama"),
            self.tr("L/P"),
            self.tr("Tgl. lahir"),
            self.tr("Pekerjaan"),
            self.tr("Pembayar"),
            self.tr("Petugas"),
            self.tr("Didaftarkan"),
            self.tr("Status kirim"),
            self.tr("Kwitansi"),
            self.tr("Pembayaran"),
        )

    # ------------------------------------------------------------------ filtering

    @property
    def current_filter(self) -> ParticipantFilter:
        return self._filter

    def set_filter(self, f: ParticipantFilter) -> None:
        self._filter = f
        self.refresh()

    def refresh(self) -> None:
        """Run the filter again (something was saved, corrected or voided)."""
        self.beginResetModel()
        self._ids = find_ids(self.db, self._filter)
        self._pages.clear()
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # ------------------------------------------------------------------ rows

    def participant(self, row: int) -> ParticipantRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page = row // self.PAGE
        rows = self._pages.get(page)
        if rows is None:
            start = page * self.PAGE
            wanted = self._ids[start : start + self.PAGE]
            fetched = {r.rowid: r for r in rows_for(self.db, wanted)}
            # A row that vanished cannot happen (enrolments are never deleted); keep the
            # positions right anyway.
            rows = [fetched.get(i) or _missing(i) for i in wanted]
            self._pages[page] = rows
            if len(self._pages) > self.PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows[row - page * self.PAGE]

    def rowid_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, rowid: int) -> int | None:
        try:
            return self._ids.index(rowid)
        except ValueError:
            return None

    def enrolment_id(self, row: int) -> str | None:
        p = self.participant(row)
        return p.id if p is not None and p.id else None

    def pages_cached(self) -> int:
        return len(self._pages)

    # ------------------------------------------------------------------ Qt

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell on each paint: plain int comparisons,
        # no enum conversions, on this path.
        role = int(role)
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        p = self.participant(index.row())
        if p is None:
            return None
        if role == _ID:
            return p.id
        column = self.COLUMNS[index.column()]
        if role == _TOOLTIP:
            return p.full_name if column == "full_name" else None
        return self._text(p, column)

    def _text(self, p: ParticipantRow, column: str) -> str:
        if column == "member_number":
            return member_number_text(p.member_number, p.id or None, self.lang)
        if column == "nik":
            return p.nik_masked
        if column == "full_name":
            return p.full_name
        if column == "gender":
            return gender_letter(p.gender)
        if column == "birth_date":
            return short_date(p.birth_date)
        if column == "occupation":
            occupation = self.ref.occupations.get(p.occupation_code)
            return occupation.name(self.lang) if occupation else p.occupation_code
        if column == "payer":
            if p.payer_type == "self":
                return self.tr("Bayar sendiri")
            scheme = self.ref.schemes.get(p.scheme_code or "")
            return scheme.name if scheme else (p.scheme_code or "")
        if column == "officer":
            return p.officer_name or p.officer_id
        if column == "recorded_at":
            return short_time(p.recorded_at)
        if column == "sync_state":
            return sync_state_label(p.sync_state)
        if column == "receipt":
            return p.receipt_number or ""
        if column == "payment":
            return payment_status_label(p.payment_status)
        return ""


def _missing(rowid: int) -> ParticipantRow:
    return ParticipantRow(
        rowid, "", "", None, "", "", "", "", "", "", None, "", None, "", None, None, UNPAID
    )
