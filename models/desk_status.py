"""The desk as a whole, for the `status` command."""

from __future__ import annotations

from typing import Any

from models.database import Database
from models.enrolments.numbering import member_numbers_left
from models.tallies import queue_counts, tallies


def device_status(db: Database) -> dict[str, Any]:
    """Events, enrolments, payments, the queue by state and the member numbers left. The
    counts are read from the tallies the writes keep (models/tallies.py), so a call costs
    the same on a desk of 50 enrolments as on one of 100,000."""
    events, events_open = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(status = 'open'), 0) FROM events"
    ).fetchone()
    counts = tallies(db)
    return {
        "events": int(events),
        "events_open": int(events_open),
        "enrolments": counts.get("enrolments", 0),
        "payments": counts.get("payments", 0),
        "payments_void": counts.get("payments_void", 0),
        "queue": queue_counts(counts),
        "member_numbers_left": member_numbers_left(db),
    }
