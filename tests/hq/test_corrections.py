"""enrolment_correction records: applied to HQ's copy, checked again, and a rejected
enrolment brought back to active (docs/sync.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hq.store import Store
from tests.hq import helpers as h
from tests.hq.helpers import Device


def _data(store: Store, eid: str) -> dict[str, Any]:
    row = store.one("SELECT data FROM enrolments WHERE id = ?", [eid])
    assert row is not None
    result: dict[str, Any] = json.loads(row[0])
    return result


def _status(device: Device, rid: str) -> dict[str, Any]:
    [status] = device.get("/sync/status", ids=rid).json()["records"]
    return status  # type: ignore[no-any-return]


def test_a_correction_brings_a_rejected_enrolment_back(device: Device, store: Store) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"], phone="0812345")
    assert device.results([ev, en])[1]["code"] == "invalid_field"
    fix = h.correction(en["id"], {"phone": "+6281234567891"})
    [result] = device.results([fix])
    assert result == {"id": fix["id"], "status": "accepted", "member_number": "10000000501"}
    status = _status(device, en["id"])
    assert (status["status"], status["member_number"], status["code"]) == (
        "accepted",
        "10000000501",
        None,
    )
    assert _data(store, en["id"])["phone"] == "+6281234567891"
    assert store.one("SELECT status FROM enrolments") == ("active",)
    # Resending either record now gives what HQ holds.
    assert device.results([en, fix])[0] == {
        "id": en["id"],
        "status": "already_received",
        "member_number": "10000000501",
    }
    assert device.results([fix])[0]["status"] == "already_received"


def test_a_birth_date_that_disagrees_with_the_nik_is_corrected(device: Device) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"], birth_date="1990-08-18")
    result = device.results([ev, en])[1]
    assert (result["code"], result["field"]) == ("invalid_nik", "birth_date")
    [result] = device.results([h.correction(en["id"], {"birth_date": "1990-08-17"})])
    assert result["status"] == "accepted"


def test_corrections_build_on_each_other(device: Device, store: Store) -> None:
    """Two fields wrong: the first correction is kept but answered with what is still
    wrong; the second brings the enrolment back."""
    ev = h.event()
    en = h.enrolment(ev["id"], phone="0812345", occupation_code="K999")
    assert device.results([ev, en])[1]["field"] == "phone"
    first = h.correction(en["id"], {"phone": "+6281234567891"})
    [result] = device.results([first])
    assert (result["status"], result["code"], result["field"]) == (
        "rejected",
        "unknown_reference",
        "occupation_code",
    )
    assert result["message"].startswith("The enrolment still has a problem")
    assert _status(device, en["id"])["field"] == "occupation_code"
    [result] = device.results([h.correction(en["id"], {"occupation_code": "K001"})])
    assert (result["status"], result["member_number"]) == ("accepted", "10000000501")
    data = _data(store, en["id"])
    assert (data["phone"], data["occupation_code"]) == ("+6281234567891", "K001")


def test_a_wrong_correction_is_refused_and_not_applied(device: Device, store: Store) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    number = device.results([ev, en])[1]["member_number"]
    refusals: list[tuple[dict[str, Any], str, str]] = [
        ({"phone": "0812"}, "invalid_field", "phone"),
        ({"gender": "M"}, "invalid_nik", "gender"),
        ({"heirs": []}, "invalid_field", "heirs"),
        ({"address.village_code": "35.77.01.9999"}, "unknown_reference", "address.village_code"),
        ({"nik": "3577015708900002"}, "invalid_field", "nik"),
        ({"payer.type": "sponsor"}, "invalid_field", "payer.type"),
    ]
    for changes, code, field in refusals:
        [result] = device.results([h.correction(en["id"], changes)])
        assert (result["status"], result["code"], result["field"]) == ("rejected", code, field)
    assert _data(store, en["id"]) == en["payload"]
    assert _status(device, en["id"])["member_number"] == number


def test_a_correction_of_an_active_member_is_applied(device: Device, store: Store) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    number = device.results([ev, en])[1]["member_number"]
    heirs = [
        {"name": "Made Wirawan", "relationship": "spouse", "nik": None, "phone": None},
        {"name": "Kadek Ayu", "relationship": "child", "nik": "3577014512150003", "phone": None},
    ]
    [result] = device.results(
        [
            h.correction(
                en["id"], {"address.rt": "011", "address.street": "Jl. Baru 1", "heirs": heirs}
            )
        ]  # noqa: E501
    )
    assert result["status"] == "accepted"
    assert result["member_number"] == number
    data = _data(store, en["id"])
    assert data["address"] == {**en["payload"]["address"], "rt": "011", "street": "Jl. Baru 1"}
    assert data["heirs"] == heirs


def test_a_corrected_enrolment_may_turn_out_a_duplicate(
    new_device: Callable[[], Device],
) -> None:
    a, b = new_device(), new_device()
    ev_a, ev_b = h.event(), h.event()
    refused = h.enrolment(ev_a["id"], 5, phone="0812")
    a.results([ev_a, refused])
    number = b.results([ev_b, h.enrolment(ev_b["id"], 5)])[1]["member_number"]
    fix = h.correction(refused["id"], {"phone": None})
    assert a.results([fix]) == [
        {"id": fix["id"], "status": "duplicate_person", "member_number": number}
    ]  # noqa: E501
    assert _status(a, refused["id"])["status"] == "duplicate_person"


def test_a_number_that_cannot_be_kept_is_replaced_when_corrected(
    new_device: Callable[[], Device],
) -> None:
    """The member number is not correctable, so HQ gives one of its own instead."""
    a, b = new_device(), new_device()
    ev = h.event()
    en = h.enrolment(ev["id"], member_number=b.blocks[0]["first"])
    assert a.results([ev, en])[1]["code"] == "member_number_not_allocated"
    [result] = a.results([h.correction(en["id"], {"address.rt": "001"})])
    assert (result["status"], result["member_number"]) == ("accepted", "10000001001")


def test_a_correction_of_a_duplicate_is_kept_without_a_number(
    new_device: Callable[[], Device], store: Store
) -> None:
    a, b = new_device(), new_device()
    ev_a, ev_b = h.event(), h.event()
    a.results([ev_a, h.enrolment(ev_a["id"], 3)])
    dup = h.enrolment(ev_b["id"], 3)
    assert b.results([ev_b, dup])[1]["status"] == "duplicate_person"
    fix = h.correction(dup["id"], {"address.rt": "002"})
    assert b.results([fix]) == [{"id": fix["id"], "status": "accepted"}]
    assert _data(store, dup["id"])["address"]["rt"] == "002"
