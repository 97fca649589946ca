"""The queue of records for HQ (hq-api.md): canonical payloads, their hashes, and queue rows.

A queue row is written in the same transaction as the record it carries; nothing here
commits on its own.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from models.database import Database
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


_INSERT = (
    "INSERT INTO outbox (id, type, schema, recorded_at, payload, sha256, state, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)"
)


def outbox_row(
    record_id: str, type_: str, recorded_at: str, payload: dict[str, Any]
) -> tuple[Any, ...]:
    body = canonical_json(payload)
    return (
        record_id,
        type_,
        SCHEMA_VERSION,
        recorded_at,
        body.decode("utf-8"),
        hashlib.sha256(body).hexdigest(),
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
