"""Identity rules that refused real people: a KTP birth date unlike the NIK's digits (with a
supervisor's approval), a district missing from the region list inside a known regency, RT/RW
000, heirs' relationships in everyday words, and DTSEN. Every person here is made up."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from models import enrolments as en
from models.errors import ERROR, WARNING, ValidationError
from models.imports import import_eligibility, import_enrolments
from models.messages import text
from models.nik import parse_nik
from models.reference import ReferenceData
from models.validation import clean_relationship
from models.vocabulary import RELATIONSHIPS
from tests.helpers import TODAY, fixed_clock, person

# The made-up woman of tests/helpers.person() has NIK digits 17-08-1990; her KTP, corrected
# at Dukcapil, says 19-08-1990.
KTP_DATE = date(1990, 8, 19)


def codes(problems: list) -> dict[str, str]:
    return {p.field: p.code for p in problems}


# --- a KTP birth date unlike the NIK's digits ----------------------------------------------


def test_without_approval_the_desk_asks_for_a_supervisor(ref: ReferenceData, event) -> None:
    checked, problems = en.validate(person(birth_date=KTP_DATE), event, ref, TODAY)
    assert checked is None
    [p] = [p for p in problems if p.field == "birth_date"]
    assert (p.code, p.severity) == ("nik_birth_date_needs_approval", ERROR)
    assert "supervisor" in p.message("id") and "supervisor" in p.message("en")


def test_approved_it_is_a_warning_and_the_ktp_date_is_kept(ref: ReferenceData, event) -> None:
    inp = person(birth_date=KTP_DATE, birth_date_approved_by="budi.s")
    checked, problems = en.validate(inp, event, ref, TODAY)
    assert checked is not None, problems
    assert [(p.code, p.severity) for p in checked.warnings] == [
        ("nik_birth_date_approved", WARNING)
    ]
    assert checked.ktp_birth_date == KTP_DATE
    assert checked.nik.birth_date == date(1990, 8, 17)
    assert checked.birth_date_differs_from_nik
    assert checked.birth_date_approved_by == "budi.s"


def test_an_approval_of_an_agreeing_date_is_not_carried(ref: ReferenceData, event) -> None:
    checked, _ = en.validate(person(birth_date_approved_by="budi.s"), event, ref, TODAY)
    assert checked is not None
    assert not checked.birth_date_differs_from_nik
    assert checked.birth_date_approved_by is None


def test_the_enrolment_stores_the_ktp_date_and_sends_the_approval(
    db, ref: ReferenceData, event, officer: str, supervisor: str
) -> None:
    inp = person(birth_date=KTP_DATE, birth_date_approved_by=supervisor)
    saved = en.enrol(db, ref, event.id, inp, officer, fixed_clock)
    record = en.get_enrolment(db, saved.enrolment_id)
    assert record is not None and record.birth_date == KTP_DATE.isoformat()
    payload = json.loads(
        db.execute("SELECT payload FROM outbox WHERE id = ?", [saved.enrolment_id]).fetchone()[0]
    )
    assert payload["birth_date"] == "1990-08-19"
    assert payload["birth_date_differs_from_nik"] is True
    assert payload["approved_by"] == supervisor
    # The approval is in the audit trail, under the supervisor's name, once.
    approvals = db.execute(
        "SELECT officer_id, record_id, detail FROM audit WHERE action = 'approve'"
    ).fetchall()
    assert [(a[0], a[1], json.loads(a[2])) for a in approvals] == [
        (supervisor, saved.enrolment_id, {"action": "birth_date_differs_from_nik"})
    ]


def test_an_agreeing_enrolment_sends_no_approval_fields(
    db, ref: ReferenceData, event, officer: str
) -> None:
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    payload = json.loads(
        db.execute("SELECT payload FROM outbox WHERE id = ?", [saved.enrolment_id]).fetchone()[0]
    )
    assert "birth_date_differs_from_nik" not in payload and "approved_by" not in payload


@pytest.mark.parametrize("approver", ["sari", "nobody"])
def test_only_an_active_supervisor_approves(
    db, ref: ReferenceData, event, officer: str, approver: str
) -> None:
    inp = person(birth_date=KTP_DATE, birth_date_approved_by=approver)
    with pytest.raises(ValidationError) as caught:
        en.enrol(db, ref, event.id, inp, officer, fixed_clock)
    assert codes(caught.value.problems) == {"birth_date": "needs_supervisor"}
    assert db.execute("SELECT COUNT(*) FROM enrolments").fetchone() == (0,)


ENROLMENT_HEADER = (
    "nik,full_name,birth_place,birth_date,gender,mother_maiden_name,occupation_code,"
    "declared_income,heir_name,heir_relationship\n"
)


def test_a_partners_list_still_refuses_it_and_says_to_enrol_at_the_desk(
    db, ref: ReferenceData, event, officer: str, tmp_path: Path
) -> None:
    path = tmp_path / "mitra.csv"
    path.write_text(
        ENROLMENT_HEADER
        + "3577015708900001,Sri Wahyuni,Madiun,19-08-1990,P,Sumirah,K002,1000000,Joko,suami\n"
        + "3577015708900002,Dewi Lestari,Madiun,17-08-1990,P,Sumirah,K002,1000000,Budi,suami\n",
        encoding="utf-8",
    )
    report = import_enrolments(db, ref, path, event.id, officer, "id", fixed_clock)
    assert report.imported == 1
    [row] = report.rejected
    assert row["row"] == 2
    assert [(e["field"], e["code"]) for e in row["errors"]] == [
        ("birth_date", "nik_birth_date_enrol_at_desk")
    ]
    assert "meja pendaftaran" in row["errors"][0]["message"]
    assert "at the desk" in text("nik_birth_date_enrol_at_desk", "en")


# --- a district missing from the region list ---------------------------------------------

# Kabupaten Ciamis (32.07) is in the list; its districts 32.07.20-28 are not (they went to
# Pangandaran in 2012), yet NIKs first issued there keep the code.
OLD_CIAMIS_NIK = "3207205708900001"


def test_a_missing_district_inside_a_known_regency_is_a_warning(ref: ReferenceData) -> None:
    info, problems = parse_nik(OLD_CIAMIS_NIK, ref.regions, TODAY)
    assert info is not None
    assert [(p.code, p.severity) for p in problems] == [("nik_district_unknown", WARNING)]
    assert info.district_code == "32.07.20"
    assert info.region_retired  # no address is compared with it


@pytest.mark.parametrize(
    "nik",
    ["9901015708900001", "3299015708900001", "3207203102900001", "3207205708900000"],
    ids=["unknown province", "unknown regency", "31 February", "serial 0000"],
)
def test_unknown_province_regency_impossible_dates_and_serial_0000_stay_errors(
    ref: ReferenceData, nik: str
) -> None:
    info, problems = parse_nik(nik, ref.regions, TODAY)
    assert info is None
    assert problems and all(p.severity == ERROR for p in problems)


def test_such_a_person_enrols_with_a_warning(db, ref: ReferenceData, event, officer: str) -> None:
    saved = en.enrol(
        db, ref, event.id, person(nik=OLD_CIAMIS_NIK), officer, fixed_clock
    )
    assert [w.code for w in saved.warnings] == ["nik_district_unknown"]


def test_a_missing_district_on_an_eligibility_list_is_accepted(
    db, ref: ReferenceData, officer: str, tmp_path: Path
) -> None:
    path = tmp_path / "dtsen.csv"
    path.write_text(f"nik,nama\n{OLD_CIAMIS_NIK},Siti Aminah\n", encoding="utf-8")
    report = import_eligibility(db, ref, path, "SIAGA-KITA-MADIUN", officer, "id", fixed_clock)
    assert (report.imported, report.rejected) == (1, [])


# --- RT/RW 000 -----------------------------------------------------------------------------


def test_rt_rw_000_as_printed_on_the_ktp(db, ref: ReferenceData, event, officer: str) -> None:
    saved = en.enrol(db, ref, event.id, person(rt="000", rw="0"), officer, fixed_clock)
    record = en.get_enrolment(db, saved.enrolment_id)
    assert record is not None and (record.rt, record.rw) == ("000", "000")


# --- heirs in everyday words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("kakak kandung", "sibling"),
        ("adik kandung", "sibling"),
        ("Adik Perempuan", "sibling"),
        ("abang", "sibling"),
        ("suami", "spouse"),
        ("istri", "spouse"),
        ("Istri Sah", "spouse"),
        ("anak laki-laki", "child"),
        ("anak kandung", "child"),
        ("putri", "child"),
        ("ibu kandung", "parent"),
        ("Bapak", "parent"),
        ("ibu mertua", "parent_in_law"),
        ("nenek", "grandparent"),
        ("cucu", "grandchild"),
        ("penerima wasiat", "will_named"),
        ("spouse", "spouse"),
        ("parent_in_law", "parent_in_law"),
    ],
)
def test_everyday_words_for_heirs(word: str, code: str) -> None:
    assert clean_relationship(word, "heirs.0.relationship") == (code, [])


@pytest.mark.parametrize("word", ["tetangga", "teman", "anak angkat", "bos"])
def test_an_unknown_word_gets_the_accepted_ones(word: str) -> None:
    _, [problem] = clean_relationship(word, "heirs.0.relationship")
    assert problem.code == "relationship_unknown"
    message = problem.message("id")
    accepted = message.split("Yang diterima: ", 1)[1].split(" (", 1)[0]
    words = [w.strip() for w in accepted.split(",")]
    assert len(words) >= 10
    # Every word the message offers is one the desk accepts, and every code is offered.
    found = {clean_relationship(w, "x")[0] for w in words}
    assert all(not clean_relationship(w, "x")[1] for w in words)
    assert found == set(RELATIONSHIPS)
    english = problem.message("en").split("Accepted: ", 1)[1].rstrip(".")
    assert {clean_relationship(w.strip(), "x")[0] for w in english.split(",")} == set(
        RELATIONSHIPS
    )


# --- DTSEN ---------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["nik_dtsen", "DTSEN", "NIK DTKS", "dtks"])
def test_eligibility_lists_with_a_dtsen_or_old_dtks_header(
    db, ref: ReferenceData, officer: str, tmp_path: Path, header: str
) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text(f"{header},nama\n3577015708900001,Siti Aminah\n", encoding="utf-8")
    report = import_eligibility(db, ref, path, "SIAGA-KITA-MADIUN", officer, "id", fixed_clock)
    assert report.imported == 1


def test_texts_name_dtsen() -> None:
    message = text("scheme_not_eligible", "id", scheme="Siaga Kita")
    assert "DTSEN" in message and "DTKS" not in message
