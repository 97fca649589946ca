"""Importing an enrolment list into an event, or a sponsor scheme's eligibility list.

Every row goes through the same validation as the desk form. Enrolment rows are written in
chunks, one transaction per chunk, each row whole or not at all; eligibility lists in one
transaction. A NIK already on this device, or already accepted from an earlier row of the
file, is reported and not saved again (a row that was rejected does not count: its
corrected repeat further down is read as new), so importing a file twice saves nothing new.

Whatever happens after the header row (the file breaks a cap half-way, the disk fills up,
the officer cancels), the import ends with a report of exactly what was saved and an audit
entry with the file's SHA-256 (the evidence of the list the partner handed over)."""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from models import audit
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import Error as DbError
from models.db import storage_problem, write_transaction
from models.enrolments import CheckedEnrolment, SchemeLedger, validate, write_enrolments
from models.errors import ERROR, Problem, SigapError
from models.events import require_event
from models.imports.cells import (
    ELIGIBILITY_COLUMNS,
    ENROLMENT_COLUMNS,
    ENROLMENT_REQUIRED,
    blank,
    cell_text,
    cut_long_cells,
    digits_cell,
    map_headers,
    mapped_cells,
    report_errors,
    row_to_input,
)
from models.imports.limits import MAX_COLUMNS, MAX_ROWS
from models.imports.reading import (
    Notes,
    Row,
    check_path,
    digest_and_lines,
    open_regular,
    read_csv,
)
from models.imports.report import ImportReport, Sink
from models.imports.xlsx import read_xlsx
from models.member_numbers import member_reference
from models.messages import text
from models.nik import parse_nik
from models.officers import require_officer
from models.reference import ReferenceData
from models.validation import clean_name

CHUNK = 1000
IMPORT_CACHE_KIB = 16 * 1024
Stop = Callable[[], bool]

# What may end an import after its header row: the file (a cap, a broken spreadsheet), the
# disk or the database. Rows saved before it stay saved and are reported.
_STOPPING = (SigapError, DbError, OSError, ValueError, csv.Error)


class ListFile:
    """A partner's file being read: checked (a regular file, within the caps), its SHA-256
    taken, then its rows by canonical column."""

    def __init__(self, path: Path, stop: Stop | None = None) -> None:
        self.path = path
        self.suffix = check_path(path)
        self.notes = Notes()
        self.stop = stop
        self.sha256, lines = digest_and_lines(path, stop)
        if self.suffix != ".xlsx" and lines > MAX_ROWS + 1:
            raise SigapError("too_many_rows", limit=MAX_ROWS)
        self.last_row = 0
        self._stack = ExitStack()

    def close(self) -> None:
        self._stack.close()

    def _rows(self) -> Iterator[Row]:
        f = self._stack.enter_context(open_regular(self.path))
        if self.suffix == ".xlsx":
            return read_xlsx(f, self.stop)
        return read_csv(f, self.notes)

    def rows(
        self, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
    ) -> Iterator[tuple[Row, dict[str, Any]]]:
        """Raises SigapError before the first row when the header lacks a column; yields
        (row, cells by column) for each row that is not blank."""
        rows = self._rows()
        try:
            header = next(rows, None)
        except _STOPPING as exc:
            raise _as_sigap(exc) from None
        if header is None:
            raise SigapError("columns_missing", columns=", ".join(required))
        if any(not blank(c) for c in header.cells[MAX_COLUMNS:]):
            raise SigapError("too_many_columns", limit=MAX_COLUMNS)
        positions = map_headers(header.cells[:MAX_COLUMNS], columns)
        missing = [c for c in required if c not in positions]
        if missing:
            raise SigapError("columns_missing", columns=", ".join(missing))
        return self._body(rows, positions)

    def _body(
        self, rows: Iterator[Row], positions: dict[str, int]
    ) -> Iterator[tuple[Row, dict[str, Any]]]:
        for row in rows:
            self.last_row = row.number
            if row.problem is None and all(blank(c) for c in row.cells):
                continue
            yield row, mapped_cells(row.cells, positions)


