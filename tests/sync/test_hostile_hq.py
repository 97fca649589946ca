"""A hostile or broken HQ, proxy or login portal (issue 14, item 16): Retry-After is capped at
the backoff ceiling and honoured only from HQ itself, every answer's size is capped, and a
request has an overall deadline, so a server sending one byte every few seconds cannot hold
the sync lock for minutes."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from sync import backoff, deadline
from sync.engine import sync_once
from sync.transport import (
    PROTOCOL_HEADER,
    HQClient,
    Offline,
    RetryAfter,
    ServerError,
)
from tests.helpers import fixed_clock


def _client(handler) -> HQClient:
    return HQClient("https://hq.test", "token-1",
                    http=httpx.Client(transport=httpx.MockTransport(handler)))  # fmt: skip


def test_retry_after_from_hq_is_capped_at_the_backoff_ceiling() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, headers={PROTOCOL_HEADER: "1", "Retry-After": "99999999"})

    with pytest.raises(RetryAfter) as caught:
        _client(handler).member_numbers(10)
    assert caught.value.seconds == backoff.CAP_SECONDS


def test_retry_after_without_the_protocol_header_is_not_honoured() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "600"}, text="slow down")  # a proxy

    with pytest.raises(ServerError) as caught:
        _client(handler).member_numbers(10)
    assert not isinstance(caught.value, RetryAfter)


def test_an_answer_larger_than_the_cap_is_refused() -> None:
    pad = "x" * (deadline.MAX_RESPONSE_BYTES + 1)
    body = json.dumps({"protocol": 1, "server_time": "2026-11-22T09:00:00+07:00",
                       "max_batch_records": 500, "max_batch_bytes": 5_000_000,
                       "pad": pad})  # fmt: skip

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {PROTOCOL_HEADER: "1", "Content-Type": "application/json"}
        return httpx.Response(200, headers=headers, text=body)

    with pytest.raises(ServerError):
        _client(handler).hello()


@pytest.fixture
def drip() -> Iterator[tuple[str, list[float]]]:
    """A server on loopback that answers every connection one byte every 0.3 s (a valid
    answer from HQ, were one patient enough), until the client goes."""
    answer = (b"HTTP/1.1 200 OK\r\nX-HQ-Protocol: 1\r\nContent-Type: application/json\r\n"
              b"Content-Length: 100\r\n\r\n" + b" " * 100)  # fmt: skip
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()
    closed: list[float] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(65536)
                try:
                    for i in range(len(answer)):
                        if stop.is_set():
                            break
                        conn.sendall(answer[i : i + 1])
                        time.sleep(0.3)
                except OSError:
                    closed.append(time.monotonic())

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", closed
    stop.set()
    thread.join(5)
    server.close()


def test_a_server_dripping_bytes_meets_the_request_deadline(drip) -> None:
    url, _ = drip
    client = HQClient(url, "token-1", read_timeout=10)
    client.deadline_s = 1.5
    began = time.monotonic()
    with pytest.raises(Offline):
        client.hello()
    assert time.monotonic() - began < 4
    client.close()


def test_a_dripping_server_cannot_hold_the_sync_lock(drip, db, monkeypatch) -> None:
    url, _ = drip
    from models.db import set_setting

    set_setting(db, "hq_url", url)
    set_setting(db, "device_token", "token-1")
    monkeypatch.setattr(deadline, "REQUEST_DEADLINE_S", 1.5)
    monkeypatch.setattr("sync.transport.REQUEST_DEADLINE_S", 1.5)
    began = time.monotonic()
    report = sync_once(db, clock=fixed_clock, sleep=lambda s: None)
    assert time.monotonic() - began < 5
    assert report.error == "offline"
    again = sync_once(db, clock=fixed_clock, sleep=lambda s: None)
    assert again.error == "offline"  # not "busy": the lock was let go
