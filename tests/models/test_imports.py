"""Partner lists (docs/import-format.md): messy CSV and XLSX files of made-up people, the
exact report of each import, what lands in the database, sponsor schemes and eligibility
lists. Every file is built inside the test."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime
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
    PENJARINGAN,
    clock,
    dup_in_device,
    dup_in_file,
    enrolment_id_of,
    err,
    make_event,
    make_nik,
    on_list_already,
    open_desk,
    person,
    rejected,
    report_differences,
    table_counts,
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


def run_import(db: Database, ref: ReferenceData, path: Path, event_id: str) -> Any:
    return import_enrolments(db, ref, path, event_id, OFFICER, lang=LANG, clock=clock)


def enrolment(db: Database, nik: str) -> dict[str, Any]:
    cur = db.execute("SELECT * FROM enrolments WHERE nik = ?", [nik])
    row = cur.fetchone()
    assert row is not None, "NIK not enrolled"
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def heirs_of(db: Database, enrolment_id: str) -> list[tuple[Any, ...]]:
    return db.execute(
        "SELECT name, relationship, nik, phone FROM heirs WHERE enrolment_id = ? ORDER BY position",
        [enrolment_id],
    ).fetchall()


# ------------------------------------------------------------------ file A
# UTF-8 with a byte-order mark, `,`, CRLF, English headers in odd case and spacing, quoted
# fields holding the delimiter, and one row for each way a row can go wrong.

A_HEADERS = (
    " NIK ", "Full Name", "BIRTH_PLACE", "Birth Date", "gender", "Mother Maiden Name", "Phone",
    "Street", "RT", "RW", "Village_Code", "OCCUPATION CODE", "Declared Income", "Programmes",
    "Months", "Heir Name", "Heir Relationship", "Heir Phone",
)  # fmt: skip
AGUS = make_nik(MADIUN, date(1990, 8, 17), False, 1)
DEWI = make_nik(PENJARINGAN, date(1985, 3, 2), True, 2)
YUNI = make_nik(MADIUN, date(1995, 12, 31), True, 9)


def file_a(folder: Path) -> tuple[Path, bytes]:
    rows = [
        # 2: valid, and as messy as a valid row gets
        person(
            AGUS,
            "Agus Santoso",
            "17/08/1990",
            "L",
            phone="0812-3456-7890",
            street="Jl. Mawar, No. 5",
            rt="5",
            rw="2",
            village_code="35.77.01.1001",
            declared_income="1.500.000",
            programmes="JKK+JKM+JHT",
            months="3",
            heir_name="Siti Aminah",
            heir_relationship="istri",
            heir_phone="081298765432",
        ),
        # 3: valid woman, dashes in the date, village code without dots
        person(
            DEWI,
            "Dewi Lestari",
            "02-03-1985",
            "P",
            birth_place="Jakarta",
            village_code="3172011001",
            occupation_code="K002",
            declared_income="2000000",
            heir_name="Rudi Hartono",
            heir_relationship="suami",
        ),
        # 4: NIK mangled by a spreadsheet
        person("3.17201E+15", "Eko Wibowo", "05/06/1991", "L"),
        # 5: a date that does not exist
        person(make_nik(MADIUN, date(1988, 2, 1), False, 3), "Hadi Prasetyo", "31/02/1990", "L"),
        # 6: birth date one day off the NIK's
        person(make_nik(MADIUN, date(1988, 5, 10), False, 4), "Joko Susilo", "11/05/1988", "L"),
        # 7: a man's NIK, typed as a woman
        person(make_nik(MADIUN, date(1987, 12, 20), False, 5), "Rudi Kurnia", "20/12/1987", "P"),
        # 8: blank line
        None,
        # 9: income under the minimum
        person(
            make_nik(MADIUN, date(1992, 3, 3), False, 6),
            "Slamet Riyadi",
            "03/03/1992",
            "L",
            declared_income="900000",
        ),
        # 10: no heir
        person(
            make_nik(MADIUN, date(1993, 4, 4), True, 7),
            "Tutik Handayani",
            "04/04/1993",
            "P",
            heir_name="",
            heir_relationship="",
        ),
        # 11: row 2's NIK again
        person(AGUS, "Agus Santoso Dua", "17/08/1990", "L"),
        # 12: everything wrong at once
        person(
            make_nik(MADIUN, date(1991, 7, 7), False, 8),
            "Budi123",
            "07/07/1991",
            "X",
            birth_place="",
            phone="12345",
            occupation_code="K999",
            declared_income="abc",
            months="2",
            heir_name="Yanto",
            heir_relationship="tetangga",
        ),
        # 13: valid, ISO date, F for the sex, income written with Rp and dots
        person(
            YUNI,
            "Yuni Astuti",
            "1995-12-31",
            "F",
            declared_income="Rp 1.000.000",
            heir_name="Bagus Pratama",
            heir_relationship="anak",
        ),
    ]
    path = folder / "daftar-pasar.csv"
    data = write_csv(path, A_HEADERS, COLUMNS, rows, bom=True)
    return path, data


def expected_a(saved: bool = False, db: Database | None = None) -> dict[str, Any]:
    """File A's report: the first import, or (`saved`) a second import of the same file."""
    duplicates = [dup_in_file(11, 2)]
    if saved:
        assert db is not None
        duplicates += [dup_in_device(r, enrolment_id_of(db, n)) for r, n in AGUS_DEWI_YUNI]
    return {
        "imported": 0 if saved else 3,
        "duplicates": duplicates,
        "rejected": [
            rejected(4, err("nik", "number_mangled")),
            rejected(5, err("birth_date", "date_invalid")),
            rejected(6, err("birth_date", "nik_birth_date_enrol_at_desk")),  # nobody saw the KTP
            rejected(7, err("gender", "nik_gender_mismatch")),
            rejected(9, err("declared_income", "income_too_low", minimum=1_000_000)),
            rejected(10, err("heir_name", "heir_required")),
            rejected(
                12,
                err("full_name", "name_invalid_chars"),
                err("birth_place", "field_required"),
                err("gender", "gender_invalid"),
                err("phone", "phone_invalid"),
                err("occupation_code", "occupation_unknown"),
                err("declared_income", "income_invalid"),
                err("months", "months_invalid", allowed="1, 3, 6, 12"),
                err("heir_relationship", "relationship_unknown"),
            ),
        ],
    }


