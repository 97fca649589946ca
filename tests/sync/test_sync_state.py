"""What sync keeps in the database: the migration, applying answers once, and the read side
the window uses (problems, cards to reprint)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from models.db import DB_FILE, connect
from models.enrolments import void_payment
from models.prints import log_print
from models.schema import MIGRATIONS
from models.sync_state import (
    Outcome,
    apply_outcomes,
    cards_to_reprint,
    problem_records,
    sync_summary,
)
from sync import backoff
from tests.helpers import desk_key, fixed_clock, open_desk
from tests.sync.fakehq import enrol_many, member_number, outbox_rows

AT = "2026-11-22T10:00:00+07:00"


def test_a_database_of_the_previous_version_is_upgraded(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    old = connect(folder / DB_FILE, desk_key(folder))
    MIGRATIONS.apply(old, stop_before="m005_hq_reference")
    assert "hq_reference" not in old.table_names()
    old.conn.commit()
    old.close()
    upgraded = open_desk(folder)
    assert "hq_reference" in upgraded.table_names()
    indexes = {str(r[1]) for r in upgraded.execute("PRAGMA index_list(outbox)")}
    assert "outbox_last_error" in indexes
    assert MIGRATIONS.pending(upgraded) == []
    assert sync_summary(upgraded).registered is False
    upgraded.close()


def test_an_answer_moves_only_pending_rows(db, ref, event, officer):
    (eid,) = enrol_many(db, ref, event, officer, 1)
    apply_outcomes(db, [Outcome(eid, "synced", member_number="10000000077")], AT)
    assert member_number(db, eid) == "10000000077"
    # The same answer again (a second lost-answer lookup) changes nothing.
    apply_outcomes(db, [Outcome(eid, "rejected", hq_code="invalid_nik")], AT)
    apply_outcomes(db, [Outcome(eid, "pending", last_error="retry")], AT)
    row = outbox_rows(db)[eid]
    assert (row["state"], row["hq_code"], row["attempts"]) == ("synced", None, 0)
    assert (
        db.execute("SELECT COUNT(*) FROM audit WHERE action = 'hq_member_number'").fetchone()[0]
        == 1
    )


def test_a_failed_answer_leaves_nothing_half_applied(db, ref, event, officer):
    ids = enrol_many(db, ref, event, officer, 2)
    try:
        apply_outcomes(db, [Outcome(ids[0], "synced"), Outcome(ids[1], "lost")], AT)
    except ValueError:
        pass
    assert {r["state"] for r in outbox_rows(db).values()} == {"pending"}


def test_problems_name_their_enrolment_for_every_record_type(db, ref, event, officer, supervisor):
    (eid,) = enrol_many(db, ref, event, officer, 1)
    payment = db.execute("SELECT id FROM payments WHERE enrolment_id = ?", [eid]).fetchone()[0]
    void_payment(db, payment, "salah nominal", officer, supervisor, fixed_clock)
    rows = outbox_rows(db)
    void_id = next(i for i, r in rows.items() if r["type"] == "payment_void")
    apply_outcomes(
        db,
        [
            Outcome(event.id, "rejected", hq_code="unknown_reference"),
            Outcome(payment, "rejected", hq_code="quota_exceeded"),
            Outcome(void_id, "conflict"),
        ],
        AT,
    )
    problems = problem_records(db)
    assert [(p.id, p.enrolment_id) for p in problems] == [
        (event.id, None),
        (payment, eid),
        (void_id, eid),
    ]
    assert problems[1].nik_masked == "3577********0001"
    assert problems[0].hq_code == "unknown_reference"
    assert problems[1].hq_code == "quota_exceeded"
    assert problem_records(db, limit=1) == problems[:1]


def test_a_code_hq_did_not_list_is_kept_with_its_message(db, ref, event, officer):
    (eid,) = enrol_many(db, ref, event, officer, 1)
    apply_outcomes(db, [Outcome(eid, "rejected", hq_code="too_old", hq_message="Usia lewat")], AT)
    (problem,) = problem_records(db)
    assert (problem.hq_code, problem.hq_message) == ("too_old", "Usia lewat")


def test_cards_to_reprint_follow_the_latest_print(db, ref, event, officer):
    first, second = enrol_many(db, ref, event, officer, 2)
    db.execute("UPDATE enrolments SET member_number = '10000000555' WHERE id = ?", [first])
    log_print(db, "card", first, officer, fixed_clock, {"card_number": "10000000555"})
    assert cards_to_reprint(db) == []
    db.execute("UPDATE enrolments SET member_number = '10000000556' WHERE id = ?", [first])
    assert cards_to_reprint(db) == [first]  # never printed: not listed
    log_print(db, "card", first, officer, fixed_clock, {"card_number": "10000000556"})
    assert cards_to_reprint(db) == []


# ------------------------------------------------------------------ backoff


@given(attempts=st.integers(1, 60), r=st.floats(0, 1), floor=st.none() | st.floats(0, 7200))
def test_backoff_is_full_jitter_with_a_cap_and_a_floor(attempts, r, floor):
    wait = backoff.delay(attempts, lambda: r, floor=floor)
    ceiling = min(backoff.CAP_SECONDS, backoff.BASE_SECONDS * 2 ** (attempts - 1))
    assert wait <= max(ceiling, floor or 0)
    assert wait >= (floor or 0)
    if floor is None:
        assert wait == r * ceiling


def test_backoff_grows_then_stops_growing():
    top = [backoff.delay(n, lambda: 1.0) for n in range(1, 12)]
    assert top[:4] == [5, 10, 20, 40]
    assert top[-1] == backoff.CAP_SECONDS == 900
