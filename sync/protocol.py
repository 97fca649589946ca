"""Protocol 1 of hq-api.md in Python terms: what each answer must look like, read strictly.

Every parser here takes decoded JSON and returns typed values or raises `ShapeError`: an
answer that does not have the shape of the contract is never half-applied.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from models.version import app_version
from models.vocabulary import (
    HQ_ACCEPTED,
    HQ_ALREADY_RECEIVED,
    HQ_CONFLICT,
    HQ_DUPLICATE_PERSON,
    HQ_REJECTED,
    HQ_RETRY,
    HQ_STATUSES,
)

PROTOCOL = "1"
API_PREFIX = "/api/v1"
APP_VERSION = app_version()  # pyproject.toml's, sent at registration and with every request

#: Record statuses of POST /sync/push (hq-api.md), declared in models/vocabulary.py.
ACCEPTED = HQ_ACCEPTED
ALREADY_RECEIVED = HQ_ALREADY_RECEIVED
DUPLICATE_PERSON = HQ_DUPLICATE_PERSON
REJECTED = HQ_REJECTED
CONFLICT = HQ_CONFLICT
RETRY = HQ_RETRY
PUSH_STATUSES = frozenset(HQ_STATUSES)

#: /sync/status answers that mean "HQ holds this record" and can be marked without resending.
HELD_STATUSES = frozenset({ACCEPTED, ALREADY_RECEIVED, DUPLICATE_PERSON})

STATUS_IDS_PER_CALL = 500

_MEMBER_NUMBER = re.compile(r"^[0-9]{11}$")


class ShapeError(ValueError):
    """An answer that does not have the shape hq-api.md gives it."""


@dataclass(frozen=True)
class Hello:
    protocol: int
    server_time: str | None
    max_batch_records: int
    max_batch_bytes: int
    # (rev. 2) the newest desk version, and the oldest HQ still takes pushes from
    latest_app_version: str | None = None
    min_app_version: str | None = None


@dataclass(frozen=True)
class Block:
    first: str
    last: str

    @property
    def size(self) -> int:
        return int(self.last) - int(self.first) + 1


@dataclass(frozen=True)
class Registration:
    """What POST /devices gave this device (the token stays in the database)."""

    branch_code: str
    numbers_reserved: int


@dataclass(frozen=True)
class RegisterAnswer:
    device_token: str
    branch_code: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class RecordResult:
    id: str
    status: str
    member_number: str | None = None
    code: str | None = None
    field: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class Change:
    cursor: str
    record_id: str
    kind: str
    member_number: str | None
    status: str | None
    message: str | None


@dataclass(frozen=True)
class ChangesPage:
    changes: tuple[Change, ...]
    next: str


@dataclass(frozen=True)
class ReferenceDoc:
    version: str
    body: dict[str, Any]


def record_wire(
    record_id: str, type_: str, schema: int, recorded_at: str, sha256: str, payload: str
) -> bytes:
    """One record's JSON object as sent. `payload` is the canonical JSON text kept in the
    queue, inserted as it is: the bytes HQ hashes are the ones hashed when it was saved."""
    head = json.dumps(
        {
            "id": record_id,
            "type": type_,
            "schema": schema,
            "recorded_at": recorded_at,
            "sha256": sha256,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return (head[:-1] + ',"payload":' + payload + "}").encode("utf-8")


def push_envelope_size(device_id: str, batch_id: str) -> int:
    """Bytes of a push request body with no records (the records' bytes and commas add)."""
    return len(push_body(device_id, batch_id, []))


def push_body(device_id: str, batch_id: str, records: Sequence[bytes]) -> bytes:
    head = json.dumps({"device_id": device_id, "batch_id": batch_id}, separators=(",", ":"))
    return head[:-1].encode("utf-8") + b',"records":[' + b",".join(records) + b"]}"


# ------------------------------------------------------------------ readers


def _obj(doc: Any, what: str) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise ShapeError(f"{what}: not a JSON object")
    return doc


def _str(d: dict[str, Any], key: str, what: str, *, optional: bool = False) -> str | None:
    value = d.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ShapeError(f"{what}: {key} is not a string")
    return value


def _int(d: dict[str, Any], key: str, what: str) -> int:
    value = d.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ShapeError(f"{what}: {key} is not an integer")
    return value


def _member_number(d: dict[str, Any], what: str) -> str | None:
    value = _str(d, "member_number", what, optional=True)
    if value is not None and not _MEMBER_NUMBER.match(value):
        raise ShapeError(f"{what}: member_number is not 11 digits")
    return value


def parse_hello(doc: Any) -> Hello:
    d = _obj(doc, "hello")
    hello = Hello(
        protocol=_int(d, "protocol", "hello"),
        server_time=_str(d, "server_time", "hello", optional=True),
        max_batch_records=_int(d, "max_batch_records", "hello"),
        max_batch_bytes=_int(d, "max_batch_bytes", "hello"),
        # Advice, not the protocol: a value of the wrong shape is ignored, never "offline".
        latest_app_version=_version(d.get("latest_app_version")),
        min_app_version=_version(d.get("min_app_version")),
    )
    if hello.protocol != int(PROTOCOL):
        raise ShapeError("hello: another protocol")
    if hello.max_batch_records < 1 or hello.max_batch_bytes < 1:
        raise ShapeError("hello: batch limits below 1")
    return hello


def _version(value: Any) -> str | None:
    """`"0.3.0"`, or None for anything that is not a short version string."""
    if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+){0,3}", value.strip()):
        return value.strip()
    return None


