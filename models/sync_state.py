"""Everything sync keeps in the database: its settings, the queue rows it sends and the
answers it applies, member number blocks, HQ's reference data, and what the window shows.

The HTTP side lives in `sync/`; this module is its only way into the database. Each answer
from HQ is applied in one transaction (`write_transaction`), so a crash leaves either the
whole answer or none of it. Nothing here deletes a row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from models import audit, outbox
from models.database import Database
from models.db import get_setting, write_transaction
from models.enrolments.numbering import add_blocks, member_numbers_left, raise_member_mark
from models.hq_reference import REFERENCE_ETAG as REFERENCE_ETAG
from models.hq_reference import reference_etag as reference_etag
from models.hq_reference import store_reference as store_reference
from models.hq_reference import stored_reference as stored_reference
from models.nik import mask_nik
from models.prints import cards_to_reprint as cards_to_reprint  # the rule lives with the print log

# The queue states (docs/sync.md) are the vocabulary's.
from models.vocabulary import AT_HQ as AT_HQ
from models.vocabulary import CONFLICT as CONFLICT
from models.vocabulary import DUPLICATE_PERSON as DUPLICATE_PERSON
from models.vocabulary import NEEDS_REVIEW as NEEDS_REVIEW
from models.vocabulary import PENDING as PENDING
from models.vocabulary import REJECTED as REJECTED
from models.vocabulary import SYNCED as SYNCED

# Settings keys (docs/sync.md).
HQ_URL = "hq_url"
DEVICE_TOKEN = "device_token"
BRANCH_CODE = "branch_code"
REGISTERED_AT = "registered_at"
LAST_SYNC_AT = "last_sync_at"
LAST_SYNC_ERROR = "last_sync_error"
SYNC_STOPPED = "sync_stopped"
CHANGES_CURSOR = "changes_cursor"
ALLOW_PLAIN_HTTP = "allow_plain_http"  # "1": a supervisor allowed an http:// HQ address


# `last_error` of a pending row that the officer may want to see: HQ asked to wait for this
# record (`retry`), it is too large for HQ even alone, or HQ could not read it alone while
# other records passed. Whole-request trouble (`server`) is not a problem of the record.
RECORD_PROBLEMS = ("retry", "too_large", "malformed")
# `last_error` of a row at HQ whose member number could not be given to the enrolment,
# because another enrolment on this device already carries it.
NUMBER_CLASH = "member_number_clash"


def _put(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def _drop(db: Database, *keys: str) -> None:
    db.execute(f"DELETE FROM settings WHERE key IN ({','.join('?' * len(keys))})", list(keys))


def database_file(db: Database) -> Path | None:
    """The file of the main database (None when it lives in memory)."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


# ------------------------------------------------------------------ settings


def hq_settings(db: Database) -> tuple[str | None, str | None]:
    """(HQ URL, device token); either is None before registration."""
    return get_setting(db, HQ_URL), get_setting(db, DEVICE_TOKEN)


def plain_http_allowed(db: Database) -> bool:
    """Whether a supervisor allowed an HQ address without TLS (`allow_plain_http` = 1)."""
    return get_setting(db, ALLOW_PLAIN_HTTP) == "1"


def stopped(db: Database) -> str | None:
    """`auth` or `revoked` when HQ refused this device; syncing waits for a new registration."""
    return get_setting(db, SYNC_STOPPED)


def save_registration(
    db: Database,
    *,
    device: str,
    hq_url: str,
    token: str,
    branch_code: str,
    blocks: Sequence[tuple[str, str]],
    at: str,
) -> int:
    """Keep a registration: URL, token, branch, the reserved member number blocks; syncing
    may start again. Returns how many member numbers the new blocks hold."""
    with write_transaction(db):
        _put(db, HQ_URL, hq_url)
        _put(db, DEVICE_TOKEN, token)
        _put(db, BRANCH_CODE, branch_code)
        _put(db, REGISTERED_AT, at)
        _drop(db, SYNC_STOPPED, LAST_SYNC_ERROR)
        added = add_blocks(db, blocks)
        audit.log(db, at, None, "register", "device", device, {"numbers": added})
    return added


