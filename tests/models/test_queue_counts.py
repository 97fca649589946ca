"""The queue counts the sync screen and the status bar show at every start come from the
tallies the triggers keep (no count of 200,000 queue rows): always what counting gives."""

from __future__ import annotations

from typing import Any

from models.enrolments import enrol
from models.outbox import counts_by_state
from models.sync_state import Outcome, apply_outcomes, sync_summary
from tests.helpers import fixed_clock
from tests.models.test_tallies import people


def counted(db: Any) -> dict[str, int]:
    sql = "SELECT state, COUNT(*) FROM outbox GROUP BY state"
    return {str(s): int(n) for s, n in db.execute(sql)}


def test_queue_counts_are_the_rows_counted(db, ref, event, officer) -> None:
    assert counts_by_state(db) == counted(db) == {"pending": 1}  # the event itself
    saved = [enrol(db, ref, event.id, p, officer, fixed_clock) for p in people(3)]
    assert counts_by_state(db) == counted(db)
    apply_outcomes(
        db,
        [Outcome(saved[0].enrolment_id, "synced"), Outcome(saved[1].enrolment_id, "rejected")],
        "2026-11-22T10:00:00Z",
    )
    assert counts_by_state(db) == counted(db)
    assert list(counts_by_state(db)) == sorted(counted(db))
    summary = sync_summary(db)
    assert summary.counts == counted(db)
    assert summary.waiting == counted(db)["pending"]