def _header_checked(
    source: ListFile, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> Iterator[tuple[Row, dict[str, Any]]]:
    """The file's rows once its header is read; a file refused there is closed, and nothing
    is saved or audited (nothing was imported)."""
    try:
        return source.rows(columns, required)
    except BaseException:
        source.close()
        raise


def _as_sigap(exc: BaseException) -> SigapError:
    if isinstance(exc, SigapError):
        return exc
    if isinstance(exc, DbError):
        return storage_problem(exc)
    if isinstance(exc, OSError):
        return SigapError("file_problem", reason=exc.strerror or type(exc).__name__)
    return SigapError("file_unreadable", reason=type(exc).__name__)


def _stopped(exc: BaseException, row: int, lang: str) -> dict[str, Any]:
    error = _as_sigap(exc)
    return {"row": row, "code": error.code, "message": error.message(lang)}


def _row_problem(row: Row, lang: str) -> dict[str, Any]:
    code = row.problem or ""
    return {"row": row.number, "errors": [{"field": "", "code": code, "message": text(code, lang)}]}


def _dup_in_file(number: int, first_row: int, lang: str) -> dict[str, Any]:
    return {
        "row": number,
        "code": "duplicate_in_file",
        "first_row": first_row,
        "message": Problem("nik", "duplicate_in_file", {"first_row": first_row}).message(lang),
    }


def _dup_device(number: int, existing: tuple[str, str | None], lang: str) -> dict[str, Any]:
    """The enrolment already here, by id for scripts; by its member number for the officer."""
    enrolment_id, member_number = existing
    params = {"member_number": member_reference(member_number, enrolment_id)}
    return {
        "row": number,
        "code": "duplicate_in_device",
        "enrolment_id": enrolment_id,
        "message": Problem("nik", "duplicate_in_device", params).message(lang),
    }


def _existing(db: Database, sql: str, niks: list[str], *params: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for start in range(0, len(niks), 500):
        chunk = niks[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for nik, *values in db.execute(sql.format(marks=marks), [*params, *chunk]).fetchall():
            out[nik] = values[0] if len(values) == 1 else tuple(values)
    return out


class _Accepted:
    """NIK → the row of the file that first had it, for the rows accepted so far (a rejected
    row does not count). Rows of saved chunks sit in a table of the connection's temporary
    database, which stays in memory (temp_store=MEMORY: never a file) at a quarter of a
    dictionary's cost, so a million rows keep the import's memory flat. Written only inside
    a chunk's write transaction: rolled back with it."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.pending: dict[str, int] = {}
        db.execute("DROP TABLE IF EXISTS temp.import_accepted")
        db.execute(
            "CREATE TEMP TABLE import_accepted (nik TEXT PRIMARY KEY, row INTEGER NOT NULL) "
            "WITHOUT ROWID"
        )

    def first_row(self, nik: str) -> int | None:
        if nik in self.pending:
            return self.pending[nik]
        found = self.db.execute(
            "SELECT row FROM temp.import_accepted WHERE nik = ?", [nik]
        ).fetchone()
        return None if found is None else int(found[0])

    def add(self, nik: str, row: int) -> None:
        self.pending[nik] = row

    def drop(self, nik: str) -> None:
        self.pending.pop(nik, None)

    def save(self) -> None:
        """Inside the chunk's write transaction."""
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO temp.import_accepted (nik, row) VALUES (?, ?)",
            list(self.pending.items()),
        )
        self.pending.clear()

    def close(self) -> None:
        self.pending.clear()
        self.db.execute("DROP TABLE IF EXISTS temp.import_accepted")


@contextlib.contextmanager
def _import_cache(db: Database) -> Iterator[None]:
    """A smaller page cache while a list is imported: the import reads little twice, and a
    desk's 64 MiB cache filled by a million written rows would be memory held for nothing."""
    before = int(db.execute("PRAGMA cache_size").fetchone()[0])
    db.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB * -1}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {before}")


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
    *,
    stop: Stop | None = None,
    sink: Sink | None = None,
) -> ImportReport:
    """Import an enrolment list into an event. `progress(rows_read)` is called after each
    chunk written; returning False cancels. `stop()` is asked before every row (the window's
    Cancel, answered within a second); True cancels. Either way the rows read so far are
    saved or reported, and nothing after them is read. `sink` receives every report entry
    (the report itself lists the first ones)."""
    officer = require_officer(db, officer_id)
    event = require_event(db, event_id)
    now = clock()
    today = now.date()
    report = ImportReport(sink=sink)
    source = ListFile(path, stop)
    scheme = ref.schemes.get(event.scheme_code or "")
    pending: list[tuple[int, CheckedEnrolment]] = []

    def flush() -> None:
        # NIKs on the desk and the scheme's quota and budget are counted inside the write
        # lock, chunk by chunk: another import or desk saving meanwhile is seen, so two
        # imports at once never overspend a scheme.
        keep: list[CheckedEnrolment] = []
        with write_transaction(db):
            existing = _existing(
                db, "SELECT nik, id, member_number FROM enrolments WHERE nik IN ({marks})",
                [c.nik.nik for _, c in pending],
            )  # fmt: skip
            ledger = SchemeLedger(db, scheme) if scheme is not None else None
            for number, checked in pending:
                if checked.nik.nik in existing:
                    report.add_duplicate(_dup_device(number, existing[checked.nik.nik], lang))
                    continue
                if ledger is not None:
                    problems = ledger.check(checked)
                    if problems:
                        accepted.drop(checked.nik.nik)
                        entry = {"row": number, "errors": report_errors(problems, lang)}
                        report.add_rejected(entry)
                        continue
                    ledger.take(checked)
                keep.append(checked)
            pending.clear()
            accepted.save()
            if keep:
                write_enrolments(db, keep, officer.id, now, source="import")
        report.imported += len(keep)

    rows = _header_checked(source, ENROLMENT_COLUMNS, ENROLMENT_REQUIRED)
    accepted = _Accepted(db)
    restore_cache = contextlib.ExitStack()
    restore_cache.enter_context(_import_cache(db))
    try:
        try:
            for row, cells in rows:
                if stop is not None and stop():
                    report.cancelled = True
                    break
                report.rows += 1
                if row.problem is not None:
                    report.add_rejected(_row_problem(row, lang))
                    continue
                problems = cut_long_cells(cells)
                inp, more = row_to_input(cells)
                problems += more
                # A partner's list pays nothing at the desk: only a sponsor pays at import.
                inp.pay = event.scheme_code is not None
                unreadable = frozenset(p.field for p in problems)
                checked, more = validate(inp, event, ref, today)
                problems += [p for p in more if p.severity == "error"]
                nik = checked.nik.nik if checked else inp.nik
                first = accepted.first_row(nik) if nik else None
                if first is not None:
                    report.add_duplicate(_dup_in_file(row.number, first, lang))
                    continue
                if problems or checked is None:
                    entry = {"row": row.number, "errors": report_errors(problems, lang, unreadable)}
                    report.add_rejected(entry)
                    continue
                accepted.add(nik, row.number)
                pending.append((row.number, checked))
                if len(pending) >= CHUNK:
                    flush()
                    if progress is not None and progress(report.rows) is False:
                        report.cancelled = True
                        break
        except _STOPPING as exc:
            report.stopped = _stopped(exc, source.last_row, lang)
            if isinstance(exc, DbError):
                pending.clear()  # the chunk being written is not saved
        if pending:
            try:
                flush()
            except DbError as exc:
                report.stopped = _stopped(exc, source.last_row, lang)
    finally:
        source.close()
        accepted.close()
        restore_cache.close()
        report.notes = source.notes.as_list(lang)
        _audit_import(db, officer.id, rfc3339(now), "enrolments", source.sha256, event.id, report)
    return report