def add_member_number_blocks(db: Database, blocks: Sequence[tuple[str, str]]) -> int:
    """Keep blocks HQ reserved for this device (a block already kept is not added twice)."""
    with write_transaction(db):
        return add_blocks(db, blocks)


def stop_syncing(db: Database, kind: str, at: str) -> None:
    """HQ refused the device (401: `auth`, 403 device_revoked: `revoked`)."""
    with write_transaction(db):
        _put(db, SYNC_STOPPED, kind)
        _put(db, LAST_SYNC_ERROR, json.dumps({"kind": kind, "at": at}))


def finish_cycle(db: Database, *, reached: bool, error: str | None, at: str) -> None:
    """After a cycle: when it reached HQ, `last_sync_at`; its error kind, or none."""
    with write_transaction(db):
        if reached:
            _put(db, LAST_SYNC_AT, at)
        if error is None:
            _drop(db, LAST_SYNC_ERROR)
        else:
            _put(db, LAST_SYNC_ERROR, json.dumps({"kind": error, "at": at}))


def changes_cursor(db: Database) -> str:
    return get_setting(db, CHANGES_CURSOR) or "0"


# ------------------------------------------------------------------ the queue, sending


class QueuedRecord(NamedTuple):
    seq: int
    id: str
    type: str
    schema: int
    recorded_at: str
    payload: str
    sha256: str
    attempts: int


def due_records(db: Database, after_seq: int, now_utc: str, limit: int) -> list[QueuedRecord]:
    """Pending rows after `after_seq` in recorded order, skipping those whose retry time
    (`next_attempt_at`, UTC) is still ahead."""
    rows = db.execute(
        "SELECT seq, id, type, schema, recorded_at, payload, sha256, attempts FROM outbox "
        "WHERE state = 'pending' AND seq > ? "
        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY seq LIMIT ?",
        [after_seq, now_utc, limit],
    ).fetchall()
    return [QueuedRecord(*r) for r in rows]


def due_count(db: Database, now_utc: str) -> int:
    row = db.execute(
        "SELECT COUNT(*) FROM outbox WHERE state = 'pending' "
        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?)",
        [now_utc],
    ).fetchone()
    return int(row[0])


def records_not_at_hq(db: Database) -> list[QueuedRecord]:
    """Every row HQ has not answered for good (state pending, whatever its retry time or
    last error), in recorded order: what a bundle for a USB stick carries."""
    rows = db.execute(
        "SELECT seq, id, type, schema, recorded_at, payload, sha256, attempts FROM outbox "
        "WHERE state = 'pending' ORDER BY seq"
    ).fetchall()
    return [QueuedRecord(*r) for r in rows]


def pending_count(db: Database) -> int:
    return outbox.pending_count(db)


def review_count(db: Database) -> int:
    """Rows HQ refused for good (`rejected`) or holds differently (`conflict`)."""
    row = db.execute(
        "SELECT COUNT(*) FROM outbox WHERE state IN ('rejected', 'conflict')"
    ).fetchone()
    return int(row[0])


@dataclass(frozen=True)
class Outcome:
    """What one HQ answer means for one queue row.

    `state` pending: still waiting (`attempts` counted when `attempted`), until
    `next_attempt_at` (UTC) if given, because of `last_error`. synced / duplicate_person:
    at HQ, with HQ's `member_number` if it gave one. rejected / conflict: with HQ's code,
    field and message."""

    id: str
    state: str
    member_number: str | None = None
    hq_code: str | None = None
    hq_field: str | None = None
    hq_message: str | None = None
    next_attempt_at: str | None = None
    last_error: str | None = None
    attempted: bool = True


@dataclass
class Applied:
    """What applying answers changed beyond the queue rows themselves."""

    numbers_taken: int = 0  # enrolments that took a member number from HQ
    number_clashes: list[str] = field(default_factory=list)  # queue row ids


