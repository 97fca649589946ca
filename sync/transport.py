"""HTTP to HQ: one method per endpoint of hq-api.md, every failure turned into a typed error.

What counts as HQ: an answer carrying `X-HQ-Protocol: 1`. A hotel or ferry Wi-Fi portal
answers 200 with an HTML page, or redirects: both mean offline, never "HQ said something".
Redirects are not followed. Error texts carry status codes and kinds, never record contents.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import ssl
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from models.sync_state import hq_settings
from models.version import user_agent
from sync import backoff
from sync.deadline import (
    REQUEST_DEADLINE_S,
    AnswerTooLarge,
    DeadlinePassed,
    deadline_for,
    http_client,
    read_capped,
)
from sync.protocol import (
    API_PREFIX,
    APP_VERSION,
    PROTOCOL,
    STATUS_IDS_PER_CALL,
    Block,
    ChangesPage,
    Hello,
    RecordResult,
    ReferenceDoc,
    RegisterAnswer,
    ShapeError,
    parse_blocks,
    parse_changes,
    parse_hello,
    parse_push,
    parse_reference,
    parse_register,
    parse_status,
)

if TYPE_CHECKING:
    from models.database import Database

log = logging.getLogger(__name__)

USER_AGENT = user_agent()
VERSION_HEADER = "X-Sigap-Version"

PROTOCOL_HEADER = "X-HQ-Protocol"
#: A project extension (docs/hq-api.md): the desk's audit trail head, `<id>:<sha256 hex>`.
AUDIT_HEAD_HEADER = "X-Sigap-Audit-Head"


# ------------------------------------------------------------------ errors


#: GET /sync/status?ids= (what a revision-1 HQ has): the URL stays under 8 KB.
STATUS_IDS_PER_GET = 150


class TransportError(Exception):
    """A call to HQ that did not give a usable answer. `kind` is one of the sync error kinds."""

    kind = "server"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.kind)
        self.detail = detail


class Offline(TransportError):
    """No HQ on the line: connection refused or reset, timeout, a portal page, a redirect.
    `maybe_sent`: the request may have reached HQ (the answer was lost on the way back)."""

    kind = "offline"

    def __init__(self, detail: str = "", maybe_sent: bool = False) -> None:
        super().__init__(detail)
        self.maybe_sent = maybe_sent


class Untrusted(TransportError):
    """The server at HQ's address showed a certificate this laptop does not trust: a network
    that intercepts connections, a wrong address, or a clock far off. Not "no internet":
    nothing was sent, and waiting will not help."""

    kind = "tls"


def _certificate_refused(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(5):  # the ssl error sits a few causes down in httpx's chain
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


class AuthFailed(TransportError):
    """401 from HQ: the token is unknown or expired; register the device again."""

    kind = "auth"


class Revoked(TransportError):
    """403 device_revoked from HQ."""

    kind = "revoked"


class RegistrationRefused(TransportError):
    """403 invalid_registration_code on POST /devices."""

    kind = "auth"


class DeviceIdTaken(TransportError):
    """409 device_id_taken on POST /devices (contract rev. 2): HQ already holds this device
    id; registering it again needs a code issued for that id, or the current token."""

    kind = "auth"


class AppTooOld(TransportError):
    """426 from HQ (contract rev. 2, `app_too_old`): HQ refuses pushes from this desk's
    version. Nothing is sent until the desk is updated or HQ's min_app_version changes."""

    kind = "app_too_old"


class TooLarge(TransportError):
    """413: the batch is too large."""

    kind = "server"


class Malformed(TransportError):
    """400: HQ cannot read the request."""

    kind = "malformed"


class ServerError(TransportError):
    """5xx, an unexpected status, or an answer that does not have the contract's shape."""

    kind = "server"


