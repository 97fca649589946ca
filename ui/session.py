"""What the whole interface shares: the database, reference data, who is signed in, which
event is open, the language. Screens get it injected; nothing reaches for a global."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from models.clock import Clock, system_clock
from models.database import Database
from models.db import Error as DbError
from models.db import get_setting, reconnect, set_setting
from models.events import Event, get_event
from models.officers import Officer
from models.reference import ReferenceData
from services.changes import Changes

EVENT_SETTING = "chosen_event"


class _Signals(QObject):
    officer_changed = Signal()
    event_changed = Signal()
    # What a use case changed (services.changes.Changes), and who asked for it (or None):
    # each screen and open dialog refreshes from what it shows; the initiator may skip its
    # own announcement (Anki's operation_did_execute(changes, handler) is the model).
    changed = Signal(object, object)
    language_changed = Signal(str)


class Session:
    """Not a QObject itself: its `event` attribute would shadow `QObject.event()`, the
    method Qt calls to deliver events. Its signals live on a small QObject it owns."""

    def __init__(
        self,
        db: Database,
        ref: ReferenceData,
        data_dir: Path,
        lang: str = "id",
        clock: Clock = system_clock,
        parent: QObject | None = None,
    ) -> None:
        self._signals = _Signals(parent)
        self.officer_changed = self._signals.officer_changed
        self.event_changed = self._signals.event_changed
        self.changed = self._signals.changed
        self.language_changed = self._signals.language_changed
        self.db = db
        self.ref = ref
        self.data_dir = data_dir
        self.lang = lang
        self.clock = clock
        self.officer: Officer | None = None
        self.event: Event | None = None

    def connect_db(self) -> Database:
        """A connection of its own for a background thread (SQLite connections stay in the
        thread that made them)."""
        return reconnect(self.db)

    def sign_in(self, officer: Officer) -> None:
        self.officer = officer
        self.officer_changed.emit()

    def set_event(self, event: Event | None) -> None:
        self.event = event
        if event is not None:  # the desk opens on it next time (restore_event)
            try:
                set_setting(self.db, EVENT_SETTING, event.id)
            except DbError:  # a full disk: not worth stopping the officer for
                pass
        self.event_changed.emit()

    def restore_event(self) -> None:
        """The event chosen last time (before a restart), when it is still open."""
        event_id = get_setting(self.db, EVENT_SETTING)
        event = get_event(self.db, event_id) if event_id else None
        if event is not None and event.is_open:
            self.event = event
            self.event_changed.emit()

    def reload_event(self) -> None:
        """Re-read the open event (it may have been closed)."""
        if self.event is not None:
            self.event = get_event(self.db, self.event.id)
            self.event_changed.emit()

    def set_language(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self.language_changed.emit(lang)

    def announce(self, changes: Changes, origin: object | None = None) -> None:
        """Tell every screen and open dialog what changed; nothing when nothing did."""
        if changes:
            self.changed.emit(changes, origin)

    def records_saved(self, record_ids: Iterable[str] = (), origin: object | None = None) -> None:
        """Records were written here and queued for HQ (ids unknown: none given)."""
        self.announce(Changes(records=frozenset(record_ids), queue=True), origin)
