"""`event_correction` records (hq-api.md revision 2): the device that recorded an event may
correct its name, place, dates and, while nobody is enrolled at it, its scheme."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from hq.app import create_app
from hq.db import open_engine
from hq.schema import migrate
from hq.store import Store
from tests.hq import helpers as h
from tests.hq.conftest import MovableClock
from tests.hq.helpers import Device, register


def correction(event_id: str, changes: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    payload = {
        "event_id": event_id,
        "changes": changes,
        "reason": "Salah ketik",
        "officer_id": "sari",
        **overrides,
    }
    return h.record("event_correction", payload)


def test_the_recording_device_corrects_its_event(device: Device) -> None:
    ev = h.event()
    fix = correction(ev["id"], {"name": "Sosialisasi Pasar Sleko", "ends_on": "2026-11-24"})
    results = device.results([ev, fix])
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    assert device.results([fix])[0]["status"] == "already_received"


def test_another_devices_event_is_not_yours(new_device: Callable[[], Device]) -> None:
    a, b = new_device(), new_device()
    ev = h.event()
    a.results([ev])
    [result] = b.results([correction(ev["id"], {"name": "Bukan acara saya"})])
    assert (result["status"], result["code"], result["field"]) == (
        "rejected", "not_your_record", "event_id",
    )  # fmt: skip


def test_a_correction_is_checked_as_the_event_it_makes(device: Device) -> None:
    ev = h.event()
    device.results([ev])
    [reversed_] = device.results([correction(ev["id"], {"ends_on": "2026-11-01"})])
    assert (reversed_["status"], reversed_["field"]) == ("rejected", "ends_on")
    [unknown] = device.results([correction(ev["id"], {"branch_code": "XX"})])
    assert (unknown["status"], unknown["field"]) == ("rejected", "branch_code")
    # Accepted corrections add up: the later one is checked against the earlier one.
    assert (
        device.results([correction(ev["id"], {"starts_on": "2026-11-20"})])[0]["status"]
        == "accepted"
    )
    [result] = device.results([correction(ev["id"], {"ends_on": "2026-11-21"})])
    assert result["status"] == "accepted"


def test_the_scheme_stays_once_people_are_enrolled(device: Device) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    device.results([ev, en])
    [result] = device.results([correction(ev["id"], {"scheme_code": "KOWANTARA-WARTEG"})])
    assert (result["status"], result["field"]) == ("rejected", "scheme_code")


def test_a_correction_of_an_event_hq_has_not_seen_waits(device: Device) -> None:
    ev = h.event()
    [result] = device.results([correction(ev["id"], {"name": "Nanti"})])
    assert result["status"] == "retry"


def test_a_database_from_before_event_corrections_takes_them(
    database: str, tmp_path: Path, clock: MovableClock
) -> None:
    """HQ's records table refused the type before revision 2; migrated, it takes one, and
    what it held before stays."""
    engine = open_engine(database)
    try:
        assert "m005_event_corrections" not in migrate(engine, stop_before="m005_event_corrections")
    finally:
        engine.close()
    app = create_app(database, h.reference_folder(tmp_path, quota=100), clock=clock)
    store: Store = app.state.store
    try:
        device = register(TestClient(app), store.create_code("MDN01"))
        ev = h.event()
        results = device.results([ev, correction(ev["id"], {"location": "Balai Kota"})])
        assert [r["status"] for r in results] == ["accepted", "accepted"]
        assert store.one("SELECT COUNT(*) FROM records WHERE type = 'event_correction'") == (1,)
    finally:
        store.close()
