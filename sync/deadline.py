"""An overall deadline for each request to HQ, and a cap on each answer's size.

httpx's timeouts apply to each read: a server (or a proxy, or a portal) that sends one
byte every few seconds never trips them, and would hold the sync lock for as long as it
likes. The client's own connections therefore go through a network backend that gives
every connect, read and write at most the time left before the request's deadline
(`deadline_for`), headers included; the answer's body is read in chunks up to
`MAX_RESPONSE_BYTES` and no longer than the deadline (`read_capped`), with any client.
"""

from __future__ import annotations

import contextlib
import threading
import time
import typing
from collections.abc import Iterator

import httpcore
import httpx

#: Seconds a whole request may take, from connecting to the last byte of the answer. A
#: push is at most max_batch_bytes (5 MB by default): 60 s is 85 KB/s, a slow mobile link.
REQUEST_DEADLINE_S = 60.0
#: The largest answer read from HQ (the reference data is the largest, well under this).
MAX_RESPONSE_BYTES = 16 * 1024 * 1024

_local = threading.local()


class AnswerTooLarge(Exception):
    """HQ's answer was larger than MAX_RESPONSE_BYTES."""


class DeadlinePassed(Exception):
    """The request's overall deadline passed while its answer was being read."""


def _time_left(timeout: float | None) -> float | None:
    deadline: float | None = getattr(_local, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


@contextlib.contextmanager
def deadline_for(seconds: float) -> Iterator[float]:
    """Connections of this thread made through `DeadlineBackend` stop at `seconds` from
    now; yields the deadline (on the monotonic clock)."""
    old = getattr(_local, "deadline", None)
    _local.deadline = time.monotonic() + seconds
    try:
        yield _local.deadline
    finally:
        _local.deadline = old


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _time_left(timeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.SyncBackend):
    """httpcore's own sockets, each wait cut short at the thread's request deadline."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(
            super().connect_tcp(host, port, _time_left(timeout), local_address, socket_options)
        )


def http_client(timeout: httpx.Timeout) -> httpx.Client:
    """An httpx client whose connections keep to `deadline_for` (redirects not followed)."""
    transport = httpx.HTTPTransport()
    # httpx builds its pool without a way to pass a network backend: the same pool, ours.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=DeadlineBackend()
    )
    return httpx.Client(timeout=timeout, follow_redirects=False, transport=transport)


def read_capped(response: httpx.Response, deadline: float) -> bytes:
    """The (decoded) body of a streamed response, refusing more than MAX_RESPONSE_BYTES or
    reading past `deadline` (monotonic)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
        raise AnswerTooLarge(declared)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise AnswerTooLarge(str(size))
        if time.monotonic() > deadline:
            raise DeadlinePassed()
        chunks.append(chunk)
    return b"".join(chunks)
