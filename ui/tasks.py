"""Long work off the GUI thread. The work function never touches a widget; its result, its
progress and its error come back to the GUI thread by signal. Tests use `InlineTasks`,
which runs the same functions at once in the calling thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals, progress: Progress):
        super().__init__()
        self.fn, self.signals, self.progress = fn, signals, progress

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # reported to the GUI, which shows a message
            self._report(self.signals.failed, exc)
        else:
            self._report(self.signals.done, result)

    @staticmethod
    def _report(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
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
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> Progress:
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

    def wait(self, msecs: int = 30_000) -> bool:
        return bool(self._pool.waitForDone(msecs))


class InlineTasks(Tasks):
    """The same interface, run at once in the caller's thread (for tests)."""

    def run(
        self,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> Progress:
        progress = Progress(on_progress or (lambda _n: None))
        try:
            result = fn(progress)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            on_done(result)
        return progress