class RetryAfter(ServerError):
    """429 or 503 with Retry-After: wait at least `seconds`."""

    def __init__(self, seconds: float, detail: str = "") -> None:
        super().__init__(detail)
        self.seconds = seconds


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date. None if unusable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def normalise_hq_url(url: str) -> str:
    """`https://hq.example.id/`, `https://hq.example.id/api/v1` → `https://hq.example.id`.
    Raises ValueError for anything that is not an http(s) URL with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL")
    if parts.query or parts.fragment:
        raise ValueError("an HQ URL has no query or fragment")
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[: -len(API_PREFIX)]
    return f"{parts.scheme}://{parts.netloc}{path}"


def plain_http(url: str) -> bool:
    """Whether `url` sends records unencrypted over a network: `http://` to anything but
    this computer itself (localhost, 127.0.0.0/8, ::1). Such an address is refused unless a
    supervisor allowed it (setting `allow_plain_http`, docs/sync.md)."""
    parts = urlsplit(url.strip())
    if parts.scheme != "http":
        return False
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


# ------------------------------------------------------------------ client


class HQClient:
    """One HQ, reached through an `httpx.Client` (injectable: tests pass a MockTransport or a
    fault-injecting proxy). `base_url` is without `/api/v1`."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        http: httpx.Client | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
    ) -> None:
        self.base_url = normalise_hq_url(base_url)
        self.token = token
        self._own_http = http is None
        self.http = http or http_client(httpx.Timeout(read_timeout, connect=connect_timeout))
        self.deadline_s = REQUEST_DEADLINE_S
        # The clock Retry-After dates are measured against; the engine sets its own.
        self.clock: Callable[[], datetime] | None = None
        # A revision-1 HQ has no POST /sync/status: found out once, then GET is used.
        self._status_by_get = False
        # The audit trail's head, sent with every authenticated request (the engine sets it).
        self.audit_head: str | None = None

    @classmethod
    def from_settings(cls, db: Database) -> HQClient | None:
        """The client for the HQ this device registered with; None when not registered."""
        url, token = hq_settings(db)
        if not url:
            return None
        try:
            return cls(url, token)
        except ValueError:
            log.warning("the stored HQ address is not a web address; register again")
            return None

    def close(self) -> None:
        if self._own_http:
            self.http.close()

    def __enter__(self) -> HQClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- plumbing

    def _url(self, path: str) -> str:
        return self.base_url + API_PREFIX + path

    def _send(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        content: bytes | None = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        not_modified_ok: bool = False,
        unsupported_ok: bool = False,
    ) -> httpx.Response:
        # Every request says which Sigap sends it (a project extension, docs/hq-api.md).
        h = {"Accept": "application/json", "User-Agent": USER_AGENT, VERSION_HEADER: APP_VERSION}
        if content is not None:
            h["Content-Type"] = "application/json"
        if auth and self.token:
            h["Authorization"] = f"Bearer {self.token}"
            if self.audit_head:
                h[AUDIT_HEAD_HEADER] = self.audit_head
        h.update(headers or {})
        request = self.http.build_request(
            method, self._url(path), content=content, params=params, headers=h
        )
        try:
            with deadline_for(self.deadline_s) as deadline:
                streamed = self.http.send(request, stream=True, follow_redirects=False)
                try:
                    body = read_capped(streamed, deadline)
                finally:
                    streamed.close()
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            if _certificate_refused(exc):
                raise Untrusted(f"{method} {path}: certificate not trusted") from None
            raise Offline(f"{method} {path}: {type(exc).__name__}") from None
        except (httpx.RequestError, DeadlinePassed) as exc:
            # A read or write timeout, a reset, a broken answer, or an answer that took
            # longer than the request's deadline: HQ may have the request.
            raise Offline(f"{method} {path}: {type(exc).__name__}", maybe_sent=True) from None
        except AnswerTooLarge:
            raise ServerError(f"{method} {path}: answer larger than the cap") from None
        # The body as read (decoded): a Response of its own, so nothing decodes it again.
        framing = ("content-encoding", "content-length", "transfer-encoding")
        plain = [(k, v) for k, v in streamed.headers.multi_items() if k.lower() not in framing]
        response = httpx.Response(
            streamed.status_code, headers=plain, content=body, request=request
        )
        if unsupported_ok and response.status_code in (404, 405, 501):
            return response  # the caller falls back to an older form of the call
        self._check(method, path, response, not_modified_ok)
        return response

    def _check(self, method: str, path: str, r: httpx.Response, not_modified_ok: bool) -> None:
        """Raise the typed error for any answer that is not a 2xx from HQ (or, for a
        conditional GET, HQ's 304)."""
        where = f"{method} {path}: HTTP {r.status_code}"
        from_hq = r.headers.get(PROTOCOL_HEADER, "").strip() == PROTOCOL
        status = r.status_code
        if status == 304 and not_modified_ok and from_hq:
            return
        if 300 <= status < 400:
            raise Offline(where + " (redirect: not HQ)")
        if status == 413:
            raise TooLarge(where)
        if status in (429, 503):
            # Only HQ itself says how long to wait (a portal or proxy does not), and never
            # longer than the backoff's own ceiling: a hostile answer cannot park the queue.
            seconds = parse_retry_after(r.headers.get("Retry-After"), self._now())
            if seconds is not None and from_hq:
                raise RetryAfter(min(seconds, backoff.CAP_SECONDS), where)
            raise ServerError(where)
        if status == 400:
            raise Malformed(where)
        if not from_hq:
            # A portal, a proxy or something else that is not HQ speaking. Only HQ itself
            # can stop syncing (401/403); a portal's 401 or 511 means "not online yet".
            if status >= 500 and status != 511:
                raise ServerError(where + " (not from HQ)")
            raise Offline(where + " (not HQ)")
        if status == 401:
            raise AuthFailed(where)
        if status == 426:
            raise AppTooOld(where + f" ({_json_error(r) or 'upgrade required'})")
        if status == 403:
            error = _json_error(r)
            if error == "device_revoked":
                raise Revoked(where)
            if error == "invalid_registration_code":
                raise RegistrationRefused(where)
            raise ServerError(where + f" ({error or 'forbidden'})")
        if status == 409 and _json_error(r) == "device_id_taken":
            raise DeviceIdTaken(where)
        if not 200 <= status < 300:
            raise ServerError(where)

    def _now(self) -> datetime:
        return self.clock() if self.clock is not None else datetime.now(UTC)

    @staticmethod
    def _json(r: httpx.Response, where: str) -> Any:
        ctype = r.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/json" and not ctype.endswith("+json"):
            raise ShapeError(f"{where}: not JSON ({ctype or 'no content type'})")
        try:
            return json.loads(r.content)
        except (ValueError, UnicodeDecodeError):
            raise ShapeError(f"{where}: body is not JSON") from None

    def _parsed(self, r: httpx.Response, where: str, parse: Any, *args: Any) -> Any:
        """An HQ answer read by one of sync.protocol's parsers; a wrong shape is a server
        error (the records it was about stay queued)."""
        try:
            return parse(self._json(r, where), *args)
        except ShapeError as exc:
            raise ServerError(str(exc)) from None

    # -------------------------------------------------------------- endpoints

    def hello(self) -> Hello:
        """Online only with 200, the protocol header, a JSON body of the right shape."""
        r = self._send("GET", "/hello", auth=False)
        if r.status_code != 200:
            raise Offline(f"GET /hello: HTTP {r.status_code}")
        try:
            return parse_hello(self._json(r, "GET /hello"))
        except ShapeError as exc:
            raise Offline(str(exc)) from None

    def register(
        self, device_id: str, code: str, device_name: str, app_version: str = APP_VERSION
    ) -> RegisterAnswer:
        body = json.dumps(
            {
                "device_id": device_id,
                "registration_code": code,
                "device_name": device_name,
                "app_version": app_version,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        r = self._send("POST", "/devices", auth=False, content=body)
        result: RegisterAnswer = self._parsed(r, "POST /devices", parse_register)
        return result

    def member_numbers(self, count: int) -> tuple[Block, ...]:
        body = json.dumps({"count": count}).encode("utf-8")
        r = self._send("POST", "/member-numbers", content=body)
        result: tuple[Block, ...] = self._parsed(r, "POST /member-numbers", parse_blocks)
        return result

    def reference(self, etag: str | None) -> tuple[ReferenceDoc, str | None] | None:
        """None when HQ answers 304 (unchanged since `etag`); else the data and its ETag."""
        headers = {"If-None-Match": etag} if etag else {}
        r = self._send("GET", "/reference", headers=headers, not_modified_ok=bool(etag))
        if r.status_code == 304:
            return None
        doc: ReferenceDoc = self._parsed(r, "GET /reference", parse_reference)
        return doc, r.headers.get("ETag")

    def push(self, body: bytes, sent_ids: Sequence[str]) -> list[RecordResult]:
        """POST /sync/push with a body made by `sync.protocol.push_body`."""
        r = self._send("POST", "/sync/push", content=body)
        if r.status_code != 200:
            raise ServerError(f"POST /sync/push: HTTP {r.status_code}")
        results: list[RecordResult] = self._parsed(r, "POST /sync/push", parse_push, sent_ids)
        return results

    def status(self, ids: Sequence[str]) -> list[RecordResult]:
        """What HQ holds for `ids`: POST /sync/status (revision 2), at most 500 ids a call;
        an HQ that answers 404 or 405 to it speaks revision 1, and is asked with
        GET /sync/status?ids=…, at most 150 ids a call (from then on, for this client)."""
        out: list[RecordResult] = []
        start = 0
        while start < len(ids):
            if self._status_by_get:
                chunk = ids[start : start + STATUS_IDS_PER_GET]
                r = self._send("GET", "/sync/status", params={"ids": ",".join(chunk)})
                out += self._parsed(r, "GET /sync/status", parse_status)
            else:
                chunk = ids[start : start + STATUS_IDS_PER_CALL]
                body = json.dumps({"ids": list(chunk)}).encode("utf-8")
                r = self._send("POST", "/sync/status", content=body, unsupported_ok=True)
                if r.status_code in (404, 405, 501):
                    self._status_by_get = True
                    continue
                out += self._parsed(r, "POST /sync/status", parse_status)
            start += len(chunk)
        return out

    def changes(self, since: str) -> ChangesPage:
        r = self._send("GET", "/sync/changes", params={"since": since})
        page: ChangesPage = self._parsed(r, "GET /sync/changes", parse_changes)
        return page


def _json_error(r: httpx.Response) -> str | None:
    try:
        doc = json.loads(r.content)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(doc, dict) and isinstance(doc.get("error"), str):
        return str(doc["error"])
    return None
