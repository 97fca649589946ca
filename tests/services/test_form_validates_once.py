"""The form checks as the officer types; a save of exactly what was checked is not validated
a second time, while anything changed since is. People are made up."""

from __future__ import annotations

from dataclasses import replace

import pytest

from models.enrolments import writing
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
