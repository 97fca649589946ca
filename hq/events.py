"""Event corrections (hq-api.md revision 2). HQ keeps events as their records: an event's
current form is its payload with its accepted corrections applied in the order HQ received
them, and a correction is accepted when the event it leaves still passes HQ's checks.
(Only the device that recorded the event may correct it: `hq.records`.)"""

from __future__ import annotations

import json
from typing import Any

from hq import rules
from hq.db import Connection
from hq.rules import Refusal
from models.reference import ReferenceData


def current_event(db: Connection, device_id: str, event_id: str) -> dict[str, Any] | None:
    """The event as its device left it: its payload and its accepted corrections."""
    row = db.execute(
        "SELECT payload FROM records WHERE id = ? AND type = 'event'", [event_id]
    ).fetchone()
    if row is None:
        return None
    event: dict[str, Any] = json.loads(row[0])
    for (text,) in db.execute(
        "SELECT payload FROM records WHERE device_id = ? AND type = 'event_correction' "
        "AND status = 'accepted' ORDER BY received_at, id",
        [device_id],
    ).fetchall():
        earlier = json.loads(text)
        if earlier.get("event_id") == event_id:
            event = rules.apply_changes(event, earlier["changes"])
    return event


def event_correction_refusal(
    db: Connection, ref: ReferenceData, device_id: str, payload: dict[str, Any]
) -> Refusal | None:
    """Why HQ refuses a correction of the device's own, kept event; None to accept it."""
    problems = rules.event_correction_problems(payload)
    if problems:
        return problems[0]
    event = current_event(db, device_id, payload["event_id"])
    if event is None:
        return rules.unknown("event_id", "The record named is not an event.")
    corrected = rules.apply_changes(event, payload["changes"])
    problems = rules.event_problems(corrected, payload["event_id"], ref)
    touched = [p for p in problems if rules.touches(p.field, payload["changes"])]
    return touched[0] if touched else None
