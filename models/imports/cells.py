"""Reading a partner's cells: header names to columns, and each cell to the value the
desk form would hold (a NIK only from text, dates in the forms partners write, rupiah with
or without dots)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from models.enrolments import EnrolmentInput, HeirInput
from models.errors import Problem
from models.imports.limits import MAX_CELL_CHARS

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


def blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _unprotect(s: str) -> str:
    """`'=…`, `'+62…`: the apostrophe our export puts before a formula-like cell."""
    if s.startswith("'") and s[1:2] in ("=", "+", "-", "@"):
        return s[1:]
    return s


def cell_text(v: Any) -> str:
    if blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return _unprotect(str(v).strip())


def digits_cell(v: Any, column: str) -> tuple[str, list[Problem]]:
    """A NIK or phone: only text is trusted. A spreadsheet that stored it as a number has
    dropped leading zeros or digits past the 15th; never guess them back."""
    if blank(v):
        return "", []
    s = _unprotect(str(v).strip()) if isinstance(v, str) else ""
    if isinstance(v, (int, float)) or _E_NOTATION.match(s):
        return "", [Problem(column, "number_mangled")]
    return s, []


def date_cell(v: Any, column: str) -> tuple[date | None, list[Problem]]:
    if blank(v):
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
    if blank(v):
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
    if blank(v):
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


def report_errors(
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
    {
        "number_mangled", "date_invalid", "income_invalid", "programmes_invalid",
        "months_not_number", "cell_too_long",
    }
)  # fmt: skip


def mapped_cells(cells: list[Any], positions: dict[str, int]) -> dict[str, Any]:
    """The row's cells by canonical column."""
    return {name: (cells[pos] if pos < len(cells) else None) for name, pos in positions.items()}


def cut_long_cells(cells: dict[str, Any]) -> list[Problem]:
    """A cell longer than any real one is reported and not read further (it is emptied)."""
    problems = []
    for name, value in cells.items():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            problems.append(Problem(name, "cell_too_long", {"limit": MAX_CELL_CHARS}))
            cells[name] = None
    return problems
