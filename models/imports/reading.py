"""Reading a partner's file row by row, in bounded memory: CSV (UTF-8, Windows-1252 or
Excel's UTF-16 "Unicode Text", `,` `;` or tab) here, XLSX in `models.imports.xlsx`.

Only a regular file is read (a FIFO or a device such as /dev/zero is refused before a byte
is read). Each CSV line is one row: a line is decoded on its own (UTF-8, else Windows-1252,
and the report says which lines were read that way when the rest of the file is UTF-8), and
parsed on its own, so a quote left open or a line too long is one rejected row and never
swallows the rows after it."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

from models.errors import SigapError
from models.imports.limits import MAX_FILE_BYTES, MAX_LINE_BYTES, MAX_ROWS
from models.messages import text

SUFFIXES = (".csv", ".txt", ".xlsx")
NOTED_LINES = 20  # line numbers a note lists; the count is exact

# Row problems found while reading, before any cell is looked at.
ROW_TOO_LONG = "row_too_long"
QUOTE_UNCLOSED = "quote_unclosed"


class Row(NamedTuple):
    number: int  # the row's number in the file (its line in a CSV), the header is 1
    cells: list[Any]
    problem: str | None = None  # ROW_TOO_LONG, QUOTE_UNCLOSED: the row could not be read


@dataclass
class Notes:
    """What the reader had to decide about the file, for the report."""

    cp1252_lines: list[int] = field(default_factory=list)
    cp1252_count: int = 0
    utf8_seen: bool = False  # a line with non-ASCII text read as UTF-8

    def as_list(self, lang: str) -> list[dict[str, Any]]:
        """Notes for the report: lines read as Windows-1252 in a file otherwise UTF-8 (a
        file all in Windows-1252 is ordinary and needs no note)."""
        if not (self.cp1252_count and self.utf8_seen):
            return []
        lines = ", ".join(str(n) for n in self.cp1252_lines)
        if self.cp1252_count > len(self.cp1252_lines):
            lines += ", …"
        return [
            {
                "code": "mixed_encoding",
                "lines": list(self.cp1252_lines),
                "count": self.cp1252_count,
                "message": text("mixed_encoding", lang, lines=lines),
            }
        ]


def open_regular(path: Path) -> IO[bytes]:
    """The file opened for reading, if it is a regular file within the size cap. A FIFO is
    opened without waiting for a writer, then refused like any device."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise SigapError("file_not_found", path=path.name) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SigapError("file_not_regular", path=path.name)
        if st.st_size > MAX_FILE_BYTES:
            raise SigapError("file_too_big", limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def check_path(path: Path) -> str:
    """The file's kind (its suffix) once it is known to be a readable regular file."""
    suffix = path.suffix.lower()
    if not path.exists() and not path.is_symlink():
        raise SigapError("file_not_found", path=path.name)
    if suffix not in SUFFIXES:
        raise SigapError("file_type")
    open_regular(path).close()
    return suffix


def digest_and_lines(path: Path, stop: Callable[[], bool] | None = None) -> tuple[str, int]:
    """The file's SHA-256 (the import's evidence of what the partner handed over) and its
    number of line breaks, in one read."""
    h = hashlib.sha256()
    lines = 0
    with open_regular(path) as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
            lines += block.count(b"\n")
            if stop is not None and stop():
                break
    return h.hexdigest(), lines


# ------------------------------------------------------------------ CSV


def _skip_rest_of_line(f: IO[Any]) -> None:
    """Read on to the end of an over-long line, a block at a time."""
    while True:
        chunk = f.readline(MAX_LINE_BYTES)
        if not chunk or chunk[-1:] in ("\n", b"\n"):
            return


def _byte_lines(f: IO[bytes], notes: Notes) -> Iterator[tuple[str | None, bool]]:
    """Each line decoded on its own: UTF-8, else Windows-1252 (True). None: a line too long."""
    for raw in iter(lambda: f.readline(MAX_LINE_BYTES + 1), b""):
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            _skip_rest_of_line(f)
            yield None, False
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield raw.decode("cp1252", errors="replace"), True
            continue
        if not notes.utf8_seen and not raw.isascii():
            notes.utf8_seen = True
        yield line, False


def _text_lines(f: IO[str]) -> Iterator[tuple[str | None, bool]]:
    for line in iter(lambda: f.readline(MAX_LINE_BYTES + 1), ""):
        if len(line) > MAX_LINE_BYTES and not line.endswith("\n"):
            _skip_rest_of_line(f)
            yield None, False
            continue
        yield line, False


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts.values())
    return "," if best == 0 or counts[","] == best else max(counts, key=lambda d: counts[d])


def _parse_line(line: str, delimiter: str) -> tuple[list[str], str | None]:
    try:
        return next(csv.reader((line,), delimiter=delimiter, strict=True), []), None
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return [], QUOTE_UNCLOSED
    # A quote inside a quoted cell's text (`"Jl. "Mawar""`): read as spreadsheets do.
    return next(csv.reader((line,), delimiter=delimiter), []), None


def read_csv(f: IO[bytes], notes: Notes) -> Iterator[Row]:
    head = f.read(4)
    lines: Iterator[tuple[str | None, bool]]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode Text": UTF-16 with a byte-order mark, tab between cells.
        f.seek(0)
        text = io.TextIOWrapper(f, encoding="utf-16", errors="strict", newline="")
        lines = _text_lines(text)
    else:
        f.seek(3 if head.startswith(codecs.BOM_UTF8) else 0)
        lines = _byte_lines(f, notes)
    delimiter = ","
    for number, (line, cp1252) in enumerate(lines, start=1):
        if cp1252:
            notes.cp1252_count += 1
            if len(notes.cp1252_lines) < NOTED_LINES:
                notes.cp1252_lines.append(number)
        if number > MAX_ROWS + 1:
            raise SigapError("too_many_rows", limit=MAX_ROWS)
        if line is None:
            yield Row(number, [], ROW_TOO_LONG)
            continue
        line = line.rstrip("\r\n")
        if number == 1:
            delimiter = _delimiter(line)
        cells, problem = _parse_line(line, delimiter)
        yield Row(number, cells, problem)
