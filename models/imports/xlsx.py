"""Reading the first sheet of an XLSX file as a stream of rows, in bounded memory and time
whatever the file declares about itself.

A spreadsheet library would trust the sheet's declared dimension (1,048,576 × 16,384 cells
of nothing in a 2 KB file) and hold every distinct text of the workbook as a Python string.
Here the declared dimension is ignored (rows and cells are read as they stand), the unpacked
size of every part is capped before it is read and counted while it is, texts are kept
packed as UTF-8, a cell longer than the cap is cut just past it (so the row is reported,
not read whole), and an XML document type (entity expansion) is refused."""

from __future__ import annotations

import re
import zipfile
from array import array
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO, Any
from xml.parsers import expat

from models.errors import SigapError
from models.imports.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_TOTAL_BYTES,
)
from models.imports.reading import Row

BLOCK = 1 << 16
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]*)$")
_INT = re.compile(r"^-?[0-9]+$")
CELL_CAP = MAX_CELL_CHARS + 1  # enough to see that a cell is too long


class _Refused(Exception):
    """A part of the file broke a cap or the XML rules; carries the message code."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _parser() -> Any:
    p = expat.ParserCreate()

    def refuse(*_args: Any) -> None:
        raise _Refused("xlsx_unsafe")

    p.StartDoctypeDeclHandler = refuse
    p.EntityDeclHandler = refuse
    p.buffer_text = True
    return p


class _Budget:
    """Unpacked bytes read across the parts of one file."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.total = 0

    def open(self, name: str) -> IO[bytes] | None:
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            return None
        too_big = info.file_size > MAX_XLSX_PART_BYTES
        if too_big or self.total + info.file_size > MAX_XLSX_TOTAL_BYTES:
            raise _Refused("xlsx_too_big", limit_mb=MAX_XLSX_PART_BYTES // (1024 * 1024))
        self.total += info.file_size
        # zipfile stops at the declared size and checks the CRC: the declared size holds.
        return self.zf.open(info)


def _feed(parser: Any, f: IO[bytes], stop: Callable[[], bool] | None) -> Iterator[None]:
    """Feed the part to `parser` a block at a time, yielding after each block."""
    for block in iter(lambda: f.read(BLOCK), b""):
        parser.Parse(block, False)
        yield None
        if stop is not None and stop():
            return
    parser.Parse(b"", True)
    yield None


def _parse_all(parser: Any, f: IO[bytes] | None, stop: Callable[[], bool] | None) -> None:
    if f is None:
        return
    with f:
        for _ in _feed(parser, f, stop):
            pass


# ------------------------------------------------------------------ the workbook's parts


def _first_sheet(budget: _Budget) -> tuple[str, bool]:
    """The path of the first sheet and whether dates count from 1904."""
    sheet_rid: list[str] = []
    date1904 = [False]

    def wb_start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "sheet" and not sheet_rid:
            rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            sheet_rid.append(rid)
        elif tag == "workbookPr" and attrs.get("date1904") in ("1", "true"):
            date1904[0] = True

    p = _parser()
    p.StartElementHandler = wb_start
    _parse_all(p, budget.open("xl/workbook.xml"), None)
    targets: dict[str, str] = {}

    def rel_start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "Relationship":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    p = _parser()
    p.StartElementHandler = rel_start
    _parse_all(p, budget.open("xl/_rels/workbook.xml.rels"), None)
    target = targets.get(sheet_rid[0], "") if sheet_rid else ""
    if not target:
        target = "worksheets/sheet1.xml"
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return path, date1904[0]


def _date_styles(budget: _Budget) -> set[int]:
    """Indexes of the cell styles that show a number as a date."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    custom: dict[int, str] = {}
    xfs: list[int] = []
    where: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif tag == "cellXfs":
            where.append("xfs")
        elif tag == "xf" and where:
            try:
                xfs.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                xfs.append(0)
            if len(xfs) > 100_000:
                raise _Refused("xlsx_too_big", limit_mb=MAX_XLSX_PART_BYTES // (1024 * 1024))

    def end(name: str) -> None:
        if _local(name) == "cellXfs" and where:
            where.pop()

    p = _parser()
    p.StartElementHandler = start
    p.EndElementHandler = end
    _parse_all(p, budget.open("xl/styles.xml"), None)
    out = set()
    for index, fmt_id in enumerate(xfs):
        code = custom.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, "General"))
        if is_date_format(code):
            out.add(index)
    return out


class SharedStrings:
    """The workbook's texts packed as UTF-8 in one buffer: a million rows of names cost
    their bytes, not a Python object each."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.ends = array("I")  # the part is capped far below 4 GB

    def add(self, text: str) -> None:
        if len(self.ends) >= MAX_SHARED_STRINGS:
            raise _Refused("xlsx_too_big", limit_mb=MAX_XLSX_PART_BYTES // (1024 * 1024))
        self.blob += text[:CELL_CAP].encode("utf-8")
        self.ends.append(len(self.blob))

    def get(self, index: int) -> str | None:
        if not 0 <= index < len(self.ends):
            return None
        start = self.ends[index - 1] if index else 0
        return self.blob[start : self.ends[index]].decode("utf-8")


def _shared_strings(budget: _Budget, stop: Callable[[], bool] | None) -> SharedStrings:
    strings = SharedStrings()
    parts: list[str] = []
    size = [0]
    state = {"si": False, "t": False, "skip": 0}

    def start(name: str, _attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "si":
            state["si"], parts[:], size[0] = True, [], 0
        elif tag in ("rPh", "phoneticPr"):
            state["skip"] += 1  # phonetic guides are not part of the text
        elif tag == "t" and state["si"] and not state["skip"]:
            state["t"] = True

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "t":
            state["t"] = False
        elif tag in ("rPh", "phoneticPr"):
            state["skip"] -= 1
        elif tag == "si":
            state["si"] = False
            strings.add("".join(parts))

    def chars(data: str) -> None:
        if state["t"] and size[0] < CELL_CAP:
            parts.append(data[: CELL_CAP - size[0]])
            size[0] += len(parts[-1])

    p = _parser()
    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, chars
    _parse_all(p, budget.open("xl/sharedStrings.xml"), stop)
    return strings


# ------------------------------------------------------------------ the sheet


def _column(ref: str) -> int | None:
    m = _CELL_REF.match(ref)
    if not m:
        return None
    n = 0
    for ch in m.group(1):
        n = n * 26 + ord(ch) - 64
    return n - 1


class _Sheet:
    """expat handlers that turn `<row>` and `<c>` elements into rows of values."""

    def __init__(self, strings: SharedStrings, dates: set[int], epoch: datetime) -> None:
        self.strings, self.dates, self.epoch = strings, dates, epoch
        self.done: list[Row] = []
        self.row_number = 0
        self.cells: dict[int, Any] = {}
        self.col = -1
        self.cell: dict[str, str] = {}
        self.text: list[str] = []
        self.text_size = 0
        self.in_text = False
        self.in_row = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "row":
            r = attrs.get("r", "")
            self.row_number = int(r) if r.isdigit() else self.row_number + 1
            self.cells, self.col, self.in_row = {}, -1, True
        elif tag == "c" and self.in_row:
            col = _column(attrs.get("r", ""))
            self.col = self.col + 1 if col is None else col
            self.cell = attrs
            self.text, self.text_size = [], 0
        elif tag in ("v", "t"):
            self.in_text = True

    def chars(self, data: str) -> None:
        if self.in_text and self.text_size < CELL_CAP:
            self.text.append(data[: CELL_CAP - self.text_size])
            self.text_size += len(self.text[-1])

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag in ("v", "t"):
            self.in_text = False
        elif tag == "c" and self.in_row:
            if 0 <= self.col < MAX_COLUMNS:
                value = self._value("".join(self.text))
                if value is not None:
                    self.cells[self.col] = value
        elif tag == "row" and self.in_row:
            self.in_row = False
            width = max(self.cells) + 1 if self.cells else 0
            self.done.append(Row(self.row_number, [self.cells.get(i) for i in range(width)]))

    def _value(self, raw: str) -> Any:
        kind = self.cell.get("t", "n")
        if kind == "s":
            return self.strings.get(int(raw)) if raw.strip().isdigit() else None
        if kind in ("inlineStr", "str", "e"):
            return raw
        if kind == "b":
            return raw.strip() == "1"
        if raw == "":
            return None
        if kind == "d":
            try:
                return datetime.fromisoformat(raw.strip())
            except ValueError:
                return raw
        try:
            number: int | float = int(raw) if _INT.match(raw.strip()) else float(raw)
        except ValueError:
            return raw
        style = self.cell.get("s", "0")
        if style.isdigit() and int(style) in self.dates:
            from openpyxl.utils.datetime import from_excel

            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError):
                return number
        return number


def read_xlsx(f: IO[bytes], stop: Callable[[], bool] | None = None) -> Iterator[Row]:
    """The first sheet's rows, header first; blank rows are not stored in XLSX and not
    yielded. Raises SigapError for a file that breaks a cap or is not a spreadsheet."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    try:
        with zipfile.ZipFile(f) as zf:
            budget = _Budget(zf)
            sheet_path, date1904 = _first_sheet(budget)
            dates = _date_styles(budget)
            strings = _shared_strings(budget, stop)
            epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
            sheet = _Sheet(strings, dates, epoch)
            part = budget.open(sheet_path)
            if part is None:
                raise _Refused("xlsx_no_sheet")
            p = _parser()
            p.StartElementHandler, p.EndElementHandler = sheet.start, sheet.end
            p.CharacterDataHandler = sheet.chars
            count = 0
            with part:
                for _ in _feed(p, part, stop):
                    for row in sheet.done:
                        count += 1
                        if count > MAX_ROWS + 1:
                            raise _Refused("too_many_rows", limit=MAX_ROWS)
                        yield row
                    sheet.done.clear()
    except _Refused as exc:
        raise SigapError(exc.code, **exc.params) from None
    except expat.ExpatError as exc:
        reason = f"XML: {expat.ErrorString(exc.code)}"
        raise SigapError("file_unreadable", reason=reason) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise SigapError("file_unreadable", reason=type(exc).__name__) from None
