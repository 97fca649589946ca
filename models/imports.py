"""Partner lists (docs/import-format.md): enrolment lists and scheme eligibility lists, CSV or XLSX.

Every row goes through the same validation as the desk form. Rows are written in chunks,
one transaction per chunk, each row whole or not at all; a NIK already on this device or
repeated in the file is reported and not saved again, so importing a file twice saves
nothing new the second time.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from models import audit
from models.clock import Clock, rfc3339, system_clock
from models.db import write_transaction
from models.enrolments import (
    CheckedEnrolment,
    EnrolmentInput,
    HeirInput,
    SchemeLedger,
    validate,
    write_enrolments,
)
from models.errors import ERROR, Problem, SigapError
from models.events import require_event
from models.nik import parse_nik
from models.officers import require_officer
from models.reference import ReferenceData
from models.validation import clean_name

CHUNK = 1000

# Canonical column → accepted header spellings (compared without case, spaces, underscores).
ENROLMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "nik": ("nik",),
    "full_name": ("full_name", "nama_lengkap", "nama"),
    "birth_place": ("birth_place", "tempat_lahir"),
    "birth_date": ("birth_date", "tanggal_lahir", "tgl_lahir"),
    "gender": ("gender", "jenis_kelamin", "jk"),
    "mother_maiden_name": ("mother_maiden_name", "nama_ibu_kandung", "ibu_kandung"),
    "phone": ("phone", "no_hp", "nomor_hp", "hp"),
    "street": ("street", "alamat"),
    "rt": ("rt",),
    "rw": ("rw",),
    "village_code": ("village_code", "kode_desa", "kode_kelurahan"),
    "occupation_code": ("occupation_code", "kode_pekerjaan"),
    "declared_income": ("declared_income", "penghasilan"),
    "programmes": ("programmes", "program", "programs"),
    "months": ("months", "bulan"),
    "heir_name": ("heir_name", "nama_ahli_waris"),
    "heir_relationship": ("heir_relationship", "hubungan_ahli_waris"),
    "heir_phone": ("heir_phone", "hp_ahli_waris"),
}
ENROLMENT_REQUIRED = (
    "nik", "full_name", "birth_place", "birth_date", "gender",
    "mother_maiden_name", "occupation_code", "declared_income",
)  # fmt: skip
ELIGIBILITY_COLUMNS: dict[str, tuple[str, ...]] = {
    # The welfare register is DTSEN since Inpres 4/2025; lists exported from DTKS say so.
    "nik": ("nik", "nik_dtsen", "dtsen", "nik_dtks", "dtks"),
    "full_name": ("full_name", "nama_lengkap", "nama"),
}

# Problem fields as the columns of the file, so the partner knows which cell to fix.
_FIELD_TO_COLUMN = {
    "address.street": "street",
    "address.rt": "rt",
    "address.rw": "rw",
    "address.village_code": "village_code",
    "heirs": "heir_name",
    "heirs.0.name": "heir_name",
    "heirs.0.relationship": "heir_relationship",
    "heirs.0.phone": "heir_phone",
    "payer": "payer",
}

_E_NOTATION = re.compile(r"^[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+$")
_DMY = re.compile(r"^([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})$")
_YMD = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_GROUPED = re.compile(r"^[0-9]{1,3}([.,][0-9]{3})+$")


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    rows: int = 0
    cancelled: bool = False

    def as_dict(self) -> dict[str, Any]:
        out = {"imported": self.imported, "duplicates": self.duplicates, "rejected": self.rejected}
        if self.cancelled:
            out["cancelled"] = True
        return out


# ------------------------------------------------------------------ reading files


def _header_key(raw: Any) -> str:
    s = str(raw or "").strip().casefold()
    return s.replace(" ", "").replace("_", "")


def _header_keys(raw: Any) -> list[str]:
    """`Full Name`, `full_name` and `full_name (nama_lengkap)` all match; so does the part
    in brackets on its own."""
    s = str(raw or "")
    keys = [_header_key(s)]
    m = re.match(r"^(.*?)\((.*)\)\s*$", s)
    if m:
        keys += [_header_key(m.group(1)), _header_key(m.group(2))]
    return keys


def map_headers(headers: list[Any], columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Canonical column → position in the file's header row."""
    lookup = {_header_key(alias): name for name, aliases in columns.items() for alias in aliases}
    found: dict[str, int] = {}
    for pos, raw in enumerate(headers):
        for key in _header_keys(raw):
            name = lookup.get(key)
            if name and name not in found:
                found[name] = pos
                break
    return found