def apply_outcomes(db: Database, outcomes: Sequence[Outcome], at: str) -> Applied:
    """Apply one HQ answer (a push response, a /sync/status answer) in one transaction.
    Only rows still pending are moved: an answer is never applied twice."""
    applied = Applied()
    with write_transaction(db):
        for o in outcomes:
            if o.state == PENDING:
                db.execute(
                    "UPDATE outbox SET attempts = attempts + ?, next_attempt_at = ?, "
                    "last_error = ?, hq_code = ?, hq_message = ?, updated_at = ? "
                    "WHERE id = ? AND state = 'pending'",
                    [
                        1 if o.attempted else 0,
                        o.next_attempt_at,
                        o.last_error,
                        o.hq_code,
                        o.hq_message,
                        at,
                        o.id,
                    ],
                )
            elif o.state in AT_HQ:
                if o.member_number and o.member_number.isdigit():
                    raise_member_mark(db, o.member_number)  # HQ holds it: never give it again
                row = db.execute(
                    "UPDATE outbox SET state = ?, member_number = COALESCE(?, member_number), "
                    "next_attempt_at = NULL, last_error = NULL, hq_code = NULL, hq_field = NULL, "
                    "hq_message = NULL, updated_at = ? WHERE id = ? AND state = 'pending' "
                    "RETURNING type, payload",
                    [o.state, o.member_number, at, o.id],
                ).fetchone()
                if row is not None and o.member_number:
                    _number_from_hq(
                        db, o.id, str(row[0]), str(row[1]), o.member_number, at, applied
                    )
            elif o.state in NEEDS_REVIEW:
                db.execute(
                    "UPDATE outbox SET state = ?, hq_code = ?, hq_field = ?, hq_message = ?, "
                    "next_attempt_at = NULL, last_error = NULL, updated_at = ? "
                    "WHERE id = ? AND state = 'pending'",
                    [o.state, o.hq_code, o.hq_field, o.hq_message, at, o.id],
                )
            else:
                raise ValueError(f"unknown queue state {o.state!r}")
    return applied


def _enrolment_of(type_: str, record_id: str, payload: str) -> str | None:
    if type_ == "enrolment":
        return record_id
    if type_ == "enrolment_correction":
        value = json.loads(payload).get("enrolment_id")
        return value if isinstance(value, str) else None
    return None


def _number_from_hq(
    db: Database,
    record_id: str,
    type_: str,
    payload: str,
    number: str,
    at: str,
    applied: Applied,
) -> None:
    """HQ gave `number` for the enrolment this row is (or corrects). The enrolment takes it,
    unless another enrolment here already carries it: then the number stays on the queue
    row only, marked as a clash for the officer. An accepted correction of a rejected
    enrolment makes that enrolment synced (docs/sync.md)."""
    enrolment_id = _enrolment_of(type_, record_id, payload)
    if enrolment_id is None:
        return
    if type_ == "enrolment_correction":
        db.execute(
            "UPDATE outbox SET state = 'synced', member_number = ?, hq_code = NULL, "
            "hq_field = NULL, hq_message = NULL, last_error = NULL, updated_at = ? "
            "WHERE id = ? AND type = 'enrolment' AND state = 'rejected'",
            [number, at, enrolment_id],
        )
    row = db.execute("SELECT member_number FROM enrolments WHERE id = ?", [enrolment_id]).fetchone()
    if row is None or row[0] == number:
        return
    if db.execute(
        "SELECT 1 FROM enrolments WHERE member_number = ? AND id != ?", [number, enrolment_id]
    ).fetchone():
        db.execute("UPDATE outbox SET last_error = ? WHERE id = ?", [NUMBER_CLASH, record_id])
        applied.number_clashes.append(record_id)
        return
    db.execute("UPDATE enrolments SET member_number = ? WHERE id = ?", [number, enrolment_id])
    audit.log(
        db, at, None, "hq_member_number", "enrolment", enrolment_id,
        {"had_number": row[0] is not None},
    )  # fmt: skip
    applied.numbers_taken += 1


# ------------------------------------------------------------------ /sync/changes


@dataclass(frozen=True)
class MemberStatus:
    """A decision HQ took after receipt (`kind: member_status` of /sync/changes)."""

    record_id: str
    status: str  # active | rejected_after_review
    member_number: str | None = None
    message: str | None = None


