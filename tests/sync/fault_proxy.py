"""A small HTTP proxy on loopback in front of the reference HQ that injects faults per
request: the seam the sync fault tests break the network at.

Each request is matched against the proxy's rule, a function of (method, path, n) where
`path` has `/api/v1` and the query string stripped and `n` counts the requests to that path
so far (1 for the first). The rule returns a `Fault` or None (pass). `FaultProxy.fail`
queues faults for the next requests to one path; `FaultProxy.always` keeps one until
`clear`.

Bodies are read and written with Content-Length only (HQ and httpx both use it); every
connection to HQ is new, so a fault never leaves a half-used upstream connection behind.
The proxy logs paths, statuses and record ids, never bodies.

The second half of this module is the kit the fault tests share: made-up people with
unique NIKs, a device in a data folder, a clock the test moves, and checks of what HQ
holds against what the device holds.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import json
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from models.clock import system_clock
from models.database import Database
from models.db import device_id, get_setting, set_setting
from models.enrolments import EnrolmentInput, enrol
from models.events import create_event
from models.officers import add_officer
from models.reference import default_reference
from sync.engine import register_device
from sync.transport import HQClient
from tests.helpers import fixed_clock, open_desk, person

API_PREFIX = "/api/v1"
PROTOCOL_HEADER = ("X-HQ-Protocol", "1")

# Hop-by-hop headers are the proxy's own business, never forwarded either way.
_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "host",
}

LOGIN_PAGE = (
    b"<!DOCTYPE html><html><head><title>Selamat datang - Wi-Fi Kapal</title></head>"
    b"<body><form method='post' action='/login'><p>Masukkan kode voucher:</p>"
    b"<input name='voucher'><button>Masuk</button></form></body></html>"
)


@dataclass(frozen=True)
class Fault:
    """What the proxy does with one request.

    kind: `pass` | `drop` (close the connection without forwarding) | `reset` (forward, let
    HQ commit, then reset the client's connection with no response) | `delay` (hold the
    response, or with `before` the request, for `seconds`) | `respond` (answer `status`
    with `body` and `headers` without forwarding) | `too_large` (413 when the pushed batch
    has more than `max_records` records, else forward).
    """

    kind: str
    seconds: float = 0.0
    before: bool = False
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    max_records: int = 0


PASS = Fault("pass")
DROP = Fault("drop")
RESET_AFTER_COMMIT = Fault("reset")


def delay(seconds: float, *, before: bool = False) -> Fault:
    """Hold HQ's response (HQ has committed) or, with `before`, the request itself (HQ
    commits only after `seconds`, when the client may already have retried)."""
    return Fault("delay", seconds=seconds, before=before)


def _json_answer(status: int, body: dict[str, Any], *extra: tuple[str, str]) -> Fault:
    return Fault(
        "respond",
        status=status,
        body=json.dumps(body).encode(),
        headers=(("Content-Type", "application/json"), PROTOCOL_HEADER, *extra),
    )


def server_error(status: int = 500) -> Fault:
    return _json_answer(status, {"error": "internal_error"})


def unavailable(retry_after: int = 1, status: int = 503) -> Fault:
    return _json_answer(status, {"error": "unavailable"}, ("Retry-After", str(retry_after)))


def unauthorized(*, from_hq: bool = True) -> Fault:
    """HQ's 401; with `from_hq` False, a 401 without the protocol header (a portal's)."""
    fault = _json_answer(401, {"error": "invalid_token"})
    if from_hq:
        return fault
    return Fault("respond", status=401, body=fault.body, headers=fault.headers[:1])


def revoked() -> Fault:
    return _json_answer(403, {"error": "device_revoked"})


def app_too_old() -> Fault:
    """HQ refusing this desk's version (contract rev. 2)."""
    return _json_answer(426, {"error": "app_too_old"})


def too_large(max_records: int) -> Fault:
    return Fault("too_large", max_records=max_records)


def login_page() -> Fault:
    """A captive portal's 200 HTML page: no protocol header, not JSON."""
    return Fault(
        "respond",
        status=200,
        body=LOGIN_PAGE,
        headers=(("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")),
    )


def redirect(location: str = "http://portal.example/login") -> Fault:
    """A portal's redirect to its login page."""
    return Fault("respond", status=302, headers=(("Location", location),))


Rule = Callable[[str, str, int], Fault | None]


@dataclass
class Seen:
    """One request as the proxy handled it (no bodies: they carry personal data)."""

    method: str
    path: str
    fault: str
    status: int | None  # what the proxy answered; None when it answered nothing
    records: int | None = None  # records in a pushed batch
    ids: tuple[str, ...] = ()  # their ids (uuids, no personal data)
    hq_status: int | None = None  # what HQ answered, when the request reached it


