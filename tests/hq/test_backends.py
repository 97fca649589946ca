"""The store on both engines: migrations from an empty database and from the previous
schema, the counters that replace counting, POST /sync/status, the health endpoint, and
the admin commands with --database / SIGAP_HQ_DATABASE."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from hq import reviews
from hq.__main__ import main
from hq.app import create_app
from hq.db import open_engine
from hq.schema import MIGRATIONS, migrate
from hq.store import Store
from models.ids import new_id
from tests.hq import helpers as h
from tests.hq.conftest import MovableClock
from tests.hq.helpers import Device, register

SCHEME = "GN-LINGKARAN-WOM"
PAYER = {"type": "sponsor", "scheme_code": SCHEME}


def _sponsored(device: Device, serials: range) -> list[dict[str, Any]]:
    ev = h.event(SCHEME)
    enrolments = [h.enrolment(ev["id"], i, payer=PAYER, occupation_code="K045") for i in serials]
    return device.results([ev, *enrolments])[1:]


def test_migrations_make_an_empty_database_and_run_once(database: str) -> None:
    engine = open_engine(database)
    try:
        assert migrate(engine) == [name for name, _ in MIGRATIONS]
        assert migrate(engine) == []
        with engine.read() as conn:
            assert conn.execute("SELECT value FROM counters").fetchall() == [(10000000001,)]
            assert conn.execute("SELECT COUNT(*) FROM scheme_usage").fetchall() == [(0,)]
    finally:
        engine.close()


def test_the_previous_schema_is_brought_up_to_date(
    database: str, tmp_path: Path, clock: MovableClock
) -> None:
    """A database HQ made before the counters: the sponsored members it holds fill
    scheme_usage, and the quota goes on from there."""
    engine = open_engine(database)
    try:
        assert migrate(engine, stop_before="m002_counters") == ["m001_initial"]
        with engine.transaction() as db:
            db.execute(
                "INSERT INTO devices (id, name, app_version, branch_code, token_sha256, "
                "registered_at) VALUES ('d1', 'Laptop', '0.1.0', 'MDN01', 'x', '2026-11-01')"
            )
            for n, status in enumerate(["active", "active", "rejected_after_review"]):
                rid = new_id()
                db.execute(
                    "INSERT INTO records (id, device_id, batch_id, type, schema, recorded_at, "
                    "received_at, sha256, payload, status, updated_at) VALUES "
                    "(?, 'd1', 'b', 'enrolment', 1, 't', 't', 's', '{}', 'accepted', 't')",
                    [rid],
                )
                db.execute(
                    "INSERT INTO enrolments (id, device_id, nik, status, member_number, "
                    "payer_type, scheme_code, data, updated_at) "
                    "VALUES (?, 'd1', ?, ?, ?, 'sponsor', ?, '{}', 't')",
                    [rid, h.nik(900 + n), status, f"{10000000001 + n}", SCHEME],
                )
            db.execute("UPDATE counters SET value = 10000000004")
    finally:
        engine.close()
    app = create_app(database, h.reference_folder(tmp_path, quota=3), clock=clock)
    store: Store = app.state.store
    try:
        assert store.one("SELECT used FROM scheme_usage WHERE code = ?", [SCHEME]) == (2,)
        device = register(TestClient(app), store.create_code("MDN01"))
        assert [r["status"] for r in _sponsored(device, range(1, 3))] == ["accepted", "rejected"]
        assert store.one("SELECT used FROM scheme_usage WHERE code = ?", [SCHEME]) == (3,)
    finally:
        store.close()


def test_a_database_from_before_budgets_counts_the_payments_it_holds(
    database: str, tmp_path: Path, clock: MovableClock
) -> None:
    """Sponsored payments HQ kept before budgets were checked fill budget_used (a void one
    and a cash one do not), and the budget goes on from there."""
    warteg = "KOWANTARA-WARTEG"
    engine = open_engine(database)
    try:
        assert migrate(engine, stop_before="m003_budgets") == ["m001_initial", "m002_counters"]
        with engine.transaction() as db:
            db.execute(
                "INSERT INTO devices (id, name, app_version, branch_code, token_sha256, "
                "registered_at) VALUES ('d1', 'Laptop', '0.1.0', 'MDN01', 'x', '2026-11-01')"
            )
            for n, (method, void) in enumerate(
                [("sponsor", None), ("sponsor", None), ("sponsor", "v1"), ("cash", None)]
            ):
                eid, pid = new_id(), new_id()
                for rid, type_ in ((eid, "enrolment"), (pid, "payment")):
                    db.execute(
                        "INSERT INTO records (id, device_id, batch_id, type, schema, "
                        "recorded_at, received_at, sha256, payload, status, updated_at) VALUES "
                        "(?, 'd1', 'b', ?, 1, 't', 't', 's', '{}', 'accepted', 't')",
                        [rid, type_],
                    )
                db.execute(
                    "INSERT INTO enrolments (id, device_id, nik, status, member_number, "
                    "payer_type, scheme_code, data, updated_at) "
                    "VALUES (?, 'd1', ?, 'active', ?, 'sponsor', ?, '{}', 't')",
                    [eid, h.nik(950 + n), f"{10000000001 + n}", warteg],
                )
                db.execute(
                    "INSERT INTO payments (id, enrolment_id, device_id, amount, method, months, "
                    "period_start, void_id) VALUES (?, ?, 'd1', 10000, ?, 1, '2026-11', ?)",
                    [pid, eid, method, void],
                )
    finally:
        engine.close()
    folder = h.reference_folder(tmp_path, quota=100, budgets={warteg: 30_000})
    app = create_app(database, folder, clock=clock)
    store: Store = app.state.store
    try:
        assert store.one("SELECT budget_used FROM scheme_usage WHERE code = ?", [warteg]) == (
            20_000,
        )
    finally:
        store.close()


def test_a_scheme_counter_follows_its_active_members(
    tmp_path: Path, clock: MovableClock, database: str
) -> None:
    app = create_app(database, h.reference_folder(tmp_path, quota=2), clock=clock)
    store: Store = app.state.store
    device = register(TestClient(app), store.create_code("MDN01"))
    first, second, third = _sponsored(device, range(1, 4))
    assert [first["status"], second["status"], third["status"]] == [
        "accepted",
        "accepted",
        "rejected",
    ]
    assert store.one("SELECT used FROM scheme_usage") == (2,)
    reviews.review_reject(store, first["id"], "Diperiksa ulang")  # a place comes free
    assert store.one("SELECT used FROM scheme_usage") == (1,)
    assert [r["status"] for r in _sponsored(device, range(4, 6))] == ["accepted", "rejected"]
    reviews.review_activate(store, first["id"])  # a review is not held to the quota
    assert store.one("SELECT used FROM scheme_usage") == (3,)
    store.close()


def test_member_numbers_count_in_64_bits(store: Store, new_device: Any) -> None:
    device = new_device()
    with store.write() as db:
        db.execute("UPDATE counters SET value = 99999999000")  # past 2**31 many times over
    block = device.post("/member-numbers", {"count": 500}).json()["member_number_blocks"]
    assert block == [{"first": "99999999000", "last": "99999999499"}]
    assert store.one("SELECT value FROM counters") == (99999999500,)


def test_status_by_post_answers_as_get_does(device: Device) -> None:
    ev = h.event()
    bad = h.enrolment(ev["id"], 2, nik="1234")
    device.results([ev, bad])
    ids = [ev["id"], bad["id"], new_id()]
    by_post = device.post("/sync/status", {"ids": ids})
    assert by_post.status_code == 200
    assert by_post.json() == device.get("/sync/status", ids=",".join(ids)).json()
    assert [r["status"] for r in by_post.json()["records"]] == ["accepted", "rejected", "unknown"]
    many = [new_id() for _ in range(500)]
    assert device.post("/sync/status", {"ids": many}).status_code == 200
    for body in ({"ids": [*many, new_id()]}, {"ids": "a,b"}, {"ids": [1]}, [], {}):
        answer = device.post("/sync/status", body)
        assert answer.status_code == 400, body
        assert answer.json()["error"] == "malformed_request"


def test_health_says_which_database(client: TestClient, hq_backend: str) -> None:
    answer = client.get("/api/v1/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": hq_backend, "protocol": 1}
    assert answer.headers["x-hq-protocol"] == "1"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_admin_commands_take_database_or_the_environment(
    database: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "code", "create", "--branch", "MDN01", "--database", database)
    assert code == 0 and len(out.strip()) == 14
    monkeypatch.setenv("SIGAP_HQ_DATABASE", database)
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert json.loads(out)["next_member_number"] == "10000000001"
    code, _, err = run(capsys, "device", "revoke", new_id())
    assert code == 1 and err.startswith("error: no device with id")


def test_an_unreachable_postgresql_is_an_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "stats", "--database", "postgresql://hq@127.0.0.1:1/none")
    assert code == 1
    assert err == "error: cannot reach the HQ database postgresql://127.0.0.1:1/none\n"