def parse_blocks(doc: Any) -> tuple[Block, ...]:
    d = _obj(doc, "member numbers")
    raw = d.get("member_number_blocks")
    if not isinstance(raw, list):
        raise ShapeError("member_number_blocks is not a list")
    blocks = []
    for item in raw:
        b = _obj(item, "block")
        first, last = _str(b, "first", "block"), _str(b, "last", "block")
        assert first is not None and last is not None
        if not (_MEMBER_NUMBER.match(first) and _MEMBER_NUMBER.match(last)):
            raise ShapeError("block: member numbers are not 11 digits")
        if int(first) > int(last):
            raise ShapeError("block: first after last")
        blocks.append(Block(first, last))
    return tuple(blocks)


def parse_register(doc: Any) -> RegisterAnswer:
    d = _obj(doc, "devices")
    token = _str(d, "device_token", "devices")
    branch = _str(d, "branch_code", "devices")
    assert token is not None and branch is not None
    if not token:
        raise ShapeError("devices: empty device_token")
    return RegisterAnswer(token, branch, parse_blocks(d))


def _result(item: Any, what: str) -> RecordResult:
    r = _obj(item, what)
    rid, status = _str(r, "id", what), _str(r, "status", what)
    assert rid is not None and status is not None
    return RecordResult(
        id=rid,
        status=status,
        member_number=_member_number(r, what),
        code=_text(r.get("code")),
        field=_text(r.get("field")),
        message=_text(r.get("message")),
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def parse_push(doc: Any, sent_ids: Sequence[str]) -> list[RecordResult]:
    """One result per record sent, in the order sent, each with a known status."""
    d = _obj(doc, "push")
    raw = d.get("results")
    if not isinstance(raw, list):
        raise ShapeError("push: results is not a list")
    results = [_result(item, "push result") for item in raw]
    if [r.id for r in results] != list(sent_ids):
        raise ShapeError("push: results do not match the records sent")
    for r in results:
        if r.status not in PUSH_STATUSES:
            raise ShapeError("push: unknown status")
    return results


def parse_status(doc: Any) -> list[RecordResult]:
    d = _obj(doc, "status")
    raw = d.get("records")
    if not isinstance(raw, list):
        raise ShapeError("status: records is not a list")
    return [_result(item, "status record") for item in raw]


def parse_changes(doc: Any) -> ChangesPage:
    d = _obj(doc, "changes")
    raw = d.get("changes")
    if not isinstance(raw, list):
        raise ShapeError("changes: changes is not a list")
    nxt = d.get("next")
    if isinstance(nxt, int) and not isinstance(nxt, bool):
        nxt = str(nxt)
    if not isinstance(nxt, str) or not nxt:
        raise ShapeError("changes: next is not a cursor")
    out = []
    for item in raw:
        # One change this client cannot read is skipped, never refused: refusing the page
        # would keep the cursor where it is, and every later decision behind it.
        if not isinstance(item, dict):
            continue
        kind = _text(item.get("kind")) or ""
        number = item.get("member_number")
        if number is not None and not (isinstance(number, str) and _MEMBER_NUMBER.match(number)):
            kind, number = "unreadable", None
        cursor = item.get("cursor")
        out.append(
            Change(
                cursor=str(cursor) if cursor is not None else "",
                record_id=_text(item.get("record_id")) or "",
                kind=kind,
                member_number=number,
                status=_text(item.get("status")),
                message=_text(item.get("message")),
            )
        )
    return ChangesPage(tuple(out), nxt)


def parse_reference(doc: Any) -> ReferenceDoc:
    d = _obj(doc, "reference")
    version = _str(d, "version", "reference")
    assert version is not None
    if not isinstance(d.get("occupations"), list):
        raise ShapeError("reference: occupations is not a list")
    if not isinstance(d.get("rates"), dict):
        raise ShapeError("reference: rates is not an object")
    if not isinstance(d.get("schemes"), list):
        raise ShapeError("reference: schemes is not a list")
    return ReferenceDoc(version, d)