def _encoding(path: Path) -> str:
    """UTF-8 with or without a byte-order mark, else Windows-1252 (older spreadsheets).
    Decided by reading the file once in blocks, so a large list is never held whole."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        if f.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
        f.seek(0)
        try:
            for block in iter(lambda: f.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _read_csv(path: Path) -> Iterator[tuple[int, list[Any]]]:
    encoding = _encoding(path)
    with open(path, encoding=encoding, errors="replace", newline="") as f:
        first_line = f.readline()
        f.seek(0)
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        reader = csv.reader(f, delimiter=delimiter)
        for row in reader:
            yield reader.line_num, row


def _read_xlsx(path: Path) -> Iterator[tuple[int, list[Any]]]:
    # openpyxl is imported only when a spreadsheet is read: it is heavy to load and most
    # imports are CSV.
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = wb.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        wb.close()


def read_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(row number in the file, cells) for each row, header first."""
    if not path.exists():
        raise SigapError("file_not_found", path=path.name)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx"):
        raise SigapError("file_type")
    try:
        if suffix == ".xlsx":
            yield from _read_xlsx(path)
        else:
            yield from _read_csv(path)
    except SigapError:
        raise
    except (OSError, ValueError, KeyError, csv.Error) as exc:
        raise SigapError("file_unreadable", reason=type(exc).__name__) from None
    except Exception as exc:  # a damaged XLSX raises zipfile and XML errors of many kinds
        raise SigapError("file_unreadable", reason=type(exc).__name__) from None


# ------------------------------------------------------------------ cell conversion


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _unprotect(s: str) -> str:
    """`'=…`, `'+62…`: the apostrophe our export puts before a formula-like cell."""
    if s.startswith("'") and s[1:2] in ("=", "+", "-", "@"):
        return s[1:]
    return s


def cell_text(v: Any) -> str:
    if _blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return _unprotect(str(v).strip())


def digits_cell(v: Any, column: str) -> tuple[str, list[Problem]]:
    """A NIK or phone: only text is trusted. A spreadsheet that stored it as a number has
    dropped leading zeros or digits past the 15th; never guess them back."""
    if _blank(v):
        return "", []
    s = _unprotect(str(v).strip()) if isinstance(v, str) else ""
    if isinstance(v, (int, float)) or _E_NOTATION.match(s):
        return "", [Problem(column, "number_mangled")]
    return s, []


def date_cell(v: Any, column: str) -> tuple[date | None, list[Problem]]:
    if _blank(v):
        return None, []
    if isinstance(v, datetime):
        return v.date(), []
    if isinstance(v, date):
        return v, []
    s = str(v).strip()
    m = _DMY.match(s)
    parts = (m.group(4), m.group(3), m.group(1)) if m else None
    if parts is None and (m := _YMD.match(s)):
        parts = (m.group(1), m.group(2), m.group(3))
    if parts is not None:
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2])), []
        except ValueError:
            pass
    return None, [Problem(column, "date_invalid")]


def income_cell(v: Any, column: str) -> tuple[int | None, list[Problem]]:
    if _blank(v):
        return None, []
    if isinstance(v, int):
        return v, []
    if isinstance(v, float):
        return (int(v), []) if v.is_integer() else (None, [Problem(column, "income_invalid")])
    s = str(v).strip().removeprefix("Rp").removeprefix("rp").strip().replace(" ", "")
    for cents in (",00", ".00"):
        s = s.removesuffix(cents)
    if _GROUPED.match(s):
        s = s.replace(".", "").replace(",", "")
    if s.isdigit() and s.isascii():
        return int(s), []
    return None, [Problem(column, "income_invalid")]


def programmes_cell(v: Any, column: str) -> tuple[list[str] | None, list[Problem]]:
    if _blank(v):
        return None, []
    parts = [p for p in re.split(r"[+,;/\s]+", str(v).upper()) if p]
    if sorted(parts) not in (["JKK", "JKM"], ["JHT", "JKK", "JKM"]):
        return None, [Problem(column, "programmes_invalid")]
    return parts, []


def months_cell(v: Any, column: str) -> tuple[int | None, list[Problem]]:
    s = cell_text(v)
    if not s:
        return None, []
    if not s.isdigit():
        return None, [Problem(column, "months_not_number")]
    return int(s), []


