"""The HTTP side of the reference HQ: the routes of docs/hq-api.md on Starlette."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hq import queries
from hq import records as decisions
from hq.db import Busy
from hq.guards import NotAcceptable, parse_json
from hq.rules import RECORD_TYPES, is_record_id
from hq.store import Clock, DeviceTaken, Store, utc_now
from models.reference import RESOURCES, ReferenceData, default_reference

PROTOCOL = "1"
MAX_BATCH_RECORDS = 500
MAX_BATCH_BYTES = 5_000_000
SMALL_BODY = 64_000  # registration and top-up requests are a few hundred bytes
MAX_STATUS_IDS = 500
MAX_BLOCK = 5000
BODY_IDLE_TIMEOUT = 30.0  # seconds without a byte of the body: 408
BODY_TOTAL_TIMEOUT = 300.0  # 5 MB at 17 KB/s, a poor rural link
PROTOCOL_HEADER = (b"x-hq-protocol", PROTOCOL.encode())
_DIGITS = re.compile(r"^[0-9]+$")


class ProtocolHeader:
    """Adds `X-HQ-Protocol: 1` to every response, errors included (pure ASGI, so streaming
    and exceptions pass through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] != PROTOCOL_HEADER[0]]
                message = {**message, "headers": [*headers, PROTOCOL_HEADER]}
            await send(message)

        await self.app(scope, receive, send_with_header)


ACCESS = logging.getLogger("hq.access")