#: The enrolments HQ has acknowledged: at HQ (synced, duplicate_person), or rejected by HQ
#: after a review (so HQ holds it and may revise its decision). Not pending ones (HQ may not
#: have them: marking one synced would keep it from ever being sent), nor conflicts, nor
#: those HQ refused on receipt (it keeps nothing of them).
MEMBER_STATUS_APPLIES_TO = (
    "(state IN ('synced', 'duplicate_person') "
    "OR (state = 'rejected' AND hq_code = 'rejected_after_review'))"
)


@dataclass
class ChangesApplied:
    activated: int = 0
    rejected: int = 0
    ignored: int = 0  # unknown record or status
    number_clashes: list[str] = field(default_factory=list)


def apply_member_statuses(
    db: Database, changes: Sequence[MemberStatus], next_cursor: str, at: str
) -> ChangesApplied:
    """Apply one page of /sync/changes and keep its `next` cursor, in one transaction.

    A `member_status` is about an enrolment, and only one HQ has already acknowledged
    (`MEMBER_STATUS_APPLIES_TO`): a change naming a payment, a void, an event or a record
    still waiting to be sent is ignored, so HQ's changes can never mark a queued record as
    sent (it would then never be sent) nor turn another kind of record into a member."""
    done = ChangesApplied()
    applied = Applied()
    with write_transaction(db):
        for c in changes:
            row = db.execute(
                "SELECT type, payload FROM outbox WHERE id = ? AND type = 'enrolment' AND "
                f"{MEMBER_STATUS_APPLIES_TO}",
                [c.record_id],
            ).fetchone()
            if row is None:
                done.ignored += 1
                continue
            type_, payload = str(row[0]), str(row[1])
            if c.status == "active":
                db.execute(
                    "UPDATE outbox SET state = 'synced', "
                    "member_number = COALESCE(?, member_number), next_attempt_at = NULL, "
                    "last_error = NULL, hq_code = NULL, hq_field = NULL, hq_message = NULL, "
                    "updated_at = ? WHERE id = ?",
                    [c.member_number, at, c.record_id],
                )
                if c.member_number:
                    _number_from_hq(db, c.record_id, type_, payload, c.member_number, at, applied)
                done.activated += 1
            elif c.status == "rejected_after_review":
                db.execute(
                    "UPDATE outbox SET state = 'rejected', hq_code = 'rejected_after_review', "
                    "hq_field = NULL, hq_message = ?, next_attempt_at = NULL, last_error = NULL, "
                    "updated_at = ? WHERE id = ?",
                    [c.message, at, c.record_id],
                )
                done.rejected += 1
            else:
                done.ignored += 1
        _put(db, CHANGES_CURSOR, next_cursor)
    done.number_clashes = applied.number_clashes
    return done


def save_changes_cursor(db: Database, cursor: str) -> None:
    with write_transaction(db):
        _put(db, CHANGES_CURSOR, cursor)


# ------------------------------------------------------------------ what the window shows


@dataclass
class SyncSummary:
    counts: dict[str, int]  # queue rows by state
    waiting: int  # pending rows
    last_sync_at: str | None
    last_error: str | None  # kind of the last cycle's error
    stopped: str | None  # auth | revoked
    registered: bool
    hq_url: str | None
    member_numbers_left: int


def sync_summary(db: Database) -> SyncSummary:
    counts = outbox.counts_by_state(db)
    last_error = None
    raw = get_setting(db, LAST_SYNC_ERROR)
    if raw:
        try:
            doc = json.loads(raw)
            last_error = str(doc.get("kind")) if isinstance(doc, dict) else None
        except ValueError:
            last_error = None
    return SyncSummary(
        counts=counts,
        waiting=counts.get(PENDING, 0),
        last_sync_at=get_setting(db, LAST_SYNC_AT),
        last_error=last_error,
        stopped=stopped(db),
        registered=get_setting(db, DEVICE_TOKEN) is not None,
        hq_url=get_setting(db, HQ_URL),
        member_numbers_left=member_numbers_left(db),
    )


