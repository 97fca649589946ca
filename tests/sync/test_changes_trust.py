"""HQ's /sync/changes (issue 14, item 14): a change applies only to the record type its kind
is about, and only to records HQ has already acknowledged; it can never mark a queued record
as sent (it would never be sent then)."""

from __future__ import annotations

from sync.engine import sync_once
from tests.helpers import fixed_clock
from tests.sync.fakehq import (  # noqa: F401
    FakeHQ,
    enrol_many,
    hq_fixture,
    member_number,
    outbox_rows,
    registered_fixture,
)


def sync(db, hq: FakeHQ):
    return sync_once(db, client=hq.client(), clock=fixed_clock, rng=lambda: 0.5,
                     sleep=lambda seconds: None)  # fmt: skip


def _change(cursor: int, record_id: str, status: str, number: str | None = None) -> dict:
    return {"cursor": str(cursor), "record_id": record_id, "kind": "member_status",
            "member_number": number, "status": status, "message": "dari HQ"}  # fmt: skip


def test_changes_never_mark_a_queued_record_as_sent(registered, ref, event, officer, hq):
    db = registered
    (eid,) = enrol_many(db, ref, event, officer, 1)
    waiting = [rid for rid, row in outbox_rows(db).items() if row["type"] != "event"]
    for rid in waiting:  # HQ asks to send them again later: they stay queued
        hq.answer(rid, status="retry", code="unknown_reference")
    hq.changes = [_change(n, rid, "active", "10000000777") for n, rid in enumerate(waiting, 1)]
    sync(db, hq)
    rows = outbox_rows(db)
    assert {rows[rid]["state"] for rid in waiting} == {"pending"}
    assert member_number(db, eid) != "10000000777"


def test_a_member_status_applies_only_to_an_enrolment(registered, ref, event, officer, hq):
    db = registered
    (eid,) = enrol_many(db, ref, event, officer, 1)
    sync(db, hq)
    rows = outbox_rows(db)
    others = [rid for rid, row in rows.items() if row["type"] != "enrolment"]
    assert {rows[rid]["type"] for rid in others} == {"event", "payment"}
    hq.changes = [_change(n, rid, "rejected_after_review") for n, rid in enumerate(others, 1)]
    hq.changes.append(_change(len(others) + 1, eid, "rejected_after_review"))
    report = sync(db, hq)
    rows = outbox_rows(db)
    assert {rows[rid]["state"] for rid in others} == {"synced"}  # untouched
    assert (rows[eid]["state"], rows[eid]["hq_code"]) == ("rejected", "rejected_after_review")
    assert report.rejected == 1


def test_a_record_hq_refused_on_receipt_is_not_revived(registered, ref, event, officer, hq):
    db = registered
    (eid,) = enrol_many(db, ref, event, officer, 1)
    hq.answer(eid, status="rejected", code="invalid_nik", field="nik")
    sync(db, hq)
    hq.changes = [_change(1, eid, "active", "10000000888")]
    sync(db, hq)
    row = outbox_rows(db)[eid]
    assert (row["state"], row["hq_code"]) == ("rejected", "invalid_nik")
    assert member_number(db, eid) != "10000000888"
