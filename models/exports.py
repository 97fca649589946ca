"""Exports of an event's enrolments as CSV or XLSX, in the import format's columns (so an
export can be read back) plus what the device added: ids, member numbers, receipts."""

from __future__ import annotations

import csv
import errno
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

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
    try:
        if suffix == ".csv":
            # UTF-8 with a byte-order mark, so spreadsheet programs read names correctly.
            with writing_text(out, encoding="utf-8-sig") as f:
                writer = csv.writer(f)
                writer.writerow(COLUMNS)
                writer.writerows(rows)
        else:
            with replacing(out) as partial:
                write_xlsx(partial, "enrolments", COLUMNS, rows)
    except OSError as exc:
        # The partial file is gone (models.files); say so in the words of a file, not a record.
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise SigapError("export_disk_full", path=out.name) from None
        raise  # told as a file problem by whoever asked for the export
    with db.atomic():
        audit.log(
            db, rfc3339(clock()), officer.id, "export", "event", event_id, {"rows": len(rows)}
        )
    return len(rows)


# ------------------------------------------------------------------ XLSX, written directly
# A spreadsheet library's streaming writer keeps the rows in a temporary file of its own
# until it saves: NIKs and names outside the data folder, left behind if the disk fills up.
# The few parts of a one-sheet workbook are written here straight into the `.partial` file.

_NS_PKG = "http://schemas.openxmlformats.org/package/2006"
_NS_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Types xmlns="{_NS_PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_MIME}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_MIME}.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_NS_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_NS_DOC}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_NS_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_NS_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
# Characters XML 1.0 cannot hold at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xlsx_cell(value: Any) -> str:
    if value is None:
        return "<c/>"
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f"<c><v>{value}</v></c>"
    text = escape(_NOT_XML.sub("", str(value)))
    return f'<c t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def write_xlsx(
    path: Path, sheet_name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """A one-sheet workbook at `path`, every text an inline string (never a formula)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK.format(name=escape(sheet_name)))
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData>"
            )
            for row in (headers, *rows):
                f.write(("<row>" + "".join(_xlsx_cell(v) for v in row) + "</row>").encode())
            f.write(b"</sheetData></worksheet>")
