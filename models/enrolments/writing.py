"""The one write path that saves enrolments, their heirs, first payments, queue rows and
audit rows in one transaction (used by the desk form and by imports alike), and `enrol`,
which checks and saves one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from models import audit, outbox
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import IntegrityError, device_code, write_transaction
from models.enrolments.checks import check_in_write_lock, validate
from models.enrolments.inputs import CheckedEnrolment, EnrolmentInput, SavedEnrolment
from models.enrolments.ledger import SchemeLedger, duplicate_problem
from models.enrolments.name_index import INDEXED, NEWEST, index_new_names
from models.enrolments.numbering import (
    BLOCKS_LEFT,
    LAST_RECEIPT,
    next_receipts,
    receipt_number,
    take_member_numbers,
)
from models.enrolments.reads import find_by_nik
from models.enrolments.record import enrolment_rows as enrolment_rows_of
from models.enrolments.record import payment_rows as payment_rows_of
from models.enrolments.record import prepare
from models.errors import Problem, SigapError, ValidationError, is_constraint_violation
from models.events import EVENT_COLUMNS, Event, event_from_row, require_event
from models.ids import new_id
from models.officers import require_officer
from models.reference import ReferenceData

_BOOKKEEPING = (
    f"SELECT ({LAST_RECEIPT}), ({INDEXED}), ({NEWEST}), ({BLOCKS_LEFT}), ({audit.TAIL_ID}), "
    f"({audit.TAIL_HASH})"
)
# Everything the save reads inside its write lock, in one statement: the officer still
# active, whether the NIK was enrolled meanwhile, the bookkeeping, and the event as it is.
_SAVE_READS = (
    f"SELECT (SELECT id FROM officers WHERE id = ? AND active = 1), "
    f"EXISTS (SELECT 1 FROM enrolments WHERE nik = ?), ({LAST_RECEIPT}), ({INDEXED}), "
    f"({NEWEST}), ({BLOCKS_LEFT}), ({audit.TAIL_ID}), ({audit.TAIL_HASH}), {EVENT_COLUMNS} "
    "FROM events WHERE id = ?"
)
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
    return _write(db, items, officer_id, at, source, after_enrolments)[0]


def _write(
    db: Database,
    items: list[CheckedEnrolment],
    officer_id: str,
    at: datetime,
    source: str = "desk",
    after_enrolments: Any = None,
    known: tuple[Any, ...] | None = None,
) -> tuple[list[SavedEnrolment], tuple[Any, ...]]:
    """`write_enrolments`, and what `_BOOKKEEPING` reads once it has written. `known`: what
    `_BOOKKEEPING` reads, when the caller knows it in this write transaction."""
    recorded_at = rfc3339(at)
    code = device_code(db)
    paying = [c for c in items if c.method]
    # What the numbering, the name index and the audit trail need to know, in one statement.
    if known is None:
        known = db.execute(_BOOKKEEPING).fetchone()
    last_receipt, names_done, newest, blocks_left, tail_id, tail_hash = known
    given = next_receipts(db, len(paying), int(last_receipt))
    seqs = iter(given)
    numbers = (
        take_member_numbers(db, len(items)) if blocks_left else [None] * len(items)
    )  # none left: HQ assigns them
    enrolment_rows, heir_rows, payment_rows, queue_rows, audit_rows = [], [], [], [], []
    saved: list[SavedEnrolment] = []
    for c, member_number in zip(items, numbers, strict=True):
        p = prepare(c, officer_id, source, ahead=False)  # made already when the form did
        eid = new_id()
        row, heirs, queued, audits = enrolment_rows_of(p, eid, member_number, recorded_at)
        enrolment_rows.append(row)
        heir_rows += heirs
        queue_rows.append(queued)
        audit_rows += audits
        pid = receipt = None
        if c.method:
            pid, seq = new_id(), next(seqs)
            receipt = receipt_number(code, seq)
            row, queued, audited = payment_rows_of(p, eid, pid, seq, receipt, recorded_at)
            payment_rows.append(row)
            queue_rows.append(queued)
            audit_rows.append(audited)
        saved.append(
            SavedEnrolment(
                eid,
                pid,
                receipt,
                member_number,
                p.total,
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
    tail = audit.write_audit(db, audit_rows, (tail_id, tail_hash)) or (tail_id, tail_hash)
    # Each new enrolment took the rowid after the newest (SQLite's rule without
    # AUTOINCREMENT; the write lock keeps every other writer out meanwhile).
    top = int(newest) + len(items)
    indexed = index_new_names(db, done=int(names_done), top=top)
    after = (
        given[-1] if given else last_receipt,
        top if indexed else names_done,
        top,
        blocks_left,  # kept: a save after the last number was taken finds none and gives None
        *tail,
    )
    return saved, after


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

    The input is validated once, before the write lock is taken. `checked` is what
    `validate` gave for this very input when the caller has run it already (the form checks
    as the officer types, and prepares the rows: `models.enrolments.record`); it is used
    when it was checked today against the event as it still is. Inside the write lock, in
    one read, only what another writer can change meanwhile is checked again: the officer
    still active, the event unchanged and open (changed: the input is validated again
    against it), the NIK not enrolled since; then the scheme's quota, budget and list and
    the approving supervisor. When nothing at all was written to the database since this
    connection's previous save (`_SinceLastSave`), that read is not needed: what it would
    find is what that save left, and the NIK's uniqueness is the table's own constraint."""
    now = clock()
    today = now.date()
    if checked is None or checked.checked_on != today:
        checked = _validated(inp, require_event(db, event_id), ref, today)
    own = not db.conn.in_transaction  # not a savepoint in a caller's transaction
    try:
        with write_transaction(db):
            version = _data_version(db) if own else None
            last = _last_save.get(id(db.conn))
            if last is not None and last.holds(db, version, officer_id, event_id):
                event, nik_taken, known = last.event, False, last.known
            else:
                row = db.execute(_SAVE_READS, [officer_id, checked.nik.nik, event_id]).fetchone()
                if row is None or row[0] is None:
                    require_officer(db, officer_id)  # raises the officer's problem, if any
                    require_event(db, event_id)
                    raise SigapError("officer_unknown", officer_id=officer_id)  # not reached
                event, nik_taken, known = event_from_row(row[8:]), bool(row[1]), tuple(row[2:8])
            if checked.event is not event and checked.event != event:
                checked = _validated(inp, event, ref, today)  # the event changed meanwhile
                nik_taken = find_by_nik(db, checked.nik.nik) is not None
            saved, after = _save_checked(db, checked, officer_id, now, nik_taken, known)
    except IntegrityError as exc:
        _last_save.pop(id(db.conn), None)
        # The NIK enrolled meanwhile (the table refuses a second one): name the record.
        existing = find_by_nik(db, inp.nik.strip().replace(" ", ""))
        if existing is not None and is_constraint_violation(exc):
            raise ValidationError([duplicate_problem(existing)]) from None
        raise
    except BaseException:
        _last_save.pop(id(db.conn), None)
        raise
    if version is not None:
        _last_save[id(db.conn)] = _SinceLastSave(
            db.conn, version, db.conn.total_changes, officer_id, event, after
        )
    return saved


