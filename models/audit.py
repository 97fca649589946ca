"""The audit trail: who did what to which record, when. Never values of personal data.

The trail is hash-chained, so an entry changed, removed or moved after it was written shows:
each entry's `hash` is SHA-256 over the previous entry's hash and the entry itself, id
included. Triggers (schema m006) refuse UPDATE and DELETE; someone holding the file (and its
key) can drop them, and `verify_chain` then finds where the chain stops adding up. A chain
rewritten from the tampered entry onwards still verifies: `head` gives the newest hash to
keep outside the laptop (a report, HQ) for that case.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from pathlib import Path
from typing import Any, Literal

from models.audit_chain import GENESIS as GENESIS
from models.audit_chain import chain_existing as chain_existing
from models.audit_chain import chained_rows as chained_rows
from models.audit_chain import entry_hash as entry_hash
from models.database import Database
from models.files import writing_text
from models.messages import text

ChainProblem = Literal["hash_mismatch", "prev_mismatch", "missing_entry"]

CSV_COLUMNS = (
    "id", "at", "officer_id", "action", "record_type", "record_id", "detail", "prev_hash",
    "hash",
)  # fmt: skip

_INSERT = (
    "INSERT INTO audit (id, at, officer_id, action, record_type, record_id, detail, "
    "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_TAIL = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1"
# `json.dumps(detail, sort_keys=True)`'s encoder, made once instead of at every row.
_DETAIL = json.JSONEncoder(sort_keys=True)


def audit_row(
    at: str,
    officer_id: str | None,
    action: str,
    record_type: str,
    record_id: str | None,
    detail: dict[str, Any] | None = None,
) -> tuple[Any, ...]:
    """`detail` holds ids, counts and field names, never what a field contains."""
    return encoded_row(at, officer_id, action, record_type, record_id, _DETAIL.encode(detail or {}))


def encoded_row(
    at: str,
    officer_id: str | None,
    action: str,
    record_type: str,
    record_id: str | None,
    detail: str,
) -> tuple[Any, ...]:
    """`audit_row` with its detail encoded already (`text_detail`)."""
    return (at, officer_id, action, record_type, record_id, detail)


def text_detail(key: str, value: str) -> str:
    """`{key: value}` as `audit_row` stores it (`json.dumps(..., sort_keys=True)`), written
    out: a save makes one for every receipt."""
    return f"{{{encode_basestring_ascii(key)}: {encode_basestring_ascii(value)}}}"


#: The newest entry's id and hash (`_TAIL`), each as one value, for a caller that reads
#: them with other things in one statement inside its write transaction.
TAIL_ID = "SELECT id FROM audit ORDER BY id DESC LIMIT 1"
TAIL_HASH = "SELECT hash FROM audit ORDER BY id DESC LIMIT 1"


def write_audit(
    db: Database, rows: list[tuple[Any, ...]], tail: tuple[Any, Any] | None = None
) -> tuple[int, str] | None:
    """Append rows made by `audit_row`, chained after the newest entry.

    Callers hold a write transaction (`write_transaction`, or `db.atomic()` with a write
    before this), so no other connection can append between reading the tail and inserting
    after it: one read of the tail per batch, nothing else on the save path. Were the
    transaction still only reading (`db.atomic()` with nothing written yet), a second
    writer in between makes the insert fail (SQLite refuses to write on a stale snapshot,
    and the ids, given explicitly as tail + 1, …, would collide), never fork the chain.
    Outside any transaction the rows get a write transaction of their own.

    `tail`: the newest entry's (id, hash), when the caller has read them (`TAIL_ID`,
    `TAIL_HASH`) in this write transaction with nothing appended since; (None, None) for an
    empty trail. Returns the new newest entry's (id, hash); None without rows."""
    if not rows:
        return None
    if not db.conn.in_transaction:
        from models.db import write_transaction  # the driver: loaded after the sign-in's hash

        with write_transaction(db):
            return _append(db, rows)
    return _append(db, rows, tail)


def _append(
    db: Database, rows: list[tuple[Any, ...]], tail: tuple[Any, Any] | None = None
) -> tuple[int, str]:
    if tail is None:
        tail = db.execute(_TAIL).fetchone()
    elif tail[0] is None:
        tail = None  # an empty trail
    # A tail without a hash (written by a version before the chain) breaks the chain
    # there, which `verify_chain` reports; the entries after it still chain among themselves.
    last_id, last_hash = (0, GENESIS) if tail is None else (int(tail[0]), tail[1] or GENESIS)
    chained = chained_rows(last_id, last_hash, rows)
    db.conn.executemany(_INSERT, chained)
    return chained[-1][0], chained[-1][-1]


def log(
    db: Database,
    at: str,
    officer_id: str | None,
    action: str,
    record_type: str,
    record_id: str | None,
    detail: dict[str, Any] | None = None,
) -> None:
    write_audit(db, [audit_row(at, officer_id, action, record_type, record_id, detail)])


def history(db: Database, record_type: str, record_id: str) -> list[dict[str, Any]]:
    cur = db.execute(
        "SELECT at, officer_id, action, detail FROM audit "
        "WHERE record_type = ? AND record_id = ? ORDER BY id",
        [record_type, record_id],
    )
    return [
        {"at": at, "officer_id": off, "action": action, "detail": json.loads(detail)}
        for at, off, action, detail in cur.fetchall()
    ]