@dataclass
class ProblemRecord:
    seq: int
    id: str
    type: str
    state: str
    hq_code: str | None
    hq_field: str | None
    hq_message: str | None
    member_number: str | None
    enrolment_id: str | None
    full_name: str | None
    nik_masked: str | None
    updated_at: str
    last_error: str | None = None


def problem_records(db: Database, limit: int = 500) -> list[ProblemRecord]:
    """Rows the officer should see, oldest first: refused (`rejected`), held differently
    (`conflict`), a person HQ already had (`duplicate_person`), pending ones HQ asked to
    wait for or could not take (`last_error` retry / too_large / malformed), and rows whose
    member number another enrolment here already carries. With the enrolment each is
    about (an enrolment, its correction, its payment or a payment's void), NIK masked.
    The rows are found by their state's index and the `last_error` index only (`+state`
    keeps the planner from reading every pending row to find the few with a problem)."""
    problems = ", ".join(f"'{p}'" for p in (*RECORD_PROBLEMS, NUMBER_CLASH))
    rows = db.execute(
        f"""
        WITH picked AS (
            SELECT seq FROM outbox WHERE state IN ('rejected', 'conflict', 'duplicate_person')
            UNION
            SELECT seq FROM outbox WHERE last_error IN ({problems})
                AND (+state = 'pending' OR last_error = '{NUMBER_CLASH}')
        )
        SELECT o.seq, o.id, o.type, o.state, o.hq_code, o.hq_field, o.hq_message,
               o.member_number, e.id, e.full_name, e.nik, o.updated_at, o.last_error
        FROM picked JOIN outbox o ON o.seq = picked.seq
        LEFT JOIN enrolments e ON e.id = CASE o.type
            WHEN 'enrolment' THEN o.id
            WHEN 'enrolment_correction' THEN json_extract(o.payload, '$.enrolment_id')
            WHEN 'payment' THEN json_extract(o.payload, '$.enrolment_id')
            WHEN 'payment_void' THEN (SELECT p.enrolment_id FROM payments p
                                      WHERE p.id = json_extract(o.payload, '$.payment_id'))
            END
        ORDER BY o.seq LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [
        ProblemRecord(
            seq=int(seq),
            id=rid,
            type=type_,
            state=state,
            hq_code=code,
            hq_field=fld,
            hq_message=message,
            member_number=number,
            enrolment_id=eid,
            full_name=name,
            nik_masked=mask_nik(nik) if nik else None,
            updated_at=updated,
            last_error=last_error,
        )
        for (seq, rid, type_, state, code, fld, message, number, eid, name, nik, updated,
             last_error) in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class QueueEntry:
    """One queue row about an enrolment: the enrolment itself, a correction, a payment or a
    payment's void, with what HQ said about it."""

    seq: int
    id: str
    type: str
    state: str
    hq_code: str | None
    hq_field: str | None
    hq_message: str | None
    member_number: str | None
    last_error: str | None


_QUEUE_COLUMNS = (
    "seq, id, type, state, hq_code, hq_field, hq_message, member_number, last_error FROM outbox"
)


def queue_entries(db: Database, enrolment_id: str) -> list[QueueEntry]:
    """The queue rows about one enrolment, in recorded order. Every part is found by an
    index; voids (whose row names only the payment) are looked for among the few rows HQ
    refused or questioned."""
    rows = db.execute(
        f"SELECT {_QUEUE_COLUMNS} WHERE id = :e"
        f" UNION SELECT {_QUEUE_COLUMNS} WHERE id IN"
        " (SELECT id FROM corrections WHERE enrolment_id = :e)"
        f" UNION SELECT {_QUEUE_COLUMNS} WHERE id IN"
        " (SELECT id FROM payments WHERE enrolment_id = :e)"
        f" UNION SELECT {_QUEUE_COLUMNS} WHERE state IN ('rejected', 'conflict')"
        " AND type = 'payment_void' AND json_extract(payload, '$.payment_id') IN"
        " (SELECT id FROM payments WHERE enrolment_id = :e)"
        " ORDER BY seq",
        {"e": enrolment_id},
    ).fetchall()
    return [QueueEntry(int(r[0]), *r[1:]) for r in rows]
