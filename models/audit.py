"""The audit trail: who did what to which record, when. Never values of personal data."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

_INSERT = (
    "INSERT INTO audit (at, officer_id, action, record_type, record_id, detail) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def audit_row(
    at: str,
    officer_id: str | None,
    action: str,
    record_type: str,
    record_id: str | None,
    detail: dict[str, Any] | None = None,
) -> tuple[Any, ...]:
    """`detail` holds ids, counts and field names, never what a field contains."""
    return (
        at,
        officer_id,
        action,
        record_type,
        record_id,
        json.dumps(detail or {}, sort_keys=True),
    )


def write_audit(db: Database, rows: list[tuple[Any, ...]]) -> None:
    db.conn.executemany(_INSERT, rows)


def log(
    db: Database,
    at: str,
    officer_id: str | None,
    action: str,
    record_type: str,
    record_id: str | None,
    detail: dict[str, Any] | None = None,
) -> None:
    write_audit(db, [audit_row(at, officer_id, action, record_type, record_id, detail)])


def history(db: Database, record_type: str, record_id: str) -> list[dict[str, Any]]:
    cur = db.execute(
        "SELECT at, officer_id, action, detail FROM audit "
        "WHERE record_type = ? AND record_id = ? ORDER BY id",
        [record_type, record_id],
    )
    return [
        {"at": at, "officer_id": off, "action": action, "detail": json.loads(detail)}
        for at, off, action, detail in cur.fetchall()
    ]