def _audit_import(
    db: Database,
    officer_id: str,
    at: str,
    kind: str,
    sha256: str,
    target: str,
    report: ImportReport,
) -> None:
    detail: dict[str, Any] = {
        "file_sha256": sha256,
        "rows": report.rows,
        "imported": report.imported,
        "duplicates": report.duplicate_count,
        "rejected": report.rejected_count,
    }
    if report.cancelled:
        detail["cancelled"] = True
    if report.stopped is not None:
        detail["stopped"] = {"row": report.stopped["row"], "code": report.stopped["code"]}
    with write_transaction(db):
        audit.log(db, at, officer_id, "import", kind, target, detail)


# ------------------------------------------------------------------ eligibility lists


def import_eligibility(
    db: Database,
    ref: ReferenceData,
    path: Path,
    scheme_code: str,
    officer_id: str,
    lang: str = "id",
    clock: Clock = system_clock,
    *,
    stop: Stop | None = None,
    sink: Sink | None = None,
) -> ImportReport:
    """A sponsor scheme's list of people verified as eligible (for example from DTSEN),
    saved in one transaction: all of it, or (when the file stops half-way) none of it."""
    officer = require_officer(db, officer_id)
    if scheme_code not in ref.schemes:
        raise SigapError("scheme_unknown")
    now = clock()
    at = rfc3339(now)
    report = ImportReport(sink=sink)
    source = ListFile(path, stop)
    pending: list[tuple[int, str, str | None]] = []

    def flush() -> None:
        on_list = _existing(
            db, "SELECT nik, 1 FROM eligibility WHERE scheme_code = ? AND nik IN ({marks})",
            [nik for _, nik, _ in pending], scheme_code,
        )  # fmt: skip
        keep = []
        for number, nik, name in pending:
            if nik in on_list:
                report.add_duplicate(
                    {
                        "row": number,
                        "code": "eligibility_duplicate",
                        "message": Problem("nik", "eligibility_duplicate").message(lang),
                    }
                )
                continue
            keep.append((scheme_code, nik, name, at, officer.id))
        pending.clear()
        accepted.save()
        db.conn.executemany(
            "INSERT INTO eligibility (scheme_code, nik, full_name, imported_at, officer_id) "
            "VALUES (?, ?, ?, ?, ?)",
            keep,
        )
        report.imported += len(keep)

    rows = _header_checked(source, ELIGIBILITY_COLUMNS, ("nik",))
    accepted = _Accepted(db)
    restore_cache = contextlib.ExitStack()
    restore_cache.enter_context(_import_cache(db))
    try:
        try:
            with write_transaction(db):
                for row, cells in rows:
                    if stop is not None and stop():
                        raise _Cancelled
                    report.rows += 1
                    if row.problem is not None:
                        report.add_rejected(_row_problem(row, lang))
                        continue
                    problems = cut_long_cells(cells)
                    raw_nik, more = digits_cell(cells.get("nik"), "nik")
                    problems += more
                    info = None
                    if not problems:
                        info, problems = parse_nik(raw_nik, ref.regions, now.date())
                        # warnings (a retired district) do not refuse a row
                        problems = [p for p in problems if p.severity == ERROR]
                    name, more = clean_name(
                        cell_text(cells.get("full_name")), "full_name", required=False
                    )
                    problems += more
                    first = accepted.first_row(info.nik) if info is not None else None
                    if first is not None:
                        report.add_duplicate(_dup_in_file(row.number, first, lang))
                        continue
                    if problems or info is None:
                        report.add_rejected(
                            {"row": row.number, "errors": report_errors(problems, lang)}
                        )
                        continue
                    accepted.add(info.nik, row.number)
                    pending.append((row.number, info.nik, name or None))
                    if len(pending) >= CHUNK:
                        flush()
                if pending:
                    flush()
        except _Cancelled:
            report.cancelled = True
            report.imported = 0
        except _STOPPING as exc:
            # One transaction: nothing of the list is saved.
            report.stopped = _stopped(exc, source.last_row, lang)
            report.imported = 0
    finally:
        source.close()
        accepted.close()
        restore_cache.close()
        report.notes = source.notes.as_list(lang)
        _audit_import(db, officer.id, at, "eligibility", source.sha256, scheme_code, report)
    return report


class _Cancelled(Exception):
    """The officer cancelled an eligibility import: its transaction is rolled back."""