@dataclass
class _State:
    lock: threading.Lock = field(default_factory=threading.Lock)
    counts: Counter[str] = field(default_factory=Counter)
    log: list[Seen] = field(default_factory=list)
    queued: dict[str, list[Fault]] = field(default_factory=dict)
    rule: Rule | None = None
    in_flight: int = 0
    idle: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.idle = threading.Condition(self.lock)


def api_path(raw: str) -> str:
    """`/api/v1/sync/push?x=1` -> `/sync/push`."""
    path = urlsplit(raw).path
    return path[len(API_PREFIX) :] if path.startswith(API_PREFIX) else path


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # the proxy's own log (`FaultProxy.log`) is enough, and has no personal data

    def _do(self) -> None:
        proxy = self.server.proxy
        method, path = self.command, api_path(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = proxy._decide(method, path)
        ids = _record_ids(path, body)
        seen = Seen(method, path, fault.kind, None, None if ids is None else len(ids), ids or ())
        proxy._begin(seen)
        try:
            self._apply(fault, seen, body)
        finally:
            proxy._end()

    do_GET = do_POST = do_PUT = do_DELETE = _do

    def _apply(self, fault: Fault, seen: Seen, body: bytes) -> None:
        kind = fault.kind
        proxy = self.server.proxy
        if kind == "drop":
            self.close_connection = True
            return
        if kind == "respond":
            self._send(fault.status, list(fault.headers), fault.body, seen)
            return
        if kind == "too_large" and (seen.records or 0) > fault.max_records:
            self._send(
                413,
                [("Content-Type", "application/json"), PROTOCOL_HEADER],
                json.dumps({"error": "batch_too_large"}).encode(),
                seen,
            )
            return
        if kind == "delay" and fault.before and proxy._hold(fault.seconds):
            self.close_connection = True
            return
        try:
            status, headers, answer = self._forward(body)
        except OSError:
            self._send(502, [("Content-Type", "text/plain")], b"bad gateway", seen)
            return
        seen.hq_status = status
        if kind == "reset":
            self._reset()
            return
        if kind == "delay" and not fault.before and proxy._hold(fault.seconds):
            self._reset()
            return
        self._send(status, headers, answer, seen)

    def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        up = self.server.proxy.upstream
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=60)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
            headers["Host"] = up.netloc
            headers["Content-Length"] = str(len(body))
            headers["Connection"] = "close"
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            answer = resp.read()
            kept = [(k, v) for k, v in resp.getheaders() if k.lower() not in _HOP]
            return resp.status, kept, answer
        finally:
            conn.close()

    def _send(self, status: int, headers: list[tuple[str, str]], body: bytes, seen: Seen) -> None:
        try:
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            seen.status = status
        except OSError:
            # The client gave up first (its read timeout): the late answer goes nowhere.
            self.close_connection = True

    def _reset(self) -> None:
        """Close with RST: SO_LINGER on with a zero timeout, then close every handle on the
        socket so the kernel drops it at once instead of sending FIN."""
        self.close_connection = True
        sock = self.connection
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        for f in (self.rfile, self.wfile):
            with contextlib.suppress(OSError, ValueError):
                f.close()
        with contextlib.suppress(OSError):
            sock.close()


def _record_ids(path: str, body: bytes) -> tuple[str, ...] | None:
    """The ids of a pushed batch, in order; None for anything else."""
    if path != "/sync/push" or not body:
        return None
    try:
        records = json.loads(body).get("records")
        return tuple(str(r.get("id")) for r in records)
    except (ValueError, AttributeError, TypeError):
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    proxy: FaultProxy

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that vanished mid-request is what these tests are about


