"""The participants list: which enrolments match a search and filters (ids only, in display
order), and the rows of one page of them. Built for 100,000 enrolments: finding matches
reads only indexes and rowids; the columns shown are read a page at a time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from models import vocabulary
from models.database import Database
from models.enrolments.name_index import NAME_MATCH_ROWIDS
from models.nik import mask_nik
from models.prints import REPRINT_CONDITION
from models.validation import search_key

SELF = vocabulary.SELF  # the payer filter for workers paying for themselves

# Payment status of an enrolment, from its payments.
PAID = "paid"  # at least one payment that is not void
VOID = "void"  # payments, all of them void
UNPAID = "unpaid"  # no payment yet

_CHUNK = 500  # bound parameters per statement, well under SQLite's limit


@dataclass(frozen=True)
class ParticipantFilter:
    """What the officer asked the list for. Empty values filter nothing."""

    event_id: str | None = None  # None: every event
    text: str = ""  # as typed in the search box
    sync_state: str | None = None  # the state of the enrolment's queue row
    payer: str | None = None  # SELF, a scheme code, or None for any
    officer_id: str | None = None
    no_card: bool = False  # only enrolments whose card has not been printed yet
    reprint: bool = False  # only enrolments whose last card carries another member number


@dataclass(frozen=True)
class ParticipantRow:
    """One line of the list. The NIK is only ever here masked."""

    rowid: int
    id: str
    event_id: str
    member_number: str | None
    nik_masked: str
    full_name: str
    gender: str
    birth_date: str
    occupation_code: str
    payer_type: str
    scheme_code: str | None
    officer_id: str
    officer_name: str | None
    recorded_at: str
    sync_state: str | None
    receipt_number: str | None  # the first receipt, void or not
    payment_status: str  # PAID | VOID | UNPAID


# A provisional member number (models.member_numbers), "(sementara)" after it or not.
_PROVISIONAL = re.compile(r"^P-([0-9A-F]{8})\b", re.IGNORECASE)


def text_condition(text: str) -> tuple[str, list[Any]] | None:
    """The WHERE condition on `enrolments` (aliased `e`) for the search box, the desk's one
    search: 16 digits a NIK, 11 digits a member number, `P-` and 8 hex digits a provisional
    one, 4 digits the end of a NIK as the list shows it, 3 or more characters any fragment of
    the name (trigram index, `models.enrolments.name_index`), 1 or 2 the start of the name.
    None when nothing was typed."""
    needle = text.strip()
    if not needle:
        return None
    if needle.isdigit() and len(needle) == 16:
        return "e.nik = ?", [needle]
    if needle.isdigit() and len(needle) == 11:
        return "e.member_number = ?", [needle]
    if needle.isdigit() and len(needle) == 4:  # the digits a masked NIK shows (3172********0001)
        return "substr(e.nik, 13) = ?", [needle]
    provisional = _PROVISIONAL.match(needle)
    if provisional:  # a provisional number as the card and the list show it (P-5B2C9E41)
        return "upper(substr(e.id, -8)) = ?", [provisional.group(1).upper()]
    key = search_key(needle).replace("%", "").replace("_", "")
    if len(needle) >= 3:
        return f"e.rowid IN ({NAME_MATCH_ROWIDS})", [f"%{key}%", f"%{key}%"]
    return "e.name_key >= ? AND e.name_key < ?", [key, key + "\uffff"]


def _where(f: ParticipantFilter) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if f.event_id:
        conditions.append("e.event_id = ?")
        params.append(f.event_id)
    found = text_condition(f.text)
    if found is not None:
        conditions.append(found[0])
        params += found[1]
    if f.payer == SELF:
        conditions.append("e.payer_type = 'self'")
    elif f.payer:
        conditions.append("e.payer_type = 'sponsor' AND e.scheme_code = ?")
        params.append(f.payer)
    if f.officer_id:
        conditions.append("e.officer_id = ?")
        params.append(f.officer_id)
    if f.no_card:
        # print_log_record (m004) answers this per enrolment without scanning the log.
        conditions.append(
            "NOT EXISTS (SELECT 1 FROM print_log p WHERE p.record_id = e.id AND p.kind = 'card')"
        )
    if f.reprint:
        conditions.append(REPRINT_CONDITION)
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


def find_sql(f: ParticipantFilter) -> tuple[str, list[Any]]:
    """The query `find_ids` runs (the benchmark compares against it)."""
    where, params = _where(f)
    join = ""
    if f.sync_state:
        # The enrolment's own queue row has the enrolment's id; the partial index
        # outbox_enrolment_state (m003) answers it without reading the queued payload.
        # CROSS JOIN keeps enrolments the outer loop: starting from the queue's state index
        # instead reads every queue row of that state (payments too), which is slower.
        join = " CROSS JOIN outbox o ON o.id = e.id AND o.type = 'enrolment' AND o.state = ?"
        params = [f.sync_state, *params]
    return f"SELECT e.rowid FROM enrolments e{join}{where} ORDER BY e.recorded_at, e.rowid", params


def find_ids(db: Database, f: ParticipantFilter) -> list[int]:
    """Rowids of the matching enrolments, in display order (recorded_at, rowid). Only ids:
    the list fetches what it shows page by page with `rows_for`."""
    sql, params = find_sql(f)
    return [r[0] for r in db.execute(sql, params).fetchall()]


_ROW_SQL = """
SELECT e.rowid, e.id, e.event_id, e.member_number, e.nik, e.full_name, e.gender,
    e.birth_date, e.occupation_code, e.payer_type, e.scheme_code, e.officer_id, o.name,
    e.recorded_at, q.state,
    (SELECT p.receipt_number FROM payments p WHERE p.enrolment_id = e.id
        ORDER BY p.receipt_seq LIMIT 1),
    (SELECT MAX(p.voided_at IS NULL) FROM payments p WHERE p.enrolment_id = e.id)