def row_to_input(cells: dict[str, Any]) -> tuple[EnrolmentInput, list[Problem]]:
    problems: list[Problem] = []
    nik, p = digits_cell(cells.get("nik"), "nik")
    problems += p
    phone, p = digits_cell(cells.get("phone"), "phone")
    problems += p
    heir_phone, p = digits_cell(cells.get("heir_phone"), "heir_phone")
    problems += p
    born, p = date_cell(cells.get("birth_date"), "birth_date")
    problems += p
    income, p = income_cell(cells.get("declared_income"), "declared_income")
    problems += p
    programmes, p = programmes_cell(cells.get("programmes"), "programmes")
    problems += p
    months, p = months_cell(cells.get("months"), "months")
    problems += p
    heir_name = cell_text(cells.get("heir_name"))
    heir_rel = cell_text(cells.get("heir_relationship"))
    heirs = [HeirInput(heir_name, heir_rel, "", heir_phone)] if heir_name or heir_rel else []
    inp = EnrolmentInput(
        nik=nik,
        full_name=cell_text(cells.get("full_name")),
        birth_place=cell_text(cells.get("birth_place")),
        birth_date=born,
        gender=cell_text(cells.get("gender")),
        mother_maiden_name=cell_text(cells.get("mother_maiden_name")),
        phone=phone,
        street=cell_text(cells.get("street")),
        rt=cell_text(cells.get("rt")),
        rw=cell_text(cells.get("rw")),
        village_code=cell_text(cells.get("village_code")),
        occupation_code=cell_text(cells.get("occupation_code")),
        declared_income=income,
        programmes=programmes,
        months=months,
        heirs=heirs,
        consent=True,
        source="import",  # nobody saw the KTP: a birth date unlike the NIK's is refused
    )
    return inp, problems


def _report_errors(
    problems: list[Problem], lang: str, unreadable: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Each problem once, named by the file's column. A cell that could not be read at all
    (`unreadable` columns: a mangled number, a bad date) reports only that, not what
    validation then says about the empty value."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for p in problems:
        column = _FIELD_TO_COLUMN.get(p.field, p.field)
        if (column, p.code) in seen:
            continue
        if column in unreadable and p.code not in _CONVERSION_CODES:
            continue
        seen.add((column, p.code))
        out.append({"field": column, "code": p.code, "message": p.message(lang)})
    return out


_CONVERSION_CODES = frozenset(
    {"number_mangled", "date_invalid", "income_invalid", "programmes_invalid", "months_not_number"}
)


def _rows_with_headers(
    path: Path, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, Any]]]:
    rows = read_rows(path)
    header = next(rows, None)
    if header is None:
        raise SigapError("columns_missing", columns=", ".join(required))
    positions = map_headers(header[1], columns)
    missing = [c for c in required if c not in positions]
    if missing:
        raise SigapError("columns_missing", columns=", ".join(missing))
    for number, cells in rows:
        if all(_blank(c) for c in cells):
            continue
        yield (
            number,
            {name: (cells[pos] if pos < len(cells) else None) for name, pos in positions.items()},
        )


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ------------------------------------------------------------------ enrolment lists


def import_enrolments(
    db: Database,
    ref: ReferenceData,
    path: Path,
    event_id: str,
    officer_id: str,
    lang: str = "id",
    clock: Clock = system_clock,
    progress: Callable[[int], bool] | None = None,
) -> ImportReport:
    """Import an enrolment list into an event. `progress(rows_read)` is called after each
    chunk; returning False stops the import after the rows already saved."""
    officer = require_officer(db, officer_id)
    event = require_event(db, event_id)
    now = clock()
    today = now.date()
    report = ImportReport()
    first_row_of: dict[str, int] = {}
    scheme = ref.schemes.get(event.scheme_code or "")

    pending: list[tuple[int, CheckedEnrolment]] = []

    def flush() -> None:
        # NIKs on the desk and the scheme's quota and budget are counted inside the write
        # lock, chunk by chunk: another import or desk saving meanwhile is seen, so two
        # imports at once never overspend a scheme.
        keep: list[CheckedEnrolment] = []
        with write_transaction(db):
            existing = _existing_niks(db, [c.nik.nik for _, c in pending])
            ledger = SchemeLedger(db, scheme) if scheme is not None else None
            for number, checked in pending:
                if checked.nik.nik in existing:
                    report.duplicates.append(_dup_device(number, existing[checked.nik.nik], lang))
                    continue
                if ledger is not None:
                    problems = ledger.check(checked)
                    if problems:
                        report.rejected.append(
                            {"row": number, "errors": _report_errors(problems, lang)}
                        )
                        continue
                    ledger.take(checked)
                keep.append(checked)
            if keep:
                write_enrolments(db, keep, officer.id, now, source="import")
        report.imported += len(keep)
        pending.clear()

    for number, cells in _rows_with_headers(path, ENROLMENT_COLUMNS, ENROLMENT_REQUIRED):
        report.rows += 1
        inp, problems = row_to_input(cells)
        # A partner's list pays nothing at the desk: only a sponsor pays at import.
        inp.pay = event.scheme_code is not None
        unreadable = frozenset(p.field for p in problems)
        checked, more = validate(inp, event, ref, today)
        problems += [p for p in more if p.severity == "error"]
        nik = checked.nik.nik if checked else inp.nik
        if nik and nik in first_row_of:
            report.duplicates.append(
                {
                    "row": number,
                    "code": "duplicate_in_file",
                    "first_row": first_row_of[nik],
                    "message": Problem(
                        "nik", "duplicate_in_file", {"first_row": first_row_of[nik]}
                    ).message(lang),
                }
            )
            continue
        if nik:
            first_row_of[nik] = number
        if problems or checked is None:
            report.rejected.append(
                {"row": number, "errors": _report_errors(problems, lang, unreadable)}
            )
            continue
        pending.append((number, checked))
        if len(pending) >= CHUNK:
            flush()
            if progress is not None and progress(report.rows) is False:
                report.cancelled = True
                break
    if pending and not report.cancelled:
        flush()
    _audit_import(db, officer.id, rfc3339(now), "enrolments", path, event.id, report)
    return report