class FaultProxy:
    """Start with `with FaultProxy(hq_url) as proxy:`; point the client at `proxy.url`."""

    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream.rstrip("/"))
        self._state = _State()
        self._stopping = threading.Event()
        self._release = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.proxy = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        host, port = self._server.server_address[:2]
        self.url = f"http://{host}:{port}"

    # ------------------------------------------------------------ life

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ programming faults

    def set_rule(self, rule: Rule | None) -> None:
        """`rule(method, path, n)` decides each request that no queued fault claims."""
        with self._state.lock:
            self._state.rule = rule

    def always(self, fault: Fault, path: str | None = None) -> None:
        """Apply `fault` to every request (to `path` only, when given) until `clear`."""
        self.set_rule(lambda _m, p, _n: fault if path is None or p == path else None)

    def fail(self, path: str, *faults: Fault) -> None:
        """The next requests to `path` get these faults in turn; later ones pass."""
        with self._state.lock:
            self._state.queued.setdefault(path, []).extend(faults)

    def clear(self) -> None:
        """No more faults (requests already being held finish as programmed)."""
        with self._state.lock:
            self._state.rule = None
            self._state.queued.clear()

    def release_held(self) -> None:
        """Let every request held by a `delay` go on now, as if its time were up (later
        delays hold again)."""
        with self._state.lock:
            held, self._release = self._release, threading.Event()
        held.set()

    def reset_counts(self) -> None:
        with self._state.lock:
            self._state.counts.clear()
            self._state.log.clear()

    # ------------------------------------------------------------ what it saw

    def count(self, path: str) -> int:
        """Requests seen to `path` (e.g. "/sync/push"), whatever happened to them."""
        with self._state.lock:
            return self._state.counts[path]

    @property
    def counts(self) -> Counter[str]:
        with self._state.lock:
            return Counter(self._state.counts)

    @property
    def log(self) -> list[Seen]:
        with self._state.lock:
            return list(self._state.log)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until no request is being handled (held ones included)."""
        deadline = time.monotonic() + timeout
        with self._state.idle:
            while self._state.in_flight:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the proxy is still handling a request")
                self._state.idle.wait(left)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
        """Poll `predicate` (e.g. on `log`) until true."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the proxy never saw what was awaited")
            time.sleep(0.005)

    # ------------------------------------------------------------ used by the handler

    def _decide(self, method: str, path: str) -> Fault:
        with self._state.lock:
            self._state.counts[path] += 1
            n = self._state.counts[path]
            queued = self._state.queued.get(path)
            if queued:
                return queued.pop(0)
            rule = self._state.rule
        fault = rule(method, path, n) if rule is not None else None
        return fault or PASS

    def _hold(self, seconds: float) -> bool:
        """Sleep for a delay; True when the proxy is stopping (drop the request then)."""
        with self._state.lock:
            release = self._release
        release.wait(seconds)
        return self._stopping.is_set()

    def _begin(self, seen: Seen) -> None:
        with self._state.lock:
            self._state.in_flight += 1
            self._state.log.append(seen)

    def _end(self) -> None:
        with self._state.idle:
            self._state.in_flight -= 1
            self._state.idle.notify_all()


# ====================================================================== the device kit
# What the fault tests share besides the proxy: made-up people with unique NIKs, a device
# (a data folder with an officer and an open event), a clock the test moves, and checks
# of what HQ holds against what the device holds.

OFFICER = "uji.sync"
OFFICER_PASSPHRASE = "kopi-susu-jahe-42"
BRANCH = "MDN01"
_VILLAGES = {"357701": "35.77.01.1001", "357702": "35.77.02.1001", "357703": "35.77.03.1001"}
_FIRST = ("Agus", "Dewi", "Eko", "Lestari", "Joko", "Ratna", "Slamet", "Tutik", "Wahyu", "Yuni")
_MIDDLE = ("Wiryo", "Sasmito", "Purnomo", "Hartati", "Kusumo", "Widodo", "Rahayu", "Sukmo")
_FAMILY = ("Prasetyo", "Santoso", "Wibowo", "Saputra", "Hartono", "Kusuma", "Utami")
_people = itertools.count()


