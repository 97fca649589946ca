"""The form checks as the officer types; a save of exactly what was checked is not validated
a second time, nor are its rows and payloads made again (the check made them), while
anything changed since is. People are made up."""

from __future__ import annotations

from dataclasses import replace

import pytest

from models.enrolments import record, writing
from services.enrolment_form import FormEntries
from tests.services.test_form_eligibility import form_state, whole


@pytest.fixture
def validations(monkeypatch):
    calls: list[str] = []
    real = writing.validate

    def counting(inp, *args, **kwargs):
        calls.append(inp.full_name)
        return real(inp, *args, **kwargs)

    monkeypatch.setattr(writing, "validate", counting)
    return calls


def self_paid(**changes: object) -> FormEntries:
    return replace(whole(payer=("self", "cash"), **changes))


def test_a_save_of_what_was_checked_validates_once(db, ref, event, officer, validations):
    state = form_state(db, ref, event, officer)
    entries = self_paid()
    check = state.check(entries)
    assert check is not None and check.errors == []
    saved = state.save(entries)
    assert saved.enrolment_id
    assert validations == []  # the form's check served the save


def test_a_change_after_the_check_is_validated_at_save(db, ref, event, officer, validations):
    state = form_state(db, ref, event, officer)
    state.check(self_paid())
    saved = state.save(self_paid(full_name="Sri Wahyuningsih"))
    assert validations == ["Sri Wahyuningsih"]
    assert saved.enrolment_id


def test_a_whole_form_is_prepared_by_its_check_and_saved_as_prepared(
    db, ref, event, officer, monkeypatch
):
    state = form_state(db, ref, event, officer)
    entries = self_paid()
    state.check(entries)
    made: list[object] = []
    real = record.CanonicalTemplate

    def counting(*args, **kwargs):
        made.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(record, "CanonicalTemplate", counting)
    saved = state.save(entries)
    assert made == []  # the payloads were made by the check, not after Save was pressed
    assert saved.receipt_number is not None
    changed = self_paid(full_name="Sri Wahyuningsih", nik="3577015708900002")
    state.check(changed)  # prepared again for the new entries
    assert len(made) == 2  # the enrolment's payload and the payment's
    assert state.save(changed).enrolment_id


def test_a_form_with_errors_is_not_prepared(db, ref, event, officer, monkeypatch):
    state = form_state(db, ref, event, officer)
    made: list[object] = []
    monkeypatch.setattr(record, "CanonicalTemplate", lambda *a: made.append(a))
    check = state.check(self_paid(full_name=""))
    assert check is not None and check.errors
    assert made == []