# ------------------------------------------------------------------ checking the chain


@dataclass(frozen=True)
class ChainReport:
    """`entries`: how many entries were read. Where the chain breaks, `first_bad_id` is the
    first entry that does not add up and `reason` says how: `hash_mismatch`, the entry was
    changed; `prev_mismatch`, it does not follow the entry before it (that one changed and
    its hash was recomputed, or entries were moved); `missing_entry`, the id is missing."""

    ok: bool
    entries: int
    first_bad_id: int | None = None
    reason: ChainProblem | None = None

    def message(self, lang: str = "id") -> str:
        """What to tell the officer, from the message catalogue."""
        if self.ok:
            return text("audit_chain_ok", lang, entries=self.entries)
        reason = text(f"audit_chain_{self.reason}", lang)
        return text("audit_chain_broken", lang, id=self.first_bad_id, reason=reason)


def verify_chain(db: Database) -> ChainReport:
    """Walk the whole trail in id order, one row at a time (a trail of millions is never
    held in memory), recomputing each hash. Stops at the first problem."""
    cur = db.execute(
        "SELECT id, at, officer_id, action, record_type, record_id, detail, prev_hash, hash "
        "FROM audit ORDER BY id"
    )
    expected_id, prev, entries = 1, GENESIS, 0
    try:
        for entry_id, at, off, action, rtype, rid, detail, prev_hash, digest in cur:
            if entry_id != expected_id:
                return ChainReport(False, entries, expected_id, "missing_entry")
            entries += 1
            if prev_hash != prev:
                return ChainReport(False, entries, entry_id, "prev_mismatch")
            if digest != entry_hash(prev, entry_id, at, off, action, rtype, rid, detail):
                return ChainReport(False, entries, entry_id, "hash_mismatch")
            expected_id, prev = entry_id + 1, digest
    finally:
        cur.close()  # stopped early, the statement would keep its read snapshot open
    # Entries removed from the end leave no gap, but AUTOINCREMENT remembers the highest
    # id ever given (and forgets it with a transaction rolled back, so never runs ahead).
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    if row is not None and int(row[0]) >= expected_id:
        return ChainReport(False, entries, expected_id, "missing_entry")
    return ChainReport(True, entries)


def head(db: Database) -> tuple[int, str] | None:
    """The newest entry's id and hash: written down outside the laptop, it shows later
    whether the trail up to it was rewritten wholesale."""
    row = db.execute(_TAIL).fetchone()
    return None if row is None or row[1] is None else (int(row[0]), str(row[1]))


def holds_head(db: Database, entry_id: int, digest: str) -> bool:
    """Whether the trail still holds the entry `entry_id` with hash `digest` (a head written
    down earlier: on a day closing, or at HQ). A trail cut short or rewritten since does not,
    even where `verify_chain` finds it consistent in itself."""
    row = db.execute("SELECT hash FROM audit WHERE id = ?", [entry_id]).fetchone()
    return (
        row is not None
        and str(row[0]).lower().startswith(digest.strip().lower())
        and (len(digest.strip()) >= 32)
    )


# ------------------------------------------------------------------ reading and exporting


def list_entries(
    db: Database,
    limit: int,
    offset: int = 0,
    officer_id: str | None = None,
    action: str | None = None,
) -> list[dict[str, Any]]:
    """Entries newest first, for the audit viewer: id, at, officer_id, officer_name, action,
    record_type, record_id, detail (a dict), hash. `officer_id` and `action` filter."""
    where, args = [], []
    if officer_id is not None:
        where.append("a.officer_id = ?")
        args.append(officer_id)
    if action is not None:
        where.append("a.action = ?")
        args.append(action)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    cur = db.execute(
        "SELECT a.id, a.at, a.officer_id, o.name, a.action, a.record_type, a.record_id, "
        "a.detail, a.hash FROM audit a LEFT JOIN officers o ON o.id = a.officer_id "
        f"{clause} ORDER BY a.id DESC LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return [
        {
            "id": entry_id,
            "at": at,
            "officer_id": off,
            "officer_name": name,
            "action": act,
            "record_type": record_type,
            "record_id": record_id,
            "detail": _detail(detail),
            "hash": digest,
        }
        for entry_id, at, off, name, act, record_type, record_id, detail, digest in cur
    ]


def _detail(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:  # shown as it is; verify_chain says whether it was tampered with
        return {"text": text}
    return value if isinstance(value, dict) else {"value": value}


def _rows(db: Database) -> Iterator[tuple[Any, ...]]:
    yield from db.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM audit ORDER BY id")


def export_csv(db: Database, path: Path) -> int:
    """Write the whole trail, chain columns included, to `path` as CSV (UTF-8); returns the
    number of entries. The values are written as stored, so anyone can recompute the
    chain from the file. Written beside `path` as `<name>.partial` and moved over it at
    the end, so a failed export never leaves a half-written file in place of an earlier
    one. One SELECT reads one snapshot, however long the writing takes."""
    count = 0
    with writing_text(path) as f:
        writer = csv.writer(f)
        writer.writerow(CSV_COLUMNS)
        for row in _rows(db):
            writer.writerow(row)
            count += 1
    return count