def made_up_person(k: int | None = None) -> EnrolmentInput:
    """The k-th made-up applicant (the next one when k is None). Every k gives its own NIK
    (district, birth date with day+40 for women, serial), valid on the tests' fixed clock,
    so people never collide at HQ across tests and examples of one pytest run."""
    if k is None:
        k = next(_people)
    district = tuple(_VILLAGES)[k % 3]
    female = (k // 3) % 2 == 1
    rest = k // 6
    serial = 1 + rest % 9999
    born = date(1970, 1, 1) + timedelta(days=37 * (rest // 9999) + (rest % 7))
    day = born.day + (40 if female else 0)
    nik = f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    name = f"{_FIRST[k % 10]} {_MIDDLE[(k // 10) % 8]} {_FAMILY[(k // 80) % 7]}"
    return person(
        nik=nik,
        full_name=name,
        birth_date=born,
        gender="P" if female else "L",
        village_code=_VILLAGES[district],
    )


class MovableClock:
    """`sync_once`'s clock and sleep: time moves only when the test (or a backoff sleep)
    moves it, so waits cost nothing and `next_attempt_at` is predictable."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or system_clock()
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)

    def utc_text(self, plus: float = 0.0) -> str:
        """The clock (plus `plus` seconds) as `next_attempt_at` is written: UTC text."""
        moment = (self.now + timedelta(seconds=plus)).astimezone(UTC)
        return moment.isoformat(timespec="seconds")


class Device:
    """A data folder: an officer, an open self-paid event, enrolments of made-up people."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db: Database = open_desk(folder)
        set_setting(self.db, "branch_code", BRANCH)
        add_officer(
            self.db, OFFICER, "Petugas Uji Sinkron", "officer", OFFICER_PASSPHRASE,
            clock=fixed_clock,
        )  # fmt: skip
        self.event = create_event(
            self.db,
            default_reference(),
            name="Sosialisasi Uji Sinkron",
            starts_on=fixed_clock().date(),
            ends_on=fixed_clock().date(),
            location="Balai Kelurahan",
            region_code="35.77.01",
            officer_id=OFFICER,
            clock=fixed_clock,
        )
        self.id = device_id(self.db)
        self.niks: list[str] = []

    def register(self, hq_url: str, code: str) -> None:
        """Register directly with HQ (never through the proxy)."""
        register_device(self.db, hq_url, code, device_name="uji")

    def enrol(self, n: int) -> list[str]:
        """Enrol `n` new made-up people, each with a first payment; the ids of the records
        saved (enrolment, payment, enrolment, ...)."""
        ids = []
        for _ in range(n):
            inp = made_up_person()
            saved = enrol(self.db, default_reference(), self.event.id, inp, OFFICER, fixed_clock)
            self.niks.append(inp.nik)
            ids += [saved.enrolment_id, saved.payment_id or ""]
        return ids

    def client(self, url: str, read_timeout: float = 10.0) -> HQClient:
        """A client for `url` (the proxy) with this device's current token."""
        return HQClient(
            url, get_setting(self.db, "device_token"), connect_timeout=5.0,
            read_timeout=read_timeout,
        )  # fmt: skip

    def reopen(self) -> None:
        """As after a restart: a new connection to the same data folder."""
        self.db.close()
        self.db = open_desk(self.folder)

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------ the queue

    def states(self) -> dict[str, str]:
        """Queue row id -> state."""
        return dict(self.db.execute("SELECT id, state FROM outbox").fetchall())

    def ids(self, *states: str) -> set[str]:
        return {i for i, s in self.states().items() if not states or s in states}

    def rows(self) -> list[tuple[Any, ...]]:
        """Every queue row whole, in order (to show a run left them untouched)."""
        return self.db.execute("SELECT * FROM outbox ORDER BY seq").fetchall()

    def queue(self) -> list[tuple[str, str, str, int, str | None, str | None]]:
        """(id, type, state, attempts, next_attempt_at, last_error) in recorded order."""
        return self.db.execute(
            "SELECT id, type, state, attempts, next_attempt_at, last_error FROM outbox ORDER BY seq"
        ).fetchall()


def hq_ids(hq: Any, device: str) -> list[str]:
    """Ids of the records HQ keeps for `device` (one row per id at HQ)."""
    return [r[0] for r in hq.query("SELECT id FROM records WHERE device_id = ?", (device,))]


def assert_nothing_doubled(hq: Any) -> None:
    """No person twice at HQ and no record pushed again with other contents, over every
    device of this HQ (NIKs are unique across the tests)."""
    twice = hq.query(
        "SELECT COUNT(*) FROM (SELECT nik FROM enrolments GROUP BY nik HAVING COUNT(*) > 1) "
        "AS twice"
    )
    assert twice[0][0] == 0, "a NIK is enrolled twice at HQ"
    ids = hq.query("SELECT COUNT(*), COUNT(DISTINCT id) FROM records")
    assert ids[0][0] == ids[0][1]
    assert hq.query("SELECT COUNT(*) FROM conflicts")[0][0] == 0, "HQ saw a changed resend"


def assert_all_at_hq(hq: Any, device: Device) -> None:
    """Everything the device queued is at HQ exactly once, accepted, and the device holds
    each record as synced with HQ's member number on each enrolment."""
    local = device.states()
    at_hq = hq_ids(hq, device.id)
    assert len(at_hq) == len(set(at_hq))
    assert set(at_hq) == set(local), (
        f"{len(set(local) - set(at_hq))} records missing at HQ, "
        f"{len(set(at_hq) - set(local))} unknown to the device"
    )
    statuses = hq.query(
        "SELECT status, COUNT(*) FROM records WHERE device_id = ? GROUP BY status", (device.id,)
    )
    assert dict(statuses) == {"accepted": len(local)}
    assert set(local.values()) == {"synced"}, Counter(local.values())
    niks = [r[0] for r in hq.query("SELECT nik FROM enrolments WHERE device_id = ?", (device.id,))]
    assert sorted(niks) == sorted(device.niks)
    hq_numbers = dict(
        hq.query("SELECT id, member_number FROM enrolments WHERE device_id = ?", (device.id,))
    )
    local_numbers = dict(device.db.execute("SELECT id, member_number FROM enrolments").fetchall())
    assert local_numbers == hq_numbers
    assert_nothing_doubled(hq)


def assert_at_hq_means_at_hq(hq: Any, device: Device) -> None:
    """Mid-way: every row the device marked as at HQ is at HQ."""
    marked = device.ids("synced", "duplicate_person")
    missing = marked - set(hq_ids(hq, device.id))
    assert not missing, f"{len(missing)} records marked synced are not at HQ"
