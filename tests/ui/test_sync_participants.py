"""Sync states in the participants list: every queue state has a label in both languages, the
filter offers each of them before any record is in it, and the list can show the cards to
print again (by the same rule as the sync screen's list)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from models.participants import ParticipantFilter, find_ids, rows_by_id, rows_for
from models.sync_state import cards_to_reprint
from services.printing import print_card
from tests.helpers import fixed_clock
from tests.ui import test_sync_screen
from ui.models.participants_model import SYNC_STATES, sync_state_label
from ui.screens.participants import ParticipantsScreen

saved = test_sync_screen.saved  # the fixture: four enrolments of the test event
set_state = test_sync_screen.set_state

QM = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "sigap_en.qm"


@pytest.fixture
def english(qapp) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_every_state_has_a_label(qapp):
    assert [sync_state_label(s) for s in SYNC_STATES] == [
        "Menunggu",
        "Terkirim",
        "Sudah terdaftar (duplikat)",
        "Ditolak HQ",
        "Konflik",
    ]
    assert sync_state_label(None) == ""
    assert sync_state_label("something_new") == "something_new"


def test_every_state_has_an_english_label(english):
    assert [sync_state_label(s) for s in SYNC_STATES] == [
        "Waiting",
        "Sent",
        "Already a member (duplicate)",
        "Rejected by HQ",
        "Conflict",
    ]


@pytest.fixture
def screen(qtbot, session, tasks):
    s = ParticipantsScreen(session, tasks)
    qtbot.addWidget(s)
    s.show()
    return s


def test_the_filter_offers_every_state(screen, saved):
    combo = screen.sync_filter
    assert [combo.itemData(i) for i in range(combo.count())] == [None, *SYNC_STATES]
    assert combo.itemText(4) == "Ditolak HQ"


def test_filtering_by_state(screen, saved, db, session):
    set_state(db, saved["noman"].enrolment_id, "duplicate_person", member_number="10000000777")
    set_state(db, saved["joko"].enrolment_id, "rejected", hq_code="invalid_nik")
    session.records_saved()
    combo = screen.sync_filter
    combo.setCurrentIndex(combo.findData("duplicate_person"))
    assert screen.model.rowCount() == 1
    assert screen.model.participant(0).full_name == "Wayan Ñoman"
    assert screen.model.index(0, 9).data() == "Sudah terdaftar (duplikat)"
    combo.setCurrentIndex(combo.findData("rejected"))
    assert screen.model.participant(0).full_name == "Joko Santoso"
    combo.setCurrentIndex(combo.findData("conflict"))
    assert screen.model.rowCount() == 0


def test_cards_to_print_again(screen, saved, db, ref, officer, session):
    ayu, noman, joko = (saved[k].enrolment_id for k in ("ayu", "noman", "joko"))
    for enrolment_id in (ayu, noman, joko):
        print_card(db, ref, enrolment_id, officer, clock=fixed_clock)
    with db.atomic():
        # HQ gave Ñoman another number; Joko's card was printed again after his changed;
        # Dewi's card was never printed (that is "not printed yet", not a reprint).
        db.execute("UPDATE enrolments SET member_number = '10000000777' WHERE id = ?", [noman])
        db.execute("UPDATE enrolments SET member_number = '10000000778' WHERE id = ?", [joko])
    print_card(db, ref, joko, officer, clock=fixed_clock)

    assert cards_to_reprint(db) == [noman]
    assert [r.id for r in rows_for(db, find_ids(db, ParticipantFilter(reprint=True)))] == [noman]
    session.records_saved()
    screen.reprint.setChecked(True)
    assert screen.model.rowCount() == 1
    assert screen.model.participant(0).id == noman
    screen.reprint.setChecked(False)
    assert screen.model.rowCount() == 4


def test_rows_by_id_keeps_the_order_given(db, saved):
    ids = [saved["joko"].enrolment_id, "unknown", saved["ayu"].enrolment_id]
    assert [r.full_name for r in rows_by_id(db, ids)] == [
        "Joko Santoso",
        "Ni Luh Putu Ayu Regapu’u Saraswati",
    ]
