"""Outreach events: opening one (its branch becomes the desk's when one is given),
correcting one, and closing one, after which it takes no new enrolments."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.clock import Clock, system_clock
from models.database import Database
from models.db import set_setting
from models.events import Event, close_event, correct_event, create_event
from models.reference import ReferenceData


def open_event(
    db: Database,
    ref: ReferenceData,
    *,
    name: str,
    starts_on: date,
    ends_on: date,
    location: str,
    region_code: str,
    officer_id: str,
    scheme_code: str | None = None,
    branch_code: str | None = None,
    default_programmes: list[str] | None = None,
    default_months: int | None = None,
    clock: Clock = system_clock,
) -> Event:
    """A new event; a `branch_code` given also becomes the desk's branch."""
    created = create_event(
        db, ref, name=name, starts_on=starts_on, ends_on=ends_on, location=location,
        region_code=region_code, officer_id=officer_id, scheme_code=scheme_code,
        branch_code=branch_code, default_programmes=default_programmes,
        default_months=default_months, clock=clock,
    )  # fmt: skip
    if branch_code:
        set_setting(db, "branch_code", created.branch_code)
    return created


def close(db: Database, event_id: str, officer_id: str, clock: Clock = system_clock) -> Event:
    """Close the event (audited); SigapError `event_already_closed` when it is."""
    return close_event(db, event_id, officer_id, clock)


def correct(
    db: Database,
    ref: ReferenceData,
    event_id: str,
    changes: dict[str, Any],
    reason: str,
    officer_id: str,
    clock: Clock = system_clock,
) -> Event:
    """Correct a saved event (name, place, region, dates; its scheme while nobody is
    enrolled at it), queued for HQ as an `event_correction`; ValidationError otherwise."""
    corrected, _correction_id = correct_event(
        db, ref, event_id, changes, reason, officer_id, clock
    )
    return corrected
