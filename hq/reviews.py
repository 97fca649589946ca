"""The branch office's review decisions on enrolments, and the changes they send to devices."""

from __future__ import annotations

from typing import Any

from hq.counters import give_back_place, take_place
from hq.db import Connection, Duplicate
from hq.lookups import number_refusal
from hq.records import accepted, rejected, set_record_outcome
from hq.rules import Refusal
from hq.store import Store, StoreError

# --------------------------------------------------------------- reviews


def review_reject(store: Store, record_id: str, message: str) -> dict[str, Any]:
    """The branch office refuses an active member after review; the device hears of it
    through /sync/changes. The member number is not given to anyone else."""
    with store.write() as db:
        device_id, status_, number = _enrolment_for_review(db, record_id)
        if status_ != "active":
            raise StoreError(f"enrolment {record_id} is not active (it is {status_})")
        now = store.now()
        db.execute(
            "UPDATE enrolments SET status = 'rejected_after_review', updated_at = ? WHERE id = ?",
            [now, record_id],
        )
        payer = db.execute(
            "SELECT payer_type, scheme_code FROM enrolments WHERE id = ?", [record_id]
        ).fetchone()
        assert payer is not None
        give_back_place(db, payer[0], payer[1])
        refusal = Refusal("rejected_after_review", None, message)
        set_record_outcome(db, record_id, rejected(refusal), now)
        return _change(db, device_id, record_id, number, "rejected_after_review", message, now)


def review_activate(store: Store, record_id: str, message: str | None = None) -> dict[str, Any]:
    """The branch office makes a refused enrolment an active member after review."""
    try:
        return _review_activate(store, record_id, message)
    except Duplicate:
        raise StoreError(
            f"the person of enrolment {record_id} became active in another enrolment"
        ) from None


def _review_activate(store: Store, record_id: str, message: str | None) -> dict[str, Any]:
    with store.write() as db:
        device_id, status_, number = _enrolment_for_review(db, record_id)
        if status_ == "active":
            raise StoreError(f"enrolment {record_id} is already active")
        found = db.execute(
            "SELECT nik, requested_number, payer_type, scheme_code FROM enrolments WHERE id = ?",
            [record_id],
        ).fetchone()
        assert found is not None
        nik, requested, payer_type, scheme_code = found
        other = db.execute(
            "SELECT id FROM enrolments WHERE nik = ? AND status = 'active' AND id != ?",
            [nik, record_id],
        ).fetchone()
        if other is not None:
            raise StoreError(
                f"the person of enrolment {record_id} is already active as enrolment {other[0]}"
            )
        if number is None and requested is not None:
            if number_refusal(db, device_id, record_id, requested) is None:
                number = requested
        number = number or store.assign_number(db)
        now = store.now()
        db.execute(
            "UPDATE enrolments SET status = 'active', member_number = ?, updated_at = ? "
            "WHERE id = ?",
            [number, now, record_id],
        )
        if payer_type == "sponsor" and scheme_code is not None:
            take_place(db, scheme_code, None)  # quotas are not applied to a review
        set_record_outcome(db, record_id, accepted(number), now)
        return _change(db, device_id, record_id, number, "active", message, now)


def _enrolment_for_review(db: Connection, record_id: str) -> tuple[str, str, str | None]:
    # A no-op UPDATE, so the row is locked (PostgreSQL) and read as the last writer left it:
    # two reviews of one enrolment are decided one after the other.
    row = db.execute(
        "UPDATE enrolments SET updated_at = updated_at WHERE id = ? "
        "RETURNING device_id, status, member_number",
        [record_id],
    ).fetchone()
    if row is None:
        raise StoreError(f"no enrolment with id {record_id}")
    return row[0], row[1], row[2]


def _change(
    db: Connection,
    device_id: str,
    record_id: str,
    number: str | None,
    status_: str,
    message: str | None,
    now: str,
) -> dict[str, Any]:
    # The device's row lock, held to commit, orders the transactions writing its changes:
    # a cursor is taken only after the previous writer for this device committed, so a
    # device reading `since` never passes a cursor whose change is not visible yet.
    db.execute(
        "UPDATE devices SET changes_written = changes_written + 1 WHERE id = ?", [device_id]
    )
    row = db.execute(
        "INSERT INTO changes (device_id, record_id, kind, member_number, status, message, "
        "created_at) VALUES (?, ?, 'member_status', ?, ?, ?, ?) RETURNING cursor",
        [device_id, record_id, number, status_, message, now],
    ).fetchone()
    assert row is not None
    cursor = row[0]
    return {
        "cursor": str(cursor),
        "record_id": record_id,
        "kind": "member_status",
        "member_number": number,
        "status": status_,
        "message": message,
    }
