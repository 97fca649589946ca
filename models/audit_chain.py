"""The audit trail's hash chain, apart from the trail's reading and writing: each entry's
hash is SHA-256 over the previous entry's hash and the entry itself (see models/audit.py).
Plain functions over rows, so the schema's upgrade (m006) can chain an existing trail
without the rest of the trail's code."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from models.database import Database
from models.json_text import json_value

GENESIS = "0" * 64  # the "previous hash" of the first entry


def entry_hash(
    prev_hash: str,
    entry_id: int,
    at: str,
    officer_id: str | None,
    action: str,
    record_type: str,
    record_id: str | None,
    detail: str,
) -> str:
    """SHA-256 (hex) of the previous hash followed by the canonical JSON of the entry (the list
    `json.dumps(..., ensure_ascii=False, separators=(",", ":"))` writes, value by value). The
    detail goes in as the text stored, so the hash can be recomputed from an export."""
    body = (
        f"[{json_value(entry_id)},{json_value(at)},{json_value(officer_id)},"
        f"{json_value(action)},{json_value(record_type)},{json_value(record_id)},"
        f"{json_value(detail)}]"
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def chained_rows(
    last_id: int, last_hash: str, rows: Iterable[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """Rows made by `audit_row`, given ids after `last_id` and chained after `last_hash`,
    ready for `_INSERT`."""
    out = []
    entry_id, prev = last_id, last_hash
    for row in rows:
        entry_id += 1
        digest = entry_hash(prev, entry_id, *row)
        out.append((entry_id, *row, prev, digest))
        prev = digest
    return out


def chain_existing(db: Database) -> int:
    """Give every entry without a hash its place in the chain, in id order, in batches (the
    upgrade of a trail written before the chain). Returns how many entries were chained."""
    done, prev, after = 0, GENESIS, 0
    while True:
        batch = db.execute(
            "SELECT id, at, officer_id, action, record_type, record_id, detail, hash "
            "FROM audit WHERE id > ? ORDER BY id LIMIT 1000",
            [after],
        ).fetchall()
        if not batch:
            return done
        updates = []
        for entry_id, at, officer_id, action, record_type, record_id, detail, digest in batch:
            if digest is None:
                digest = entry_hash(
                    prev, entry_id, at, officer_id, action, record_type, record_id, detail
                )
                updates.append((prev, digest, entry_id))
            prev, after = digest, entry_id
        db.conn.executemany("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", updates)
        done += len(updates)