AGUS_DEWI_YUNI = [(2, AGUS), (3, DEWI), (13, YUNI)]


def test_file_a_really_is_messy(tmp_path: Path) -> None:
    _, data = file_a(tmp_path)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b'"Jl. Mawar, No. 5"' in data
    assert b"3.17201E+15" in data
    assert b"\r\n\r\n" in data  # the blank line
    assert data.count(b"\r\n") == 13  # header, 11 rows, blank line


def test_utf8_bom_csv_report_is_exact(db: Database, ref: ReferenceData, event: Event) -> None:
    path, _ = file_a(db_folder(db))
    report = run_import(db, ref, path, event.id)
    assert report_differences(report, expected_a()) == []


def test_utf8_bom_csv_saves_valid_rows_as_written(
    db: Database, ref: ReferenceData, event: Event
) -> None:
    path, _ = file_a(db_folder(db))
    run_import(db, ref, path, event.id)

    assert db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0] == 3
    agus = enrolment(db, AGUS)
    assert {
        k: agus[k]
        for k in (
            "event_id",
            "full_name",
            "birth_place",
            "birth_date",
            "gender",
            "mother_maiden_name",
            "phone",
            "street",
            "rt",
            "rw",
            "village_code",
            "occupation_code",
            "declared_income",
            "programmes",
            "months",
            "payer_type",
            "scheme_code",
            "officer_id",
            "recorded_at",
            "source",
        )
    } == {
        "event_id": event.id,
        "full_name": "Agus Santoso",
        "birth_place": "Madiun",
        "birth_date": "1990-08-17",
        "gender": "M",
        "mother_maiden_name": "Sumarni",
        "phone": "+6281234567890",
        "street": "Jl. Mawar, No. 5",
        "rt": "005",
        "rw": "002",
        "village_code": "35.77.01.1001",
        "occupation_code": "K001",
        "declared_income": 1_500_000,
        "programmes": '["JKK", "JKM", "JHT"]',
        "months": 3,
        "payer_type": "self",
        "scheme_code": None,
        "officer_id": OFFICER,
        "recorded_at": "2026-11-22T09:00:00+07:00",
        "source": "import",
    }
    assert heirs_of(db, agus["id"]) == [("Siti Aminah", "spouse", None, "+6281298765432")]

    dewi = enrolment(db, DEWI)
    assert (dewi["birth_date"], dewi["gender"], dewi["village_code"]) == (
        "1985-03-02",
        "F",
        "31.72.01.1001",
    )
    # No programmes or months in the row: the event's defaults.
    assert (dewi["programmes"], dewi["months"], dewi["declared_income"]) == (
        '["JKK", "JKM"]',
        1,
        2_000_000,
    )
    assert heirs_of(db, dewi["id"]) == [("Rudi Hartono", "spouse", None, None)]

    yuni = enrolment(db, YUNI)
    assert (yuni["birth_date"], yuni["gender"], yuni["declared_income"]) == (
        "1995-12-31",
        "F",
        1_000_000,
    )
    assert heirs_of(db, yuni["id"]) == [("Bagus Pratama", "child", None, None)]


