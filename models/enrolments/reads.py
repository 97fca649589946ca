"""Reading enrolments back: one by NIK, a list, one whole record with its heirs, payments and
queue state (typed read models the screens use), and the payments of many."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from models.database import Database


class EnrolmentSummary(NamedTuple):
    id: str
    event_id: str
    member_number: str | None
    nik: str
    full_name: str
    birth_date: str
    gender: str
    occupation_code: str
    payer_type: str
    scheme_code: str | None
    officer_id: str
    recorded_at: str


_SUMMARY = (
    "id, event_id, member_number, nik, full_name, birth_date, gender, occupation_code, "
    "payer_type, scheme_code, officer_id, recorded_at"
)


def find_by_nik(db: Database, nik: str) -> EnrolmentSummary | None:
    row = db.execute(f"SELECT {_SUMMARY} FROM enrolments WHERE nik = ?", [nik]).fetchone()
    return None if row is None else EnrolmentSummary(*row)


def list_enrolments(
    db: Database, event_id: str | None = None, limit: int | None = None
) -> list[EnrolmentSummary]:
    sql = f"SELECT {_SUMMARY} FROM enrolments"
    args: list[Any] = []
    if event_id:
        sql += " WHERE event_id = ?"
        args.append(event_id)
    sql += " ORDER BY recorded_at, rowid"
    if limit:
        sql += f" LIMIT {int(limit)}"  # written in, not bound: SQLite re-plans a bound LIMIT
    return [EnrolmentSummary(*r) for r in db.execute(sql, args).fetchall()]


@dataclass(frozen=True, slots=True)
class HeirRecord:
    """One heir of a saved enrolment, in the order the officer entered them."""

    name: str
    relationship: str
    nik: str | None
    phone: str | None


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    """One payment row as stored: never changed, only voided once."""

    id: str
    enrolment_id: str
    receipt_seq: int
    receipt_number: str
    amount: int
    months: int
    period_start: str
    jkk: int
    jkm: int
    jht: int
    method: str
    payer_type: str
    scheme_code: str | None
    received_at: str
    officer_id: str
    voided_at: str | None
    void_reason: str | None
    void_officer_id: str | None
    void_approved_by: str | None
    reference: str | None = None  # the payer's reference (transfer, QRIS)
    verification: str | None = None  # HQ's word on a transfer or QRIS: verified, not_received


@dataclass(frozen=True, slots=True)
class EnrolmentRecord:
    """One whole enrolment as the screens read it: its current fields, heirs, payments and
    queue state (None once it is no longer in the outbox)."""

    id: str
    event_id: str
    member_number: str | None
    nik: str
    full_name: str
    birth_place: str
    birth_date: str
    gender: str
    mother_maiden_name: str
    phone: str | None
    street: str
    rt: str
    rw: str
    village_code: str | None
    occupation_code: str
    declared_income: int
    programmes: tuple[str, ...]
    months: int
    payer_type: str
    scheme_code: str | None
    consent_at: str
    officer_id: str
    recorded_at: str
    source: str
    name_key: str
    heirs: tuple[HeirRecord, ...]
    payments: tuple[PaymentRecord, ...]
    sync_state: str | None


_ENROLMENT_COLUMNS = (
    "id, event_id, member_number, nik, full_name, birth_place, birth_date, gender, "
    "mother_maiden_name, phone, street, rt, rw, village_code, occupation_code, declared_income, "
    "programmes, months, payer_type, scheme_code, consent_at, officer_id, recorded_at, source, "
    "name_key"
)
_PAYMENT_COLUMNS = (
    "id, enrolment_id, receipt_seq, receipt_number, amount, months, period_start, jkk, jkm, jht, "
    "method, payer_type, scheme_code, received_at, officer_id, voided_at, void_reason, "
    "void_officer_id, void_approved_by, reference, verification"
)


def get_enrolment(db: Database, enrolment_id: str) -> EnrolmentRecord | None:
    """Everything about one enrolment: its fields, heirs, payments and queue state."""
    row = db.execute(
        f"SELECT {_ENROLMENT_COLUMNS} FROM enrolments WHERE id = ?", [enrolment_id]
    ).fetchone()
    if row is None:
        return None
    fields: dict[str, Any] = dict(zip(_ENROLMENT_COLUMNS.split(", "), row, strict=True))
    fields["programmes"] = tuple(json.loads(fields["programmes"]))  # stored as a JSON list
    heirs = tuple(
        HeirRecord(*h)
        for h in db.execute(
            "SELECT name, relationship, nik, phone FROM heirs WHERE enrolment_id = ? "
            "ORDER BY position",
            [enrolment_id],
        ).fetchall()
    )
    payments = tuple(payments_for(db, [enrolment_id]).get(enrolment_id, []))
    state = db.execute("SELECT state FROM outbox WHERE id = ?", [enrolment_id]).fetchone()
    return EnrolmentRecord(
        **fields, heirs=heirs, payments=payments, sync_state=state[0] if state else None
    )


def payments_for(db: Database, enrolment_ids: Iterable[str]) -> dict[str, list[PaymentRecord]]:
    ids = list(enrolment_ids)
    out: dict[str, list[PaymentRecord]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = db.execute(
            f"SELECT {_PAYMENT_COLUMNS} FROM payments "
            "WHERE enrolment_id IN (" + ",".join("?" * len(chunk)) + ") ORDER BY receipt_seq",
            chunk,
        ).fetchall()
        for row in rows:
            p = PaymentRecord(*row)
            out.setdefault(p.enrolment_id, []).append(p)
    return out
