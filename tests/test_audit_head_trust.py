"""The audit trail's head leaves the laptop (issue 14, item 6): printed on the day closing,
sent to HQ with each sync, and checked by `audit verify --head`, so an officer who cuts the
newest entries off the trail (and mends the chain so it verifies in itself) is caught."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import httpx

from models import audit
from models.desk import sign_in
from models.messages import text
from models.report_data import day_close_data
from sync.engine import sync_once
from sync.transport import AUDIT_HEAD_HEADER, HQClient
from tests.helpers import fixed_clock
from tests.sync.fakehq import (  # noqa: F401
    FakeHQ,
    enrol_many,
    hq_fixture,
    registered_fixture,
)
from tests.test_cli_security import OFFICER, OFFICER_PASS, SUPERVISOR, SUPERVISOR_PASS, run

__all__ = ["run"]


def _cut_the_trail(data_dir, keep: int) -> None:
    """The attack: with the officer's own passphrase, drop the audit triggers, delete the
    newest entries, forget they were numbered, put the triggers back."""
    db, _ = sign_in(data_dir, OFFICER, OFFICER_PASS)
    try:
        triggers = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"
        ).fetchall()
        for name, _ in triggers:
            db.execute(f'DROP TRIGGER "{name}"')
        db.execute("DELETE FROM audit WHERE id > ?", [keep])
        db.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit'", [keep])
        for _, sql in triggers:
            db.execute(sql)
        db.conn.commit()
    finally:
        db.close()


def test_a_trail_cut_short_is_caught_against_the_head_written_down(
    run: Callable[..., Any],
) -> None:
    data_dir = run.data_dir  # type: ignore[attr-defined]
    assert run("settings", "set", "lock_minutes", "7")[0] == 0  # more entries
    db, _ = sign_in(data_dir, SUPERVISOR, SUPERVISOR_PASS)
    try:
        head = audit.head(db)
    finally:
        db.close()
    assert head is not None and head[0] >= 3
    written_down = f"{head[0]}:{head[1]}"
    code, out, _ = run("audit", "verify", "--head", written_down)
    assert code == 0 and json.loads(out)["head_held"] is True

    _cut_the_trail(data_dir, keep=head[0] - 2)
    code, out, err = run("audit", "verify")  # consistent in itself: the attack "works"
    assert code == 0 and json.loads(out)["ok"] is True
    code, out, err = run("audit", "verify", "--head", written_down)
    assert code == 1 and json.loads(out)["head_held"] is False
    assert text("audit_head_missing", "en", head=written_down) in err
    # the first 32 hex digits, as the day closing prints them, are enough
    assert run("audit", "verify", "--head", f"#{head[0]}:{head[1][:32]}")[0] == 1


def test_the_day_closing_carries_the_audit_head(db, ref, officer) -> None:
    data = day_close_data(db, ref, officer, date(2026, 11, 22), "id", fixed_clock)
    assert data.audit_head == audit.head(db) and data.audit_head is not None


def test_each_sync_sends_the_audit_head_to_hq(registered, ref, event, officer, hq) -> None:
    enrol_many(registered, ref, event, officer, 1)
    seen: list[str | None] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if "Authorization" in request.headers:
            seen.append(request.headers.get(AUDIT_HEAD_HEADER))
        return hq.handle(request)

    client = HQClient("https://hq.test", "token-1",
                      http=httpx.Client(transport=httpx.MockTransport(handle)))  # fmt: skip
    sync_once(registered, client=client, clock=fixed_clock, sleep=lambda s: None)
    top = audit.head(registered)
    assert top is not None and seen
    # the head as the cycle began (the cycle's own entries come after it)
    assert all(h is not None and h.partition(":")[0].isdigit() for h in seen)
    first_id, _, first_hash = seen[0].partition(":")  # type: ignore[union-attr]
    assert audit.holds_head(registered, int(first_id), first_hash)


def test_an_officer_writing_supervisor_into_the_database_gains_nothing(
    run: Callable[..., Any],
) -> None:
    data_dir = run.data_dir  # type: ignore[attr-defined]
    db, _ = sign_in(data_dir, OFFICER, OFFICER_PASS)  # their own passphrase opens it
    try:
        db.execute("UPDATE officers SET role = 'supervisor' WHERE id = ?", [OFFICER])
        db.conn.commit()
    finally:
        db.close()
    me = (OFFICER, OFFICER_PASS)
    code, _, err = run("officer", "add", "--id", "eko.p", "--name", "Eko Prasetyo",
                       "--role", "supervisor", stdin="sepeda-biru-31\n", who=me)  # fmt: skip
    assert (code, err.strip()) == (1, text("needs_supervisor", "en"))
    code, _, err = run("settings", "set", "lock_minutes", "60", who=me)
    assert (code, err.strip()) == (1, text("needs_supervisor", "en"))
    code, _, err = run("officer", "deactivate", "--id", SUPERVISOR, who=me)
    assert (code, err.strip()) == (1, text("needs_supervisor", "en"))
    code, out, _ = run("officer", "list")
    assert f"{OFFICER}" in out and "eko.p" not in out