def db_folder(db: Database) -> Path:
    """The folder of the database file: test files are written next to it."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]).parent


# ------------------------------------------------------------------ file B
# `;` from a spreadsheet set to Indonesian, UTF-8 without a mark, LF, Indonesian headers in
# odd case and spacing, a bilingual header, incomes with thousands dots.

B_HEADERS = (
    "NIK", "Full_Name (Nama_Lengkap)", " tempat lahir ", "TANGGAL_LAHIR", "Jenis Kelamin",
    "Nama_Ibu_Kandung", "no hp", "ALAMAT", "Kode_Pekerjaan", "Penghasilan", "Program", "Bulan",
    "nama ahli waris", "Hubungan_Ahli_Waris", "HP Ahli Waris",
)  # fmt: skip
B_COLUMNS = (
    "nik", "full_name", "birth_place", "birth_date", "gender", "mother_maiden_name", "phone",
    "street", "occupation_code", "declared_income", "programmes", "months", "heir_name",
    "heir_relationship", "heir_phone",
)  # fmt: skip
SLAMET = make_nik(MADIUN, date(1979, 1, 5), False, 11)
MURNI = make_nik(PENJARINGAN, date(2000, 10, 15), True, 12)


def file_b(folder: Path) -> tuple[Path, bytes]:
    rows = [
        person(
            SLAMET,
            "Slamet Widodo",
            "05/01/1979",
            "L",
            phone="+62 813 1111 2222",
            street="Jl. Melati; Gg. 2",
            declared_income="1.500.000",
            programmes="JKK + JKM + JHT",
            months="6",
            heir_relationship="Istri",
        ),
        person(
            MURNI,
            "Murni Rahayu",
            "15-10-2000",
            "P",
            birth_place="Jakarta",
            declared_income="1.250.000",
            heir_name="Joko Santoso",
            heir_relationship="Orang Tua",
        ),
        person(
            make_nik(MADIUN, date(1984, 6, 6), False, 13),
            "Wahyu Hidayat",
            "06/06/1984",
            "L",
            declared_income="900.000",
        ),
        person("3,57701E+15", "Eko Saputra", "01/01/1980", "L"),
    ]
    path = folder / "daftar-koperasi.csv"
    data = write_csv(path, B_HEADERS, B_COLUMNS, rows, delimiter=";", newline="\n")
    return path, data


def test_semicolon_csv_with_indonesian_headers(
    db: Database, ref: ReferenceData, event: Event
) -> None:
    path, data = file_b(db_folder(db))
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
    assert b'"Jl. Melati; Gg. 2"' in data

    report = run_import(db, ref, path, event.id)

    slamet = enrolment(db, SLAMET)
    assert (slamet["full_name"], slamet["street"], slamet["phone"]) == (
        "Slamet Widodo",
        "Jl. Melati; Gg. 2",
        "+6281311112222",
    )
    assert (slamet["declared_income"], slamet["programmes"], slamet["months"]) == (
        1_500_000,
        '["JKK", "JKM", "JHT"]',
        6,
    )
    murni = enrolment(db, MURNI)
    assert (murni["birth_date"], murni["gender"], murni["declared_income"]) == (
        "2000-10-15",
        "F",
        1_250_000,
    )
    assert heirs_of(db, murni["id"]) == [("Joko Santoso", "parent", None, None)]
    assert (
        report_differences(
            report,
            {
                "imported": 2,
                "duplicates": [],
                "rejected": [
                    rejected(4, err("declared_income", "income_too_low", minimum=1_000_000)),
                    rejected(5, err("nik", "number_mangled")),
                ],
            },
        )
        == []
    )


# ------------------------------------------------------------------ file C
# Windows-1252 from an older spreadsheet, CRLF, quoted fields holding the delimiter.

C_HEADERS = (
    "nik", "nama_lengkap", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "nama_ibu_kandung",
    "alamat", "kode_pekerjaan", "penghasilan", "nama_ahli_waris", "hubungan_ahli_waris",
)  # fmt: skip
C_COLUMNS = (
    "nik", "full_name", "birth_place", "birth_date", "gender", "mother_maiden_name", "street",
    "occupation_code", "declared_income", "heir_name", "heir_relationship",
)  # fmt: skip
NOMAN = make_nik(PENJARINGAN, date(1983, 4, 9), False, 21)
RENEE = make_nik(PENJARINGAN, date(1993, 9, 30), True, 22)


def file_c(folder: Path) -> tuple[Path, bytes]:
    rows = [
        person(
            NOMAN,
            "Ñoman Suárez",
            "09/04/1983",
            "L",
            birth_place="Jakarta",
            mother_maiden_name="Dolores Ibáñez",
            street="Jl. Pluit Raya, Blok C",
            occupation_code="K020",
            declared_income="1000000",
            heir_name="Inés Suárez",
        ),
        person(
            RENEE,
            "Renée Aulia",
            "30/09/1993",
            "P",
            birth_place="Jakarta",
            mother_maiden_name="Françoise",
            street='Gg. "Kapuk", RT 3',
            occupation_code="K045",
            heir_name="Ñañez Putra",
            heir_relationship="anak",
        ),
    ]
    path = folder / "daftar-lama.csv"
    data = write_csv(path, C_HEADERS, C_COLUMNS, rows, encoding="cp1252")
    return path, data


def test_windows_1252_csv_keeps_names_exactly(
    db: Database, ref: ReferenceData, event: Event
) -> None:
    path, data = file_c(db_folder(db))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.count(b"\r\n") == 3
    assert b'"Jl. Pluit Raya, Blok C"' in data and b'"Gg. ""Kapuk"", RT 3"' in data

    report = run_import(db, ref, path, event.id)

    assert report.as_dict() == {"imported": 2, "duplicates": [], "rejected": []}
    noman = enrolment(db, NOMAN)
    assert (noman["full_name"], noman["mother_maiden_name"], noman["street"]) == (
        "Ñoman Suárez",
        "Dolores Ibáñez",
        "Jl. Pluit Raya, Blok C",
    )
    assert heirs_of(db, noman["id"]) == [("Inés Suárez", "spouse", None, None)]
    renee = enrolment(db, RENEE)
    assert (renee["full_name"], renee["street"], renee["birth_date"]) == (
        "Renée Aulia",
        'Gg. "Kapuk", RT 3',
        "1993-09-30",
    )
    assert heirs_of(db, renee["id"]) == [("Ñañez Putra", "child", None, None)]


# ------------------------------------------------------------------ the XLSX

X_HEADERS = (
    "NIK", "Nama Lengkap", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "Nama Ibu Kandung",
    "No HP", "Kode Pekerjaan", "Penghasilan", "Nama Ahli Waris", "Hubungan Ahli Waris",
)  # fmt: skip
X_COLUMNS = (
    "nik", "full_name", "birth_place", "birth_date", "gender", "mother_maiden_name", "phone",
    "occupation_code", "declared_income", "heir_name", "heir_relationship",
)  # fmt: skip
BORN = date(1990, 8, 17)
X_VALID = {
    2: make_nik(MADIUN, BORN, False, 31),
    3: make_nik(MADIUN, BORN, True, 32),
    4: make_nik(MADIUN, BORN, False, 33),
    5: make_nik(MADIUN, BORN, True, 34),
    9: make_nik(MADIUN, date(1988, 1, 2), False, 37),
}


def file_x(folder: Path) -> Path:
    rows = [
        # 2-5: the same birth date as a spreadsheet date and in the three written forms
        person(
            X_VALID[2],
            "Hadi Kusuma",
            datetime(1990, 8, 17),
            "L",
            phone="081234567890",
            declared_income=1_500_000,
        ),
        person(X_VALID[3], "Tutik Rahayu", "17/08/1990", "P", declared_income=1_000_000),
        person(X_VALID[4], "Wahyu Saputra", "17-08-1990", "L"),
        person(X_VALID[5], "Yuni Utami", "1990-08-17", "P"),
        # 6: the NIK stored as a number
        person(int(make_nik(MADIUN, BORN, False, 35)), "Eko Prasetyo", datetime(1990, 8, 17), "L"),
        # 7: an empty row
        None,
        # 8: the phone stored as a number (the leading 0 is gone)
        person(
            make_nik(MADIUN, BORN, False, 36), "Dedi Kurnia", "17/08/1990", "L", phone=81234567891
        ),
        # 9: a date cell, M for the sex, the income as a float
        person(X_VALID[9], "Joko Hartono", date(1988, 1, 2), "M", declared_income=2_000_000.0),
        # 10: a date that does not exist
        person(make_nik(MADIUN, BORN, True, 38), "Ratna Sari", "31/02/1990", "P"),
        # 11: the NIK as a number shown in E notation
        person(3.57701e15, "Lestari Dewi", "17/08/1990", "P"),
    ]
    path = folder / "daftar.xlsx"
    write_xlsx(path, X_HEADERS, X_COLUMNS, rows)
    return path


def test_xlsx_file_really_is_messy(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(file_x(tmp_path)).worksheets[0]
    assert sheet["D2"].is_date and sheet["D9"].is_date
    assert sheet["A6"].data_type == "n" and sheet["G8"].data_type == "n"
    assert sheet["A7"].value is None and sheet["A8"].value is not None


def test_xlsx_report_is_exact(db: Database, ref: ReferenceData, event: Event) -> None:
    report = run_import(db, ref, file_x(db_folder(db)), event.id)
    expected = {
        "imported": 5,
        "duplicates": [],
        "rejected": [
            rejected(6, err("nik", "number_mangled")),
            rejected(8, err("phone", "number_mangled")),
            rejected(10, err("birth_date", "date_invalid")),
            rejected(11, err("nik", "number_mangled")),
        ],
    }
    assert report_differences(report, expected) == []


def test_xlsx_dates_in_every_form_are_read_alike(
    db: Database, ref: ReferenceData, event: Event
) -> None:
    run_import(db, ref, file_x(db_folder(db)), event.id)
    got = {
        nik: (born, gender, income)
        for nik, born, gender, income in db.execute(
            "SELECT nik, birth_date, gender, declared_income FROM enrolments"
        ).fetchall()
    }
    assert got == {
        X_VALID[2]: ("1990-08-17", "M", 1_500_000),
        X_VALID[3]: ("1990-08-17", "F", 1_000_000),
        X_VALID[4]: ("1990-08-17", "M", 1_500_000),
        X_VALID[5]: ("1990-08-17", "F", 1_500_000),
        X_VALID[9]: ("1988-01-02", "M", 2_000_000),
    }
    assert enrolment(db, X_VALID[2])["phone"] == "+6281234567890"


# ------------------------------------------------------------------ twice, and half files


def test_importing_the_same_file_twice_saves_nothing_new(
    db: Database, ref: ReferenceData, event: Event
) -> None:
    path, _ = file_a(db_folder(db))
    first = run_import(db, ref, path, event.id)
    assert first.imported == 3
    before = table_counts(db)

    second = run_import(db, ref, path, event.id)

    assert table_counts(db) == before
    # Both imports are on the audit trail, for the same file.
    audits = db.execute(
        "SELECT record_id, detail FROM audit WHERE action = 'import' AND record_type = "
        "'enrolments' ORDER BY id"
    ).fetchall()
    assert [a[0] for a in audits] == [event.id, event.id]
    details = [json.loads(a[1]) for a in audits]
    assert details[0]["file_sha256"] == details[1]["file_sha256"]
    assert [(d["imported"], d["duplicates"], d["rejected"]) for d in details] == [
        (3, 1, 7),
        (0, 4, 7),
    ]
    assert report_differences(second, expected_a(saved=True, db=db)) == []


def test_missing_required_column_saves_nothing(
    db: Database, ref: ReferenceData, event: Event
) -> None:
    headers = [c for c in COLUMNS if c not in ("birth_place", "declared_income")]
    path = db_folder(db) / "tanpa-kolom.csv"
    write_csv(path, headers, headers, [person(AGUS, "Agus Santoso", "17/08/1990", "L")])
    before = table_counts(db)
    audit_before = db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]

    with pytest.raises(SigapError) as caught:
        run_import(db, ref, path, event.id)

    assert caught.value.code == "columns_missing"
    assert caught.value.params == {"columns": "birth_place, declared_income"}
    assert "birth_place, declared_income" in caught.value.message("en")
    assert table_counts(db) == before
    assert db.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == audit_before


# ------------------------------------------------------------------ what a saved row holds


def test_imported_rows_have_heir_and_queue_rows_that_agree(
    db: Database, ref: ReferenceData
) -> None:
    """A sponsored event: each row is one enrolment, one heir, one payment, and one queue
    row for each record, all saying the same thing."""
    warteg = make_event(db, ref, scheme="KOWANTARA-WARTEG", name="Kumpul Warteg")
    path = db_folder(db) / "warteg.csv"
    tarno = make_nik(PENJARINGAN, date(1975, 2, 14), False, 41)
    wulan = make_nik(PENJARINGAN, date(1996, 5, 21), True, 42)
    people = {
        tarno: ("Tarno Sugiharto", "K006", 1_500_000),
        wulan: ("Wulan Sari", "K007", 1_000_000),
    }
    rows = [
        person(
            tarno,
            "Tarno Sugiharto",
            "14/02/1975",
            "L",
            occupation_code="K006",
            declared_income="1.500.000",
            birth_place="Tegal",
        ),
        person(
            wulan,
            "Wulan Sari",
            "21/05/1996",
            "P",
            occupation_code="K007",
            declared_income="1.000.000",
            birth_place="Tegal",
        ),
    ]
    write_csv(path, COLUMNS, COLUMNS, rows)
    report = run_import(db, ref, path, warteg.id)
    assert report.as_dict() == {"imported": 2, "duplicates": [], "rejected": []}

    # Kowantara pays 3 months from November 2026: PP 50/2025 halves JKK and JKM for
    # November and December, January 2027 is at full rate.
    expected_amount = {1_500_000: (30_000, 13_600, 43_600), 1_000_000: (20_000, 13_600, 33_600)}
    for nik, (name, occupation, income) in people.items():
        e = enrolment(db, nik)
        assert (e["full_name"], e["occupation_code"], e["payer_type"], e["scheme_code"]) == (
            name,
            occupation,
            "sponsor",
            "KOWANTARA-WARTEG",
        )
        assert (e["programmes"], e["months"]) == ('["JKK", "JKM"]', 3)
        heirs = heirs_of(db, e["id"])
        assert heirs == [("Sri Wahyuni", "spouse", None, None)]

        queued = db.execute(
            "SELECT id, type, payload, sha256, state FROM outbox WHERE id = ? OR "
            "json_extract(payload, '$.enrolment_id') = ? ORDER BY seq",
            [e["id"], e["id"]],
        ).fetchall()
        assert [q[1] for q in queued] == ["enrolment", "payment"]
        for _, _, payload, sha, state in queued:
            assert hashlib.sha256(payload.encode("utf-8")).hexdigest() == sha
            assert state == "pending"
        enrol_payload = json.loads(queued[0][2])
        assert queued[0][0] == e["id"]
        assert {
            k: enrol_payload[k]
            for k in (
                "enrolment_id",
                "event_id",
                "nik",
                "full_name",
                "birth_date",
                "gender",
                "occupation_code",
                "declared_income",
                "programmes",
                "payer",
                "officer_id",
            )
        } == {
            "enrolment_id": e["id"],
            "event_id": warteg.id,
            "nik": nik,
            "full_name": name,
            "birth_date": e["birth_date"],
            "gender": e["gender"],
            "occupation_code": occupation,
            "declared_income": income,
            "programmes": ["JKK", "JKM"],
            "payer": {"type": "sponsor", "scheme_code": "KOWANTARA-WARTEG"},
            "officer_id": OFFICER,
        }
        assert enrol_payload["heirs"] == [
            {"name": h[0], "relationship": h[1], "nik": h[2], "phone": h[3]} for h in heirs
        ]

        payments = db.execute(
            "SELECT id, receipt_number, amount, months, period_start, jkk, jkm, jht, method, "
            "payer_type, scheme_code FROM payments WHERE enrolment_id = ?",
            [e["id"]],
        ).fetchall()
        assert len(payments) == 1
        pid, receipt, amount, months, start, jkk, jkm, jht, method, payer, scheme = payments[0]
        assert (jkk, jkm, amount) == expected_amount[income] and jht == 0
        assert (months, start, method, payer, scheme) == (
            3,
            "2026-11",
            "sponsor",
            "community",
            "KOWANTARA-WARTEG",
        )
        pay_payload = json.loads(queued[1][2])
        assert queued[1][0] == pid
        assert (pay_payload["payment_id"], pay_payload["enrolment_id"]) == (pid, e["id"])
        assert (pay_payload["receipt_number"], pay_payload["amount"]) == (receipt, amount)
        assert pay_payload["breakdown"] == {"JKK": jkk, "JKM": jkm, "JHT": jht}

    # One event row, and an enrolment and a payment for each person: nothing else queued.
    queued = db.execute("SELECT type, COUNT(*) FROM outbox GROUP BY type ORDER BY type")
    assert queued.fetchall() == [("enrolment", 2), ("event", 1), ("payment", 2)]


def test_self_paid_import_takes_no_payment(db: Database, ref: ReferenceData, event: Event) -> None:
    """Nobody has handed the officer cash for a row of a partner's list: a self-paid
    import records the enrolment and its queue row, and no payment or receipt."""
    path, _ = file_c(db_folder(db))
    report = run_import(db, ref, path, event.id)
    assert report.imported == 2

    for nik in (NOMAN, RENEE):
        e = enrolment(db, nik)
        assert e["payer_type"] == "self"
        queued = db.execute("SELECT type FROM outbox WHERE id = ?", [e["id"]]).fetchall()
        assert queued == [("enrolment",)]
    assert db.execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 0
    assert db.execute("SELECT type FROM outbox WHERE type = 'payment'").fetchall() == []


# ------------------------------------------------------------------ sponsor schemes


def sponsored_rows(
    count: int, occupations: list[str], start_serial: int = 1
) -> list[dict[str, Any]]:
    born = date(1980, 1, 1)
    return [
        person(
            make_nik(MADIUN, born, False, start_serial + i),
            "Warsito Pekerja",
            "01/01/1980",
            "L",
            occupation_code=occupations[i % len(occupations)],
            declared_income="1000000",
        )
        for i in range(count)
    ]


def test_scheme_rejects_occupations_it_does_not_cover(db: Database, ref: ReferenceData) -> None:
    warteg = make_event(db, ref, scheme="KOWANTARA-WARTEG", name="Kumpul Warteg")
    path = db_folder(db) / "warteg.csv"
    write_csv(path, COLUMNS, COLUMNS, sponsored_rows(4, ["K006", "K007", "K001", "K042"]))

    report = run_import(db, ref, path, warteg.id)

    scheme = {"scheme": "Kowantara Warteg Terlindungi"}
    expected = {
        "imported": 2,
        "duplicates": [],
        "rejected": [
            rejected(4, err("occupation_code", "scheme_occupation", **scheme)),
            rejected(5, err("occupation_code", "scheme_occupation", **scheme)),
        ],
    }
    assert report_differences(report, expected) == []
    assert sorted(
        r[0] for r in db.execute("SELECT occupation_code FROM enrolments").fetchall()
    ) == ["K006", "K007"]


def test_scheme_quota_stops_the_import_at_its_limit(db: Database, ref: ReferenceData) -> None:
    warteg = make_event(db, ref, scheme="KOWANTARA-WARTEG", name="Kumpul Warteg")
    path = db_folder(db) / "warteg-101.csv"
    write_csv(path, COLUMNS, COLUMNS, sponsored_rows(101, ["K006"]))

    report = run_import(db, ref, path, warteg.id)

    expected = {
        "imported": 100,
        "duplicates": [],
        "rejected": [
            rejected(
                102,
                err(
                    "payer",
                    "scheme_quota_full",
                    scheme="Kowantara Warteg Terlindungi",
                    quota=100,
                    used=100,
                ),
            )
        ],
    }
    assert report_differences(report, expected) == []
    assert db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0] == 100
    assert db.execute("SELECT COUNT(*) FROM payments WHERE method = 'sponsor'").fetchone()[0] == 100


def test_scheme_with_eligibility_list_takes_only_listed_niks(
    db: Database, ref: ReferenceData
) -> None:
    siaga = make_event(db, ref, scheme="SIAGA-KITA-MADIUN", name="Siaga Kita")
    folder = db_folder(db)
    first = make_nik(MADIUN, date(1970, 6, 1), False, 51)
    second = make_nik(MADIUN, date(1972, 3, 9), True, 52)
    people = [
        person(first, "Sutrisno Hadi", "01/06/1970", "L", declared_income="1000000"),
        person(second, "Sumiati Ningsih", "09/03/1972", "P", declared_income="1500000"),
    ]
    enrolment_file = folder / "siaga.csv"
    write_csv(enrolment_file, COLUMNS, COLUMNS, people)
    not_listed = err("nik", "scheme_not_eligible", scheme="Siaga Kita Kota Madiun")

    report = run_import(db, ref, enrolment_file, siaga.id)
    both_rejected = [rejected(2, not_listed), rejected(3, not_listed)]
    assert (
        report_differences(report, {"imported": 0, "duplicates": [], "rejected": both_rejected})
        == []
    )
    assert db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0] == 0

    list_file = folder / "dtks.csv"
    write_csv(
        list_file,
        ["NIK", "Nama"],
        ["nik", "full_name"],
        [
            {"nik": first, "full_name": "Sutrisno Hadi"},
        ],
    )
    listed = import_eligibility(db, ref, list_file, "SIAGA-KITA-MADIUN", OFFICER, LANG, clock)
    assert listed.as_dict() == {"imported": 1, "duplicates": [], "rejected": []}

    report = run_import(db, ref, enrolment_file, siaga.id)
    assert (
        report_differences(
            report, {"imported": 1, "duplicates": [], "rejected": [rejected(3, not_listed)]}
        )
        == []
    )
    # The city budget pays 12 months of JKK+JKM, at full rate (PP 50/2025 leaves out
    # government-paid members): 12 × (10,000 + 6,800).
    e = enrolment(db, first)
    assert (e["payer_type"], e["scheme_code"], e["months"]) == ("sponsor", "SIAGA-KITA-MADIUN", 12)
    assert db.execute(
        "SELECT amount, jkk, jkm, method, payer_type FROM payments WHERE enrolment_id = ?",
        [e["id"]],
    ).fetchall() == [(201_600, 120_000, 81_600, "sponsor", "apbd")]

    write_csv(
        list_file,
        ["NIK", "Nama"],
        ["nik", "full_name"],
        [
            {"nik": first, "full_name": "Sutrisno Hadi"},
            {"nik": second, "full_name": "Sumiati Ningsih"},
        ],
    )
    listed = import_eligibility(db, ref, list_file, "SIAGA-KITA-MADIUN", OFFICER, LANG, clock)
    assert listed.as_dict() == {"imported": 1, "duplicates": [on_list_already(2)], "rejected": []}
    report = run_import(db, ref, enrolment_file, siaga.id)
    assert (
        report_differences(
            report,
            {"imported": 1, "duplicates": [dup_in_device(2, e["id"])], "rejected": []},
        )
        == []
    )
    assert db.execute(
        "SELECT amount FROM payments WHERE enrolment_id = ?", [enrolment_id_of(db, second)]
    ).fetchall() == [(12 * (15_000 + 6_800),)]


# ------------------------------------------------------------------ eligibility lists


def test_eligibility_import_reports_every_row(db: Database, ref: ReferenceData) -> None:
    folder = db_folder(db)
    a = make_nik(MADIUN, date(1966, 1, 20), False, 61)
    b = make_nik(MADIUN, date(1977, 7, 7), True, 62)
    c = make_nik(MADIUN, date(1981, 11, 30), False, 63)
    earlier = folder / "dtks-lama.csv"
    write_csv(earlier, ["nik"], ["nik"], [{"nik": c}])
    assert (
        import_eligibility(db, ref, earlier, "SIAGA-KITA-MADIUN", OFFICER, LANG, clock).imported
        == 1
    )

    path = folder / "dtks-baru.csv"
    write_csv(
        path,
        ["NIK", "Full_Name (Nama_Lengkap)"],
        ["nik", "full_name"],
        [
            {"nik": a, "full_name": "Parmin"},  # 2
            {"nik": b, "full_name": "Suwarni"},  # 3
            {"nik": a, "full_name": "Parmin"},  # 4: row 2 again
            {"nik": c, "full_name": "Kasno"},  # 5: on the list already
            {"nik": "3.57701E+15", "full_name": "Rusmini"},  # 6: mangled
            None,  # 7: blank
            {"nik": "35770112345", "full_name": "Tukiyem"},  # 8: too short
        ],
        delimiter=";",
        bom=True,
    )
    before = table_counts(db)["eligibility"]

    report = import_eligibility(db, ref, path, "SIAGA-KITA-MADIUN", OFFICER, LANG, clock)

    expected_rejected = [
        rejected(6, err("nik", "number_mangled")),
        rejected(8, err("nik", "nik_length", length=11)),
    ]
    assert (
        report_differences(
            report,
            {
                "imported": 2,
                "duplicates": [dup_in_file(4, 2), on_list_already(5)],
                "rejected": expected_rejected,
            },
        )
        == []
    )
    assert table_counts(db)["eligibility"] == before + 2
    assert db.execute(
        "SELECT nik, full_name, imported_at, officer_id FROM eligibility WHERE nik IN (?, ?) "
        "ORDER BY nik",
        [a, b],
    ).fetchall() == sorted(
        [
            (a, "Parmin", "2026-11-22T09:00:00+07:00", OFFICER),
            (b, "Suwarni", "2026-11-22T09:00:00+07:00", OFFICER),
        ]
    )

    again = import_eligibility(db, ref, path, "SIAGA-KITA-MADIUN", OFFICER, LANG, clock)

    assert table_counts(db)["eligibility"] == before + 2
    assert (
        report_differences(
            again,
            {
                "imported": 0,
                "duplicates": [
                    on_list_already(2),
                    on_list_already(3),
                    dup_in_file(4, 2),
                    on_list_already(5),
                ],
                "rejected": expected_rejected,
            },
        )
        == []
    )


def test_eligibility_list_needs_a_nik_column_and_a_known_scheme(
    db: Database, ref: ReferenceData
) -> None:
    path = db_folder(db) / "tanpa-nik.csv"
    write_csv(path, ["nama"], ["full_name"], [{"full_name": "Parmin"}])
    with pytest.raises(SigapError) as caught:
        import_eligibility(db, ref, path, "SIAGA-KITA-MADIUN", OFFICER, LANG, clock)
    assert (caught.value.code, caught.value.params) == ("columns_missing", {"columns": "nik"})

    with pytest.raises(SigapError) as caught:
        import_eligibility(db, ref, path, "TIDAK-ADA", OFFICER, LANG, clock)
    assert caught.value.code == "scheme_unknown"
    assert table_counts(db)["eligibility"] == 0
