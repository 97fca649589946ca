"""An enrolment is validated once: `enrol` given what `validate` already made for the same
input (the form checks as the officer types) does not validate it again; inside the write
lock it checks only what another writer can change meanwhile. Every person is made up."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from models.enrolments import (
    CheckedEnrolment,
    EnrolmentInput,
    enrol,
    get_enrolment,
    validate,
    writing,
)
from models.errors import ValidationError
from models.events import close_event, require_event
from models.reference import ReferenceData
from tests.helpers import KOWANTARA, TODAY, fixed_clock, open_desk, person, sponsored_event

OTHER = person(nik="3577011203850002", birth_date=TODAY.replace(year=1985, month=3, day=12),
               gender="L")  # fmt: skip


def checked_for(db: Any, ref: ReferenceData, event_id: str, inp: EnrolmentInput) -> Any:
    checked, problems = validate(inp, require_event(db, event_id), ref, TODAY)
    assert checked is not None, problems
    return checked


def codes(exc: ValidationError) -> dict[str, str]:
    return {p.field: p.code for p in exc.problems if p.severity == "error"}


@pytest.fixture
def no_second_validation(monkeypatch: pytest.MonkeyPatch) -> list[EnrolmentInput]:
    """Records each validation `enrol` runs itself."""
    calls: list[EnrolmentInput] = []

    def counting(inp: EnrolmentInput, *args: Any) -> Any:
        calls.append(inp)
        return validate(inp, *args)

    monkeypatch.setattr(writing, "validate", counting)
    return calls


def test_a_checked_enrolment_is_saved_without_validating_it_again(
    db, ref, event, officer, no_second_validation
):
    inp = person()
    saved = enrol(db, ref, event.id, inp, officer, fixed_clock, checked_for(db, ref, event.id, inp))
    assert no_second_validation == []
    assert get_enrolment(db, saved.enrolment_id).nik == inp.nik
    enrol(db, ref, event.id, OTHER, officer, fixed_clock)  # nothing given: validated here
    assert no_second_validation == [OTHER]


def test_a_check_made_on_another_day_or_for_another_event_state_is_made_again(
    db, ref, event, officer, no_second_validation
):
    inp = person()
    yesterday = dataclasses.replace(
        checked_for(db, ref, event.id, inp), checked_on=TODAY - timedelta(days=1)
    )
    enrol(db, ref, event.id, inp, officer, fixed_clock, yesterday)
    assert no_second_validation == [inp]
    then = dataclasses.replace(event, default_months=3)  # the event before a correction
    other_event = dataclasses.replace(checked_for(db, ref, event.id, OTHER), event=then)
    enrol(db, ref, event.id, OTHER, officer, fixed_clock, other_event)
    assert no_second_validation == [inp, OTHER]


def test_a_nik_enrolled_by_another_writer_since_the_check_is_refused(
    db, ref, event, officer, data_dir: Path
):
    inp = person()
    checked = checked_for(db, ref, event.id, inp)
    other = open_desk(data_dir)  # another connection: a second window, an import
    try:
        first = enrol(other, ref, event.id, inp, officer, fixed_clock)
    finally:
        other.close()
    with pytest.raises(ValidationError) as caught:
        enrol(db, ref, event.id, inp, officer, fixed_clock, checked)
    assert codes(caught.value) == {"nik": "nik_already_enrolled"}
    assert caught.value.problems[0].params["enrolment_id"] == first.enrolment_id


def test_an_event_closed_since_the_check_takes_no_enrolment(db, ref, event, officer):
    inp = person()
    checked = checked_for(db, ref, event.id, inp)
    close_event(db, event.id, officer, fixed_clock)
    with pytest.raises(ValidationError) as caught:
        enrol(db, ref, event.id, inp, officer, fixed_clock, checked)
    assert codes(caught.value) == {"event_id": "event_closed"}
    # Even handed a check that claims the closed event as it is now.
    closed = require_event(db, event.id)
    with pytest.raises(ValidationError) as again:
        enrol(db, ref, event.id, inp, officer, fixed_clock,
              dataclasses.replace(checked, event=closed))  # fmt: skip
    assert codes(again.value) == {"event_id": "event_closed"}


def test_a_quota_filled_since_the_check_is_refused(db, ref, officer):
    one_left = ReferenceData(
        list(ref.occupations.values()), ref.rates,
        [dataclasses.replace(s, quota=1) if s.code == KOWANTARA else s
         for s in ref.schemes.values()],
        ref.version,
    )  # fmt: skip
    event = sponsored_event(db, one_left, officer)
    mine, theirs = (
        person(occupation_code="K006"),
        dataclasses.replace(OTHER, occupation_code="K006"),
    )
    checked: CheckedEnrolment = checked_for(db, one_left, event.id, mine)
    enrol(db, one_left, event.id, theirs, officer, fixed_clock)  # takes the last place
    with pytest.raises(ValidationError) as caught:
        enrol(db, one_left, event.id, mine, officer, fixed_clock, checked)
    assert codes(caught.value) == {"payer": "scheme_quota_full"}
