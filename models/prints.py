"""The print log: every receipt, card or report printed, by whom, when, and which copy.
The first print of a receipt is copy 1; every later one is a copy (SALINAN) with its number."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from models import audit
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import write_transaction

KINDS = ("receipt", "card", "card_sheet", "event_report", "statement", "day_close")

# The card-reprint rule, once: an enrolment (`e`) whose card must be printed again, because
# HQ gave a member number (or kept another) that the last card printed does not carry (a
# provisional `P-…` card, a number HQ did not keep). A card never printed is not a reprint
# (`enrolments_without_card` lists those). Each card print logs its `card_number`.
REPRINT_CONDITION = (
    "e.member_number IS NOT NULL"
    " AND EXISTS (SELECT 1 FROM print_log p WHERE p.record_id = e.id AND p.kind = 'card')"
    " AND (SELECT json_extract(p.detail, '$.card_number') FROM print_log p"
    " WHERE p.record_id = e.id AND p.kind = 'card' ORDER BY p.copy_number DESC LIMIT 1"
    ") IS NOT e.member_number"
)


@dataclass(frozen=True)
class PrintEntry:
    kind: str
    record_id: str
    copy_number: int
    officer_id: str
    printed_at: str
    detail: dict[str, Any]


def log_print(
    db: Database,
    kind: str,
    record_id: str,
    officer_id: str,
    clock: Clock = system_clock,
    detail: dict[str, Any] | None = None,
) -> int:
    """Record a print and return its copy number (1 for the first print of that record)."""
    if kind not in KINDS:
        raise ValueError(f"unknown print kind {kind!r}")
    at = rfc3339(clock())
    with write_transaction(db):
        copy = int(
            db.execute(
                "SELECT COALESCE(MAX(copy_number), 0) + 1 FROM print_log "
                "WHERE kind = ? AND record_id = ?",
                [kind, record_id],
            ).fetchone()[0]
        )
        db.execute(
            "INSERT INTO print_log (kind, record_id, copy_number, officer_id, printed_at, "
            "detail) VALUES (?, ?, ?, ?, ?, ?)",
            [kind, record_id, copy, officer_id, at, json.dumps(detail or {}, sort_keys=True)],
        )
        audit.log(db, at, officer_id, "print", kind, record_id, {"copy": copy})
    return copy


def next_copy_number(db: Database, kind: str, record_id: str) -> int:
    """The copy number the next print of this record will get (for a preview)."""
    row = db.execute(
        "SELECT COALESCE(MAX(copy_number), 0) + 1 FROM print_log WHERE kind = ? AND record_id = ?",
        [kind, record_id],
    ).fetchone()
    return int(row[0])


def prints_for(db: Database, record_ids: list[str]) -> list[PrintEntry]:
    """Prints of these records (an enrolment and its payments), oldest first."""
    if not record_ids:
        return []
    marks = ",".join("?" * len(record_ids))
    cur = db.execute(
        f"SELECT kind, record_id, copy_number, officer_id, printed_at, detail FROM print_log "
        f"WHERE record_id IN ({marks}) ORDER BY id",
        record_ids,
    )
    return [PrintEntry(k, r, int(c), o, at, json.loads(d)) for k, r, c, o, at, d in cur.fetchall()]


def enrolments_without_card(db: Database, event_id: str) -> list[str]:
    """Enrolment ids of the event whose card has not been printed yet."""
    return [
        str(r[0])
        for r in db.execute(
            "SELECT e.id FROM enrolments e WHERE e.event_id = ? AND NOT EXISTS ("
            "SELECT 1 FROM print_log p WHERE p.kind = 'card' AND p.record_id = e.id) "
            "ORDER BY e.recorded_at, e.rowid",
            [event_id],
        ).fetchall()
    ]


def cards_to_reprint(db: Database) -> list[str]:
    """Enrolments whose latest printed card carries another number than their member number
    now (`REPRINT_CONDITION`), in enrolment order. Only enrolments with a card printed are
    looked at, found from the print log's index, not every enrolment."""
    return [
        str(r[0])
        for r in db.execute(
            "SELECT e.id FROM enrolments e WHERE e.id IN "
            "(SELECT record_id FROM print_log WHERE kind = 'card') "
            f"AND {REPRINT_CONDITION} ORDER BY e.recorded_at, e.rowid"
        ).fetchall()
    ]
