"""Exports of an event's enrolments as CSV and XLSX: the columns, one row per enrolment,
cells a spreadsheet would run as formulas made safe, and an audit row for each export.
Every person here is made up."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models import audit
from models.database import Database
from models.enrolments import EnrolmentInput, HeirInput, enrol
from models.errors import SigapError
from models.events import Event
from models.exports import COLUMNS, export_event
from models.imports import import_enrolments
from models.reference import ReferenceData
from tests.models.helpers_import import (
    COLUMNS as IMPORT_COLUMNS,
)
from tests.models.helpers_import import (
    LANG,
    MADIUN,
    OFFICER,
    PENJARINGAN,
    clock,
    make_event,
    make_nik,
    open_desk,
)

FORMULA_START = ("=", "+", "-", "@")

AGUS = make_nik(MADIUN, date(1990, 8, 17), False, 1)
DEWI = make_nik(PENJARINGAN, date(1985, 3, 2), True, 2)
JOKO = make_nik(MADIUN, date(1978, 11, 5), False, 3)
OTHER = make_nik(MADIUN, date(1982, 4, 4), False, 4)


def applicant(nik: str, name: str, born: date, gender: str, **more: Any) -> EnrolmentInput:
    values: dict[str, Any] = {
        "nik": nik,
        "full_name": name,
        "birth_place": "Madiun",
        "birth_date": born,
        "gender": gender,
        "mother_maiden_name": "Sumarni",
        "occupation_code": "K001",
        "declared_income": 1_500_000,
        "heirs": [HeirInput("Sri Wahyuni", "istri")],
        "consent": True,
    }
    values.update(more)
    return EnrolmentInput(**values)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_desk(tmp_path / "data")
    yield database
    database.close()


@pytest.fixture
def event(db: Database, ref: ReferenceData) -> Event:
    """A self-paid event with three enrolments whose streets and phones start like formulas,
    and a second event whose enrolment must stay out of the export."""
    ev = make_event(db, ref)
    people = [
        applicant(
            AGUS,
            "Agus Santoso",
            date(1990, 8, 17),
            "L",
            phone="0812-3456-7890",
            street='=HYPERLINK("x")',
            rt="5",
            rw="2",
            village_code="35.77.01.1001",
            heirs=[HeirInput("Siti Aminah", "istri", "", "081298765432")],
        ),
        applicant(
            DEWI,
            "Dewi Lestari",
            date(1985, 3, 2),
            "P",
            street="@SUM(A1:A9)",
            programmes=["JKK", "JKM", "JHT"],
            months=3,
        ),
        applicant(
            JOKO,
            "Joko Susilo",
            date(1978, 11, 5),
            "L",
            phone="62 813 5555 6666",
            street="-2+3",
            heirs=[HeirInput("Murni", "anak", "", "+62 812 7777 8888")],
        ),
    ]
    for inp in people:
        enrol(db, ref, ev.id, inp, OFFICER, clock)
    other = make_event(db, ref, name="Acara Lain")
    enrol(db, ref, other.id, applicant(OTHER, "Hadi Lain", date(1982, 4, 4), "L"), OFFICER, clock)
    return ev


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [dict(zip(header, r, strict=True)) for r in reader]


def test_csv_export_has_the_columns_and_one_row_per_enrolment(
    db: Database, event: Event, tmp_path: Path
) -> None:
    out = tmp_path / "acara.csv"
    assert export_event(db, event.id, out, OFFICER, clock) == 3

    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets then read names right
    header, rows = read_csv(out)
    assert header == list(COLUMNS)
    # The import format's columns are all there, so an export can be read back.
    assert [c for c in IMPORT_COLUMNS if c not in header] == []
    assert len(header) == len(set(header))
    assert sorted(r["nik"] for r in rows) == sorted([AGUS, DEWI, JOKO])
    assert len({r["enrolment_id"] for r in rows}) == 3

    by_nik = {r["nik"]: r for r in rows}
    agus = by_nik[AGUS]
    assert {
        k: agus[k]
        for k in (
            "full_name",
            "birth_place",
            "birth_date",
            "gender",
            "mother_maiden_name",
            "rt",
            "rw",
            "village_code",
            "occupation_code",
            "declared_income",
            "programmes",
            "months",
            "payer_type",
            "scheme_code",
            "heir_name",
            "heir_relationship",
            "payment_status",
            "sync_state",
            "officer_id",
            "recorded_at",
            "period_start",
        )
    } == {
        "full_name": "Agus Santoso",
        "birth_place": "Madiun",
        "birth_date": "1990-08-17",
        "gender": "M",
        "mother_maiden_name": "Sumarni",
        "rt": "005",
        "rw": "002",
        "village_code": "35.77.01.1001",
        "occupation_code": "K001",
        "declared_income": "1500000",
        "programmes": "JKK+JKM",
        "months": "1",
        "payer_type": "self",
        "scheme_code": "",
        "heir_name": "Siti Aminah",
        "heir_relationship": "spouse",
        "payment_status": "paid",
        "sync_state": "pending",
        "officer_id": OFFICER,
        "recorded_at": "2026-11-22T09:00:00+07:00",
        "period_start": "2026-11",
    }
    receipt, amount = db.execute(
        "SELECT receipt_number, amount FROM payments WHERE enrolment_id = ?",
        [agus["enrolment_id"]],
    ).fetchone()
    assert (agus["receipt_number"], agus["amount"]) == (receipt, str(amount))
    assert (by_nik[DEWI]["programmes"], by_nik[DEWI]["months"]) == ("JKK+JKM+JHT", "3")


def test_csv_export_makes_formula_cells_safe(db: Database, event: Event, tmp_path: Path) -> None:
    out = tmp_path / "acara.csv"
    export_event(db, event.id, out, OFFICER, clock)
    _, rows = read_csv(out)
    by_nik = {r["nik"]: r for r in rows}

    assert by_nik[AGUS]["street"] == '\'=HYPERLINK("x")'
    assert by_nik[DEWI]["street"] == "'@SUM(A1:A9)"
    assert by_nik[JOKO]["street"] == "'-2+3"
    # Phones are kept as +62…, which a spreadsheet would read as a formula.
    assert by_nik[AGUS]["phone"] == "'+6281234567890"
    assert by_nik[AGUS]["heir_phone"] == "'+6281298765432"
    assert by_nik[JOKO]["phone"] == "'+6281355556666"
    assert by_nik[JOKO]["heir_phone"] == "'+6281277778888"
    assert by_nik[DEWI]["phone"] == ""
    unsafe = [
        (r["nik"], column, value)
        for r in rows
        for column, value in r.items()
        if value.startswith(FORMULA_START)
    ]
    assert unsafe == []


def test_xlsx_export_has_no_formula_cells(db: Database, event: Event, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "acara.xlsx"
    assert export_event(db, event.id, out, OFFICER, clock) == 3

    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == list(COLUMNS)
    assert len(rows) == 1 + 3
    formulas = [c.coordinate for row in rows for c in row if c.data_type == "f"]
    assert formulas == []
    starts_like_formula = [
        c.coordinate
        for row in rows
        for c in row
        if isinstance(c.value, str) and c.value.startswith(FORMULA_START)
    ]
    assert starts_like_formula == []

    col = {name: i for i, name in enumerate(COLUMNS)}
    by_nik = {r[col["nik"]].value: r for r in rows[1:]}
    assert set(by_nik) == {AGUS, DEWI, JOKO}  # NIKs stay text: 16 digits, none lost
    agus = by_nik[AGUS]
    assert agus[col["street"]].value == '\'=HYPERLINK("x")'
    assert agus[col["street"]].data_type == "s"
    assert agus[col["phone"]].value == "'+6281234567890"
    assert by_nik[DEWI][col["street"]].value == "'@SUM(A1:A9)"
    assert by_nik[JOKO][col["street"]].value == "'-2+3"
    assert agus[col["declared_income"]].value == 1_500_000


def test_every_export_is_audited(db: Database, event: Event, tmp_path: Path) -> None:
    before = [h for h in audit.history(db, "event", event.id) if h["action"] == "export"]
    assert before == []

    export_event(db, event.id, tmp_path / "a.csv", OFFICER, clock)
    export_event(db, event.id, tmp_path / "a.xlsx", OFFICER, clock)

    exports = [h for h in audit.history(db, "event", event.id) if h["action"] == "export"]
    assert (
        exports
        == [
            {
                "at": "2026-11-22T09:00:00+07:00",
                "officer_id": OFFICER,
                "action": "export",
                "detail": {"rows": 3},
            }
        ]
        * 2
    )
    # The audit trail never holds what was exported.
    details = " ".join(
        d for (d,) in db.execute("SELECT detail FROM audit WHERE action = 'export'").fetchall()
    )
    assert AGUS not in details and "Agus" not in details


def test_unsupported_export_type_and_unknown_event_write_nothing(
    db: Database, event: Event, tmp_path: Path
) -> None:
    with pytest.raises(SigapError) as caught:
        export_event(db, event.id, tmp_path / "acara.pdf", OFFICER, clock)
    assert caught.value.code == "export_type"
    with pytest.raises(SigapError) as caught:
        export_event(db, "no-such-event", tmp_path / "acara.csv", OFFICER, clock)
    assert caught.value.code == "event_unknown"
    assert list(tmp_path.glob("acara.*")) == []
    assert db.execute("SELECT COUNT(*) FROM audit WHERE action = 'export'").fetchone()[0] == 0


def test_an_exported_file_can_be_read_back(
    db: Database, ref: ReferenceData, event: Event, tmp_path: Path
) -> None:
    """exports.py promises the import format's columns "so an export can be read back": a
    second laptop importing the export gets the same people, phones included."""
    out = tmp_path / "acara.csv"
    export_event(db, event.id, out, OFFICER, clock)

    other = open_desk(tmp_path / "laptop-2")
    try:
        target = make_event(other, ref, name="Salinan")
        report = import_enrolments(other, ref, out, target.id, OFFICER, lang=LANG, clock=clock)
        rejected = [(r["row"], e["field"], e["code"]) for r in report.rejected for e in r["errors"]]
        assert rejected == []
        assert report.imported == 3
        got = dict(other.execute("SELECT nik, phone FROM enrolments").fetchall())
        assert got == {AGUS: "+6281234567890", DEWI: None, JOKO: "+6281355556666"}
    finally:
        other.close()


class _DiskFills:
    """A file object that takes `room` bytes, then fails as a full disk does."""

    def __init__(self, real: Any, room: int) -> None:
        self.real, self.room = real, room

    def write(self, data: Any) -> int:
        if self.room <= 0:
            raise OSError(28, "No space left on device")
        self.room -= len(data)
        return int(self.real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> _DiskFills:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_on_a_full_disk_leaves_no_partial_file_and_says_what_happened(
    db: Database, event: Event, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    import builtins
    import io

    out = tmp_path / f"acara{suffix}"
    out.write_bytes(b"the export of last week")
    real_open = builtins.open

    def filling_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        f = real_open(file, mode, *args, **kwargs)
        return _DiskFills(f, 200) if str(file).endswith(".partial") and "w" in mode else f

    monkeypatch.setattr(builtins, "open", filling_open)
    monkeypatch.setattr(io, "open", filling_open)  # zipfile opens through io
    before = len(audit.history(db, "event", event.id))
    with pytest.raises(SigapError) as failed:
        export_event(db, event.id, out, OFFICER, clock)
    monkeypatch.undo()

    assert failed.value.code == "export_disk_full"
    message = failed.value.message("en")
    assert out.name in message and "not written" in message.lower()
    assert "record" not in message.lower()
    assert out.read_bytes() == b"the export of last week"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("acara")) == [out.name]
    assert len(audit.history(db, "event", event.id)) == before
