"""The sync queue as a state machine (Hypothesis): enrol, sync through a chosen fault, let
time pass, restart; after every step nothing is lost, nothing is doubled at HQ, and what
the device marks as at HQ is at HQ. At the end of each example a clean sync puts
everything at HQ exactly once.

One reference HQ process (4 records a batch) and one fault proxy serve the whole run; each
example is a fresh device with its own registration, and made-up NIKs never repeat.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from sync.engine import sync_once
from tests.hq_server import HQProcess, run_hq
from tests.sync import fault_proxy as fp
from tests.sync.fault_proxy import (
    Device,
    FaultProxy,
    MovableClock,
    assert_all_at_hq,
    assert_at_hq_means_at_hq,
    assert_nothing_doubled,
    hq_ids,
)

pytestmark = pytest.mark.slow  # the HQ server runs as a process

PUSH = "/sync/push"
SHORT_TIMEOUT = 0.3  # the client's read timeout when the fault is a held push
HELD = 0.8  # longer than SHORT_TIMEOUT; `release_held` ends it as soon as the sync is over

FAULTS = ("none", "drop", "reset", "500", "503", "timeout", "late", "offline", "portal")


def arm(proxy: FaultProxy, fault: str) -> float:
    """Program the proxy for one sync; the client's read timeout to use."""
    one_shot = {
        "drop": fp.DROP,  # the first push never reaches HQ
        "reset": fp.RESET_AFTER_COMMIT,  # HQ keeps it, the answer is lost
        "500": fp.server_error(),
        "503": fp.unavailable(1),
        "timeout": fp.delay(HELD),  # HQ keeps it, the answer comes too late
        "late": fp.delay(HELD, before=True),  # reaches HQ after the client retried
    }
    if fault in one_shot:
        proxy.fail(PUSH, one_shot[fault])
    elif fault == "offline":
        proxy.always(fp.DROP)
    elif fault == "portal":
        proxy.always(fp.login_page())
    return SHORT_TIMEOUT if fault in ("timeout", "late") else 10.0


class SyncQueue(RuleBasedStateMachine):
    hq: ClassVar[HQProcess]
    proxy: ClassVar[FaultProxy]
    base: ClassVar[Path]
    examples: ClassVar[itertools.count[int]] = itertools.count()

    def __init__(self) -> None:
        super().__init__()
        self.device = Device(self.base / f"device-{next(self.examples)}")
        self.device.register(self.hq.url, self.hq.create_code())
        self.saved = {self.device.event.id}
        self.clock = MovableClock()

    @initialize(n=st.integers(1, 3))
    def first_enrolments(self, n: int) -> None:
        self.saved.update(self.device.enrol(n))

    @rule(n=st.integers(1, 3))
    def enrol(self, n: int) -> None:
        self.saved.update(self.device.enrol(n))

    @rule(
        fault=st.sampled_from(FAULTS),
        jitter=st.sampled_from([0.1, 0.5, 0.9]),
        wait=st.sampled_from([0, 30, 3600]),
        more=st.integers(0, 2),
        restart_first=st.booleans(),
    )
    def sync(self, fault: str, jitter: float, wait: int, more: int, restart_first: bool) -> None:
        """`more` people enrolled, maybe a restart, `wait` seconds, then a sync through
        `fault` (records still in backoff are skipped until their time). The enrolments and
        the restart are here as well as in their own rules because Hypothesis's swarm
        testing turns whole rules off in many examples: this keeps every sync busy."""
        self.saved.update(self.device.enrol(more))
        if restart_first:
            self.device.reopen()
        self.clock.advance(wait)
        read_timeout = arm(self.proxy, fault)
        try:
            with self.device.client(self.proxy.url, read_timeout) as client:
                report = sync_once(
                    self.device.db,
                    client=client,
                    clock=self.clock,
                    sleep=self.clock.sleep,
                    rng=lambda: jitter,
                )
        finally:
            self.proxy.clear()
            self.proxy.release_held()
            self.proxy.wait_idle()
        assert report.error in (None, "offline", "server"), report.error  # never stopped

    @rule()
    def restart(self) -> None:
        self.device.reopen()

    @invariant()
    def nothing_lost(self) -> None:
        assert self.device.ids() == self.saved

    @invariant()
    def nothing_doubled_at_hq(self) -> None:
        assert_nothing_doubled(self.hq)
        assert set(hq_ids(self.hq, self.device.id)) <= self.saved

    @invariant()
    def marked_at_hq_is_at_hq(self) -> None:
        assert_at_hq_means_at_hq(self.hq, self.device)

    @invariant()
    def never_refused(self) -> None:
        """Made-up people are valid and unique: a fault must never turn one into a
        rejection, a conflict or a duplicate."""
        assert set(self.device.states().values()) <= {"pending", "synced"}

    def teardown(self) -> None:
        try:
            self.clock.advance(86_400)
            with self.device.client(self.proxy.url) as client:
                report = sync_once(self.device.db, client=client, clock=self.clock)
            assert report.error is None and report.pending == 0, report
            assert_all_at_hq(self.hq, self.device)
        finally:
            self.device.close()


def test_sync_queue_survives_faults_and_restarts(tmp_path: Path) -> None:
    with run_hq(tmp_path / "hq", HQ_MAX_BATCH_RECORDS="4") as hq, FaultProxy(hq.url) as proxy:
        SyncQueue.hq, SyncQueue.proxy, SyncQueue.base = hq, proxy, tmp_path
        run_state_machine_as_test(
            SyncQueue,
            settings=settings(
                max_examples=15,
                stateful_step_count=8,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
