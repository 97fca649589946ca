"""The enrolment form's presenter, without any widget: the NIK's automatic values, which
messages show when, the early price, and what counts as half-filled."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from models.clock import Clock
from models.database import Database
from models.events import Event
from models.reference import ReferenceData
from services.enrolment_form import (
    EnrolmentFormState,
    FormEntries,
    HeirEntry,
    parse_date,
    parse_income,
)
from tests.helpers import fixed_clock

NIK = "3577015708900001"  # made up: a woman born 17-08-1990 in Kartoharjo, Madiun


@dataclass
class Desk:
    db: Database
    ref: ReferenceData
    event: Event | None
    clock: Clock


@pytest.fixture
def state(db: Database, ref: ReferenceData, event: Event) -> EnrolmentFormState:
    return EnrolmentFormState(Desk(db, ref, event, fixed_clock))


def test_typed_amounts_and_dates():
    assert parse_income("1.500.000") == parse_income("Rp 1500000") == 1_500_000
    assert parse_income("satu juta") is None
    assert parse_date("17-08-1990") is not None and parse_date("1990-08-17") is None
    assert parse_date("31-02-1990") is None


def test_the_nik_fills_what_the_officer_left_empty(state):
    fill = state.nik_fill(FormEntries(nik=NIK))
    assert fill is not None
    assert (fill.birth_date, fill.gender, fill.district) == ("17-08-1990", "P", "35.77.01")
    state.edited("gender")  # the officer chose the sex herself
    again = state.nik_fill(FormEntries(nik=NIK, birth_date="17-08-1990", gender="L"))
    assert again is not None
    assert again.birth_date == "17-08-1990"  # still the NIK's own: filled by it before
    assert again.gender is None  # typed by the officer: left alone
    assert state.nik_fill(FormEntries(nik=NIK[:15])) is None


def test_messages_show_for_touched_fields_then_all_after_a_save(state):
    entries = FormEntries(full_name="", phone="12")
    check = state.check(entries)
    assert check is not None and check.errors
    keys = {"full_name", "phone", "consent"}
    assert state.messages(check.problems, keys, entries, "en") == {}
    state.edited("phone")
    assert set(state.messages(check.problems, keys, entries, "en")) == {"phone"}
    state.show_all = True
    assert {"full_name", "phone", "consent"} <= set(
        state.messages(check.problems, keys, entries, "en")
    )
    state.reset()
    assert state.messages(check.problems, keys, entries, "en") == {}


def test_the_price_shows_once_income_and_occupation_are_known(state):
    entries = FormEntries(months=1, occupation="Tukang Becak (Pedicab Driver)")
    assert state.contribution_so_far(entries) is None
    priced = state.contribution_so_far(replace(entries, income="1.500.000"))
    assert priced is not None and priced.months == 1 and priced.total > 0


def test_half_filled_means_something_typed(state):
    assert not state.is_dirty(FormEntries(heirs=(HeirEntry(),)))
    assert state.is_dirty(FormEntries(heirs=(HeirEntry(name="Made"),)))
    assert state.is_dirty(FormEntries(income="1"))


def test_no_event_nothing_to_check(db, ref):
    assert EnrolmentFormState(Desk(db, ref, None, fixed_clock)).check(FormEntries()) is None
