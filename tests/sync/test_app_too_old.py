"""HQ refusing an old desk (contract rev. 2): a push answered 426 `{"error": "app_too_old"}`
keeps every record queued as it was, stops pushing until the desk is updated or HQ's
min_app_version changes (no retry storm), and says so in plain words, on the command line
(exit 4: records still waiting) as in the window."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from models.db import get_setting, set_setting
from models.messages import text
from sync import updates
from sync.engine import KINDS, SyncReport, sync_once
from sync.transport import AppTooOld, HQClient, Offline
from tests.helpers import fixed_clock
from tests.hq_server import HQProcess, run_hq
from tests.sync import fault_proxy as fp
from tests.sync.fakehq import (  # noqa: F401
    FakeHQ,
    enrol_many,
    hq_fixture,
    hq_json,
    outbox_rows,
    registered_fixture,
)

ROOT = Path(__file__).resolve().parents[2]
PUSH = "/sync/push"
TOO_OLD = {"error": "app_too_old"}


def sync(db, hq: FakeHQ) -> SyncReport:
    return sync_once(db, client=hq.client(), clock=fixed_clock, sleep=_no_sleep, rng=lambda: 0.5)


def _no_sleep(seconds: float) -> None:
    raise AssertionError(f"slept {seconds} s: a refusal for the version is not waited out")


def refuse_pushes(hq: FakeHQ, times: int = 20) -> None:
    hq.fail(PUSH, hq_json(TOO_OLD, 426), times=times)


# ------------------------------------------------------------------ transport


def answering(response: httpx.Response) -> HQClient:
    http = httpx.Client(transport=httpx.MockTransport(lambda request: response))
    return HQClient("https://hq.test", "t", http=http)


def test_426_from_hq_is_app_too_old():
    client = answering(hq_json(TOO_OLD, 426))
    with pytest.raises(AppTooOld) as caught:
        client.push(b"{}", [])
    assert caught.value.kind == "app_too_old" and "app_too_old" in KINDS


def test_426_not_from_hq_is_not_a_refusal():
    client = answering(httpx.Response(426, json=TOO_OLD))  # no X-HQ-Protocol: not HQ
    with pytest.raises(Offline):
        client.push(b"{}", [])


# ------------------------------------------------------------------ the engine


def test_refused_push_keeps_every_record_queued_and_is_not_retried(
    registered, ref, event, officer, hq
):
    db = registered
    enrol_many(db, ref, event, officer, 2)
    before = outbox_rows(db)
    refuse_pushes(hq)

    report = sync(db, hq)
    assert report.error == "app_too_old"
    assert report.sent == 0 and report.pending == len(before) == 5
    assert report.exit_code == 4  # records still waiting
    assert outbox_rows(db) == before  # no attempt counted, no retry time, no state change
    assert json.loads(get_setting(db, "last_sync_error") or "{}")["kind"] == "app_too_old"
    assert hq.count(PUSH) == 1

    # Later cycles (the window syncs on its own) say hello but push nothing.
    for _ in range(3):
        again = sync(db, hq)
        assert again.error == "app_too_old" and again.pending == 5
    assert hq.count(PUSH) == 1
    assert hq.count("/hello") == 4
    assert outbox_rows(db) == before
    assert hq.records == {}


def test_pushing_resumes_when_hq_changes_its_minimum(registered, ref, event, officer, hq):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    hq.min_app_version = "99.0.0"
    refuse_pushes(hq, times=1)
    assert sync(db, hq).error == "app_too_old"
    assert sync(db, hq).error == "app_too_old"
    assert hq.count(PUSH) == 1

    hq.min_app_version = "0.0.1"  # HQ lowered its minimum: worth trying again
    report = sync(db, hq)
    assert report.error is None and report.pending == 0 and report.accepted == 3
    assert hq.count(PUSH) == 2


def test_pushing_resumes_once_the_desk_is_updated(registered, ref, event, officer, hq, monkeypatch):
    db = registered
    enrol_many(db, ref, event, officer, 1)
    refuse_pushes(hq, times=1)
    assert sync(db, hq).error == "app_too_old"
    assert sync(db, hq).error == "app_too_old"
    assert hq.count(PUSH) == 1

    monkeypatch.setattr(updates, "app_version", lambda: "99.0.0")  # the new version runs
    report = sync(db, hq)
    assert report.error is None and report.pending == 0
    assert hq.count(PUSH) == 2


def test_the_words_say_what_to_do_in_both_languages():
    indonesian, english = text("sync_app_too_old", "id"), text("sync_app_too_old", "en")
    assert indonesian != english
    assert "versi" in indonesian.lower() and "diperbarui" in indonesian
    assert "version" in english and "updated" in english


# ------------------------------------------------------------------ the command line


@pytest.fixture(scope="module")
def real_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQProcess]:
    with run_hq(tmp_path_factory.mktemp("hq")) as server:
        yield server


@pytest.mark.slow
def test_sync_command_against_a_refusing_reference_hq(tmp_path: Path, real_hq: HQProcess):
    device = fp.Device(tmp_path / "device")
    try:
        device.register(real_hq.url, real_hq.create_code())
        device.enrol(2)
        before = device.queue()
        with fp.FaultProxy(real_hq.url) as proxy:
            proxy.always(fp.app_too_old(), PUSH)
            set_setting(device.db, "hq_url", proxy.url)
            command = [sys.executable, "main.py", "sync", "--data-dir", str(device.folder),
                       "--lang", "en"]  # fmt: skip
            for _ in range(2):
                out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
                assert out.returncode == 4, out.stderr
                assert json.loads(out.stdout)["pending"] == len(before) == 5
                assert text("sync_app_too_old", "en") in out.stderr
                assert "Traceback" not in out.stderr
            assert proxy.count(PUSH) == 1  # the second run did not push again
            assert proxy.count("/hello") == 2
        assert device.queue() == before
        assert fp.hq_ids(real_hq, device.id) == []
    finally:
        device.close()
