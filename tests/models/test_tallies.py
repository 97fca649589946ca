"""The tallies `status` reads (models/tallies.py): kept by triggers in the writes' own
transactions, they always equal what counting the rows gives, whichever code path wrote."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.db import DB_FILE, connect, ensure_device_identity, set_setting
from models.desk_status import device_status
from models.enrolments import enrol, void_payment
from models.events import create_event
from models.officers import add_officer
from models.schema import MIGRATIONS
from models.sync_state import Outcome, apply_outcomes
from models.tallies import TRIGGERS, tallies
from tests.helpers import desk_key, fixed_clock, person
from tests.models.helpers_import import make_nik


def counted(db: Any) -> dict[str, Any]:
    """The figures of `device_status`, counted from the rows as `status` used to."""
    one = lambda sql: int(db.execute(sql).fetchone()[0])  # noqa: E731
    return {
        "enrolments": one("SELECT COUNT(*) FROM enrolments"),
        "payments": one("SELECT COUNT(*) FROM payments"),
        "payments_void": one("SELECT COUNT(*) FROM payments WHERE voided_at IS NOT NULL"),
        "queue": {
            str(s): int(n)
            for s, n in db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state ORDER BY 1")
        },
    }


def kept(db: Any) -> dict[str, Any]:
    status = device_status(db)
    return {k: status[k] for k in ("enrolments", "payments", "payments_void", "queue")}


def people(n: int) -> list[Any]:
    """Made-up women born 17-08-1990 in Madiun, each with her own NIK."""
    return [person(nik=make_nik("357701", date(1990, 8, 17), True, i)) for i in range(1, n + 1)]


def test_every_write_path_keeps_the_tallies(db, ref, event, officer, supervisor):
    assert (
        kept(db)
        == counted(db)
        == {
            "enrolments": 0,
            "payments": 0,
            "payments_void": 0,
            "queue": {"pending": 1},
        }
    )  # fmt: skip  (the event itself is queued)
    saved = [enrol(db, ref, event.id, p, officer, fixed_clock) for p in people(3)]
    void_payment(db, saved[0].payment_id, "Salah ketik", officer, supervisor, fixed_clock)
    assert kept(db) == counted(db)
    assert kept(db)["payments_void"] == 1

    # HQ answers: rows move from pending to synced and rejected; the tallies follow.
    apply_outcomes(
        db,
        [Outcome(saved[1].enrolment_id, "synced"), Outcome(saved[2].enrolment_id, "rejected",
                                                           hq_code="invalid")],
        "2026-11-22T10:00:00Z",
    )  # fmt: skip
    assert kept(db) == counted(db)
    assert kept(db)["queue"]["synced"] == 1
    assert kept(db)["queue"]["rejected"] == 1


def test_a_write_rolled_back_leaves_the_tallies_as_they_were(db, ref, event, officer):
    enrol(db, ref, event.id, people(1)[0], officer, fixed_clock)
    before = tallies(db)
    with pytest.raises(RuntimeError), db.atomic():
        enrol(db, ref, event.id, people(2)[1], officer, fixed_clock)
        assert tallies(db)["enrolments"] == before["enrolments"] + 1
        raise RuntimeError("cut off")
    assert tallies(db) == before
    assert kept(db) == counted(db)


def test_a_state_never_seen_is_not_listed_and_an_emptied_one_disappears(db, ref, event, officer):
    saved = enrol(db, ref, event.id, people(1)[0], officer, fixed_clock)
    ids = [r[0] for r in db.execute("SELECT id FROM outbox")]
    apply_outcomes(db, [Outcome(i, "synced") for i in ids], "2026-11-22T10:00:00Z")
    assert kept(db)["queue"] == counted(db)["queue"] == {"synced": 3}
    assert tallies(db)["outbox:pending"] == 0  # kept, at zero, not listed
    assert saved.payment_id is not None


def test_every_tally_trigger_is_there_after_all_migrations(db):
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert set(TRIGGERS) <= triggers


def test_a_desk_from_before_the_tallies_gets_them_counted_from_its_rows(tmp_path, ref):
    folder = tmp_path / "m011"
    folder.mkdir()
    old = connect(folder / DB_FILE, desk_key(folder))
    MIGRATIONS.apply(old, stop_before="m012_tallies")
    ensure_device_identity(old)
    set_setting(old, "branch_code", "MDN01")
    add_officer(old, "sari", "Sari Wulandari", "officer", "pasar-pagi-77", clock=fixed_clock)
    add_officer(old, "budi.s", "Budi Santoso", "supervisor", "kopi-tubruk-88", clock=fixed_clock)
    event = create_event(
        old, ref, name="Lama", starts_on=date(2026, 11, 22), ends_on=date(2026, 11, 23),
        location="Balai", region_code="35.77.01", officer_id="sari", clock=fixed_clock,
    )  # fmt: skip
    saved = [enrol(old, ref, event.id, p, "sari", fixed_clock) for p in people(2)]
    void_payment(old, saved[1].payment_id, "Salah ketik", "sari", "budi.s", fixed_clock)
    assert old.execute("SELECT 1 FROM sqlite_master WHERE name = 'tallies'").fetchone() is None

    MIGRATIONS.apply(old)
    assert kept(old) == counted(old) == {
        "enrolments": 2, "payments": 2, "payments_void": 1, "queue": {"pending": 6},
    }  # fmt: skip
    enrol(old, ref, event.id, people(3)[2], "sari", fixed_clock)
    assert kept(old) == counted(old)
    old.close()
