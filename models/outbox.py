"""The queue of records for HQ (hq-api.md): canonical payloads, their hashes, and queue rows.

A queue row is written in the same transaction as the record it carries; nothing here
commits on its own.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from models.database import Database
from models.json_text import json_value
from models.tallies import queue_counts, tallies
from models.vocabulary import PENDING as PENDING

SCHEMA_VERSION = 1


# One encoder for every payload: `json.dumps` with these options builds a new one per call.
# The same options, so the same bytes (tests/test_golden_vectors.py).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(payload: dict[str, Any]) -> bytes:
    """The exact bytes HQ hashes (hq-api.md, POST /sync/push)."""
    return _CANONICAL.encode(payload).encode("utf-8")


def payload_sha256(payload: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload)).hexdigest()


# What stands for a late member while a template is encoded: a control character around a
# number drawn at start, so no text a person typed can be taken for it.
_LATE_MARK = f"\x00{os.urandom(12).hex()}\x00"


_MARK_TEXT = _CANONICAL.encode(_LATE_MARK)


class CanonicalTemplate:
    """The canonical JSON of a payload whose members are all known but a few (an id, a
    number, a time given only when the record is saved), encoded ahead of time.

    `ahead()` encodes the whole payload once, with a mark in place of each late member's
    value, and cuts it at the marks; `text` then puts the late values, encoded, in the cuts.
    A template never made ahead (an import fills each one once, at once) encodes the whole
    payload in `text`. Members are encoded in key order, so either way the result is the
    very text `canonical_json` gives for the whole payload
    (tests/models/test_canonical_template.py)."""

    __slots__ = ("_known", "_late", "_pieces")

    def __init__(self, known: dict[str, Any], late: tuple[str, ...]) -> None:
        if any(key in known for key in late):
            raise ValueError("a member cannot be both known and late")
        self._known = known
        self._late = tuple(sorted(late))  # the order their values appear in
        self._pieces: list[str] | None = None

    def ahead(self) -> CanonicalTemplate:
        """Encode the known members now, for a `text` that only fills in the late ones."""
        if self._pieces is None:
            marked = {**self._known, **dict.fromkeys(self._late, _LATE_MARK)}
            pieces = _CANONICAL.encode(marked).split(_MARK_TEXT)
            if len(pieces) != len(self._late) + 1:
                raise ValueError("a known member holds the late members' mark")
            self._pieces = pieces
        return self

    def text(self, late: dict[str, Any]) -> str:
        """The payload's canonical JSON (text) with the `late` members' values in their
        places; every late member must be given, and nothing else."""
        if len(late) != len(self._late):
            raise ValueError("late members missing or unknown")
        pieces = self._pieces
        if pieces is None:
            missing = [key for key in self._late if key not in late]
            if missing:
                raise KeyError(missing[0])  # as the pieces would: a late member not given
            return _CANONICAL.encode({**self._known, **late})
        out = [pieces[0]]
        for i, key in enumerate(self._late, start=1):
            out.append(json_value(late[key]))  # KeyError: a late member not given
            out.append(pieces[i])
        return "".join(out)


_INSERT = (
    "INSERT INTO outbox (id, type, schema, recorded_at, payload, sha256, state, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)"
)


def outbox_row(
    record_id: str, type_: str, recorded_at: str, payload: dict[str, Any]
) -> tuple[Any, ...]:
    return queue_row(record_id, type_, recorded_at, _CANONICAL.encode(payload))


def queue_row(record_id: str, type_: str, recorded_at: str, text: str) -> tuple[Any, ...]:
    """The queue row of a payload given as its canonical text (`canonical_json`, or
    `CanonicalTemplate.text`)."""
    return (
        record_id,
        type_,
        SCHEMA_VERSION,
        recorded_at,
        text,
        hashlib.sha256(text.encode("utf-8")).hexdigest(),
        recorded_at,
    )


def enqueue_rows(db: Database, rows: list[tuple[Any, ...]]) -> None:
    """Insert queue rows made by `outbox_row`; the caller holds the transaction."""
    if len(rows) == 1:
        db.conn.execute(_INSERT, rows[0])  # cheaper than executemany for one
    else:
        db.conn.executemany(_INSERT, rows)


def enqueue(
    db: Database, record_id: str, type_: str, recorded_at: str, payload: dict[str, Any]
) -> None:
    enqueue_rows(db, [outbox_row(record_id, type_, recorded_at, payload)])


def counts_by_state(db: Database) -> dict[str, int]:
    """Queue rows by state, from the tallies the triggers keep (models/tallies.py): the
    window's start and each refresh of the sync screen no longer count 200,000 rows."""
    return queue_counts(tallies(db))


def pending_count(db: Database) -> int:
    row = db.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()
    return int(row[0])
