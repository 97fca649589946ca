"""Partner files that are broken, mixed up or hostile (issue 14 items 12, 13 and 15): every
row is accounted for, the import's audit entry is written whatever happens after the header,
encodings are read line by line, and caps hold whatever the file declares about itself.
Every person here is invented; every file is built inside the test."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import signal
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.database import Database
from models.errors import SigapError
from models.events import Event
from models.imports import import_eligibility, import_enrolments
from models.reference import ReferenceData
from tests.models.helpers_import import (
    COLUMNS,
    LANG,
    MADIUN,
    OFFICER,
    clock,
    make_event,
    make_nik,
    open_desk,
    person,
    write_csv,
    write_xlsx,
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_desk(tmp_path / "data")
    yield database
    database.close()


@pytest.fixture
def event(db: Database, ref: ReferenceData) -> Event:
    return make_event(db, ref)


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail instead of hanging when the code under test blocks or loops (today's code
    waits for a FIFO's writer for ever, and reads /dev/zero to the end of time)."""

    def expired(_signum: int, _frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_import(db: Database, ref: ReferenceData, path: Path, event_id: str, **kw: Any) -> Any:
    return import_enrolments(db, ref, path, event_id, OFFICER, lang=LANG, clock=clock, **kw)


def people(n: int, start: int = 1, **more: Any) -> list[dict[str, Any]]:
    born = date(1990, 8, 17)
    return [
        person(make_nik(MADIUN, born, False, s), "Bambang Pamungkas", "17/08/1990", "L", **more)
        for s in range(start, start + n)
    ]


def count(db: Database, table: str = "enrolments") -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def import_audits(db: Database) -> list[dict[str, Any]]:
    rows = db.execute("SELECT detail FROM audit WHERE action = 'import' ORDER BY rowid").fetchall()
    return [json.loads(r[0]) for r in rows]


def accounted(report: Any) -> set[int]:
    return {e["row"] for e in report.duplicates} | {e["row"] for e in report.rejected}


# ------------------------------------------------------------------ item 12: every row told


def test_a_200kb_cell_after_2000_good_rows_is_one_rejected_row_with_the_audit_entry(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    rows = people(2000) + [people(1, 2001, street="x" * 200_000)[0]] + people(5, 2002)
    path = tmp_path / "daftar.csv"
    data = write_csv(path, COLUMNS, COLUMNS, rows)

    report = run_import(db, ref, path, event.id)

    assert report.stopped is None
    assert report.imported == 2005 == count(db)
    assert [e["row"] for e in report.rejected] == [2002]
    assert report.rejected[0]["errors"][0]["code"] == "row_too_long"
    audits = import_audits(db)
    assert len(audits) == 1
    assert audits[0]["file_sha256"] == hashlib.sha256(data).hexdigest()
    assert audits[0]["imported"] == 2005 and audits[0]["rejected"] == 1


def broken_xlsx(path: Path, good: int) -> None:
    """A spreadsheet whose sheet ends in the middle of a row after `good` good rows."""
    write_xlsx(path, COLUMNS, COLUMNS, people(good))
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    cut = sheet.index(f'<row r="{good + 1}"'.encode()) + 200
    parts["xl/worksheets/sheet1.xml"] = sheet[:cut]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)


def test_a_file_failing_halfway_reports_what_was_saved_and_is_audited(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    path = tmp_path / "rusak.xlsx"
    broken_xlsx(path, 2500)

    report = run_import(db, ref, path, event.id)

    assert report.stopped is not None
    assert report.stopped["code"] == "file_unreadable"
    assert report.stopped["row"] >= 2001
    assert report.imported == count(db) > 0
    assert report.as_dict()["stopped"] == report.stopped
    audits = import_audits(db)
    assert len(audits) == 1
    assert audits[0]["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert audits[0]["imported"] == report.imported
    assert audits[0]["stopped"]["code"] == "file_unreadable"


def test_an_unbalanced_quote_rejects_its_own_row_and_no_row_vanishes(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    path = tmp_path / "kutip.csv"
    write_csv(path, COLUMNS, COLUMNS, people(8))
    lines = path.read_bytes().split(b"\r\n")
    lines[3] = lines[3].replace(b"Bambang Pamungkas", b'"Bambang Pamungkas')  # row 4
    lines[6] = lines[6].replace(b"Madiun", b'"Madiun "Kota"')  # row 7: a stray quote inside
    path.write_bytes(b"\r\n".join(lines))

    report = run_import(db, ref, path, event.id)

    assert [e["row"] for e in report.rejected][:1] == [4]
    assert report.rejected[0]["errors"][0]["code"] == "quote_unclosed"
    # Every row of the file is saved or listed: none vanished into another's cell.
    assert report.rows == 8
    assert report.imported + len(accounted(report)) == 8
    assert report.imported == count(db) == 7


def test_a_corrected_repeat_of_a_rejected_row_is_saved(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    wrong, *others = people(3)
    corrected = dict(wrong)
    wrong = {**wrong, "declared_income": "500000"}  # below the floor: rejected
    path = tmp_path / "ulang.csv"
    write_csv(path, COLUMNS, COLUMNS, [wrong, *others, corrected])

    report = run_import(db, ref, path, event.id)

    assert [e["row"] for e in report.rejected] == [2]
    assert report.duplicates == []
    assert report.imported == 3
    assert (
        db.execute("SELECT COUNT(*) FROM enrolments WHERE nik = ?", [corrected["nik"]]).fetchone()[
            0
        ]
        == 1
    )


# ------------------------------------------------------------------ item 13: encodings


def test_one_stray_windows_1252_byte_leaves_every_utf8_name_intact(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    rows = people(4)
    names = ["José Ramos-Horta Saragih", "Ñoman Çahyadi", "Zoë Wulandari", "André Sitompul"]
    for row, name in zip(rows, names, strict=True):
        row["full_name"] = name
    path = tmp_path / "campur.csv"
    data = write_csv(path, COLUMNS, COLUMNS, rows)
    stray = "André Sitompul".encode()
    data = data.replace(stray, "André Sitompul".encode("cp1252"))  # row 5, one stray byte
    path.write_bytes(data)

    report = run_import(db, ref, path, event.id)

    assert report.imported == 4
    saved = {r[0] for r in db.execute("SELECT full_name FROM enrolments").fetchall()}
    assert saved == set(names)
    notes = report.as_dict()["notes"]
    assert notes[0]["code"] == "mixed_encoding" and notes[0]["lines"] == [5]
    assert "5" in notes[0]["message"]


def test_excel_unicode_text_utf16_with_tabs_is_read(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    rows = people(3)
    rows[0]["full_name"] = "Dwi Ayu Ñandini"
    buf = io.StringIO()
    write_csv(tmp_path / "tmp.csv", COLUMNS, COLUMNS, rows, delimiter="\t")
    buf.write((tmp_path / "tmp.csv").read_text(encoding="utf-8"))
    path = tmp_path / "unicode-text.txt"
    path.write_bytes(buf.getvalue().encode("utf-16"))  # with its byte-order mark, as Excel

    report = run_import(db, ref, path, event.id)

    assert report.rejected == [] and report.imported == 3
    saved = {r[0] for r in db.execute("SELECT full_name FROM enrolments").fetchall()}
    assert "Dwi Ayu Ñandini" in saved


# ------------------------------------------------------------------ item 15: caps


def xlsx_with_sheet(path: Path, sheet_xml: bytes) -> None:
    """A minimal spreadsheet around the given sheet XML."""
    write_xlsx(path, COLUMNS, COLUMNS, [])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet_xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)


def _inline_row(number: int, cells: list[str]) -> str:
    out = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(cells)
    )
    return f'<row r="{number}">{out}</row>'


def test_a_declared_dimension_of_a_whole_sheet_is_ignored(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    row = people(1)[0]
    rows = [
        _inline_row(1, list(COLUMNS)),
        _inline_row(2, [str(row.get(c) or "") for c in COLUMNS]),
        # the last cell a sheet can hold, as a crafted file puts it
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    ]
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/><sheetData>' + "".join(rows) + "</sheetData></worksheet>"
    ).encode()
    path = tmp_path / "dimensi.xlsx"
    xlsx_with_sheet(path, sheet)

    started = time.monotonic()
    with within(20):
        report = run_import(db, ref, path, event.id)
    assert time.monotonic() - started < 5
    assert report.imported == 1 and report.rejected == []


def test_a_zip_bomb_stops_with_a_clear_message_in_little_memory(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    # 400 MB of one empty cell repeated, a few hundred KB packed.
    cell = b'<c r="A2"/>'
    path = tmp_path / "bom.xlsx"
    write_xlsx(path, COLUMNS, COLUMNS, [])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                zf.writestr(name, content)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<sheetData><row r="1">'
            )
            f.write(
                b"".join(_inline_row(1, list(COLUMNS)).encode() for _ in range(1))[
                    len('<row r="1">') : -len("</row>")
                ]
            )
            f.write(b'</row><row r="2">')
            block = cell * 100_000
            for _ in range(400_000_000 // len(block)):
                f.write(block)
            f.write(b"</row></sheetData></worksheet>")

    import models.imports.xlsx as xlsx

    tracemalloc.start()
    try:
        with within(120), pytest.raises(SigapError) as refused:
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(xlsx, "MAX_XLSX_PART_BYTES", 100 * 1024 * 1024)
                run_import(db, ref, path, event.id)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "xlsx_too_big"
    assert "MB" in refused.value.message("en")
    assert peak < 50 * 1024 * 1024
    assert count(db) == 0


def test_cells_and_columns_are_capped(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    rows = people(3)
    rows[1]["birth_place"] = "M" * 5_000
    path = tmp_path / "sel.csv"
    write_csv(path, COLUMNS, COLUMNS, rows)
    report = run_import(db, ref, path, event.id)
    assert report.imported == 2
    assert report.rejected[0]["row"] == 3
    assert [e["code"] for e in report.rejected[0]["errors"]] == ["cell_too_long"]

    wide = tmp_path / "lebar.csv"
    write_csv(wide, [*COLUMNS, *[f"x{i}" for i in range(300)]], COLUMNS, people(1, 10))
    with pytest.raises(SigapError) as too_wide:
        run_import(db, ref, wide, event.id)
    assert too_wide.value.code == "too_many_columns"


def test_a_file_over_the_row_cap_is_refused_before_anything_is_saved(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import models.imports.lists as lists

    monkeypatch.setattr(lists, "MAX_ROWS", 50)
    path = tmp_path / "panjang.csv"
    write_csv(path, COLUMNS, COLUMNS, people(60))
    with pytest.raises(SigapError) as refused:
        run_import(db, ref, path, event.id)
    assert refused.value.code == "too_many_rows"
    assert count(db) == 0


def test_many_bad_rows_keep_memory_flat_and_the_report_short_with_exact_counts(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    n = 12_000
    path = tmp_path / "buruk.csv"
    write_csv(path, COLUMNS, COLUMNS, people(n, declared_income="500000"))
    seen: list[int] = []

    tracemalloc.start()
    try:
        report = run_import(db, ref, path, event.id, sink=lambda kind, e: seen.append(e["row"]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert report.rejected_count == n and len(seen) == n
    assert len(report.rejected) == 1_000
    d = report.as_dict()
    assert d["rejected_total"] == n and d["listed"] == 1_000
    assert len(json.dumps(d)) < 1_000_000
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_a_fifo_or_a_device_given_as_a_file_is_refused(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipa.csv"
    os.mkfifo(fifo)
    zero = tmp_path / "nol.csv"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        with within(10), pytest.raises(SigapError) as refused:
            run_import(db, ref, path, event.id)
        assert refused.value.code == "file_not_regular"
    with within(10), pytest.raises(SigapError):
        import_eligibility(db, ref, fifo, "KOWANTARA-WARTEG", OFFICER, lang=LANG, clock=clock)
    assert count(db) == 0
