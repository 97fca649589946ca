"""Issue 14, finding 1 (hq-api.md revision 2): a device amends only what it recorded
itself. A correction, a void or an event correction that names another device's record is
`rejected` with `not_your_record`, and the record stays as its own device left it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hq.store import Store
from tests.hq import helpers as h
from tests.hq.helpers import Device


def event_correction(event_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    payload = {
        "event_id": event_id,
        "changes": changes,
        "reason": "Salah ketik",
        "officer_id": "sari",
    }
    return h.record("event_correction", payload, h.new_id())


def _one(device: Device, rec: dict[str, Any]) -> dict[str, Any]:
    return device.results([rec])[0]


def _enrolled(device: Device) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    ev = h.event()
    en = h.enrolment(ev["id"], 1)
    pay = h.payment(en["id"])
    results = device.results([ev, en, pay])
    assert [r["status"] for r in results] == ["accepted"] * 3, results
    return ev, en, pay


def test_another_device_cannot_replace_a_members_name_and_heirs(
    new_device: Callable[[], Device], store: Store
) -> None:
    owner, intruder = new_device(), new_device()
    _, en, _ = _enrolled(owner)
    attack = h.correction(
        en["id"],
        {
            "full_name": "Orang Lain Sekali",
            "heirs": [{"name": "Penerima Palsu", "relationship": "spouse", "nik": None,
                       "phone": None}],
        },
    )  # fmt: skip
    result = _one(intruder, attack)
    assert result["status"] == "rejected"
    assert result["code"] == "not_your_record"
    row = store.one("SELECT data FROM enrolments WHERE id = ?", [en["id"]])
    assert row is not None
    data = json.loads(row[0])
    assert data["full_name"] == en["payload"]["full_name"]
    assert data["heirs"] == en["payload"]["heirs"]
    # Its own device still may.
    own = _one(owner, h.correction(en["id"], {"full_name": "Ni Luh Putu Ayu Saraswati"}))
    assert own["status"] == "accepted"


def test_another_device_cannot_void_a_payment(
    new_device: Callable[[], Device], store: Store
) -> None:
    owner, intruder = new_device(), new_device()
    _, _, pay = _enrolled(owner)
    result = _one(intruder, h.payment_void(pay["id"]))
    assert result["status"] == "rejected"
    assert result["code"] == "not_your_record"
    assert store.one("SELECT void_id FROM payments WHERE id = ?", [pay["id"]]) == (None,)
    assert _one(owner, h.payment_void(pay["id"]))["status"] == "accepted"


def test_another_device_cannot_correct_an_event(new_device: Callable[[], Device]) -> None:
    owner, intruder = new_device(), new_device()
    ev, _, _ = _enrolled(owner)
    result = _one(intruder, event_correction(ev["id"], {"location": "Tempat Lain"}))
    assert result["status"] == "rejected"
    assert result["code"] == "not_your_record"


def test_an_event_correction_of_its_own_event_is_checked_and_kept(
    device: Device, store: Store
) -> None:
    ev, _, _ = _enrolled(device)
    good = event_correction(ev["id"], {"location": "Balai Desa Manguharjo"})
    assert _one(device, good)["status"] == "accepted"
    assert _one(device, good)["status"] == "already_received"
    wrong = _one(device, event_correction(ev["id"], {"ends_on": "2026-11-01"}))
    assert wrong["status"] == "rejected"
    assert wrong["code"] == "invalid_field"
    unknown_field = _one(device, event_correction(ev["id"], {"event_id": h.new_id()}))
    assert unknown_field["status"] == "rejected"
    assert unknown_field["field"] == "event_id"
    not_an_event = _one(device, event_correction(h.new_id(), {"location": "x"}))
    assert not_an_event["status"] == "retry"
