"""An import's report: exact counts, the first entries of each kind in the report itself,
and every entry, row by row, handed to a sink (the command line's `--report FILE`, the
window's saved report) so a million bad rows never sit in memory or on the screen."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from models.imports.limits import REPORT_LIMIT

#: (kind, entry): kind "duplicate" or "rejected", entry as listed in the report.
Sink = Callable[[str, dict[str, Any]], None]

REPORT_COLUMNS = ("row", "kind", "field", "code", "message")  # the report's keys (JSON)

# The report file's header and kinds in the interface's language (the codes stay codes: a
# branch's script or HQ's help desk looks them up in docs/import-format.md).
REPORT_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("Baris", "Jenis", "Kolom", "Kode", "Keterangan"),
    "en": ("Row", "Kind", "Column", "Code", "Message"),
}
KIND_WORDS: dict[str, tuple[str, str]] = {
    "duplicate": ("duplikat", "duplicate"),
    "rejected": ("ditolak", "rejected"),
}


def report_header(lang: str = "id") -> tuple[str, ...]:
    return REPORT_HEADERS["en" if lang == "en" else "id"]


def kind_word(kind: str, lang: str = "id") -> str:
    """`duplicate` / `rejected` as the report file and the import dialog say them."""
    pair = KIND_WORDS.get(kind)
    return kind if pair is None else pair[1] if lang == "en" else pair[0]


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    rows: int = 0
    cancelled: bool = False
    duplicate_count: int = 0
    rejected_count: int = 0
    #: what the reader had to decide about the file (lines read as Windows-1252)
    notes: list[dict[str, Any]] = field(default_factory=list)
    #: why the import stopped before the end of the file, after saving `imported` rows:
    #: {"row": last row read, "code": ..., "message": ...}
    stopped: dict[str, Any] | None = None
    sink: Sink | None = field(default=None, repr=False, compare=False)
    limit: int = field(default=REPORT_LIMIT, repr=False, compare=False)

    def add_duplicate(self, entry: dict[str, Any]) -> None:
        self.duplicate_count += 1
        if len(self.duplicates) < self.limit:
            self.duplicates.append(entry)
        if self.sink is not None:
            self.sink("duplicate", entry)

    def add_rejected(self, entry: dict[str, Any]) -> None:
        self.rejected_count += 1
        if len(self.rejected) < self.limit:
            self.rejected.append(entry)
        if self.sink is not None:
            self.sink("rejected", entry)

    @property
    def truncated(self) -> bool:
        return self.duplicate_count > len(self.duplicates) or self.rejected_count > len(
            self.rejected
        )

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
        }
        if self.truncated:
            out["duplicates_total"] = self.duplicate_count
            out["rejected_total"] = self.rejected_count
            out["listed"] = self.limit
        if self.notes:
            out["notes"] = self.notes
        if self.cancelled:
            out["cancelled"] = True
        if self.stopped is not None:
            out["stopped"] = self.stopped
        return out


def entry_lines(kind: str, entry: dict[str, Any]) -> Iterator[tuple[int, str, str, str, str]]:
    """One report entry as (row, kind, field, code, message) lines: a duplicate is one line,
    a rejected row one line per error."""
    if kind == "duplicate":
        yield int(entry["row"]), kind, "nik", str(entry["code"]), str(entry["message"])
        return
    for e in entry["errors"] or [dict.fromkeys(("field", "code", "message"), "")]:
        yield int(entry["row"]), kind, str(e["field"]), str(e["code"]), str(e["message"])


def csv_sink(f: TextIO, safe: Callable[[Any], Any] = lambda v: v, lang: str = "id") -> Sink:
    """A sink writing every entry to `f` as CSV lines, under the header in `lang` (first)."""
    writer = csv.writer(f)
    writer.writerow(report_header(lang))

    def write(kind: str, entry: dict[str, Any]) -> None:
        for row, k, fld, code, message in entry_lines(kind, entry):
            writer.writerow([row, kind_word(k, lang), fld, code, safe(message)])

    return write
