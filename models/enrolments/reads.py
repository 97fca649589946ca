"""Reading enrolments back: one by NIK, a list, one whole record with its heirs, payments and
queue state, and the payments of many."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlite_utils import Database


class EnrolmentSummary(NamedTuple):
    id: str
    event_id: str
    member_number: str | None
    nik: str
    full_name: str
    birth_date: str
    gender: str
    occupation_code: str
    payer_type: str
    scheme_code: str | None
    officer_id: str
    recorded_at: str


_SUMMARY = (
    "id, event_id, member_number, nik, full_name, birth_date, gender, occupation_code, "
    "payer_type, scheme_code, officer_id, recorded_at"
)


def find_by_nik(db: Database, nik: str) -> EnrolmentSummary | None:
    row = db.execute(f"SELECT {_SUMMARY} FROM enrolments WHERE nik = ?", [nik]).fetchone()
    return None if row is None else EnrolmentSummary(*row)


def list_enrolments(
    db: Database, event_id: str | None = None, limit: int | None = None
) -> list[EnrolmentSummary]:
    sql = f"SELECT {_SUMMARY} FROM enrolments"
    args: list[Any] = []
    if event_id:
        sql += " WHERE event_id = ?"
        args.append(event_id)
    sql += " ORDER BY recorded_at, rowid"
    if limit:
        sql += f" LIMIT {int(limit)}"  # written in, not bound: SQLite re-plans a bound LIMIT
    return [EnrolmentSummary(*r) for r in db.execute(sql, args).fetchall()]


def get_enrolment(db: Database, enrolment_id: str) -> dict[str, Any] | None:
    """Everything about one enrolment: its fields, heirs, payments and queue state."""
    cur = db.execute("SELECT * FROM enrolments WHERE id = ?", [enrolment_id])
    row = cur.fetchone()
    if row is None:
        return None
    out = dict(zip([d[0] for d in cur.description], row, strict=True))
    out["programmes"] = json.loads(out["programmes"])
    out["heirs"] = [
        dict(zip(("name", "relationship", "nik", "phone"), h, strict=True))
        for h in db.execute(
            "SELECT name, relationship, nik, phone FROM heirs WHERE enrolment_id = ? "
            "ORDER BY position",
            [enrolment_id],
        ).fetchall()
    ]
    out["payments"] = payments_for(db, [enrolment_id]).get(enrolment_id, [])
    state = db.execute("SELECT state FROM outbox WHERE id = ?", [enrolment_id]).fetchone()
    out["sync_state"] = state[0] if state else None
    return out


def payments_for(db: Database, enrolment_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    ids = list(enrolment_ids)
    out: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        cur = db.execute(
            "SELECT * FROM payments WHERE enrolment_id IN (" + ",".join("?" * len(chunk)) + ") "
            "ORDER BY receipt_seq",
            chunk,
        )
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            p = dict(zip(names, row, strict=True))
            out.setdefault(p["enrolment_id"], []).append(p)
    return out
