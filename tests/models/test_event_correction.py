"""Correcting a saved event: name, place, region and dates, and its scheme while nobody is
enrolled at it, as an `event_correction` queue record (hq-api.md revision 2)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from models import enrolments as en
from models.db import DB_FILE, connect
from models.errors import ValidationError
from models.events import correct_event, get_event
from models.outbox import payload_sha256
from models.schema import MIGRATIONS
from tests.helpers import KOWANTARA, desk_key, fixed_clock, person


def queued(db, type_: str) -> list[dict]:
    rows = db.execute(
        "SELECT payload, sha256 FROM outbox WHERE type = ? ORDER BY seq", [type_]
    ).fetchall()
    for payload, sha in rows:
        assert payload_sha256(json.loads(payload)) == sha
    return [json.loads(p) for p, _ in rows]


def test_name_place_and_dates_are_corrected_and_queued(db, ref, event, officer):
    changes = {
        "name": "Sosialisasi Pasar Sleko",
        "location": "Pasar Sleko",
        "ends_on": "2026-11-24",
    }
    corrected, correction_id = correct_event(
        db, ref, event.id, changes, "Salah ketik", officer, fixed_clock
    )
    assert corrected.name == "Sosialisasi Pasar Sleko"
    assert corrected.location == "Pasar Sleko"
    assert corrected.ends_on == date(2026, 11, 24)
    assert get_event(db, event.id) == corrected
    [payload] = queued(db, "event_correction")
    assert payload == {
        "event_id": event.id,
        "changes": changes,
        "reason": "Salah ketik",
        "officer_id": officer,
    }
    audit = db.execute(
        "SELECT action, record_type, record_id, detail FROM audit WHERE action = 'correct'"
    ).fetchone()
    assert audit[:3] == ("correct", "event", event.id)
    assert json.loads(audit[3])["correction_id"] == correction_id


def test_only_what_differs_is_recorded(db, ref, event, officer):
    same = {"name": event.name, "starts_on": event.starts_on.isoformat(), "location": "Balai RW"}
    correct_event(db, ref, event.id, same, "Tempat pindah", officer, fixed_clock)
    assert queued(db, "event_correction")[0]["changes"] == {"location": "Balai RW"}
    with pytest.raises(ValidationError) as nothing:
        correct_event(db, ref, event.id, {"location": "Balai RW"}, "Lagi", officer, fixed_clock)
    assert [p.code for p in nothing.value.problems] == ["event_correction_empty"]


def test_a_correction_is_checked_as_a_new_event_is(db, ref, event, officer):
    with pytest.raises(ValidationError) as wrong:
        correct_event(
            db, ref, event.id,
            {"ends_on": "2026-11-01", "name": " ", "region_code": "99.99", "branch_code": "X"},
            "", officer, fixed_clock,
        )  # fmt: skip
    codes = {(p.field, p.code) for p in wrong.value.problems}
    assert ("ends_on", "event_dates_reversed") in codes
    assert ("region_code", "event_region_invalid") in codes
    assert ("branch_code", "event_field_not_correctable") in codes
    assert {f for f, _ in codes} >= {"name", "reason"}
    assert queued(db, "event_correction") == []
    assert get_event(db, event.id) == event  # nothing changed


def test_the_scheme_changes_only_while_nobody_is_enrolled(db, ref, event, officer):
    """An event saved as self-paid by an Enter too early becomes the scheme's event; once
    someone is enrolled the scheme decides who paid, and stays."""
    corrected, _ = correct_event(
        db, ref, event.id, {"scheme_code": KOWANTARA}, "Skema lupa dipilih", officer, fixed_clock
    )
    scheme = ref.schemes[KOWANTARA]
    assert corrected.scheme_code == KOWANTARA
    assert corrected.default_programmes == tuple(scheme.programmes)
    assert corrected.default_months == scheme.months
    back, _ = correct_event(
        db, ref, event.id, {"scheme_code": None}, "Ternyata bayar sendiri", officer, fixed_clock
    )
    assert back.scheme_code is None
    en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    with pytest.raises(ValidationError) as enrolled:
        correct_event(db, ref, event.id, {"scheme_code": KOWANTARA}, "Lagi", officer, fixed_clock)
    assert [p.code for p in enrolled.value.problems] == ["event_scheme_has_enrolments"]
    # The name can still be corrected.
    correct_event(db, ref, event.id, {"name": "Acara Warteg"}, "Nama", officer, fixed_clock)


def test_the_queue_of_an_older_desk_takes_event_corrections(tmp_path, ref) -> None:
    folder = tmp_path / "m009"
    folder.mkdir()
    old = connect(folder / DB_FILE, desk_key(folder))
    MIGRATIONS.apply(old, stop_before="m010_event_corrections")
    old.execute(
        "INSERT INTO outbox (id, type, schema, recorded_at, payload, sha256, updated_at) "
        "VALUES ('r1', 'event', 1, 't', '{}', 's', 't')"
    )
    old.conn.commit()
    MIGRATIONS.apply(old)
    assert old.execute("SELECT seq, id, type, state FROM outbox").fetchall() == [
        (1, "r1", "event", "pending")
    ]
    old.execute(
        "INSERT INTO outbox (id, type, schema, recorded_at, payload, sha256, updated_at) "
        "VALUES ('r2', 'event_correction', 1, 't', '{}', 's', 't')"
    )
    assert old.execute("SELECT seq FROM outbox WHERE id = 'r2'").fetchone() == (2,)
    with pytest.raises(Exception, match="never deleted"):
        old.execute("DELETE FROM outbox")
    old.close()
