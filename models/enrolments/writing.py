"""The one write path that saves enrolments, their heirs, first payments, queue rows and
audit rows in one transaction (used by the desk form and by imports alike), and `enrol`,
which checks and saves one."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from models import audit, outbox
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import IntegrityError, device_code, write_transaction
from models.enrolments.checks import birth_date_approval, check_in_write_lock, validate
from models.enrolments.inputs import CheckedEnrolment, EnrolmentInput, SavedEnrolment
from models.enrolments.ledger import SchemeLedger, check_in_database, duplicate_problem
from models.enrolments.name_index import INDEXED, NEWEST, index_new_names
from models.enrolments.numbering import (
    BLOCKS_LEFT,
    LAST_RECEIPT,
    next_receipts,
    receipt_number,
    take_member_numbers,
)
from models.enrolments.reads import find_by_nik
from models.errors import Problem, ValidationError, is_constraint_violation
from models.events import officer_and_event
from models.ids import new_id
from models.reference import ReferenceData
from models.validation import search_key
from models.vocabulary import SELF

_BOOKKEEPING = f"SELECT ({LAST_RECEIPT}), ({INDEXED}), ({NEWEST}), ({BLOCKS_LEFT})"
_ENROLMENT_INSERT = (
    "INSERT INTO enrolments (id, event_id, member_number, nik, full_name, birth_place, "
    "birth_date, gender, mother_maiden_name, phone, street, rt, rw, village_code, "
    "occupation_code, declared_income, programmes, months, payer_type, scheme_code, "
    "consent_at, officer_id, recorded_at, source, name_key) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_HEIR_INSERT = (
    "INSERT INTO heirs (enrolment_id, position, name, relationship, nik, phone) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_PAYMENT_INSERT = (
    "INSERT INTO payments (id, enrolment_id, receipt_seq, receipt_number, amount, months, "
    "period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at, officer_id, "
    "discount_rule, discount_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _insert(db: Database, sql: str, rows: list[Any]) -> None:
    """One row (the desk's save) by `execute`, cheaper than `executemany` for one."""
    if len(rows) == 1:
        db.conn.execute(sql, rows[0])
    elif rows:
        db.conn.executemany(sql, rows)


def write_enrolments(
    db: Database,
    items: list[CheckedEnrolment],
    officer_id: str,
    at: datetime,
    source: str = "desk",
    after_enrolments: Any = None,
) -> list[SavedEnrolment]:
    """Write checked enrolments with their heirs, payments, queue rows and audit rows.
    The caller holds the transaction (`db.atomic()`): all of it lands or none of it.
    `after_enrolments` is a test seam called between the record and its queue rows."""
    recorded_at = rfc3339(at)
    code = device_code(db)
    paying = [c for c in items if c.method]
    # What the numbering and the name index need to know, read in one statement.
    last_receipt, names_done, newest, blocks_left = db.execute(_BOOKKEEPING).fetchone()
    seqs = iter(next_receipts(db, len(paying), int(last_receipt)))
    numbers = (
        take_member_numbers(db, len(items)) if blocks_left else [None] * len(items)
    )  # none left: HQ assigns them
    enrolment_rows, heir_rows, payment_rows, queue_rows, audit_rows = [], [], [], [], []
    saved: list[SavedEnrolment] = []
    for c, member_number in zip(items, numbers, strict=True):
        eid = new_id()
        consent_at = rfc3339(c.consent_at) if c.consent_at else recorded_at
        scheme_code = c.scheme.code if c.scheme else None
        enrolment_rows.append(
            (
                eid,
                c.event.id,
                member_number,
                c.nik.nik,
                c.full_name,
                c.birth_place,
                c.ktp_birth_date.isoformat(),
                c.gender,
                c.mother_maiden_name,
                c.phone,
                c.street,
                c.rt,
                c.rw,
                c.village_code,
                c.occupation_code,
                c.declared_income,
                json.dumps(c.programmes),
                c.months,
                c.payer_type,
                scheme_code,
                consent_at,
                officer_id,
                recorded_at,
                source,
                search_key(c.full_name),
            )
        )
        for pos, h in enumerate(c.heirs):
            heir_rows.append((eid, pos, h["name"], h["relationship"], h["nik"], h["phone"]))
        payload = {
            "enrolment_id": eid,
            "event_id": c.event.id,
            "member_number": member_number,
            "nik": c.nik.nik,
            "full_name": c.full_name,
            "birth_place": c.birth_place,
            "birth_date": c.ktp_birth_date.isoformat(),
            "gender": c.gender,
            "mother_maiden_name": c.mother_maiden_name,
            "phone": c.phone,
            "address": {"street": c.street, "rt": c.rt, "rw": c.rw, "village_code": c.village_code},
            "occupation_code": c.occupation_code,
            "declared_income": c.declared_income,
            "programmes": c.programmes,
            "payer": {"type": c.payer_type, "scheme_code": scheme_code},
            "heirs": c.heirs,
            "consent_at": consent_at,
            "officer_id": officer_id,
            "recorded_at": recorded_at,
        }
        if c.birth_date_differs_from_nik:
            payload["birth_date_differs_from_nik"] = True
            payload["approved_by"] = c.birth_date_approved_by
        queue_rows.append(outbox.outbox_row(eid, "enrolment", recorded_at, payload))
        audit_rows.append(
            audit.audit_row(recorded_at, officer_id, "create", "enrolment", eid, {"source": source})
        )
        if c.birth_date_differs_from_nik and c.birth_date_approved_by:
            audit_rows.append(birth_date_approval(recorded_at, c.birth_date_approved_by, eid))
        pid = receipt = None
        if c.method:
            pid = new_id()
            receipt = receipt_number(code, next(seqs))
            b = c.contribution.breakdown
            payment_rows.append(
                (
                    pid,
                    eid,
                    int(receipt.rsplit("-", 1)[1]),
                    receipt,
                    c.contribution.total,
                    c.months,
                    c.contribution.period_start_text,
                    b.get("JKK", 0),
                    b.get("JKM", 0),
                    b.get("JHT", 0),
                    c.method,
                    c.scheme.sponsor_type if c.scheme else SELF,
                    scheme_code,
                    recorded_at,
                    officer_id,
                    "+".join(c.contribution.discounts) or None,
                    c.contribution.discount_amount,
                )
            )
            queue_rows.append(
                outbox.outbox_row(
                    pid,
                    "payment",
                    recorded_at,
                    {
                        "payment_id": pid,
                        "enrolment_id": eid,
                        "receipt_number": receipt,
                        "amount": c.contribution.total,
                        "months": c.months,
                        "period_start": c.contribution.period_start_text,
                        "breakdown": {
                            "JKK": b.get("JKK", 0),
                            "JKM": b.get("JKM", 0),
                            "JHT": b.get("JHT", 0),
                        },
                        "method": c.method,
                        "discount": c.contribution.discount(),
                        "received_at": recorded_at,
                        "officer_id": officer_id,
                    },
                )
            )
            audit_rows.append(
                audit.audit_row(
                    recorded_at, officer_id, "create", "payment", pid, {"receipt": receipt}
                )
            )
        saved.append(
            SavedEnrolment(
                eid,
                pid,
                receipt,
                member_number,
                c.contribution.total if c.method else 0,
                tuple(c.warnings),
                c.method == "sponsor",
            )
        )
    _insert(db, _ENROLMENT_INSERT, enrolment_rows)
    _insert(db, _HEIR_INSERT, heir_rows)
    _insert(db, _PAYMENT_INSERT, payment_rows)
    if after_enrolments is not None:
        after_enrolments()
    outbox.enqueue_rows(db, queue_rows)
    audit.write_audit(db, audit_rows)
    # Each new enrolment took the rowid after the newest (SQLite's rule without
    # AUTOINCREMENT; the write lock keeps every other writer out meanwhile).
    index_new_names(db, done=int(names_done), top=int(newest) + len(items))
    return saved


def enrol(
    db: Database,
    ref: ReferenceData,
    event_id: str,
    inp: EnrolmentInput,
    officer_id: str,
    clock: Clock = system_clock,
    checked: CheckedEnrolment | None = None,
) -> SavedEnrolment:
    """Check and save one enrolment with its first payment; raises ValidationError with every
    problem found, and then nothing was saved.

    The input is validated once. `checked` is what `validate` gave for this very input when
    the caller has run it already (the form checks as the officer types); it is used when
    it was checked today against the event as it still is, else the input is validated
    here. Inside the write lock only what another writer can change meanwhile is checked
    again: the officer still active, the event still open, the NIK not enrolled since, the
    scheme's quota, budget and list, the approving supervisor."""
    now = clock()
    try:
        with write_transaction(db):
            officer, event = officer_and_event(db, officer_id, event_id)
            today = now.date()
            if checked is None or checked.event != event or checked.checked_on != today:
                checked, problems = validate(inp, event, ref, today)
                if checked is None:
                    raise ValidationError(problems)
            return _save_checked(db, checked, officer, now)
    except IntegrityError as exc:
        # Only reachable if the NIK check and the write disagree; name the record anyway.
        existing = find_by_nik(db, inp.nik.strip().replace(" ", ""))
        if existing is not None and is_constraint_violation(exc):
            raise ValidationError([duplicate_problem(existing)]) from None
        raise


def _save_checked(
    db: Database, checked: CheckedEnrolment, officer: str, now: datetime
) -> SavedEnrolment:
    """Inside the write lock: what another writer may have changed since `checked` was
    made, then the write."""
    problems = [] if checked.event.is_open else [Problem("event_id", "event_closed")]
    ledger = SchemeLedger(db, checked.scheme) if checked.scheme else None
    problems += check_in_database(db, checked, ledger)
    problems += check_in_write_lock(db, checked)
    if problems:
        raise ValidationError(problems)
    return write_enrolments(db, [checked], officer, now)[0]
