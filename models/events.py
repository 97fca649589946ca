"""Outreach events: create, list, close. A closed event takes no new enrolments."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from models import audit, outbox
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import get_setting
from models.errors import Problem, SigapError, raise_if_errors
from models.ids import new_id
from models.officers import require_officer
from models.rates import RateTable
from models.reference import ReferenceData, Region, Scheme, normalise_region_code
from models.validation import clean_short_text

_BRANCH = re.compile(r"^[A-Za-z0-9-]{2,20}$")
_COLUMNS = (
    "id, name, starts_on, ends_on, location, region_code, branch_code, scheme_code, "
    "default_programmes, default_months, officer_id, status, created_at, closed_at"
)


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    starts_on: date
    ends_on: date
    location: str
    region_code: str
    branch_code: str
    scheme_code: str | None
    default_programmes: tuple[str, ...]
    default_months: int
    officer_id: str
    status: str
    created_at: str
    closed_at: str | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def payload(self) -> dict[str, Any]:
        """The `event` record of hq-api.md."""
        return {
            "event_id": self.id,
            "name": self.name,
            "starts_on": self.starts_on.isoformat(),
            "ends_on": self.ends_on.isoformat(),
            "location": self.location,
            "region_code": self.region_code,
            "branch_code": self.branch_code,
            "scheme_code": self.scheme_code,
            "officer_id": self.officer_id,
        }


# Events as last parsed, by their row: the save reads its event at every enrolment, and the
# row is nearly always the one read before (an Event is frozen, so it can be shared).
_parsed: dict[tuple[Any, ...], Event] = {}


def _event(row: tuple[Any, ...]) -> Event:
    key = tuple(row)
    event = _parsed.get(key)
    if event is None:
        if len(_parsed) >= 64:
            _parsed.clear()
        event = _parsed[key] = _parse_event(key)
    return event


def _parse_event(row: tuple[Any, ...]) -> Event:
    return Event(
        id=row[0],
        name=row[1],
        starts_on=date.fromisoformat(row[2]),
        ends_on=date.fromisoformat(row[3]),
        location=row[4],
        region_code=row[5],
        branch_code=row[6],
        scheme_code=row[7],
        default_programmes=tuple(json.loads(row[8])),
        default_months=int(row[9]),
        officer_id=row[10],
        status=row[11],
        created_at=row[12],
        closed_at=row[13],
    )


@dataclass(frozen=True)
class _Checked:
    problems: list[Problem]
    name: str
    location: str
    region: Region | None
    scheme: Scheme | None


def _check_fields(
    ref: ReferenceData,
    name: str,
    location: str,
    starts_on: date,
    ends_on: date,
    region_code: str,
    scheme_code: str | None,
) -> _Checked:
    """The checks a new event and a corrected one share."""
    problems: list[Problem] = []
    clean_name_, p = clean_short_text(name, "name", required=True)
    problems += p
    clean_location, p = clean_short_text(location, "location", required=True)
    problems += p
    if ends_on < starts_on:
        problems.append(Problem("ends_on", "event_dates_reversed"))
    region = ref.regions.get(region_code)
    if region is None or region.retired or region.level not in ("district", "village"):
        problems.append(Problem("region_code", "event_region_invalid"))
    scheme = None
    if scheme_code:
        scheme = ref.schemes.get(scheme_code)
        if scheme is None:
            problems.append(Problem("scheme_code", "scheme_unknown"))
    if scheme is not None and region is not None and not in_area(region.code, scheme.region_code):
        # A scheme pays for the residents of its own area: a city's budget, not its neighbour's.
        area = ref.regions.get(scheme.region_code or "")
        problems.append(
            Problem(
                "scheme_code",
                "scheme_outside_area",
                {"scheme": scheme.name, "area": area.name if area else scheme.region_code},
            )
        )
    return _Checked(problems, clean_name_, clean_location, region, scheme)


def create_event(
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
    officer = require_officer(db, officer_id)
    checked = _check_fields(ref, name, location, starts_on, ends_on, region_code, scheme_code)
    problems = list(checked.problems)
    clean_name_, clean_location = checked.name, checked.location
    region, scheme = checked.region, checked.scheme
    branch = (branch_code or get_setting(db, "branch_code") or "").strip()
    if not _BRANCH.match(branch):
        problems.append(Problem("branch_code", "branch_missing"))
    rates = ref.rate_table
    if scheme is not None:
        programmes = list(scheme.programmes)
        months = scheme.months
    else:
        programmes = list(default_programmes or rates.mandatory)
        months = default_months or 1
        problems += rates.check_programmes(programmes)
        if months not in rates.months_allowed:
            problems.append(
                Problem("default_months", "months_invalid", {"allowed": _allowed(rates)})
            )
    raise_if_errors(problems)
    event = Event(
        id=new_id(),
        name=clean_name_,
        starts_on=starts_on,
        ends_on=ends_on,
        location=clean_location,
        region_code=region.code if region else region_code,
        branch_code=branch,
        scheme_code=scheme.code if scheme else None,
        default_programmes=tuple(programmes),
        default_months=months,
        officer_id=officer.id,
        status="open",
        created_at=rfc3339(clock()),
        closed_at=None,
    )
    with db.atomic():
        db.execute(
            f"INSERT INTO events ({_COLUMNS}) VALUES ({', '.join('?' * 14)})",
            [
                event.id,
                event.name,
                event.starts_on.isoformat(),
                event.ends_on.isoformat(),
                event.location,
                event.region_code,
                event.branch_code,
                event.scheme_code,
                json.dumps(programmes),
                months,
                event.officer_id,
                event.status,
                event.created_at,
                None,
            ],
        )
        outbox.enqueue(db, event.id, "event", event.created_at, event.payload())
        audit.log(db, event.created_at, officer.id, "create", "event", event.id)
    return event


def in_area(code: str | None, area: str | None) -> bool:
    """Whether region `code` lies in `area` (dotted codes: `35.77.01` is in `35.77`); no
    area means anywhere. Codes without dots are read as their dotted form."""
    if not area:
        return True
    if not code:
        return False
    code, area = normalise_region_code(code), normalise_region_code(area)
    return code == area or code.startswith(area + ".")


def _allowed(rates: RateTable) -> str:
    return ", ".join(str(m) for m in rates.months_allowed)


def get_event(db: Database, event_id: str) -> Event | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM events WHERE id = ?", [event_id]).fetchone()
    return None if row is None else _event(row)


def require_event(db: Database, event_id: str) -> Event:
    event = get_event(db, event_id)
    if event is None:
        raise SigapError("event_unknown", event_id=event_id)
    return event


#: The columns `event_from_row` reads, in its order, for a caller that reads an event with
#: other things in one statement (the save).
EVENT_COLUMNS = _COLUMNS


def event_from_row(row: tuple[Any, ...]) -> Event:
    """The event of a row of `EVENT_COLUMNS`."""
    return _event(row)


def list_events(db: Database, status: str | None = None) -> list[Event]:
    where, args = ("WHERE status = ?", [status]) if status else ("", [])
    cur = db.execute(
        f"SELECT {_COLUMNS} FROM events {where} ORDER BY starts_on DESC, created_at DESC", args
    )
    return [_event(r) for r in cur.fetchall()]


def close_event(db: Database, event_id: str, officer_id: str, clock: Clock = system_clock) -> Event:
    officer = require_officer(db, officer_id)
    event = require_event(db, event_id)
    if not event.is_open:
        raise SigapError("event_already_closed", event_id=event_id)
    at = rfc3339(clock())
    with db.atomic():
        db.execute(
            "UPDATE events SET status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?",
            [at, officer.id, event_id],
        )
        audit.log(db, at, officer.id, "close", "event", event_id)
    return require_event(db, event_id)


# What a saved event's correction may change, by the field names of the `event` record.
CORRECTABLE = ("name", "location", "region_code", "starts_on", "ends_on", "scheme_code")


def event_has_enrolments(db: Database, event_id: str) -> bool:
    row = db.execute("SELECT 1 FROM enrolments WHERE event_id = ? LIMIT 1", [event_id])
    return row.fetchone() is not None


def correct_event(
    db: Database,
    ref: ReferenceData,
    event_id: str,
    changes: dict[str, Any],
    reason: str,
    officer_id: str,
    clock: Clock = system_clock,
) -> tuple[Event, str]:
    """Correct a saved event (an `event_correction` record of hq-api.md revision 2): its
    name, place, region and dates, and its sponsor scheme while nobody is enrolled at it
    (the scheme decides who pays and how much). Only what differs is recorded. Returns the
    event as corrected and the correction's record id."""
    officer = require_officer(db, officer_id)
    event = require_event(db, event_id)
    problems: list[Problem] = []
    unknown = sorted(set(changes) - set(CORRECTABLE))
    problems += [Problem(name, "event_field_not_correctable") for name in unknown]
    clean_reason, p = clean_short_text(reason, "reason", required=True)
    problems += p
    current = event.payload()
    wanted = {**current, **{k: v for k, v in changes.items() if k in CORRECTABLE}}
    checked = _check_fields(
        ref,
        str(wanted["name"] or ""),
        str(wanted["location"] or ""),
        _as_date(wanted["starts_on"]),
        _as_date(wanted["ends_on"]),
        normalise_region_code(str(wanted["region_code"] or "")),
        wanted["scheme_code"] or None,
    )
    problems += checked.problems
    after = {
        "name": checked.name,
        "location": checked.location,
        "region_code": checked.region.code if checked.region else wanted["region_code"],
        "starts_on": _as_date(wanted["starts_on"]).isoformat(),
        "ends_on": _as_date(wanted["ends_on"]).isoformat(),
        "scheme_code": checked.scheme.code if checked.scheme else None,
    }
    diff = {k: v for k, v in after.items() if v != current[k]}
    if "scheme_code" in diff and event_has_enrolments(db, event_id):
        problems.append(Problem("scheme_code", "event_scheme_has_enrolments"))
    if not diff and not problems:
        problems.append(Problem("general", "event_correction_empty"))
    raise_if_errors(problems)
    at = rfc3339(clock())
    correction_id = new_id()
    payload = {
        "event_id": event_id,
        "changes": diff,
        "reason": clean_reason,
        "officer_id": officer.id,
    }
    scheme = checked.scheme
    with db.atomic():
        db.execute(
            "UPDATE events SET name = ?, location = ?, region_code = ?, starts_on = ?, "
            "ends_on = ?, scheme_code = ? WHERE id = ?",
            [after[k] for k in CORRECTABLE] + [event_id],
        )
        if "scheme_code" in diff:  # the scheme's programmes and months, or the desk's own
            programmes = list(scheme.programmes) if scheme else list(ref.rate_table.mandatory)
            months = scheme.months if scheme else 1
            db.execute(
                "UPDATE events SET default_programmes = ?, default_months = ? WHERE id = ?",
                [json.dumps(programmes), months, event_id],
            )
        outbox.enqueue(db, correction_id, "event_correction", at, payload)
        audit.log(
            db, at, officer.id, "correct", "event", event_id,
            {"correction_id": correction_id, "fields": sorted(diff)},
        )  # fmt: skip
    return require_event(db, event_id), correction_id


def _as_date(value: object) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return date.min  # an unreadable date: the check above names the field
