"""A member whose enrolment another desk holds, come to pay here (hq-api.md revision 2: a
payment may name any enrolment HQ holds as an active member). Their card's QR names the
enrolment; the desk keeps that, the NIK from the KTP and what the officer typed to price
the months (declared income, occupation, programmes, the last month paid, from the card
and the member's last receipt). HQ recomputes the payment from the enrolment it holds, so
a detail typed wrong comes back as `amount_mismatch`, shown like other rejections."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from models import audit
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.enrolments.pricing import ordered_programmes
from models.errors import Problem, SigapError, ValidationError
from models.events import require_event
from models.nik import parse_nik
from models.officers import require_officer
from models.reference import ReferenceData
from models.signing import SEPARATOR, VERSION
from models.validation import clean_short_text

_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_NUMBER = re.compile(r"^[0-9]{11}$")


@dataclass(frozen=True)
class CardReading:
    """What a Sigap card's QR says, read without its signature (another desk signed it with
    a key this desk does not have): the enrolment id and the member number, if any."""

    enrolment_id: str
    member_number: str | None


def read_card(text: str) -> CardReading:
    """The enrolment a card's QR text names; SigapError `card_not_sigap` for anything else."""
    payload, sep, _signature = text.strip().rpartition(SEPARATOR)
    parts = payload.split(SEPARATOR)
    if not sep or len(parts) != 3 or parts[0] != VERSION or not _ID.match(parts[2]):
        raise SigapError("card_not_sigap")
    number = parts[1] if _NUMBER.match(parts[1]) else None  # else a provisional number
    return CardReading(parts[2], number)


@dataclass
class VisitorInput:
    """What the officer types for a visiting member (from the card, the KTP, the last
    receipt)."""

    nik: str = ""
    full_name: str = ""
    occupation_code: str = ""
    declared_income: int | None = None
    programmes: list[str] | None = None
    paid_until: str = ""  # YYYY-MM, the last month paid as the card or receipt says; "" none


def held_here(db: Database, enrolment_id: str) -> bool:
    row = db.execute("SELECT 1 FROM enrolments WHERE id = ?", [enrolment_id]).fetchone()
    return row is not None


def record_visitor(
    db: Database,
    ref: ReferenceData,
    card: CardReading,
    inp: VisitorInput,
    event_id: str,
    officer_id: str,
    clock: Clock = system_clock,
) -> str:
    """Keep (or update) a visiting member so a payment can name their enrolment; the caller
    holds the write transaction. Returns the enrolment id. ValidationError with every
    problem; nothing is kept then."""
    if held_here(db, card.enrolment_id):
        return card.enrolment_id  # this desk's own member: nothing to keep
    now = clock()
    officer = require_officer(db, officer_id)
    event = require_event(db, event_id)
    if event.status != "open":
        raise SigapError("event_closed")
    problems: list[Problem] = []
    nik, nik_problems = parse_nik(inp.nik, ref.regions, now.date())
    problems += [p for p in nik_problems if p.severity != "warning"]
    name, name_problems = clean_short_text(inp.full_name, "full_name", required=True)
    problems += name_problems
    if inp.occupation_code not in ref.occupations:
        problems.append(Problem("occupation_code", "field_required"))
    income = inp.declared_income
    if income is None:
        problems.append(Problem("declared_income", "field_required"))
    else:
        problems += ref.rate_table.check_income(now.date(), income)
    programmes = ordered_programmes(inp.programmes or list(ref.rate_table.mandatory))
    problems += ref.rate_table.check_programmes(programmes)
    paid_until = inp.paid_until.strip()
    if paid_until and not _MONTH.match(paid_until):
        problems.append(Problem("paid_until", "month_invalid"))
    if problems or nik is None or income is None:
        raise ValidationError(problems)
    clash = (
        db.execute(
            "SELECT 1 FROM visiting_members WHERE nik = ? AND enrolment_id != ?",
            [nik.nik, card.enrolment_id],
        ).fetchone()
        or db.execute("SELECT 1 FROM enrolments WHERE nik = ?", [nik.nik]).fetchone()
    )
    if clash is not None:
        raise ValidationError([Problem("nik", "visitor_nik_elsewhere")])
    at = rfc3339(now)
    db.execute(
        "INSERT INTO visiting_members (enrolment_id, member_number, nik, full_name, "
        "occupation_code, declared_income, programmes, paid_until, event_id, officer_id, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (enrolment_id) DO UPDATE SET member_number = excluded.member_number, "
        "nik = excluded.nik, full_name = excluded.full_name, "
        "occupation_code = excluded.occupation_code, "
        "declared_income = excluded.declared_income, programmes = excluded.programmes, "
        "paid_until = excluded.paid_until",
        [
            card.enrolment_id, card.member_number, nik.nik, name, inp.occupation_code, income,
            json.dumps(programmes), paid_until or None, event.id, officer.id, at,
        ],
    )  # fmt: skip
    audit.log(db, at, officer.id, "visitor", "enrolment", card.enrolment_id)
    return card.enrolment_id


def visitor_paid_until(db: Database, enrolment_id: str) -> date | None:
    """The last month paid as the officer read it from the card (None: not a visitor, or
    nothing said)."""
    row = db.execute(
        "SELECT paid_until FROM visiting_members WHERE enrolment_id = ?", [enrolment_id]
    ).fetchone()
    if row is None or not row[0]:
        return None
    year, month = (int(x) for x in str(row[0]).split("-"))
    return date(year, month, 1)
