"""Counts for the `status` command and the dashboard."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from models import outbox
from models.enrolments import member_numbers_left


def device_status(db: Database) -> dict[str, Any]:
    events, events_open = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(status = 'open'), 0) FROM events"
    ).fetchone()
    payments, payments_void = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(voided_at IS NOT NULL), 0) FROM payments"
    ).fetchone()
    return {
        "events": int(events),
        "events_open": int(events_open),
        "enrolments": int(db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0]),
        "payments": int(payments),
        "payments_void": int(payments_void),
        "queue": outbox.counts_by_state(db),
        "member_numbers_left": member_numbers_left(db),
    }
