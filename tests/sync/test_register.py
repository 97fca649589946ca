"""Registering the device: what is kept, and each refusal as a SyncError with a message."""

from __future__ import annotations

import httpx
import pytest

from models.db import get_setting
from models.enrolments import member_numbers_left
from models.sync_state import sync_summary
from sync.engine import SyncError, check_online, register_device
from sync.lock import lock_path_for, sync_lock
from tests.helpers import fixed_clock
from tests.sync.fakehq import FakeHQ, hq_fixture  # noqa: F401


def register(db, hq: FakeHQ, code: str | None = None, url: str = "https://hq.test/"):
    return register_device(db, url, code or hq.code, device_name="desk-1",
                           client=hq.client(None), clock=fixed_clock)  # fmt: skip


def test_registration_keeps_token_branch_and_member_numbers(db, hq):
    hq.branch = "SBY02"
    reg = register(db, hq)
    assert (reg.branch_code, reg.numbers_reserved) == ("SBY02", 500)
    assert get_setting(db, "device_token") == "token-1"
    assert get_setting(db, "hq_url") == "https://hq.test"
    assert get_setting(db, "branch_code") == "SBY02"
    assert get_setting(db, "registered_at") == "2026-11-22T09:15:00+07:00"
    assert member_numbers_left(db) == 500
    assert db.execute("SELECT first, last, next FROM member_number_blocks").fetchall() == [
        ("10000000001", "10000000500", "10000000001")
    ]
    assert [p for _, p in hq.calls] == ["/hello", "/devices"]
    summary = sync_summary(db)
    assert summary.registered and summary.stopped is None
    audit = db.execute("SELECT action, record_type FROM audit WHERE action = 'register'")
    assert audit.fetchall() == [("register", "device")]
    assert check_online(db, hq.client()) is True


def test_registering_again_adds_no_number_twice(db, hq):
    register(db, hq)
    register(db, hq)
    assert member_numbers_left(db) == 500


def test_a_wrong_code_is_refused_and_nothing_kept(db, hq):
    with pytest.raises(SyncError) as exc:
        register(db, hq, code="WRONG")
    assert exc.value.kind == "auth" and exc.value.code == "sync_registration_code_invalid"
    assert "registration code" in exc.value.message("en")
    assert "kode pendaftaran" in exc.value.message("id").lower()
    assert "WRONG" not in str(exc.value)
    assert get_setting(db, "device_token") is None
    assert check_online(db) is False  # not registered


def test_a_blank_code_or_a_bad_address_never_reaches_the_network(db, hq):
    with pytest.raises(SyncError) as exc:
        register(db, hq, code="   ")
    assert exc.value.code == "sync_registration_code_invalid"
    with pytest.raises(SyncError) as exc:
        register(db, hq, url="hq.example.id")
    assert exc.value.code == "sync_hq_url_invalid"
    assert hq.calls == []


def test_registering_behind_a_wifi_portal_is_offline(db, hq):
    hq.fail("/hello", httpx.Response(200, text="<html>Login</html>"))
    with pytest.raises(SyncError) as exc:
        register(db, hq)
    assert exc.value.kind == "offline"
    assert "/devices" not in hq.paths()


def test_registering_while_a_sync_runs_is_busy(db, hq):
    with sync_lock(lock_path_for(db)), pytest.raises(SyncError) as exc:
        register(db, hq)
    assert exc.value.kind == "busy"


def test_check_online(db, hq):
    register(db, hq)
    assert check_online(db, hq.client()) is True
    hq.fail("/hello", exception=httpx.ConnectTimeout("slow"))
    assert check_online(db, hq.client()) is False