class AccessLog:
    """One JSON line a request on the `hq.access` logger: method and path (no query
    string), status, milliseconds, bytes in, the worker's pid. Never a body, a token or a
    query string: those can hold NIKs, names and credentials."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        status = [500]

        async def send_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            headers = dict(scope.get("headers") or [])
            length = headers.get(b"content-length", b"0").decode("latin-1")
            ACCESS.info(
                json.dumps(
                    {
                        "request": f"{scope.get('method')} {scope.get('path')}",
                        "status": status[0],
                        "ms": round((time.monotonic() - started) * 1000, 1),
                        "bytes_in": int(length) if length.isdigit() else None,
                        "pid": os.getpid(),
                    },
                    separators=(",", ":"),
                )
            )


def access_log_config() -> dict[str, Any]:
    """uvicorn's logging, plus `hq.access` as bare JSON lines on stdout."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = json.loads(json.dumps(LOGGING_CONFIG))
    config["formatters"]["bare"] = {"format": "%(message)s"}
    config["handlers"]["hq_access"] = {
        "formatter": "bare",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
    }
    config["loggers"]["hq"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    config["loggers"]["hq.access"] = {
        "handlers": ["hq_access"],
        "level": "INFO",
        "propagate": False,
    }
    return config


class ClientGone(Exception):
    """The client closed the connection before its request was read."""


class ApiError(Exception):
    def __init__(
        self, status: int, error: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers or {}


def error_response(
    status: int, error: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": error, "message": message},
        status_code=status,
        headers={**(headers or {}), "X-HQ-Protocol": PROTOCOL},
    )


def reference_body(folder: Path, ref: ReferenceData) -> bytes:
    """GET /reference's body: the shipped files, schemes with every field they have."""
    schemes = json.loads((folder / "schemes.json").read_text(encoding="utf-8"))["schemes"]
    doc = {
        "version": ref.version,
        "occupations": [
            {"code": o.code, "name_id": o.name_id, "name_en": o.name_en, "sector": o.sector}
            for o in ref.occupations.values()
        ],
        "rates": ref.rates,
        "schemes": schemes,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def create_app(
    database: str | Path,
    reference_dir: Path | None = None,
    *,
    max_batch_records: int = MAX_BATCH_RECORDS,
    max_batch_bytes: int = MAX_BATCH_BYTES,
    clock: Clock = utc_now,
    body_idle: float = BODY_IDLE_TIMEOUT,
    body_total: float = BODY_TOTAL_TIMEOUT,
) -> Starlette:
    """The HQ application over `database`: an SQLite file (made if missing) or a
    postgresql:// URL (its schema made or brought up to date)."""
    folder = reference_dir or RESOURCES
    ref = default_reference() if reference_dir is None else ReferenceData.load(folder)
    store = Store(database, clock)
    ref_body = reference_body(folder, ref)
    ref_etag = '"' + hashlib.sha256(ref_body).hexdigest() + '"'

    async def read_body(request: Request, limit: int) -> bytes:
        """The body, or 413 past `limit`. A too-large body is still read (up to a bound)
        before answering, so the client sees the 413 rather than a reset connection. A body
        that stops arriving for `body_idle` seconds, or takes longer than `body_total`, is
        408; a client that goes away is ClientGone (one log line)."""
        declared = request.headers.get("content-length")
        if declared is not None and not _DIGITS.match(declared):
            raise ApiError(400, "malformed_request", "Content-Length is not a number.")
        chunks: list[bytes] = []
        size = 0
        stream = request.stream().__aiter__()
        deadline = time.monotonic() + body_total
        while True:
            try:
                with anyio.fail_after(max(0.0, min(body_idle, deadline - time.monotonic()))):
                    chunk = await stream.__anext__()
            except StopAsyncIteration:
                break
            except TimeoutError:
                raise ApiError(
                    408,
                    "request_timeout",
                    "The request body stopped arriving; send it again.",
                    {"Connection": "close"},
                ) from None
            except ClientDisconnect:
                raise ClientGone() from None
            size += len(chunk)
            if size <= limit:
                chunks.append(chunk)
            elif size > 4 * limit + 1_000_000:
                break
        if size > limit or (declared is not None and int(declared) > limit):
            raise ApiError(413, "batch_too_large", f"The body is larger than {limit} bytes.")
        return b"".join(chunks)

    async def read_json(request: Request, limit: int) -> Any:
        body = await read_body(request, limit)
        try:
            return parse_json(body)
        except NotAcceptable as exc:
            raise ApiError(400, "malformed_request", str(exc)) from None

    async def rate_limited(name: str, key: str, count: bool) -> None:
        """429 when `key` is over limit `name`; `count`: this request counts."""
        wait = await run_in_threadpool(store.limited, name, key, count)
        if wait is not None:
            raise ApiError(
                429, "rate_limited", "Too many requests; try again later.",
                {"Retry-After": str(wait)},
            )  # fmt: skip

    def authenticate(request: Request) -> str:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                401, "unknown_token", "A device token is required.", {"WWW-Authenticate": "Bearer"}
            )
        found = store.device_for_token(token.strip())
        if found is None:
            raise ApiError(
                401,
                "unknown_token",
                "This device token is not known; register the device again.",
                {"WWW-Authenticate": "Bearer"},
            )
        device_id, revoked = found
        if revoked:
            raise ApiError(403, "device_revoked", "This device was revoked by the branch office.")
        return device_id

    async def hello(request: Request) -> Response:
        return JSONResponse(
            {
                "protocol": int(PROTOCOL),
                "server_time": store.now(),
                "max_batch_records": max_batch_records,
                "max_batch_bytes": max_batch_bytes,
            }
        )

    async def devices(request: Request) -> Response:
        body = await read_json(request, SMALL_BODY)
        address = request.client.host if request.client else "unknown"
        await rate_limited("devices", address, count=False)
        if not isinstance(body, dict):
            raise ApiError(400, "malformed_request", "The body must be a JSON object.")
        device_id = body.get("device_id")
        if not is_record_id(device_id):
            raise ApiError(400, "malformed_request", "device_id must be a lowercase UUID.")
        fields = {}
        for name in ("registration_code", "device_name", "app_version"):
            value = body.get(name)
            if not isinstance(value, str) or not value.strip() or len(value) > 200:
                raise ApiError(400, "malformed_request", f"{name} must be a short text.")
            fields[name] = value.strip()
        scheme, _, current = request.headers.get("authorization", "").partition(" ")
        try:
            result = await run_in_threadpool(
                store.register_device,
                device_id,
                fields["registration_code"],
                fields["device_name"],
                fields["app_version"],
                current.strip() if scheme.lower() == "bearer" and current.strip() else None,
            )
        except DeviceTaken:
            await run_in_threadpool(store.limited, "devices", address, True)  # counted
            raise ApiError(
                409,
                "device_id_taken",
                "This device id is registered already. Registering it again needs the "
                "device's current token, or a registration code the branch office issued "
                "for this device id.",
            ) from None
        if result is None:
            await run_in_threadpool(store.limited, "devices", address, True)  # counted
            raise ApiError(
                403,
                "invalid_registration_code",
                "The registration code is unknown, used or expired.",
            )
        return JSONResponse(result, status_code=201)

    async def member_numbers(request: Request) -> Response:
        device_id = await run_in_threadpool(authenticate, request)
        body = await read_json(request, SMALL_BODY)
        count = body.get("count") if isinstance(body, dict) else None
        if type(count) is not int or not 1 <= count <= MAX_BLOCK:
            raise ApiError(
                400, "malformed_request", f"count must be a whole number from 1 to {MAX_BLOCK}."
            )
        await rate_limited("member-numbers", device_id, count=True)
        block = await run_in_threadpool(store.reserve_block, device_id, count)
        return JSONResponse({"member_number_blocks": [block]}, status_code=201)

    async def reference(request: Request) -> Response:
        await run_in_threadpool(authenticate, request)
        headers = {"ETag": ref_etag, "Cache-Control": "no-cache"}
        if _etag_matches(request.headers.get("if-none-match"), ref_etag):
            return Response(status_code=304, headers=headers)
        return Response(ref_body, media_type="application/json", headers=headers)

    async def sync_push(request: Request) -> Response:
        device_id = await run_in_threadpool(authenticate, request)
        body = await read_json(request, max_batch_bytes)
        batch_id, records = parse_push(body, device_id, max_batch_records)
        results = await run_in_threadpool(decisions.push, store, ref, device_id, batch_id, records)
        return JSONResponse({"results": results})

    async def sync_status(request: Request) -> Response:
        device_id = await run_in_threadpool(authenticate, request)
        if request.method == "POST":  # rev. 2: the ids in the body
            body = await read_json(request, SMALL_BODY + 50 * MAX_STATUS_IDS)
            ids_value = body.get("ids") if isinstance(body, dict) else None
            if not isinstance(ids_value, list) or not all(
                isinstance(i, str) for i in ids_value
            ):
                raise ApiError(400, "malformed_request", "ids must be a list of record ids.")
            ids = [i for i in ids_value if i]
        else:
            raw = request.query_params.get("ids")
            if raw is None:
                raise ApiError(400, "malformed_request", "ids is required.")
            ids = [i for i in raw.split(",") if i]
        if len(ids) > MAX_STATUS_IDS:
            raise ApiError(400, "malformed_request", f"At most {MAX_STATUS_IDS} ids a call.")
        records = await run_in_threadpool(queries.status, store, device_id, ids)
        return JSONResponse({"records": records})

    async def health(request: Request) -> Response:
        """For the load balancer and monitoring: 200 when this worker reaches its database."""
        try:
            await run_in_threadpool(store.one, "SELECT 1")
        except Exception:
            return error_response(503, "database_unavailable", "HQ cannot reach its database.")
        return JSONResponse({"status": "ok", "database": store.backend, "protocol": 1})

    async def sync_changes(request: Request) -> Response:
        device_id = await run_in_threadpool(authenticate, request)
        since = request.query_params.get("since", "0")
        if not _DIGITS.match(since) or len(since) > 18:
            raise ApiError(400, "malformed_request", "since must be a cursor HQ gave, or 0.")
        changes = await run_in_threadpool(queries.changes, store, device_id, int(since))
        return JSONResponse(
            {"changes": changes, "next": changes[-1]["cursor"] if changes else since}
        )

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.error, exc.message, exc.headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        codes = {404: "not_found", 405: "method_not_allowed"}
        return error_response(
            exc.status_code, codes.get(exc.status_code, "http_error"), exc.detail, exc.headers
        )

    async def database_busy(request: Request, exc: Exception) -> Response:
        # SQLite held by another process past the busy timeout; PostgreSQL unreachable, out
        # of connections, or a deadlock that came back on every attempt. (Busy's text is
        # HQ's own, never a value from the database.)
        logging.getLogger("hq").warning("503 busy: %s", exc)
        return error_response(503, "busy", "HQ is busy; try again.", {"Retry-After": "5"})

    async def client_gone(request: Request, exc: Exception) -> Response:
        # Nobody will read the answer; one line, not a traceback (a laptop losing its
        # signal mid-push is ordinary).
        logging.getLogger("hq").info(
            "client disconnected before its request was read: %s %s",
            request.method,
            request.url.path,
        )
        return Response(status_code=499)

    async def server_error(request: Request, exc: Exception) -> Response:
        return error_response(500, "server_error", "HQ could not process the request.")

    routes = [
        Route("/api/v1/hello", hello, methods=["GET"]),
        Route("/api/v1/health", health, methods=["GET"]),
        Route("/api/v1/devices", devices, methods=["POST"]),
        Route("/api/v1/member-numbers", member_numbers, methods=["POST"]),
        Route("/api/v1/reference", reference, methods=["GET"]),
        Route("/api/v1/sync/push", sync_push, methods=["POST"]),
        Route("/api/v1/sync/status", sync_status, methods=["GET", "POST"]),
        Route("/api/v1/sync/changes", sync_changes, methods=["GET"]),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ApiError: api_error,
        HTTPException: http_error,
        Busy: database_busy,
        ClientGone: client_gone,
        Exception: server_error,
    }

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.add_middleware(ProtocolHeader)
    app.add_middleware(AccessLog)
    app.state.store = store
    app.state.reference = ref
    return app


def app_from_environment() -> Starlette:
    """The app a worker process serves (`python -m hq serve --workers N` starts each afresh):
    its settings come from the environment the command set."""
    reference_dir = os.environ.get("HQ_REFERENCE_DIR")
    app = create_app(
        os.environ.get("SIGAP_HQ_DATABASE") or "hq.db",
        Path(reference_dir) if reference_dir else None,
        max_batch_records=int(os.environ.get("HQ_MAX_BATCH_RECORDS", str(MAX_BATCH_RECORDS))),
        max_batch_bytes=int(os.environ.get("HQ_MAX_BATCH_BYTES", str(MAX_BATCH_BYTES))),
        body_idle=float(os.environ.get("HQ_BODY_IDLE_TIMEOUT", str(BODY_IDLE_TIMEOUT))),
    )
    app.state.reference.regions  # noqa: B018 -- load the 91,600 regions before serving
    return app


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = [t.strip() for t in header.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)


def parse_push(body: Any, device_id: str, max_records: int) -> tuple[str, list[dict[str, Any]]]:
    """The request's shape (hq-api.md); anything else is a 400, too many records a 413."""

    def bad(message: str) -> ApiError:
        return ApiError(400, "malformed_request", message)

    if not isinstance(body, dict):
        raise bad("The body must be a JSON object.")
    if body.get("device_id") != device_id:
        raise bad("device_id is not the device this token belongs to.")
    batch_id = body.get("batch_id")
    if not isinstance(batch_id, str) or not _is_uuid(batch_id):
        raise bad("batch_id must be a UUID.")
    records = body.get("records")
    if not isinstance(records, list):
        raise bad("records must be a list.")
    if len(records) > max_records:
        raise ApiError(413, "batch_too_large", f"At most {max_records} records a batch.")
    for i, r in enumerate(records):
        if not isinstance(r, dict):
            raise bad(f"records[{i}] must be an object.")
        if not is_record_id(r.get("id")):
            raise bad(f"records[{i}].id must be a lowercase UUID.")
        if r.get("type") not in RECORD_TYPES:
            raise bad(f"records[{i}].type must be one of {', '.join(RECORD_TYPES)}.")
        if type(r.get("schema")) is not int:
            raise bad(f"records[{i}].schema must be a whole number.")
        recorded_at = r.get("recorded_at")
        if not isinstance(recorded_at, str) or not recorded_at or len(recorded_at) > 64:
            raise bad(f"records[{i}].recorded_at must be a time.")
        if not isinstance(r.get("sha256"), str):
            raise bad(f"records[{i}].sha256 must be a text.")
        if not isinstance(r.get("payload"), dict):
            raise bad(f"records[{i}].payload must be an object.")
    return batch_id, records


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
