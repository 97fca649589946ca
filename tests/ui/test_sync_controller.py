"""The sync controller with fake engine functions and short intervals: it finds HQ by
itself, sends after a save, never runs two syncs at once, and stops on a refused token.
And the status-bar indicator that shows it."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest

from models.db import set_setting
from ui.sync_controller import SyncController
from ui.tasks import Tasks
from ui.widgets.sync_indicator import SyncIndicator


@dataclass
class FakeReport:
    sent: int = 0
    accepted: int = 0
    already_received: int = 0
    duplicate_person: int = 0
    rejected: int = 0
    conflict: int = 0
    pending: int = 0
    error: str | None = None


def register(db, url: str = "http://hq.test") -> None:
    """What a successful registration leaves in the settings (docs/sync.md)."""
    set_setting(db, "hq_url", url)
    set_setting(db, "device_token", "token-1")
    set_setting(db, "registered_at", "2026-11-22T08:00:00+07:00")


class Fakes:
    def __init__(self, online: bool = True, report: FakeReport | None = None) -> None:
        self.online = online
        self.report = report or FakeReport()
        self.probes = 0
        self.syncs = 0
        self.threads: set[int] = set()

    def probe(self, db) -> bool:
        self.probes += 1
        self.threads.add(threading.get_ident())
        db.execute("SELECT 1").fetchone()  # a connection of this thread's own
        return self.online

    def run_sync(self, db, progress) -> FakeReport:
        self.syncs += 1
        progress(1, 1)
        return self.report


def controller(session, tasks, fakes: Fakes, **intervals: int) -> SyncController:
    settings = {"probe_interval_ms": 60_000, "sync_interval_ms": 60_000, "after_save_ms": 60_000}
    settings.update(intervals)
    c = SyncController(session, tasks, probe=fakes.probe, run_sync=fakes.run_sync, **settings)
    return c


@pytest.fixture
def fakes() -> Fakes:
    return Fakes()


def test_not_registered_means_offline_and_no_probe(qtbot, session, tasks, fakes):
    c = controller(session, tasks, fakes, probe_interval_ms=20)
    c.start()
    qtbot.wait(80)
    assert fakes.probes == 0
    assert not c.online
    assert not c.sync_now()  # nowhere to send to
    assert fakes.syncs == 0
    c.stop()


def test_goes_online_and_offline_by_itself(qtbot, session, tasks, db, fakes):
    register(db)
    c = controller(session, tasks, fakes, probe_interval_ms=30)
    changes: list[bool] = []
    c.online_changed.connect(changes.append)
    c.start()  # probes at once
    assert fakes.probes == 1
    assert c.online and changes == [True]
    assert fakes.syncs == 1  # online with records waiting: they go now

    fakes.online = False
    qtbot.waitUntil(lambda: not c.online, timeout=2000)
    assert changes == [True, False]
    fakes.online = True
    qtbot.waitUntil(lambda: c.online, timeout=2000)
    assert changes == [True, False, True]
    c.stop()


def test_a_save_syncs_once_after_a_pause(qtbot, session, tasks, db, fakes):
    register(db)
    c = controller(session, tasks, fakes, after_save_ms=60)
    c.start()
    assert fakes.syncs == 1
    for _ in range(3):  # a burst of saves
        session.records_saved()
        qtbot.wait(10)
    assert fakes.syncs == 1  # not yet: the pause
    qtbot.waitUntil(lambda: fakes.syncs == 2, timeout=2000)
    qtbot.wait(150)
    assert fakes.syncs == 2  # one sync for the burst, and its own refresh triggers none
    c.stop()


def test_a_save_while_offline_waits_for_hq(qtbot, session, tasks, db):
    register(db)
    fakes = Fakes(online=False)
    c = controller(session, tasks, fakes, after_save_ms=20, probe_interval_ms=40)
    c.start()
    session.records_saved()
    qtbot.wait(80)
    assert fakes.syncs == 0
    fakes.online = True
    qtbot.waitUntil(lambda: fakes.syncs == 1, timeout=2000)  # found HQ: sends
    c.stop()


def test_syncs_every_interval_while_online(qtbot, session, tasks, db, fakes):
    register(db)
    c = controller(session, tasks, fakes, sync_interval_ms=40)
    c.start()
    qtbot.waitUntil(lambda: fakes.syncs >= 3, timeout=2000)
    c.stop()
    done = fakes.syncs
    qtbot.wait(120)
    assert fakes.syncs == done  # stopped: timers do not fire


def test_never_two_syncs_at_once(qtbot, session, db, fakes):
    """With the real thread pool: a sync asked for while one runs follows it, once."""
    register(db)
    release = threading.Event()
    running = threading.Semaphore(0)
    at_once = {"now": 0, "most": 0}
    lock = threading.Lock()

    def slow_sync(db, progress) -> FakeReport:
        with lock:
            fakes.syncs += 1
            at_once["now"] += 1
            at_once["most"] = max(at_once["most"], at_once["now"])
        running.release()
        release.wait(5)
        with lock:
            at_once["now"] -= 1
        return FakeReport()

    tasks = Tasks()
    c = SyncController(
        session,
        tasks,
        probe=fakes.probe,
        run_sync=slow_sync,
        probe_interval_ms=60_000,
        sync_interval_ms=60_000,
        after_save_ms=60_000,
    )
    c.start()
    qtbot.waitUntil(lambda: c.online and c.running, timeout=3000)
    assert running.acquire(timeout=3)
    assert threading.get_ident() not in fakes.threads  # the probe ran off the GUI thread
    assert c.sync_now() is False  # one runs: this one is queued
    assert c.sync_now() is False  # and asking twice queues one, not two
    c.probe()  # no probe while a sync runs
    assert fakes.probes == 1
    release.set()
    qtbot.waitUntil(lambda: fakes.syncs == 2 and not c.running, timeout=5000)
    qtbot.wait(100)
    assert fakes.syncs == 2
    assert at_once["most"] == 1
    c.stop()
    assert tasks.wait(5000)


def test_a_refused_token_stops_automatic_syncing(qtbot, session, tasks, db):
    register(db)

    class StoppingFakes(Fakes):
        def run_sync(self, db, progress) -> FakeReport:
            self.syncs += 1
            set_setting(db, "sync_stopped", "auth")  # what the engine does on a 401
            return FakeReport(error="auth", pending=3)

    fakes = StoppingFakes()
    c = controller(session, tasks, fakes, after_save_ms=20, sync_interval_ms=40)
    finished: list[object] = []
    c.sync_finished.connect(finished.append)
    c.start()
    assert fakes.syncs == 1 and finished[0].error == "auth"
    assert c.stopped == "auth"
    assert c.online  # HQ answered: online, but not allowed to send
    session.records_saved()
    qtbot.wait(150)
    assert fakes.syncs == 1  # neither the save nor the interval syncs

    with db.atomic():  # registered again: the engine clears the stop
        db.execute("DELETE FROM settings WHERE key = 'sync_stopped'")
    fakes.run_sync = lambda db, progress: Fakes.run_sync(fakes, db, progress)  # type: ignore[method-assign]
    c.registered_again()
    qtbot.waitUntil(lambda: fakes.syncs >= 2, timeout=2000)
    c.stop()


def test_an_offline_report_goes_offline(qtbot, session, tasks, db):
    register(db)
    fakes = Fakes(report=FakeReport(error="offline", pending=3))
    c = controller(session, tasks, fakes)
    c.start()
    assert fakes.syncs == 1
    assert not c.online


def test_a_sync_that_raises_is_reported_not_fatal(qtbot, session, tasks, db, fakes):
    register(db)

    def broken(db, progress):
        raise OSError("disk full")

    c = SyncController(session, tasks, probe=fakes.probe, run_sync=broken)
    finished: list[object] = []
    c.sync_finished.connect(finished.append)
    c.start()
    assert finished == [None]
    assert c.last_failure == "disk full"
    assert not c.running
    c.stop()


# ---------------------------------------------------------------- the indicator


def test_the_indicator_says_what_sync_is_doing(qtbot, session, tasks, db):
    fakes = Fakes(online=True)
    c = controller(session, tasks, fakes)
    indicator = SyncIndicator(c)
    qtbot.addWidget(indicator)
    c.start()
    # The test event waits for HQ; the laptop is not registered.
    assert indicator.text() == "Luring · Menunggu dikirim: 1 · Perangkat belum didaftarkan"

    register(db)
    c.registered_again()
    assert c.online
    assert indicator.connection.text() == "Daring"
    assert "#1b7f3b" in indicator.dot.styleSheet()
    assert indicator.note.isHidden()

    set_setting(db, "last_sync_at", "2026-11-22T09:10:00+07:00")  # the fixed clock's day
    c.refresh_summary()
    assert indicator.text() == "Daring · Menunggu dikirim: 1 · Terakhir sinkron: 09:10"
    set_setting(db, "last_sync_at", "2026-11-21T02:40:00+00:00")  # 09:40 in Jakarta
    c.refresh_summary()
    assert indicator.last.text() == "Terakhir sinkron: 21 November 2026 09:40"

    fakes.online = False
    c.probe()
    assert indicator.connection.text() == "Luring"
    assert "#6b6b6b" in indicator.dot.styleSheet()

    c.running = True
    c.state_changed.emit()
    assert indicator.note.text() == "sedang sinkron…"
    c.running = False

    set_setting(db, "sync_stopped", "auth")
    c.refresh_summary()
    assert indicator.note.text() == "Sinkron berhenti: daftarkan ulang perangkat"
    set_setting(db, "sync_stopped", "revoked")
    c.refresh_summary()
    assert indicator.note.text() == "Sinkron berhenti: perangkat dicabut"

    with qtbot.waitSignal(indicator.clicked):
        from PySide6.QtCore import Qt

        qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)
    c.stop()


def test_the_waiting_count_follows_saves(qtbot, session, tasks, db, ref, event, officer):
    from models.enrolments import enrol
    from tests.helpers import fixed_clock, person

    c = controller(session, tasks, Fakes())
    indicator = SyncIndicator(c)
    qtbot.addWidget(indicator)
    enrol(db, ref, event.id, person(), officer, fixed_clock)
    session.records_saved()
    assert indicator.waiting.text() == "Menunggu dikirim: 3"


def test_the_waiting_count_after_a_save_reads_no_queue_row(
    qtbot, session, tasks, db, ref, event, officer
):
    """After each save the window's thread reads the tally the triggers keep, not every
    pending queue row (200,000 of them at 100,000 enrolments)."""
    import re

    from models.enrolments import enrol
    from tests.helpers import fixed_clock, person

    c = controller(session, tasks, Fakes())
    enrol(db, ref, event.id, person(), officer, fixed_clock)
    read: list[str] = []
    db.conn.set_trace_callback(read.append)
    try:
        session.records_saved()
    finally:
        db.conn.set_trace_callback(None)
    assert c.summary.waiting == c.summary.counts["pending"] == 3
    assert read and not [sql for sql in read if re.search(r"\boutbox\b(?!:)", sql)]
