"""A small in-memory HQ behind `httpx.MockTransport`, for unit tests of the sync client.

It follows hq-api.md closely enough for the client (hashes checked, ids kept forever,
member numbers given out, duplicate NIKs found) and lets a test script answers: `fail`
queues a canned answer or an exception for the next calls of one path, `answer` fixes the
result for one record id. The real reference HQ is tested end to end in test_e2e.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from sync.transport import HQClient

HEADERS = {"X-HQ-Protocol": "1"}


def hq_json(doc: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=doc, headers={**HEADERS, **headers})


@dataclass
class Fault:
    """A canned answer for the next call of `path`: a response, or an exception raised
    before (`after=False`) or after (`after=True`) HQ handled the request."""

    path: str
    response: httpx.Response | None = None
    exception: Exception | None = None
    after: bool = False


@dataclass
class FakeHQ:
    max_batch_records: int = 500
    max_batch_bytes: int = 5_000_000
    token: str = "token-1"
    code: str = "KODE-1"
    branch: str = "MDN01"
    revoked: bool = False
    next_number: int = 10_000_000_001
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)  # NIK → member number
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    pushed: list[list[str]] = field(default_factory=list)  # ids of each push that was read
    push_sizes: list[int] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    reference_doc: dict[str, Any] | None = None
    reference_etag: str = '"ref-1"'
    too_large: set[str] = field(default_factory=set)  # ids whose push gets 413
    unreadable: set[str] = field(default_factory=set)  # ids whose push gets 400
    on_push: Callable[[], None] | None = None
    min_app_version: str | None = None  # rev. 2: said by /hello when set

    # ---------------------------------------------------------------- test helpers

    def client(self, token: str | None = "token-1", **kwargs: Any) -> HQClient:
        http = httpx.Client(transport=httpx.MockTransport(self.handle))
        return HQClient("https://hq.test", token, http=http, **kwargs)

    def fail(
        self,
        path: str,
        response: httpx.Response | None = None,
        *,
        exception: Exception | None = None,
        after: bool = False,
        times: int = 1,
    ) -> None:
        for _ in range(times):
            self.faults.append(Fault(path, response, exception, after))

    def answer(self, record_id: str, **result: Any) -> None:
        self.answers[record_id] = result

    def paths(self) -> list[str]:
        return [p for _, p in self.calls]

    def count(self, path: str) -> int:
        return sum(1 for p in self.paths() if p == path)

    # ---------------------------------------------------------------- HTTP

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api/v1")
        self.calls.append((request.method, path))
        fault = next((f for f in self.faults if f.path == path), None)
        if fault is not None:
            self.faults.remove(fault)
            if not fault.after:
                if fault.exception is not None:
                    raise fault.exception
                assert fault.response is not None
                return fault.response
        response = self._route(request, path)
        if fault is not None and fault.after:
            if fault.exception is not None:
                raise fault.exception
            assert fault.response is not None
            return fault.response
        return response

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:
        if path == "/hello":
            hello: dict[str, Any] = {
                "protocol": 1,
                "server_time": "2026-11-22T02:15:00+00:00",
                "max_batch_records": self.max_batch_records,
                "max_batch_bytes": self.max_batch_bytes,
            }
            if self.min_app_version is not None:
                hello["min_app_version"] = self.min_app_version
            return hq_json(hello)
        if path == "/devices":
            body = json.loads(request.content)
            if body.get("registration_code") != self.code:
                return hq_json({"error": "invalid_registration_code"}, 403)
            self.revoked = False
            return hq_json(
                {
                    "device_token": self.token,
                    "branch_code": self.branch,
                    "member_number_blocks": [{"first": "10000000001", "last": "10000000500"}],
                },
                201,
            )
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return hq_json({"error": "unauthorized"}, 401)
        if self.revoked:
            return hq_json({"error": "device_revoked"}, 403)
        if path == "/member-numbers":
            count = json.loads(request.content)["count"]
            first = 20_000_000_001 + 1000 * self.count("/member-numbers")
            block = {"first": f"{first:011d}", "last": f"{first + count - 1:011d}"}
            return hq_json({"member_number_blocks": [block]}, 201)
        if path == "/reference":
            if self.reference_doc is None:
                return hq_json({"error": "not_found"}, 404)
            if request.headers.get("If-None-Match") == self.reference_etag:
                return httpx.Response(304, headers={**HEADERS, "ETag": self.reference_etag})
            return hq_json(self.reference_doc, ETag=self.reference_etag)
        if path == "/sync/push":
            return self._push(request)
        if path == "/sync/status":
            if request.method == "POST":  # revision 2
                ids = json.loads(request.content)["ids"]
                assert len(ids) <= 500
            else:
                ids = parse_qs(request.url.query.decode())["ids"][0].split(",")
                assert len(ids) <= 150
            out = []
            for rid in ids:
                kept = self.records.get(rid)
                if kept is None:
                    out.append({"id": rid, "status": "unknown"})
                else:
                    out.append({"id": rid, **kept["result"]})
            return hq_json({"records": out})
        if path == "/sync/changes":
            since = int(parse_qs(request.url.query.decode())["since"][0])
            later = [c for c in self.changes if not isinstance(c, dict) or int(c["cursor"]) > since]
            page = later[:2]
            cursors = [c["cursor"] for c in page if isinstance(c, dict)]
            return hq_json({"changes": page, "next": cursors[-1] if cursors else str(since)})
        return hq_json({"error": "not_found"}, 404)

    def _push(self, request: httpx.Request) -> httpx.Response:
        self.push_sizes.append(len(request.content))
        if len(request.content) > self.max_batch_bytes:
            return hq_json({"error": "too_large"}, 413)
        body = json.loads(request.content)
        records = body["records"]
        if len(records) > self.max_batch_records:
            return hq_json({"error": "too_large"}, 413)
        if any(r["id"] in self.too_large for r in records):
            return hq_json({"error": "too_large"}, 413)
        if any(r["id"] in self.unreadable for r in records):
            return hq_json({"error": "malformed_request"}, 400)
        self.pushed.append([r["id"] for r in records])
        if self.on_push is not None:
            self.on_push()
        return hq_json({"results": [self._one(r) for r in records]})

    def _one(self, record: dict[str, Any]) -> dict[str, Any]:
        rid = record["id"]
        canonical = json.dumps(
            record["payload"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")
        sha = hashlib.sha256(canonical).hexdigest()
        if rid in self.answers:
            result = {"id": rid, **self.answers[rid]}
            if result["status"] in ("accepted", "duplicate_person", "rejected"):
                self.records[rid] = {"sha": sha, "result": result}
            return result
        kept = self.records.get(rid)
        if kept is not None:
            if kept["sha"] != record["sha256"]:
                return {"id": rid, "status": "conflict"}
            result = dict(kept["result"])
            if result["status"] == "accepted":
                result["status"] = "already_received"
            return result
        if sha != record["sha256"]:
            return {"id": rid, "status": "rejected", "code": "sha256_mismatch"}
        result: dict[str, Any] = {"id": rid, "status": "accepted"}
        if record["type"] == "enrolment":
            nik = record["payload"]["nik"]
            if nik in self.members:
                result = {
                    "id": rid,
                    "status": "duplicate_person",
                    "member_number": self.members[nik],
                }
            else:
                number = record["payload"].get("member_number")
                if number is None:
                    number = f"{self.next_number:011d}"
                    self.next_number += 1
                self.members[nik] = number
                result["member_number"] = number
        self.records[rid] = {"sha": sha, "result": dict(result)}
        return result


# -------------------------------------------------------------------- fixtures and helpers


def enrol_many(db: Any, ref: Any, event: Any, officer: str, n: int, start: int = 1) -> list[str]:
    """`n` made-up enrolments (with their first payments) with distinct NIKs; their ids."""
    from models.enrolments import enrol
    from tests.helpers import fixed_clock, person

    return [
        enrol(
            db, ref, event.id, person(nik=f"357701570890{i:04d}"), officer, fixed_clock
        ).enrolment_id
        for i in range(start, start + n)
    ]


def outbox_rows(db: Any) -> dict[str, dict[str, Any]]:
    cols = ("id", "type", "state", "attempts", "next_attempt_at", "last_error", "hq_code",
            "hq_field", "hq_message", "member_number")  # fmt: skip
    rows = db.execute(f"SELECT {', '.join(cols)} FROM outbox ORDER BY seq").fetchall()
    return {r[0]: dict(zip(cols, r, strict=True)) for r in rows}


def member_number(db: Any, enrolment_id: str) -> str | None:
    row = db.execute("SELECT member_number FROM enrolments WHERE id = ?", [enrolment_id]).fetchone()
    return None if row is None else row[0]


# Imported by the test modules under these names; used as `hq` and `registered`.
@pytest.fixture(name="hq")
def hq_fixture() -> FakeHQ:
    return FakeHQ()


@pytest.fixture(name="registered")
def registered_fixture(db: Any, hq: FakeHQ) -> Any:
    """The test database, registered with the fake HQ (500 member numbers reserved)."""
    from sync.engine import register_device
    from tests.helpers import fixed_clock

    register_device(db, "https://hq.test", hq.code, device_name="desk-1", client=hq.client(None),
                    clock=fixed_clock)  # fmt: skip
    hq.calls.clear()
    return db
