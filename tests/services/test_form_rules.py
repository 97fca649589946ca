"""The form's presenter and the rules of issue 13: the amount line that explains the price
month by month, and a KTP birth date that a supervisor approves once, for that NIK and that
date only. People are made up."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pytest

from models.clock import Clock
from models.database import Database
from models.events import Event
from models.officers import Officer, get_officer
from models.reference import ReferenceData
from services.enrolment_form import EnrolmentFormState, FormEntries, HeirEntry
from tests.helpers import fixed_clock

NIK = "3577015708900001"  # a woman whose NIK's digits say 17-08-1990


@dataclass
class Desk:
    db: Database
    ref: ReferenceData
    event: Event | None
    clock: Clock
    officer: Officer | None


@pytest.fixture
def state(db: Database, ref: ReferenceData, event: Event, officer: str) -> EnrolmentFormState:
    return EnrolmentFormState(Desk(db, ref, event, fixed_clock, get_officer(db, officer)))


def entries(**changes: object) -> FormEntries:
    base = FormEntries(
        nik=NIK, full_name="Sri Wahyuni", birth_place="Madiun", birth_date="19-08-1990",
        gender="P", mother_maiden_name="Sumirah", occupation="K002", income="1000000",
        months=3, heirs=(HeirEntry("Joko", "suami"),), consent=True,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_amount_line_explains_the_months(state: EnrolmentFormState) -> None:
    # 22 November 2026, trade: November and December relieved (PP 50/2025), January full.
    c = state.contribution_so_far(entries())
    assert state.amount_line(c, "id") == (
        "3 bulan: Rp8.400 × 2 (keringanan PP 50/2025) + Rp16.800 × 1 = Rp33.600"
    )
    assert state.amount_line(None, "id") == "—"


def test_a_ktp_date_needs_one_approval_for_that_nik_and_date(
    state: EnrolmentFormState, db: Database, supervisor: str
) -> None:
    check = state.check(entries())
    assert check is not None
    assert [p.code for p in check.errors] == ["nik_birth_date_needs_approval"]
    assert state.needs_birth_date_approval(check.errors)
    state.approve_birth_date(entries(), supervisor)
    # Another date, or another NIK, is not what the supervisor saw.
    assert state.to_input(entries(birth_date="20-08-1990")).birth_date_approved_by is None
    assert state.to_input(entries(nik="3577015708900002")).birth_date_approved_by is None
    check = state.check(entries())
    assert check is not None and check.errors == []
    assert "nik_birth_date_approved" in [p.code for p in check.problems]
    saved = state.save(entries())
    payload = json.loads(
        db.execute("SELECT payload FROM outbox WHERE id = ?", [saved.enrolment_id]).fetchone()[0]
    )
    assert (payload["birth_date"], payload["approved_by"]) == ("1990-08-19", supervisor)
    # Used once: the next person starts without it.
    assert state.to_input(entries()).birth_date_approved_by is None


def test_other_errors_are_not_settled_by_an_approval(state: EnrolmentFormState) -> None:
    check = state.check(entries(full_name=""))
    assert check is not None
    assert not state.needs_birth_date_approval(check.errors)
    assert not state.needs_birth_date_approval([])
