"""Exports of an event's enrolments as CSV or XLSX, in the import format's columns (so an
export can be read back) plus what the device added: ids, member numbers, receipts."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from models import audit
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.errors import SigapError
from models.events import require_event
from models.files import replacing, writing_text
from models.officers import require_officer

COLUMNS = (
    "enrolment_id", "member_number", "nik", "full_name", "birth_place", "birth_date", "gender",
    "mother_maiden_name", "phone", "street", "rt", "rw", "village_code", "occupation_code",
    "declared_income", "programmes", "months", "payer_type", "scheme_code", "heir_name",
    "heir_relationship", "heir_phone", "receipt_number", "amount", "period_start",
    "payment_status", "sync_state", "officer_id", "recorded_at",
)  # fmt: skip

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_rows(db: Database, event_id: str) -> list[list[Any]]:
    cur = db.execute(
        """
        SELECT e.id, e.member_number, e.nik, e.full_name, e.birth_place, e.birth_date, e.gender,
               e.mother_maiden_name, e.phone, e.street, e.rt, e.rw, e.village_code,
               e.occupation_code, e.declared_income, e.programmes, e.months, e.payer_type,
               e.scheme_code, h.name, h.relationship, h.phone,
               p.receipt_number, p.amount, p.period_start,
               CASE WHEN p.id IS NULL THEN 'unpaid' WHEN p.voided_at IS NULL THEN 'paid'
                    ELSE 'void' END,
               o.state, e.officer_id, e.recorded_at
        FROM enrolments e
        LEFT JOIN heirs h ON h.enrolment_id = e.id AND h.position = 0
        LEFT JOIN payments p ON p.id = (
            SELECT id FROM payments WHERE enrolment_id = e.id ORDER BY receipt_seq LIMIT 1)
        LEFT JOIN outbox o ON o.id = e.id
        WHERE e.event_id = ?
        ORDER BY e.recorded_at, e.rowid
        """,
        [event_id],
    )
    out = []
    for row in cur.fetchall():
        cells = list(row)
        cells[15] = "+".join(json.loads(cells[15]))
        out.append([safe_cell(c) for c in cells])
    return out


def export_event(
    db: Database, event_id: str, out: Path, officer_id: str | None, clock: Clock = system_clock
) -> int:
    """Write the event's enrolments to `out` (.csv or .xlsx); returns the number of rows.
    Personal data leaves the device here, so the officer doing it is required and audited."""
    officer = require_officer(db, officer_id)
    require_event(db, event_id)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise SigapError("export_type")
    rows = export_rows(db, event_id)
    if suffix == ".csv":
        # UTF-8 with a byte-order mark, so spreadsheet programs read names correctly.
        with writing_text(out, encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
    else:
        # openpyxl is imported only when a spreadsheet is asked for: it is heavy to load
        # and most desks only ever export CSV.
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        sheet = wb.create_sheet("enrolments")
        sheet.append(list(COLUMNS))
        for row in rows:
            sheet.append(row)
        with replacing(out) as partial:
            wb.save(partial)
    with db.atomic():
        audit.log(
            db, rfc3339(clock()), officer.id, "export", "event", event_id, {"rows": len(rows)}
        )
    return len(rows)
