"""The real server process on loopback: start, register, push, admin commands, and 20
devices pushing at once."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from hq.store import Store
from tests.hq import helpers as h
from tests.hq.helpers import register
from tests.hq_server import HQProcess, hq_server, run_hq  # noqa: F401 (a fixture)

# Every test starts the HQ server as a process; on SQLite and on PostgreSQL.
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("hq_backend")]

DEVICES = 20
ENROLMENTS = 25


def test_the_server_process_serves_the_api(tmp_path: Path) -> None:
    with run_hq(tmp_path / "hq", HQ_MAX_BATCH_RECORDS="7") as hq:
        hello = httpx.get(hq.url + "/api/v1/hello")
        assert hello.headers["x-hq-protocol"] == "1"
        assert hello.json()["max_batch_records"] == 7
        with httpx.Client(base_url=hq.url, timeout=10) as client:
            device = register(client, hq.create_code("MDN01"))
            ev = h.event()
            en = h.enrolment(ev["id"], member_number=device.blocks[0]["first"])
            results = device.results([ev, en, h.payment(en["id"])])
            assert [r["status"] for r in results] == ["accepted"] * 3
            assert hq.query("SELECT type, status, member_number FROM records ORDER BY type") == [
                ("enrolment", "accepted", "10000000001"),
                ("event", "accepted", None),
                ("payment", "accepted", None),
            ]
            assert hq.query("SELECT nik, member_number FROM enrolments") == [
                (en["payload"]["nik"], "10000000001")
            ]
            hq.admin("review", "reject", en["id"], "--message", "Diperiksa ulang")
            [change] = device.get("/sync/changes", since="0").json()["changes"]
            assert change["status"] == "rejected_after_review"
            assert hq.stats()["enrolments"] == {"rejected_after_review": 1}
            assert device.get("/nothing").headers["x-hq-protocol"] == "1"
    log = (tmp_path / "hq" / "hq.log").read_text(encoding="utf-8")
    assert "POST /api/v1/sync/push" in log
    assert en["payload"]["nik"] not in log and "Regapu" not in log


def test_twenty_devices_pushing_at_once_lose_and_double_nothing(tmp_path: Path) -> None:
    with run_hq(tmp_path / "hq") as hq:
        store = Store(hq.database)  # codes straight into the file: 20 CLI runs are slow
        codes = [store.create_code("MDN01") for _ in range(DEVICES)]
        store.close()
        start = threading.Barrier(DEVICES)
        answers: dict[int, list[list[dict[str, Any]]]] = {}
        failures: list[BaseException] = []

        def officer(n: int) -> None:
            try:
                with httpx.Client(base_url=hq.url, timeout=60) as client:
                    device = register(client, codes[n])
                    ev = h.event()
                    block = device.blocks[0]
                    people = [
                        h.enrolment(
                            ev["id"],
                            n * ENROLMENTS + i + 1,
                            # Half with the device's reserved numbers, half left to HQ.
                            member_number=f"{int(block['first']) + i:011d}" if i % 2 else None,
                        )
                        for i in range(ENROLMENTS)
                    ]
                    start.wait()
                    sent = [device.results([ev, *people])]
                    # A lost response: the same records again, then in smaller batches.
                    sent.append(device.results([ev, *people]))
                    sent.append(device.results(people[:10]))
                    answers[n] = sent
            except BaseException as exc:  # reported below, from the test's thread
                failures.append(exc)
                start.abort()

        threads = [threading.Thread(target=officer, args=(n,)) for n in range(DEVICES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert not failures, failures
        assert len(answers) == DEVICES

        for first, again, third in answers.values():
            assert [r["status"] for r in first] == ["accepted"] * (ENROLMENTS + 1)
            assert [r["status"] for r in again] == ["already_received"] * (ENROLMENTS + 1)
            assert [r.get("member_number") for r in again] == [
                r.get("member_number") for r in first
            ]  # noqa: E501
            assert third == again[1:11]

        total = DEVICES * ENROLMENTS
        assert hq.query(
            "SELECT COUNT(*), COUNT(DISTINCT nik), COUNT(DISTINCT member_number) "
            "FROM enrolments WHERE status = 'active'"
        ) == [(total, total, total)]
        assert hq.query(
            "SELECT type, status, COUNT(*) FROM records GROUP BY 1, 2 ORDER BY 1, 2"
        ) == [
            ("enrolment", "accepted", total),
            ("event", "accepted", DEVICES),
        ]
        numbers = sorted(
            n for (n,) in hq.query("SELECT member_number FROM records WHERE type = 'enrolment'")
        )  # noqa: E501
        assert len(set(numbers)) == total
        # HQ's own numbers (for the half sent without one) come after every reserved block.
        assert hq.query(
            "SELECT COUNT(*), MIN(first) > (SELECT MAX(last) FROM member_number_blocks "
            "WHERE kind = 'device') FROM member_number_blocks WHERE kind = 'hq'"
        ) == [(DEVICES * ((ENROLMENTS + 1) // 2), 1)]
        stats = hq.stats()
        assert stats["devices"]["registered"] == DEVICES
        assert stats["records_total"] == total + DEVICES


def test_run_hq_reports_a_server_that_cannot_start(tmp_path: Path) -> None:
    folder = tmp_path / "hq"
    folder.mkdir()
    (folder / "hq.db").write_text("not a database", encoding="utf-8")
    hq = HQProcess(folder, database=str(folder / "hq.db"))  # a broken SQLite file
    try:
        hq.start()
    except RuntimeError as exc:
        assert "did not start" in str(exc)
    else:
        hq.stop()
        raise AssertionError("HQ started on a broken database")


def test_the_fixture_gives_a_running_hq(hq_server: HQProcess) -> None:  # noqa: F811
    assert hq_server.stats()["devices"] == {"registered": 0, "revoked": 0}
    code = hq_server.create_code("SBY01")
    with httpx.Client(base_url=hq_server.url) as client:
        device = register(client, code)
    assert hq_server.query("SELECT id, branch_code FROM devices") == [(device.id, "SBY01")]
    hq_server.stop()
    hq_server.stop()  # stopping twice is fine
