"""One sync at a time per data folder: a second thread or process is told `busy` at once."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from sync.engine import sync_once
from sync.lock import lock_path_for
from tests.helpers import fixed_clock, open_desk
from tests.sync.fakehq import FakeHQ, enrol_many, hq_fixture, registered_fixture  # noqa: F401


def test_the_lock_lives_beside_the_database(db, data_dir):
    assert lock_path_for(db) == data_dir / "sync.lock"


@pytest.mark.slow
def test_another_process_holding_the_lock_makes_sync_busy(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    path = lock_path_for(db)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from pathlib import Path\n"
            "from models.folder import held_alone\n"
            f"with held_alone(Path({str(path)!r}), 10):\n"
            "    print('locked', flush=True)\n"
            "    sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        report = sync_once(db, client=hq.client(), clock=fixed_clock)
        assert report.error == "busy" and report.pending == 3
        assert hq.calls == []
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
    report = sync_once(db, client=hq.client(), clock=fixed_clock)
    assert report.error is None and report.accepted == 3


def test_a_second_thread_is_busy_while_the_first_is_pushing(
    registered, ref, event, officer, hq, data_dir
):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    pushing, release = threading.Event(), threading.Event()

    def slow_push() -> None:
        pushing.set()
        assert release.wait(10)

    hq.on_push = slow_push
    reports = []

    def first() -> None:
        own = open_desk(data_dir)  # a connection per thread, as the window's worker has
        try:
            reports.append(sync_once(own, client=hq.client(), clock=fixed_clock))
        finally:
            own.close()

    worker = threading.Thread(target=first)
    worker.start()
    try:
        assert pushing.wait(10)
        second = sync_once(db, client=hq.client(), clock=fixed_clock)
        assert second.error == "busy"
    finally:
        release.set()
        worker.join(10)
    assert reports[0].accepted == 3 and reports[0].error is None
    assert len(hq.pushed) == 1