FROM enrolments e
LEFT JOIN officers o ON o.id = e.officer_id
LEFT JOIN outbox q ON q.id = e.id
WHERE e.rowid IN ({marks})
"""


def rows_for(db: Database, rowids: Sequence[int]) -> list[ParticipantRow]:
    """The rows of these enrolments, in the order given (one page of the list)."""
    found: dict[int, ParticipantRow] = {}
    ids = list(rowids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        sql = _ROW_SQL.format(marks=",".join("?" * len(chunk)))
        for r in db.execute(sql, chunk).fetchall():
            live = r[16]
            status = UNPAID if live is None else (PAID if live else VOID)
            found[r[0]] = ParticipantRow(
                rowid=r[0],
                id=r[1],
                event_id=r[2],
                member_number=r[3],
                nik_masked=mask_nik(r[4]),
                full_name=r[5],
                gender=r[6],
                birth_date=r[7],
                occupation_code=r[8],
                payer_type=r[9],
                scheme_code=r[10],
                officer_id=r[11],
                officer_name=r[12],
                recorded_at=r[13],
                sync_state=r[14],
                receipt_number=r[15],
                payment_status=status,
            )
    return [found[i] for i in ids if i in found]


def rows_by_id(db: Database, enrolment_ids: Sequence[str]) -> list[ParticipantRow]:
    """The rows of these enrolments (by id), in the order given; unknown ids are skipped."""
    ids = list(dict.fromkeys(enrolment_ids))
    rowids: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for rowid, id_ in db.execute(
            f"SELECT rowid, id FROM enrolments WHERE id IN ({marks})", chunk
        ).fetchall():
            rowids[str(id_)] = int(rowid)
    return rows_for(db, [rowids[i] for i in ids if i in rowids])


def sync_states(db: Database) -> list[str]:
    """The queue states present on this device, for the filter (read from the state index
    one distinct value at a time, not by scanning the queue)."""
    rows = db.execute(
        "WITH RECURSIVE s(state) AS ("
        " SELECT MIN(state) FROM outbox"
        " UNION ALL"
        " SELECT (SELECT MIN(state) FROM outbox WHERE state > s.state) FROM s"
        " WHERE s.state IS NOT NULL"
        ") SELECT state FROM s WHERE state IS NOT NULL"
    ).fetchall()
    return [str(r[0]) for r in rows]
