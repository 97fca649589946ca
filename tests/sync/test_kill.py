"""The sync process killed (SIGKILL) in the middle of a batch, then run again: HQ holds each
record exactly once and the device's queue says so.

The sync runs as the real command, `main.py --data-dir D sync`, in its own process; the
device's `hq_url` points at the fault proxy, which holds a push so the kill lands at a
known point (HQ committed, or the request not yet at HQ), or lets pushes through with a
small delay so seeded random kills land anywhere in a run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.db import set_setting
from tests.helpers import open_desk
from tests.hq_server import ROOT, HQProcess, run_hq
from tests.sync import fault_proxy as fp
from tests.sync.fault_proxy import (
    Device,
    FaultProxy,
    assert_all_at_hq,
    assert_at_hq_means_at_hq,
    assert_nothing_doubled,
    hq_ids,
)

pytestmark = pytest.mark.slow  # the HQ server and `main.py sync` run as processes

BATCH = 4
PUSH = "/sync/push"
HOLD = 60.0  # longer than any test: a held push waits for `release_held`


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQProcess]:
    with run_hq(tmp_path_factory.mktemp("hq"), HQ_MAX_BATCH_RECORDS=str(BATCH)) as server:
        yield server


@pytest.fixture
def proxy(hq: HQProcess) -> Iterator[FaultProxy]:
    with FaultProxy(hq.url) as p:
        yield p


def device_through(folder: Path, hq: HQProcess, proxy: FaultProxy, people: int) -> Device:
    """A device registered directly with HQ, whose `main.py sync` goes through the proxy.
    Closed before the sync processes run: they open the folder themselves."""
    d = Device(folder)
    d.register(hq.url, hq.create_code())
    d.enrol(people)
    set_setting(d.db, "hq_url", proxy.url)
    d.close()
    return d


def start_sync(folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "main.py", "--data-dir", str(folder), "sync"],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL, "the sync ended before it was killed"


def sync_to_the_end(folder: Path) -> dict[str, int]:
    """Run `main.py sync` to its end with no fault; it must leave nothing pending."""
    done = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(folder), "sync"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    report: dict[str, int] = json.loads(done.stdout)
    return report


def reopened(d: Device) -> Device:
    """The device's folder opened again in the test, after a check of the file."""
    d.db = open_desk(d.folder)
    assert d.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return d


def test_killed_while_hq_answer_is_on_its_way(
    tmp_path: Path, hq: HQProcess, proxy: FaultProxy
) -> None:
    """HQ committed the first batch; its answer never reaches the killed process."""
    d = device_through(tmp_path / "device", hq, proxy, people=5)
    proxy.fail(PUSH, fp.delay(HOLD))
    process = start_sync(d.folder)
    proxy.wait_for(lambda: any(s.path == PUSH and s.hq_status == 200 for s in proxy.log))
    kill(process)
    proxy.release_held()
    proxy.wait_idle()

    reopened(d)
    (held,) = [s for s in proxy.log if s.path == PUSH]
    assert set(hq_ids(hq, d.id)) == set(held.ids) != set()
    assert d.ids("pending") == d.ids(), "no answer was applied, so all still wait"
    d.close()

    report = sync_to_the_end(d.folder)
    assert report["pending"] == 0
    reopened(d)
    assert_all_at_hq(hq, d)
    d.close()


def test_killed_while_the_push_is_on_its_way_to_hq(
    tmp_path: Path, hq: HQProcess, proxy: FaultProxy
) -> None:
    """The killed process's push reaches HQ after the process died, and is committed."""
    d = device_through(tmp_path / "device", hq, proxy, people=5)
    proxy.fail(PUSH, fp.delay(HOLD, before=True))
    process = start_sync(d.folder)
    proxy.wait_for(lambda: any(s.path == PUSH for s in proxy.log))
    kill(process)
    assert hq_ids(hq, d.id) == []
    proxy.release_held()
    proxy.wait_idle()
    held = next(s for s in proxy.log if s.path == PUSH)
    assert held.hq_status == 200
    assert set(hq_ids(hq, d.id)) == set(held.ids)
    reopened(d)
    assert d.ids("pending") == d.ids()
    d.close()

    sync_to_the_end(d.folder)
    reopened(d)
    assert_all_at_hq(hq, d)
    d.close()


def test_killed_at_random_points_then_run_again(
    tmp_path: Path, hq: HQProcess, proxy: FaultProxy
) -> None:
    """Four runs killed after a random number of pushes plus a random few milliseconds
    (while HQ commits, while the answer is applied, between batches), then a full run."""
    rng = random.Random(20261122)
    d = device_through(tmp_path / "device", hq, proxy, people=20)  # 41 records, 11 batches
    proxy.always(fp.delay(0.03), PUSH)  # each answer a little late: kills land mid-batch
    killed = 0
    for _ in range(4):
        before = proxy.count(PUSH)
        process = start_sync(d.folder)
        target = before + rng.randint(1, 3)
        proxy.wait_for(lambda t=target, p=process: proxy.count(PUSH) >= t or p.poll() is not None)
        time.sleep(rng.uniform(0.0, 0.06))
        if process.poll() is None:
            kill(process)
            killed += 1
        else:  # it finished first: only possible once the queue was empty
            assert process.returncode == 0
        proxy.release_held()
        proxy.wait_idle()
        reopened(d)
        assert_at_hq_means_at_hq(hq, d)
        assert_nothing_doubled(hq)
        d.close()
    assert killed >= 3
    assert hq_ids(hq, d.id), "the killed runs got some records to HQ"
    proxy.clear()
    sync_to_the_end(d.folder)
    reopened(d)
    assert_all_at_hq(hq, d)
    d.close()
