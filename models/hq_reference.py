"""HQ's copy of the reference data (schemes, rates, regions), kept as HQ sent it with its
ETag; `models.reference.reference_for` decides whether it replaces the shipped copy."""

from __future__ import annotations

import json
from typing import Any

from models.database import Database
from models.db import get_setting, set_setting, write_transaction

REFERENCE_ETAG = "reference_etag"


def reference_etag(db: Database) -> str | None:
    return get_setting(db, REFERENCE_ETAG)


def store_reference(
    db: Database, version: str, etag: str | None, body: dict[str, Any], at: str
) -> None:
    """Keep HQ's reference data and its ETag together."""
    with write_transaction(db):
        db.execute(
            "INSERT INTO hq_reference (id, version, etag, body, fetched_at) "
            "VALUES (1, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, "
            "etag = excluded.etag, body = excluded.body, fetched_at = excluded.fetched_at",
            [version, etag, json.dumps(body, ensure_ascii=False), at],
        )
        if etag:
            set_setting(db, REFERENCE_ETAG, etag)
        else:
            db.execute("DELETE FROM settings WHERE key = ?", [REFERENCE_ETAG])


def stored_reference(db: Database) -> tuple[str, str, dict[str, Any]] | None:
    """(version, ETag or "", body) of HQ's reference data, if HQ ever sent it."""
    row = db.execute("SELECT version, etag, body FROM hq_reference WHERE id = 1").fetchone()
    if row is None:
        return None
    body = json.loads(row[2])
    return str(row[0]), str(row[1] or ""), body if isinstance(body, dict) else {}
