"""Sync with HQ in the background: find out by itself whether HQ can be reached, send the
queue while it can (every few minutes and shortly after each save), one sync at a time.
The engine's functions are injected, so tests drive this with fakes and short intervals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from models.database import Database
from models.sync_state import SyncSummary, hq_settings, sync_summary
from models.sync_state import stopped as stopped_reason
from models.tallies import OUTBOX, tally
from models.vocabulary import PENDING
from services.changes import Changes
from ui.session import Session
from ui.sync_texts import sync_failure_text
from ui.tasks import Progress, Tasks

log = logging.getLogger(__name__)

# The engine's answers that mean "this device may not send until it is registered again".
STOPPING_ERRORS = ("auth", "revoked")
# The engine's answers that mean "HQ could not be reached" (the rest reached HQ).
OFFLINE_ERRORS = ("offline", "not_registered", "tls")  # tls: HQ itself was not reached

Probe = Callable[[Database], bool]
RunSync = Callable[[Database, Callable[[int, int], None]], Any]
Register = Callable[[Database, str, str], Any]


def engine_probe(db: Database) -> bool:
    # Imported here, not at the top: the HTTP stack is not needed to open the window.
    from sync.engine import check_online

    return check_online(db)


def engine_sync(db: Database, progress: Callable[[int, int], None]) -> Any:
    from sync.engine import sync_once

    return sync_once(db, progress=progress)


def engine_register(db: Database, hq_url: str, code: str) -> Any:
    from sync.engine import register_device

    return register_device(db, hq_url, code)


class SyncController(QObject):
    online_changed = Signal(bool)
    sync_started = Signal()
    sync_progress = Signal(int, int)  # records done, records to send
    sync_finished = Signal(object)  # the engine's SyncReport, or None when the sync failed
    state_changed = Signal()  # anything the indicator or the sync screen shows

    def __init__(
        self,
        session: Session,
        tasks: Tasks,
        *,
        probe: Probe = engine_probe,
        run_sync: RunSync = engine_sync,
        register: Register = engine_register,
        probe_interval_ms: int = 30_000,
        sync_interval_ms: int = 5 * 60_000,
        after_save_ms: int = 10_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self._probe = probe
        self._run_sync = run_sync
        self.register = register  # for the registration dialog
        self.online = False
        self.running = False
        self.probing = False
        self.active = False  # between start() and stop(): automatic probing and syncing
        self.closed = False  # after stop(): answers still arriving are dropped
        self._again = False  # a sync was asked for while one ran
        self._total = 0
        self.last_report: Any = None
        self.last_failure: str | None = None  # a sync that raised (a bug, a full disk)
        self.last_failure_text: str | None = None  # the same in the officer's words
        self.summary: SyncSummary = sync_summary(session.db)

        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(probe_interval_ms)
        self.probe_timer.timeout.connect(self.probe)
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(sync_interval_ms)
        self.sync_timer.timeout.connect(self.auto_sync)
        self.save_timer = QTimer(self)  # debounce: a burst of saves makes one sync
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(after_save_ms)
        self.save_timer.timeout.connect(self.auto_sync)
        session.changed.connect(self._changed)

    # ---------------------------------------------------------------- state

    @property
    def registered(self) -> bool:
        return self.summary.registered

    @property
    def stopped(self) -> str | None:
        """`auth` or `revoked` while syncing waits for the device to be registered again."""
        return self.summary.stopped

    def can_auto_sync(self) -> bool:
        return self.active and self.online and self.registered and self.stopped is None

    def refresh_summary(self) -> None:
        """Everything the status bar and the sync screen show (counts every queue state:
        ~15 ms at 300,000 queue rows, so not on every save)."""
        self.summary = sync_summary(self.session.db)
        self.state_changed.emit()

    def _refresh_waiting(self) -> None:
        """After a save: only the waiting count moves (a new record is always pending). Read
        from the tally the triggers keep, not by counting the pending rows."""
        n = tally(self.session.db, OUTBOX + PENDING)
        s = self.summary
        self.summary = replace(s, waiting=n, counts={**s.counts, "pending": n})
        self.state_changed.emit()

    def _refresh_settings(self) -> None:
        """Before a probe: registration and stop may have changed in another process (the
        command line registers too). Settings only, no counting."""
        url, token = hq_settings(self.session.db)
        self.summary = replace(
            self.summary,
            registered=token is not None,
            hq_url=url,
            stopped=stopped_reason(self.session.db),
        )

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)
            if online:
                self.auto_sync()  # records saved while offline go now
        self.state_changed.emit()

    # ---------------------------------------------------------------- life

    def start(self) -> None:
        """After sign-in: probe now and every interval, sync every interval."""
        self.active = True
        self.closed = False
        self.probe_timer.start()
        self.sync_timer.start()
        self.refresh_summary()
        self.probe()

    def stop(self) -> None:
        """The window closes: no more timers; a sync still running finishes on its own (it
        only ever leaves the queue consistent) and its answer is ignored."""
        self.active = False
        self.closed = True
        for timer in (self.probe_timer, self.sync_timer, self.save_timer):
            timer.stop()

    def registered_again(self) -> None:
        """The device was (re-)registered: syncing may resume, HQ's address may be new."""
        self.refresh_summary()
        self.probe()

    def _changed(self, changes: Changes, origin: object) -> None:
        """Something was queued here for HQ: count it, and send it after a pause. HQ's own
        answers (announced by this controller) queue nothing to send."""
        if origin is self or not changes.queue:
            return
        self._refresh_waiting()
        if self.active and self.registered and self.stopped is None:
            self.save_timer.start()

    # ---------------------------------------------------------------- probing

    def probe(self) -> None:
        """Ask HQ whether it answers. Skipped while a sync runs (its answer says it)."""
        if self.closed or self.probing or self.running:
            return
        self._refresh_settings()
        if not self.registered:
            self._set_online(False)  # nowhere to ask
            return
        self.probing = True
        probe = self._probe

        def work(db: Database, _progress: Progress) -> bool:
            return bool(probe(db))

        self.tasks.run_on_db(self.session.connect_db, work, self._probed, self._probe_failed)

    def _probed(self, online: bool) -> None:
        self.probing = False
        if not self.closed:
            self._set_online(online)

    def _probe_failed(self, _exc: BaseException) -> None:
        self.probing = False
        if not self.closed:
            self._set_online(False)

    # ---------------------------------------------------------------- syncing

    def auto_sync(self) -> None:
        if self.can_auto_sync():
            self._start_sync()

    def sync_now(self) -> bool:
        """The officer asked. Runs even when stopped (the engine says again why); while a
        sync runs, one more follows it. False when nothing started now."""
        if self.running:
            self._again = True
            return False
        if not self.registered:
            self.state_changed.emit()
            return False
        self._start_sync()
        return True

    def _start_sync(self) -> None:
        if self.running:
            self._again = True
            return
        self.save_timer.stop()  # this sync sends what the save queued
        self.running = True
        self._total = 0
        self.last_failure = self.last_failure_text = None
        self.sync_started.emit()
        self.state_changed.emit()
        run_sync = self._run_sync

        def work(db: Database, progress: Progress) -> Any:
            def report(done: int, total: int) -> None:
                # The helper's progress carries one number; the total rides along in an
                # attribute (one assignment of an int: atomic under the GIL).
                self._total = total
                progress.report(done)

            return run_sync(db, report)

        self.tasks.run_on_db(
            self.session.connect_db, work, self._synced, self._sync_failed, self._progressed
        )

    def _progressed(self, done: int) -> None:
        self.sync_progress.emit(done, max(self._total, done))

    def _synced(self, report: Any) -> None:
        self.running = False
        self.last_report = report
        if not self.closed:
            error = getattr(report, "error", None)
            # These say nothing about whether HQ answers now: another window or the command
            # line is syncing (busy), or syncing had already stopped before this cycle.
            if error in ("busy", *STOPPING_ERRORS):
                reached = self.online
            else:
                reached = error not in OFFLINE_ERRORS
            self._finish(report, reached=reached)

    def _sync_failed(self, exc: BaseException) -> None:
        self.running = False
        self.last_report = None
        self.last_failure = str(exc) or type(exc).__name__
        self.last_failure_text = sync_failure_text(exc, self.session.lang)
        # Tasks has logged its traceback.
        if not self.closed:
            self._finish(None, reached=self.online)

    def _finish(self, report: Any, reached: bool) -> None:
        self.summary = sync_summary(self.session.db)
        if reached != self.online:
            self.online = reached
            self.online_changed.emit(reached)
        self.sync_finished.emit(report)
        self.state_changed.emit()
        if report is not None and reached:
            # HQ's answers changed queue states and member numbers (which records: the
            # engine does not say), so lists, counts and open records refresh.
            self.session.announce(Changes(queue=True), origin=self)
        if self._again:
            self._again = False
            if self.registered:
                self._start_sync()