@dataclass(frozen=True, slots=True)
class _SinceLastSave:
    """What a save on this connection left behind it, and how to tell that nothing was
    written since: SQLite's `data_version` moves when another connection commits, and the
    connection's own `total_changes` when it writes anything itself (even rolled back)."""

    conn: Any
    data_version: int
    total_changes: int
    officer_id: str
    event: Event
    known: tuple[Any, ...]  # what `_BOOKKEEPING` reads, as the save left it

    def holds(self, db: Database, version: int | None, officer_id: str, event_id: str) -> bool:
        return (
            self.conn is db.conn
            and version == self.data_version
            and db.conn.total_changes == self.total_changes
            and officer_id == self.officer_id
            and event_id == self.event.id
        )


_last_save: dict[int, _SinceLastSave] = {}


def _data_version(db: Database) -> int:
    return int(db.conn.execute("PRAGMA data_version").fetchone()[0])


def _validated(
    inp: EnrolmentInput, event: Event, ref: ReferenceData, today: date
) -> CheckedEnrolment:
    checked, problems = validate(inp, event, ref, today)
    if checked is None:
        raise ValidationError(problems)
    return checked


def _save_checked(
    db: Database,
    checked: CheckedEnrolment,
    officer: str,
    now: datetime,
    nik_taken: bool,
    known: tuple[Any, ...],
) -> tuple[SavedEnrolment, tuple[Any, ...]]:
    """Inside the write lock: what another writer may have changed since `checked` was
    made, then the write. `known`: the bookkeeping read with the checks."""
    problems = [] if checked.event.is_open else [Problem("event_id", "event_closed")]
    if nik_taken:
        existing = find_by_nik(db, checked.nik.nik)
        if existing is not None:
            problems.append(duplicate_problem(existing))
    if checked.scheme:
        problems += SchemeLedger(db, checked.scheme).check(checked)
    problems += check_in_write_lock(db, checked)
    if problems:
        raise ValidationError(problems)
    saved, after = _write(db, [checked], officer, now, known=known)
    return saved[0], after
