"""Typed change events: what a use case changed reaches the screens and the open record,
and each refreshes only from what it shows."""

from __future__ import annotations

import pytest

from models.enrolments import enrol
from services.changes import Changes
from tests.helpers import fixed_clock, person
from ui.screens.participants import ParticipantsScreen


@pytest.fixture
def record_id(db, ref, event, officer) -> str:
    return enrol(db, ref, event.id, person(), officer, fixed_clock).enrolment_id


@pytest.fixture
def screen(qtbot, session, tasks, record_id):
    s = ParticipantsScreen(session, tasks)
    qtbot.addWidget(s)
    s.show()
    return s


def test_an_open_record_reads_itself_again_after_hq_answers(
    qtbot, screen, session, record_id, monkeypatch
):
    dialog = screen.open_record(record_id)
    qtbot.waitExposed(dialog)
    reloads: list[bool] = []
    monkeypatch.setattr(dialog, "reload", lambda: reloads.append(True))

    session.announce(Changes(queue=True), origin=object())  # as after a sync: ids unknown
    assert reloads == [True]
    session.announce(Changes(records=frozenset({record_id}), queue=True))
    assert reloads == [True, True]
    session.announce(Changes(records=frozenset({"another-record"}), queue=True))
    session.announce(Changes(officers=True))
    session.announce(Changes())  # nothing changed: nothing announced
    assert reloads == [True, True]


def test_the_list_ignores_what_it_does_not_show(screen, session, monkeypatch):
    refreshed: list[bool] = []
    monkeypatch.setattr(screen, "refresh", lambda: refreshed.append(True))
    session.announce(Changes(officers=True))
    session.announce(Changes(settings=True))
    assert refreshed == []
    session.announce(Changes(prints=True))  # "no card printed yet" may change
    assert refreshed == [True]


def test_a_closed_record_is_left_alone(qtbot, screen, session, record_id):
    first = screen.open_record(record_id)
    qtbot.waitExposed(first)
    second = screen.open_record(record_id)  # the first is closed and deleted
    qtbot.waitExposed(second)
    qtbot.wait(10)  # deleteLater runs
    session.announce(Changes(queue=True), origin=object())  # no error from the first
    assert second.enrolment_id == record_id
