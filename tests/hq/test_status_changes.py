"""GET /sync/status, GET /sync/changes and the review decisions that feed the changes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from hq import reviews as records
from hq.store import Store, StoreError
from models.ids import new_id
from tests.hq import helpers as h
from tests.hq.helpers import Device


def test_status_says_what_hq_holds(new_device: Callable[[], Device]) -> None:
    a, b = new_device(), new_device()
    ev = h.event()
    good = h.enrolment(ev["id"], 1)
    bad = h.enrolment(ev["id"], 2, phone="12")
    a.results([ev, good, bad])
    b_ev = h.event()
    b.results([b_ev])
    never = new_id()
    answer = a.get("/sync/status", ids=",".join([good["id"], bad["id"], never, b_ev["id"]]))
    assert answer.status_code == 200
    found = answer.json()["records"]
    assert [r["id"] for r in found] == [good["id"], bad["id"], never, b_ev["id"]]
    assert {k: found[0][k] for k in ("status", "member_number", "code", "field")} == {
        "status": "accepted",
        "member_number": "10000001001",
        "code": None,
        "field": None,
    }
    assert found[0]["sha256"] == good["sha256"]
    assert (found[1]["status"], found[1]["code"], found[1]["field"]) == (
        "rejected",
        "invalid_field",
        "phone",
    )
    unknown = {
        "status": "unknown",
        "member_number": None,
        "code": None,
        "message": None,
        "field": None,
    }  # noqa: E501
    assert found[2] == {"id": never, **unknown}
    assert found[3] == {"id": b_ev["id"], **unknown}  # another device's record


def test_status_takes_at_most_500_ids(device: Device) -> None:
    assert device.get("/sync/status", ids=",".join(new_id() for _ in range(500))).status_code == 200
    too_many = device.get("/sync/status", ids=",".join(new_id() for _ in range(501)))
    assert too_many.status_code == 400
    assert device.get("/sync/status").status_code == 400
    assert device.get("/sync/status", ids="").json() == {"records": []}


def _active(device: Device, serial: int = 1) -> tuple[str, str]:
    ev = h.event()
    en = h.enrolment(ev["id"], serial)
    return en["id"], device.results([ev, en])[1]["member_number"]


def test_a_review_decision_reaches_the_device_through_changes(device: Device, store: Store) -> None:
    eid, number = _active(device)
    assert device.get("/sync/changes", since="0").json() == {"changes": [], "next": "0"}
    records.review_reject(store, eid, "Data KTP tidak terbaca")
    answer = device.get("/sync/changes", since="0").json()
    [change] = answer["changes"]
    assert change == {
        "cursor": change["cursor"],
        "record_id": eid,
        "kind": "member_status",
        "member_number": number,
        "status": "rejected_after_review",
        "message": "Data KTP tidak terbaca",
    }
    assert answer["next"] == change["cursor"]
    assert device.get("/sync/changes", since=answer["next"]).json() == {
        "changes": [],
        "next": answer["next"],
    }
    # The record now reads as refused, and a resend is refused the same way.
    [status] = device.get("/sync/status", ids=eid).json()["records"]
    assert (status["status"], status["code"]) == ("rejected", "rejected_after_review")

    records.review_activate(store, eid, "Sudah diperiksa")
    later = device.get("/sync/changes", since=answer["next"]).json()["changes"]
    assert [(c["status"], c["member_number"]) for c in later] == [("active", number)]
    assert int(later[0]["cursor"]) > int(change["cursor"])
    [status] = device.get("/sync/status", ids=eid).json()["records"]
    assert (status["status"], status["member_number"]) == ("accepted", number)


def test_changes_are_per_device_and_paged(new_device: Callable[[], Device], store: Store) -> None:
    a, b = new_device(), new_device()
    eid, number = _active(a)
    with store.write() as db:
        for _ in range(501):
            db.execute(
                "INSERT INTO changes (device_id, record_id, kind, member_number, status, "
                "created_at) VALUES (?, ?, 'member_status', ?, 'active', '2026-11-22')",
                [a.id, eid, number],
            )
    assert b.get("/sync/changes", since="0").json() == {"changes": [], "next": "0"}
    page = a.get("/sync/changes", since="0").json()
    assert len(page["changes"]) == 500
    cursors = [int(c["cursor"]) for c in page["changes"]]
    assert cursors == sorted(cursors)
    rest = a.get("/sync/changes", since=page["next"]).json()
    assert len(rest["changes"]) == 1
    assert int(rest["next"]) == cursors[-1] + 1


@pytest.mark.parametrize("since", ["abc", "-1", "1.5", " 1"])
def test_a_bad_cursor_is_400(device: Device, since: str) -> None:
    assert device.get("/sync/changes", since=since).status_code == 400


def test_a_reviewed_out_person_can_enrol_again(
    new_device: Callable[[], Device], store: Store
) -> None:
    a, b = new_device(), new_device()
    eid, number = _active(a, 4)
    records.review_reject(store, eid, "Ditolak")
    again, new_number = _active(b, 4)
    assert new_number != number
    with pytest.raises(StoreError, match="already active as enrolment"):
        records.review_activate(store, eid)


def test_review_refuses_what_it_cannot_do(device: Device, store: Store) -> None:
    eid, _ = _active(device)
    with pytest.raises(StoreError, match="no enrolment"):
        records.review_reject(store, new_id(), "x")
    with pytest.raises(StoreError, match="already active"):
        records.review_activate(store, eid)
    records.review_reject(store, eid, "x")
    with pytest.raises(StoreError, match="not active"):
        records.review_reject(store, eid, "x")


def test_activating_a_refused_enrolment_gives_it_a_number(device: Device, store: Store) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"], phone="12", member_number=device.blocks[0]["first"])
    device.results([ev, en])
    change = records.review_activate(store, en["id"])
    assert (change["status"], change["member_number"]) == ("active", device.blocks[0]["first"])
    assert store.one("SELECT status FROM enrolments") == ("active",)
