"""Made-up partner lists for the import and export tests: a desk with one officer, NIKs that
agree with their birth dates, and writers that make CSV and XLSX files as messy as the ones
partners really hand over. Every person here is invented."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from models.database import Database
from models.db import open_database, set_setting
from models.events import Event
from models.imports import ImportReport
from models.member_numbers import member_reference
from models.messages import text
from models.officers import add_officer
from models.reference import ReferenceData
from tests.helpers import desk_key, sponsored_event

WIB = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=WIB)
TODAY = NOW.date()
OFFICER = "ani.p"
LANG = "en"  # reports are compared with the English messages

MADIUN = "357701"  # Kota Madiun, Kartoharjo
PENJARINGAN = "317201"  # Jakarta Utara, Penjaringan

# The import format's columns, in the order of docs/import-format.md.
COLUMNS = (
    "nik", "full_name", "birth_place", "birth_date", "gender", "mother_maiden_name", "phone",
    "street", "rt", "rw", "village_code", "occupation_code", "declared_income", "programmes",
    "months", "heir_name", "heir_relationship", "heir_phone",
)  # fmt: skip


def clock() -> datetime:
    return NOW


def open_desk(folder: Path) -> Database:
    """A fresh device: database, branch code and one officer."""
    db = open_database(folder, desk_key(folder), create=True)
    set_setting(db, "branch_code", "MDN01")
    add_officer(db, OFFICER, "Ani Purwanti", "officer", "kata-sandi-uji-1", clock=clock)
    return db


def make_event(
    db: Database, ref: ReferenceData, scheme: str | None = None, name: str = "Sosialisasi Pasar"
) -> Event:
    return sponsored_event(
        db,
        ref,
        OFFICER,
        scheme,
        name=name,
        location="Balai Kelurahan Oro-oro Ombo",
        day=TODAY,
        clock=clock,
    )


def make_nik(district: str, born: date, female: bool, serial: int) -> str:
    """District (6) + DDMMYY, 40 added to the day for women + serial (4)."""
    day = born.day + (40 if female else 0)
    return f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def person(nik: Any, full_name: str, birth_date: Any, gender: str, **more: Any) -> dict[str, Any]:
    """One row of a partner's list, by canonical column; valid unless told otherwise."""
    row: dict[str, Any] = {
        "nik": nik,
        "full_name": full_name,
        "birth_place": "Madiun",
        "birth_date": birth_date,
        "gender": gender,
        "mother_maiden_name": "Sumarni",
        "occupation_code": "K001",
        "declared_income": "1500000",
        "heir_name": "Sri Wahyuni",
        "heir_relationship": "istri",
    }
    row.update(more)
    return row


def write_csv(
    path: Path,
    headers: Sequence[str],
    columns: Sequence[str],
    rows: Sequence[dict[str, Any] | None],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
    newline: str = "\r\n",
) -> bytes:
    """`rows` by canonical column, written under `headers`; None writes a blank line."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    writer.writerow(headers)
    for row in rows:
        if row is None:
            buf.write(newline)
        else:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return data


def write_xlsx(
    path: Path,
    headers: Sequence[str],
    columns: Sequence[str],
    rows: Sequence[dict[str, Any] | None],
) -> None:
    """Cells keep their Python types: numbers stay numbers, dates become spreadsheet dates."""
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.title = "Daftar"
    sheet.append(list(headers))
    for row in rows:
        sheet.append([None] * len(columns) if row is None else [row.get(c) for c in columns])
    wb.save(path)


# ------------------------------------------------------------------ expected reports


def err(field: str, code: str, **params: Any) -> dict[str, Any]:
    return {"field": field, "code": code, "message": text(code, LANG, **params)}


def rejected(row: int, *errors: dict[str, Any]) -> dict[str, Any]:
    return {"row": row, "errors": list(errors)}


def dup_in_file(row: int, first_row: int) -> dict[str, Any]:
    return {
        "row": row,
        "code": "duplicate_in_file",
        "first_row": first_row,
        "message": text("duplicate_in_file", LANG, first_row=first_row),
    }


def dup_in_device(row: int, enrolment_id: str, member_number: str | None = None) -> dict[str, Any]:
    number = member_reference(member_number, enrolment_id)
    return {
        "row": row,
        "code": "duplicate_in_device",
        "enrolment_id": enrolment_id,
        "message": text("duplicate_in_device", LANG, member_number=number),
    }


def on_list_already(row: int) -> dict[str, Any]:
    return {
        "row": row,
        "code": "eligibility_duplicate",
        "message": text("eligibility_duplicate", LANG),
    }


def normalised(report: ImportReport | dict[str, Any]) -> dict[str, Any]:
    """The report with rows in file order and each row's errors in a stable order: which
    rows and which errors is what counts, not the order they were found in."""
    d = report.as_dict() if isinstance(report, ImportReport) else dict(report)
    d["duplicates"] = sorted(d["duplicates"], key=lambda x: x["row"])
    d["rejected"] = sorted(
        (
            {**r, "errors": sorted(r["errors"], key=lambda e: (e["field"], e["code"]))}
            for r in d["rejected"]
        ),
        key=lambda r: r["row"],
    )
    return d


def report_differences(actual: ImportReport, expected: dict[str, Any]) -> list[str]:
    """Every way the report differs from the expected one, row by row, so one wrong row
    does not hide the others."""
    got, want = normalised(actual), normalised(expected)
    out = []
    if set(got) != set(want):
        out.append(f"keys: {sorted(got)} != {sorted(want)}")
    if got["imported"] != want["imported"]:
        out.append(f"imported: {got['imported']} != {want['imported']}")
    for kind in ("duplicates", "rejected"):
        got_rows = {r["row"]: r for r in got[kind]}
        want_rows = {r["row"]: r for r in want[kind]}
        if len(got_rows) != len(got[kind]):
            out.append(f"{kind}: a row is reported more than once: {got[kind]}")
        for row in sorted(set(got_rows) | set(want_rows)):
            if got_rows.get(row) != want_rows.get(row):
                out.append(
                    f"{kind} row {row}: got {_brief(got_rows.get(row))}, "
                    f"want {_brief(want_rows.get(row))}"
                )
    return out


def _brief(entry: dict[str, Any] | None) -> str:
    """A report entry as `field/code` pairs, or whole when only its details differ."""
    if entry is None:
        return "nothing"
    if "errors" in entry:
        return "[" + ", ".join(f"{e['field']}/{e['code']}" for e in entry["errors"]) + "]"
    return str({k: v for k, v in entry.items() if k != "message"})


def enrolment_id_of(db: Database, nik: str) -> str:
    row = db.execute("SELECT id FROM enrolments WHERE nik = ?", [nik]).fetchone()
    assert row is not None, "no enrolment for this NIK"
    return str(row[0])


def table_counts(db: Database) -> dict[str, int]:
    tables = ("enrolments", "heirs", "payments", "outbox", "eligibility", "events")
    counts = {t: int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}
    counts["last_receipt"] = int(
        db.execute("SELECT COALESCE(MAX(receipt_seq), 0) FROM payments").fetchone()[0]
    )
    return counts
