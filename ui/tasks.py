"""Long work off the GUI thread. The work function never touches a widget; its result, its
progress and its error come back to the GUI thread by signal. A task that reads or writes
the database gets a connection of its own (`run_on_db`), opened and closed in the worker,
so the GUI thread never shares a connection, or waits on a lock, with it.

Every failure is logged with its traceback, whether or not the caller handles it. Tests use
`InlineTasks`, which runs the same functions at once in the calling thread and otherwise
behaves exactly like `Tasks`: same progress and cancel, same logging, and an error with no
`on_error` is dropped (after logging) by both."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from models.database import Database

log = logging.getLogger(__name__)

T = TypeVar("T")
Work = Callable[["Progress"], Any]
OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]
OnProgress = Callable[[int], None]


class Progress:
    """Handed to the work function: report how far it got, and see whether to stop."""

    def __init__(self, emit: Callable[[int], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int) -> bool:
        """Report progress; returns False once cancelled, so loops can stop."""
        self._emit(done)
        return not self._cancel.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


def _attempt(fn: Work, progress: Progress) -> tuple[bool, Any]:
    """(True, result) or (False, the exception), the failure logged with its traceback.
    Both runners go through here, so they fail alike."""
    try:
        return True, fn(progress)
    except Exception as exc:
        name = getattr(fn, "__qualname__", type(fn).__name__)
        log.error("background task %s failed", name, exc_info=exc)
        return False, exc


def on_own_connection(
    connect: Callable[[], Database], fn: Callable[[Database, Progress], T]
) -> Callable[[Progress], T]:
    """`fn` run with a connection opened (and closed) in the thread that runs it: SQLite
    connections stay in the thread that made them."""

    def work(progress: Progress) -> T:
        db = connect()
        try:
            return fn(db, progress)
        finally:
            db.close()

    work.__qualname__ = getattr(fn, "__qualname__", "work")
    return work


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int)


class _Job(QRunnable):
    def __init__(self, fn: Work, signals: _Signals, progress: Progress) -> None:
        super().__init__()
        self.fn, self.signals, self.progress = fn, signals, progress

    def run(self) -> None:
        ok, value = _attempt(self.fn, self.progress)
        try:
            (self.signals.done if ok else self.signals.failed).emit(value)
        except RuntimeError:
            pass  # the application closed while the work ran: nobody is left to tell


class Tasks(QObject):
    """Runs work functions on Qt's thread pool."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool.globalInstance()
        self._live: set[_Signals] = set()

    def run(
        self,
        fn: Work,
        on_done: OnDone,
        on_error: OnError | None = None,
        on_progress: OnProgress | None = None,
    ) -> Progress:
        """Start `fn(progress)`; `on_done(result)` or `on_error(exception)` follows on the GUI
        thread. The returned Progress cancels it."""
        signals = _Signals()
        self._live.add(signals)  # keep the receiver alive until the job reports
        progress = Progress(signals.progress.emit)

        def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
            self._live.discard(signals)
            if callback is not None:
                callback(value)

        signals.done.connect(lambda r: finish(on_done, r))
        signals.failed.connect(lambda e: finish(on_error, e))
        if on_progress is not None:
            signals.progress.connect(on_progress)
        self._pool.start(_Job(fn, signals, progress))
        return progress

    def run_on_db(
        self,
        connect: Callable[[], Database],
        fn: Callable[[Database, Progress], Any],
        on_done: OnDone,
        on_error: OnError | None = None,
        on_progress: OnProgress | None = None,
    ) -> Progress:
        """Like `run`, with `fn(db, progress)` given a connection of its own (`connect()`,
        typically `session.connect_db`), closed when the work ends."""
        return self.run(on_own_connection(connect, fn), on_done, on_error, on_progress)

    def wait(self, msecs: int = 30_000) -> bool:
        return bool(self._pool.waitForDone(msecs))


class InlineTasks(Tasks):
    """The same interface, run at once in the caller's thread (for tests)."""

    def run(
        self,
        fn: Work,
        on_done: OnDone,
        on_error: OnError | None = None,
        on_progress: OnProgress | None = None,
    ) -> Progress:
        progress = Progress(on_progress or (lambda _n: None))
        ok, value = _attempt(fn, progress)
        if ok:
            on_done(value)
        elif on_error is not None:
            on_error(value)
        return progress
