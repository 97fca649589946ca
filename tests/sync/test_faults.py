"""Sync through a faulty network: the real client against the real reference HQ, with a
proxy between them that drops, resets, delays or answers for HQ (tests/sync/fault_proxy.py).

Every test enrols made-up people on a fresh device registered directly with HQ, runs
`sync_once` through the proxy with a fault, checks the device's queue and HQ's database
mid-way, then runs again with the fault cleared and checks that every record is at HQ
exactly once. HQ allows 4 records a batch, so the 11 records of 5 enrolments (the event,
then each enrolment and its payment) go in three batches and a fault can hit one of them.
Time is a `MovableClock`: backoff costs nothing, and a retry time is passed by moving it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.db import device_id, get_setting
from sync.engine import SyncReport, check_online, sync_once
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

BATCH = 4
PEOPLE = 5
RECORDS = 1 + 2 * PEOPLE  # the event, then each enrolment and its payment
PUSH = "/sync/push"
# A held push outlasts the client's short read timeout; every other request of that run
# must still answer within it, so it is not made shorter than a loaded CI machine needs.
SHORT_TIMEOUT = 1.5
HELD = 3.0


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQProcess]:
    with run_hq(tmp_path_factory.mktemp("hq"), HQ_MAX_BATCH_RECORDS=str(BATCH)) as server:
        yield server


@pytest.fixture(scope="module")
def module_proxy(hq: HQProcess) -> Iterator[FaultProxy]:
    with FaultProxy(hq.url) as p:
        yield p


@pytest.fixture
def proxy(module_proxy: FaultProxy) -> Iterator[FaultProxy]:
    module_proxy.clear()
    module_proxy.reset_counts()
    yield module_proxy
    module_proxy.clear()
    module_proxy.wait_idle()


@pytest.fixture
def device(tmp_path: Path, hq: HQProcess) -> Iterator[Device]:
    d = Device(tmp_path / "device")
    d.register(hq.url, hq.create_code())
    d.enrol(PEOPLE)
    assert len(d.states()) == RECORDS
    yield d
    d.close()


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


def run(
    device: Device,
    proxy: FaultProxy,
    clock: MovableClock,
    *,
    rng: float = 0.5,
    read_timeout: float = 10.0,
) -> SyncReport:
    """One `sync_once` through the proxy. With `rng` 0.5 the first backoff is 2.5 s, longer
    than the engine sleeps through, so a failed batch waits for the clock to move."""
    with device.client(proxy.url, read_timeout) as client:
        return sync_once(device.db, client=client, clock=clock, sleep=clock.sleep, rng=lambda: rng)


def clean_run(hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock) -> None:
    """The fault cleared and every backoff over: one run puts everything at HQ, once."""
    proxy.clear()
    clock.advance(3600)
    report = run(device, proxy, clock)
    assert report.error is None
    assert report.pending == 0
    assert_all_at_hq(hq, device)


def pushes(proxy: FaultProxy) -> list[fp.Seen]:
    return [s for s in proxy.log if s.path == PUSH]


def first_batch(device: Device) -> list[str]:
    return [row[0] for row in device.queue()[:BATCH]]


# ---------------------------------------------------------------- no fault


def test_clean_sync_puts_every_record_at_hq_once(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    report = run(device, proxy, clock)
    assert (report.error, report.accepted, report.pending) == (None, RECORDS, 0)
    assert_all_at_hq(hq, device)
    assert [s.records for s in pushes(proxy)] == [4, 4, 3]
    # A second run has nothing to send and changes nothing.
    rows = device.rows()
    report = run(device, proxy, clock)
    assert (report.error, report.sent) == (None, 0)
    assert [r[:9] for r in device.rows()] == [r[:9] for r in rows]
    assert len(pushes(proxy)) == 3


# ---------------------------------------------------------------- dropped requests


def test_one_dropped_push_is_sent_again_in_the_same_cycle(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    proxy.fail(PUSH, fp.DROP)
    report = run(device, proxy, clock)
    assert report.error is None
    assert pushes(proxy)[0].hq_status is None  # never reached HQ
    assert proxy.count("/sync/status") >= 1  # the client asked what HQ holds first
    assert_all_at_hq(hq, device)


def test_every_push_dropped_keeps_records_pending_then_sends_them(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    proxy.always(fp.DROP, PUSH)
    report = run(device, proxy, clock)
    assert report.error == "offline"
    assert report.pending == RECORDS
    assert set(device.states().values()) == {"pending"}
    assert hq_ids(hq, device.id) == []
    assert 1 <= len(pushes(proxy)) <= 3  # the cycle gives up instead of hammering
    clean_run(hq, device, proxy, clock)


# ---------------------------------------------------------------- lost answers


def test_reset_after_commit_is_learnt_from_status_not_resent(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    proxy.fail(PUSH, fp.RESET_AFTER_COMMIT)
    report = run(device, proxy, clock)
    assert report.error is None
    seen = pushes(proxy)
    assert seen[0].hq_status == 200 and seen[0].status is None  # HQ kept it; answer lost
    assert proxy.count("/sync/status") >= 1
    resent = {i for s in seen[1:] for i in s.ids}
    assert not resent & set(seen[0].ids), "records HQ already held were pushed again"
    assert_all_at_hq(hq, device)


def test_reset_after_every_push_marks_exactly_what_hq_holds(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    proxy.always(fp.RESET_AFTER_COMMIT, PUSH)
    report = run(device, proxy, clock)
    assert report.error == "offline"
    at_hq = set(hq_ids(hq, device.id))
    assert at_hq, "HQ committed the first batch"
    assert device.ids("synced") == at_hq
    assert device.ids("pending") == device.ids() - at_hq != set()
    assert_nothing_doubled(hq)

    proxy.reset_counts()
    clean_run(hq, device, proxy, clock)
    resent = {i for s in pushes(proxy) for i in s.ids}
    assert not resent & at_hq


def test_late_answer_after_a_read_timeout_is_not_applied_twice(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    """HQ commits the batch at once but its answer comes after the client gave up."""
    proxy.fail(PUSH, fp.delay(HELD))
    report = run(device, proxy, clock, read_timeout=SHORT_TIMEOUT)
    assert report.error is None
    assert_all_at_hq(hq, device)
    rows = device.rows()
    proxy.wait_idle()  # the late answer is written to a closed connection
    assert device.rows() == rows
    assert_all_at_hq(hq, device)


def test_request_reaching_hq_after_the_retry_is_kept_once(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    """The first push is held on the way to HQ until after the client timed out, asked
    /sync/status (nothing yet) and sent the same records again; then it arrives."""
    proxy.fail(PUSH, fp.delay(HELD, before=True))
    report = run(device, proxy, clock, read_timeout=SHORT_TIMEOUT)
    assert report.error is None
    assert set(device.states().values()) == {"synced"}
    proxy.wait_idle()
    late = pushes(proxy)[0]
    assert late.hq_status == 200, "the held request did reach HQ"
    retried = {i for s in pushes(proxy)[1:] for i in s.ids}
    assert set(late.ids) <= retried
    assert_all_at_hq(hq, device)


def test_lost_answer_and_status_unreachable_resends_later(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    """HQ kept the first batch, its answer was lost, and /sync/status fails too: nothing
    may be marked as at HQ on a guess; the next run learns it (or resends, answered
    `already_received`)."""
    proxy.fail(PUSH, fp.RESET_AFTER_COMMIT)
    proxy.always(fp.DROP, "/sync/status")
    report = run(device, proxy, clock)
    assert report.error == "offline"
    assert len(hq_ids(hq, device.id)) == BATCH
    assert set(device.states().values()) == {"pending"}
    clean_run(hq, device, proxy, clock)


# ---------------------------------------------------------------- HQ trouble


def test_two_server_errors_are_slept_through(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    proxy.fail(PUSH, fp.server_error(), fp.server_error())
    report = run(device, proxy, clock, rng=0.1)  # backoff 0.5 s: short enough to sleep
    assert report.error is None
    assert clock.slept == [0.5, 0.5]
    assert_all_at_hq(hq, device)


def test_server_error_keeps_the_batch_waiting_and_others_go_on(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    proxy.always(fp.server_error(500), PUSH)
    first = first_batch(device)
    report = run(device, proxy, clock)
    assert report.error == "server"
    assert hq_ids(hq, device.id) == []
    queue = device.queue()
    retry_at = clock.utc_text(2.5)  # full jitter at 0.5 of 5 s
    assert [(q[2], q[3], q[4], q[5]) for q in queue[:BATCH]] == [
        ("pending", 1, retry_at, "server")
    ] * BATCH
    assert [(q[2], q[3]) for q in queue[BATCH:]] == [("pending", 0)] * (RECORDS - BATCH)

    # Fault gone but the clock not moved: the waiting batch is skipped, the rest is sent
    # (HQ asks to retry those that name a record it has not received yet).
    proxy.clear()
    proxy.reset_counts()
    report = run(device, proxy, clock)
    assert not {i for s in pushes(proxy) for i in s.ids} & set(first)
    assert [q[2:5] for q in device.queue()[:BATCH]] == [("pending", 1, retry_at)] * BATCH
    assert_at_hq_means_at_hq(hq, device)
    assert_nothing_doubled(hq)
    clean_run(hq, device, proxy, clock)


@pytest.mark.parametrize("status", [503, 429])
def test_retry_after_is_a_floor_for_the_wait(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock, status: int
) -> None:
    proxy.fail(PUSH, fp.unavailable(1, status))
    report = run(device, proxy, clock, rng=0.1)  # jitter 0.5 s, below Retry-After
    assert report.error is None
    assert clock.slept == [1.0]
    assert_all_at_hq(hq, device)


def test_unavailable_for_long_waits_at_least_retry_after(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    proxy.always(fp.unavailable(1), PUSH)
    report = run(device, proxy, clock, rng=0.1)
    assert report.error == "server"
    assert all(s >= 1.0 for s in clock.slept)
    assert hq_ids(hq, device.id) == []
    waits = {q[4] for q in device.queue()[:BATCH]}
    assert len(waits) == 1 and waits.pop() >= clock.utc_text(1)
    assert set(device.states().values()) == {"pending"}
    clean_run(hq, device, proxy, clock)


# ---------------------------------------------------------------- batch too large


@pytest.mark.parametrize("limit", [1, 3])
def test_413_halves_the_batch_until_it_passes(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock, limit: int
) -> None:
    proxy.always(fp.too_large(limit), PUSH)
    report = run(device, proxy, clock)
    assert (report.error, report.pending) == (None, 0)
    seen = pushes(proxy)
    assert any(s.status == 413 for s in seen)
    assert all(s.records is not None and s.records <= limit for s in seen if s.hq_status)
    assert_all_at_hq(hq, device)


def test_413_for_a_single_record_keeps_it_pending(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    proxy.always(fp.too_large(0), PUSH)
    report = run(device, proxy, clock)
    assert report.pending == RECORDS
    assert {(q[2], q[5]) for q in device.queue()} == {("pending", "too_large")}
    assert hq_ids(hq, device.id) == []
    clean_run(hq, device, proxy, clock)


# ---------------------------------------------------------------- not HQ at all


@pytest.mark.parametrize(
    ("fault", "read_timeout"),
    [(fp.login_page(), 10.0), (fp.redirect(), 10.0), (fp.delay(1.5), 0.5)],
    ids=["login-page", "redirect", "hello-timeout"],
)
def test_not_hq_means_offline_and_records_untouched(
    hq: HQProcess,
    device: Device,
    proxy: FaultProxy,
    clock: MovableClock,
    fault: fp.Fault,
    read_timeout: float,
) -> None:
    """A portal's login page (for every path, /hello too), a redirect, or a /hello that
    does not answer in time: offline, and the queue is not touched."""
    proxy.always(fault)
    rows = device.rows()
    with device.client(proxy.url, read_timeout) as client:
        assert check_online(device.db, client) is False
    report = run(device, proxy, clock, read_timeout=read_timeout)
    assert report.error == "offline"
    assert device.rows() == rows
    assert proxy.count(PUSH) == 0
    assert get_setting(device.db, "sync_stopped") is None
    clean_run(hq, device, proxy, clock)


def test_login_page_after_hello_means_offline_and_records_untouched(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    """The portal lets /hello through (cached, say) and catches the next request."""
    proxy.set_rule(lambda _m, path, _n: None if path == "/hello" else fp.login_page())
    rows = device.rows()
    report = run(device, proxy, clock)
    assert report.error == "offline"
    assert device.rows() == rows
    assert hq_ids(hq, device.id) == []
    clean_run(hq, device, proxy, clock)


# ---------------------------------------------------------------- HQ refuses the device


@pytest.mark.parametrize(
    ("fault", "kind"), [(fp.unauthorized(), "auth"), (fp.revoked(), "revoked")]
)
def test_refused_device_stops_syncing_and_keeps_every_record(
    hq: HQProcess,
    device: Device,
    proxy: FaultProxy,
    clock: MovableClock,
    fault: fp.Fault,
    kind: str,
) -> None:
    proxy.fail(PUSH, fp.PASS, fault)  # the first batch gets in, then HQ refuses
    first = set(first_batch(device))
    report = run(device, proxy, clock)
    assert report.error == kind
    assert get_setting(device.db, "sync_stopped") == kind
    assert set(hq_ids(hq, device.id)) == first == device.ids("synced")
    assert report.pending == RECORDS - BATCH
    assert {q[3] for q in device.queue() if q[2] == "pending"} == {0}  # not even attempted

    # No more syncing, not even /hello, until the device is registered again.
    proxy.clear()
    proxy.reset_counts()
    report = run(device, proxy, clock)
    assert report.error == kind
    assert sum(proxy.counts.values()) == 0
    assert report.pending == RECORDS - BATCH

    # HQ still holds this id: the branch issues a code for it (issue 14, 2).
    device.register(hq.url, hq.create_code(device=device_id(device.db)))
    assert get_setting(device.db, "sync_stopped") is None
    clean_run(hq, device, proxy, clock)


def test_401_without_the_protocol_header_is_not_hq_refusing(
    hq: HQProcess, device: Device, proxy: FaultProxy, clock: MovableClock
) -> None:
    """A portal's 401 (no X-HQ-Protocol) means not online yet, never "register again"."""
    proxy.always(fp.unauthorized(from_hq=False), PUSH)
    rows = device.rows()
    report = run(device, proxy, clock)
    assert report.error == "offline"
    assert get_setting(device.db, "sync_stopped") is None
    assert device.rows() == rows
    clean_run(hq, device, proxy, clock)
