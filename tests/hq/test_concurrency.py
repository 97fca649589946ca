"""HQ on PostgreSQL with several worker processes, written to at once: a quota's last
places, one person from two desks, and review decisions while devices read their changes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from hq import reviews
from hq.store import Store
from tests.hq import helpers as h
from tests.hq.helpers import Device, register
from tests.hq_server import HQProcess, backend, run_hq

WORKERS = 3
SCHEME = "GN-LINGKARAN-WOM"
PAYER = {"type": "sponsor", "scheme_code": SCHEME}
WARTEG = "KOWANTARA-WARTEG"  # its budget is set to 150,000 rupiah here
MONTH = 16_800  # one month of JKK+JKM at the lowest income, at full price (2027)
BUDGET = 15 * MONTH


pytestmark = pytest.mark.slow  # HQ runs as processes (3 workers)


@pytest.fixture(scope="module")
def pg_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQProcess]:
    """One HQ for the module (the tests use different people): 3 workers, one database."""
    folder = tmp_path_factory.mktemp("hq")
    with backend("postgresql"), run_hq(
        folder / "hq",
        workers=WORKERS,
        HQ_REFERENCE_DIR=str(h.reference_folder(folder, quota=15, budgets={WARTEG: BUDGET})),
    ) as hq:
        yield hq


def devices(hq: HQProcess, n: int) -> list[Device]:
    store = Store(hq.database, max_connections=1)
    try:
        codes = [store.create_code("MDN01") for _ in range(n)]
    finally:
        store.close()
    out = []
    for code in codes:
        client = httpx.Client(base_url=hq.url, timeout=60)
        out.append(register(client, code))
    return out


def at_once(n: int, work: Callable[[int], Any]) -> list[Any]:
    """`work(i)` for i in range(n), each in its own thread, started together."""
    start = threading.Barrier(n)
    answers: list[Any] = [None] * n
    failures: list[BaseException] = []

    def run(i: int) -> None:
        try:
            start.wait()
            answers[i] = work(i)
        except BaseException as exc:  # noqa: BLE001 -- reported below
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not failures, failures
    return answers


def test_twenty_desks_never_take_more_places_than_the_quota(pg_hq: HQProcess) -> None:
    desks = devices(pg_hq, 20)
    batches = []
    for n in range(len(desks)):
        ev = h.event(SCHEME)
        batches.append(
            [
                ev,
                *(
                    h.enrolment(ev["id"], 3000 + 10 * n + i, payer=PAYER, occupation_code="K045")
                    for i in range(1, 4)
                ),
            ]
        )
    answers: list[list[dict[str, Any]]] = at_once(20, lambda i: desks[i].results(batches[i]))
    told = {r["id"]: r for results in answers for r in results[1:]}
    accepted = {rid for rid, r in told.items() if r["status"] == "accepted"}
    refused = {rid for rid, r in told.items() if r["status"] == "rejected"}
    assert len(accepted) == 15 and len(refused) == 45
    assert {told[rid]["code"] for rid in refused} == {"quota_exceeded"}
    # What each desk was told is exactly what HQ holds.
    held = dict(pg_hq.query("SELECT id, status FROM enrolments"))
    assert {rid for rid, s in held.items() if s == "active"} == accepted
    assert {rid for rid, s in held.items() if s == "rejected"} == refused
    assert pg_hq.query("SELECT used FROM scheme_usage WHERE code = ?", [SCHEME]) == [(15,)]
    assert "Traceback" not in pg_hq.log_path.read_text(encoding="utf-8")


def test_twenty_desks_never_spend_more_than_the_budget(pg_hq: HQProcess) -> None:
    desks = devices(pg_hq, 20)
    payer = {"type": "sponsor", "scheme_code": WARTEG}
    members = []
    for n, desk in enumerate(desks):
        ev = h.event(WARTEG)
        member = h.enrolment(ev["id"], 5000 + n, payer=payer, occupation_code="K006")
        assert {r["status"] for r in desk.results([ev, member])} == {"accepted"}
        members.append(member["id"])
    batches = [
        [
            h.payment(
                members[n],
                amount=MONTH,
                period_start=f"2027-0{month}",
                breakdown={"JKK": 10_000, "JKM": 6_800, "JHT": 0},
                method="sponsor",
            )
            for month in (1, 2, 3)
        ]
        for n in range(len(desks))
    ]
    answers: list[list[dict[str, Any]]] = at_once(20, lambda i: desks[i].results(batches[i]))
    told = {r["id"]: r for results in answers for r in results}
    accepted = {rid for rid, r in told.items() if r["status"] == "accepted"}
    refused = {rid for rid, r in told.items() if r["status"] == "rejected"}
    assert len(accepted) == 15 and len(refused) == 45
    assert {told[rid]["code"] for rid in refused} == {"budget_exceeded"}
    held = {row[0] for row in pg_hq.query("SELECT id FROM payments")}
    assert accepted <= held and not refused & held  # what each desk was told is what HQ holds
    assert pg_hq.query("SELECT budget_used FROM scheme_usage WHERE code = ?", [WARTEG]) == [
        (BUDGET,)
    ]
    assert "Traceback" not in pg_hq.log_path.read_text(encoding="utf-8")


def test_one_person_from_two_desks_at_once_has_one_holder(pg_hq: HQProcess) -> None:
    a, b = devices(pg_hq, 2)
    ev_a, ev_b = h.event(), h.event()
    people = range(1, 101)
    batch_a = [ev_a, *(h.enrolment(ev_a["id"], i) for i in people)]
    # The other desk in the opposite order, so the two pushes meet in the middle.
    batch_b = [ev_b, *(h.enrolment(ev_b["id"], i) for i in reversed(people))]
    answers = at_once(2, lambda i: [a, b][i].push([batch_a, batch_b][i]))
    assert [r.status_code for r in answers] == [200, 200]
    results = [r for answer in answers for r in answer.json()["results"]]
    by_id = {r["id"]: r for r in results}
    for record in [*batch_a[1:], *batch_b[1:]]:
        by_id[record["id"]]["nik"] = record["payload"]["nik"]
    for nik in {r["nik"] for r in by_id.values() if "nik" in r}:
        pair = [r for r in by_id.values() if r.get("nik") == nik]
        assert sorted(r["status"] for r in pair) == ["accepted", "duplicate_person"], pair
        numbers = {r["member_number"] for r in pair}
        assert len(numbers) == 1  # the duplicate is told the holder's number
    assert pg_hq.query(
        "SELECT COUNT(*), COUNT(DISTINCT nik) FROM enrolments WHERE status = 'active' "
        "AND device_id IN (?, ?)",
        [a.id, b.id],
    ) == [(100, 100)]


def test_decisions_written_while_devices_read_changes_are_never_skipped(
    pg_hq: HQProcess,
) -> None:
    desks = devices(pg_hq, 2)
    enrolled: list[list[str]] = []
    for n, desk in enumerate(desks):
        ev = h.event()
        batch = [ev, *(h.enrolment(ev["id"], 200 * (n + 1) + i) for i in range(40))]
        results = desk.results(batch)
        assert {r["status"] for r in results} == {"accepted"}
        enrolled.append([r["id"] for r in results[1:]])
    done = threading.Event()
    seen: list[list[dict[str, Any]]] = [[], []]

    def read(i: int) -> None:
        since = "0"
        while True:
            finished = done.is_set()
            page = desks[i].get("/sync/changes", since=since).json()
            seen[i] += page["changes"]
            since = page["next"]
            if finished and not page["changes"]:
                return

    def decide(w: int) -> None:
        store = Store(pg_hq.database, max_connections=1)
        try:
            # Four writers, each deciding records of both devices, interleaved.
            for k in range(w, 40, 4):
                for ids in enrolled:
                    reviews.review_reject(store, ids[k], "Diperiksa ulang")
        finally:
            store.close()

    readers = [threading.Thread(target=read, args=(i,)) for i in range(2)]
    for t in readers:
        t.start()
    try:
        at_once(4, decide)
    finally:
        done.set()
        for t in readers:
            t.join(timeout=120)
    for i, ids in enumerate(enrolled):
        cursors = [int(c["cursor"]) for c in seen[i]]
        assert cursors == sorted(set(cursors))  # in order, none twice
        assert sorted(c["record_id"] for c in seen[i]) == sorted(ids)  # none skipped
