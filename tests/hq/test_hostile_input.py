"""Issue 14, finding 17: the reference HQ under hostile or broken input answers 400, not
500; it limits how often a client may register and top up; a client that goes away or
stalls costs one log line and a bounded wait, never a traceback; admin commands refuse
absurd values with a clear message."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from hq.__main__ import main
from hq.store import Store
from tests.hq import helpers as h
from tests.hq.helpers import Device, register
from tests.hq_server import run_hq

pytestmark = pytest.mark.usefixtures("hq_backend")


def _post_raw(client: TestClient, device: Device, body: bytes) -> Any:
    headers = {**device.headers, "Content-Type": "application/json"}
    return client.post("/api/v1/sync/push", content=body, headers=headers)


def _assert_malformed(response: Any) -> None:
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "malformed_request"
    assert response.headers["x-hq-protocol"] == "1"


def test_deeply_nested_json_is_a_400_not_a_500(client: TestClient, device: Device) -> None:
    _assert_malformed(_post_raw(client, device, b"[" * 100_000 + b"]" * 100_000))
    # Deep enough to parse, too deep to be a record: refused before anything reads it.
    ev = h.event()
    deep: Any = "x"
    for _ in range(900):
        deep = [deep]
    ev["payload"]["location"] = deep
    body = {"device_id": device.id, "batch_id": h.new_id(), "records": [ev]}
    _assert_malformed(_post_raw(client, device, json.dumps(body).encode()))
    # The registration and top-up bodies too.
    for path in ("/api/v1/devices", "/api/v1/member-numbers", "/api/v1/sync/status"):
        response = client.post(path, content=b"{" * 50_000, headers=device.headers)
        _assert_malformed(response)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("schema", 10**30),
        ("schema", -(10**30)),
        ("amount", 10**30),
        ("months", 10**25),
        ("declared_income", 10**40),
    ],
)
def test_huge_numbers_are_refused_not_a_500(
    client: TestClient, device: Device, where: str, value: int
) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"], 1)
    pay = h.payment(en["id"])
    if where == "schema":
        pay["schema"] = value
    elif where == "declared_income":
        en = h.enrolment(ev["id"], 1, declared_income=value)
        pay = h.payment(en["id"])
    else:
        pay = h.payment(en["id"], **{where: value})
    response = device.push([ev, en, pay])
    assert response.status_code in (200, 400), response.text
    if response.status_code == 200:
        by_id = {r["id"]: r for r in response.json()["results"]}
        assert by_id[ev["id"]]["status"] == "accepted"
        assert by_id[pay["id"]]["status"] == "rejected"
        assert by_id[pay["id"]]["code"] in ("invalid_field", "amount_mismatch")


def test_a_text_that_is_not_unicode_is_a_400_not_a_500(
    client: TestClient, device: Device
) -> None:
    ev = h.event()
    text = json.dumps({"device_id": device.id, "batch_id": h.new_id(), "records": [ev]})
    body = text.replace('"name": "', '"name": "\\ud800', 1).encode()
    assert b"\\ud800" in body
    _assert_malformed(_post_raw(client, device, body))
    # Not JSON at all, or not UTF-8, or JSON's non-numbers.
    for raw in (b"<html>portal</html>", b"\xff\xfe{}", b'{"count": NaN}', b""):
        _assert_malformed(_post_raw(client, device, raw))
        _assert_malformed(
            client.post("/api/v1/member-numbers", content=raw, headers=device.headers)
        )


def test_registration_attempts_from_one_address_are_limited(
    client: TestClient, store: Store
) -> None:
    answers = []
    for _ in range(25):
        body = {
            "device_id": h.new_id(),
            "registration_code": "AAAA-BBBB-CCCC",
            "device_name": "x",
            "app_version": "0.1.0",
        }
        answers.append(client.post("/api/v1/devices", json=body))
    statuses = [a.status_code for a in answers]
    assert statuses[0] == 403  # a wrong code, answered as such at first
    assert 429 in statuses
    limited = answers[statuses.index(429)]
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.json()["error"] == "rate_limited"
    # Once limited, even a good code waits: guessing gains nothing by being fast.
    good = {
        "device_id": h.new_id(),
        "registration_code": store.create_code("MDN01"),
        "device_name": "x",
        "app_version": "0.1.0",
    }
    assert client.post("/api/v1/devices", json=good).status_code == 429


def test_member_number_top_ups_are_limited_and_count_is_capped(
    client: TestClient, device: Device, clock: Any
) -> None:
    too_many = device.post("/member-numbers", {"count": 5001})
    assert too_many.status_code == 400
    statuses = [device.post("/member-numbers", {"count": 500}).status_code for _ in range(12)]
    assert statuses[:10] == [201] * 10
    assert 429 in statuses
    clock.advance(hours=1, minutes=1)  # the window passes
    assert device.post("/member-numbers", {"count": 500}).status_code == 201


def test_a_client_disconnect_logs_one_line_not_a_traceback(tmp_path: Path) -> None:
    with run_hq(tmp_path / "hq", HQ_BODY_IDLE_TIMEOUT="1") as hq:
        port = int(hq.url.rsplit(":", 1)[1])
        device = register(_http(hq.api), hq.create_code("MDN01"), prefix="")
        head = (
            "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {device.token}\r\nContent-Length: 100000\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(head.encode() + b'{"device_id": "')
            time.sleep(0.3)
        time.sleep(0.5)
        log = _wait_for_log(hq.log_path, "client disconnected")
    assert "Traceback" not in log
    assert "Exception in ASGI application" not in log
    lines = [ln for ln in log.splitlines() if "client disconnected" in ln]
    assert len(lines) == 1


def test_a_stalled_request_body_times_out(tmp_path: Path) -> None:
    with run_hq(tmp_path / "hq", HQ_BODY_IDLE_TIMEOUT="1") as hq:
        port = int(hq.url.rsplit(":", 1)[1])
        device = register(_http(hq.api), hq.create_code("MDN01"), prefix="")
        head = (
            "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {device.token}\r\nContent-Length: 100000\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
            started = time.monotonic()
            s.sendall(head.encode() + b'{"device_id": "')
            answer = b""
            while chunk := s.recv(4096):  # HQ closes the connection after its answer
                answer += chunk
            waited = time.monotonic() - started
        log = hq.log_path.read_text(encoding="utf-8")
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b'"request_timeout"' in answer
    assert waited < 10
    assert "Traceback" not in log


@pytest.mark.parametrize("days", ["99999999", "0", "-1", "366"])
def test_a_code_that_would_never_expire_is_refused_clearly(
    database: str, capsys: pytest.CaptureFixture[str], days: str
) -> None:
    try:
        code = main(["code", "create", "--branch", "MDN01", "--days", days, "--database", database])
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert "--days" in err and "365" in err


def _http(base: str) -> Any:
    import httpx

    return httpx.Client(base_url=base, timeout=30)


def _wait_for_log(path: Path, text: str, seconds: float = 10.0) -> str:
    deadline = time.monotonic() + seconds
    while True:
        log = path.read_text(encoding="utf-8")
        if text in log or time.monotonic() > deadline:
            return log
        time.sleep(0.1)