def _existing_niks(db: Database, niks: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for start in range(0, len(niks), 500):
        chunk = niks[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for nik, eid in db.execute(
            f"SELECT nik, id FROM enrolments WHERE nik IN ({marks})", chunk
        ).fetchall():
            out[nik] = eid
    return out


def _dup_device(number: int, enrolment_id: str, lang: str) -> dict[str, Any]:
    return {
        "row": number,
        "code": "duplicate_in_device",
        "enrolment_id": enrolment_id,
        "message": Problem("nik", "duplicate_in_device", {"enrolment_id": enrolment_id}).message(
            lang
        ),
    }


def _audit_import(
    db: Database,
    officer_id: str,
    at: str,
    kind: str,
    path: Path,
    target: str,
    report: ImportReport,
) -> None:
    with db.atomic():
        audit.log(
            db,
            at,
            officer_id,
            "import",
            kind,
            target,
            {
                "file_sha256": file_digest(path),
                "rows": report.rows,
                "imported": report.imported,
                "duplicates": len(report.duplicates),
                "rejected": len(report.rejected),
            },
        )


# ------------------------------------------------------------------ eligibility lists


def import_eligibility(
    db: Database,
    ref: ReferenceData,
    path: Path,
    scheme_code: str,
    officer_id: str,
    lang: str = "id",
    clock: Clock = system_clock,
) -> ImportReport:
    """A sponsor scheme's list of people verified as eligible (for example from DTSEN)."""
    officer = require_officer(db, officer_id)
    if scheme_code not in ref.schemes:
        raise SigapError("scheme_unknown")
    now = clock()
    at = rfc3339(now)
    report = ImportReport()
    first_row_of: dict[str, int] = {}
    on_list = {
        nik
        for (nik,) in db.execute(
            "SELECT nik FROM eligibility WHERE scheme_code = ?", [scheme_code]
        ).fetchall()
    }
    rows: list[tuple[str, str, str | None, str, str]] = []
    for number, cells in _rows_with_headers(path, ELIGIBILITY_COLUMNS, ("nik",)):
        report.rows += 1
        raw_nik, problems = digits_cell(cells.get("nik"), "nik")
        info = None
        if not problems:
            info, problems = parse_nik(raw_nik, ref.regions, now.date())
            problems = [p for p in problems if p.severity == ERROR]  # warnings do not refuse
        name, p = clean_name(cell_text(cells.get("full_name")), "full_name", required=False)
        problems += p
        if info is not None and info.nik in first_row_of:
            report.duplicates.append(
                {
                    "row": number,
                    "code": "duplicate_in_file",
                    "first_row": first_row_of[info.nik],
                    "message": Problem(
                        "nik", "duplicate_in_file", {"first_row": first_row_of[info.nik]}
                    ).message(lang),
                }
            )
            continue
        if info is not None:
            first_row_of[info.nik] = number
        if problems or info is None:
            report.rejected.append({"row": number, "errors": _report_errors(problems, lang)})
            continue
        if info.nik in on_list:
            report.duplicates.append(
                {
                    "row": number,
                    "code": "eligibility_duplicate",
                    "message": Problem("nik", "eligibility_duplicate").message(lang),
                }
            )
            continue
        rows.append((scheme_code, info.nik, name or None, at, officer.id))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO eligibility (scheme_code, nik, full_name, imported_at, officer_id) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )
    report.imported = len(rows)
    _audit_import(db, officer.id, at, "eligibility", path, scheme_code, report)
    return report
