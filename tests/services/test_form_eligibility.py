"""Who may be enrolled at this event, told as soon as the NIK and the event say it (age, and
under a sponsor scheme its eligibility list, quota and budget), with the same rules Save
applies; warnings kept apart from errors and said once. People are made up."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace

import pytest

from models import enrolments as en
from models.clock import Clock
from models.database import Database
from models.errors import ValidationError
from models.events import Event
from models.officers import Officer, get_officer
from models.reference import ReferenceData
from services.enrolment_form import EnrolmentFormState, FormEntries, HeirEntry
from tests.helpers import fixed_clock, person, sponsored_event

OLD_MAN = "3577011003500002"  # born 10-03-1950 in Kartoharjo: 76 on 22 November 2026
GIRL = "3577015508150003"  # born 15-08-2015: 11
WOMAN = "3577015708900001"  # born 17-08-1990: 36
OUTSIDE = "3519015708900004"  # born 17-08-1990 in Kebonsari, Kabupaten Madiun (not the city)
KEYS = {"nik", "full_name", "birth_date", "payer", "address.village_code", "consent"}


@dataclass
class Desk:
    db: Database
    ref: ReferenceData
    event: Event | None
    clock: Clock
    officer: Officer | None


def with_scheme(ref: ReferenceData, code: str, **changes: object) -> ReferenceData:
    schemes = dict(ref.schemes)
    schemes[code] = dataclasses.replace(schemes[code], **changes)  # type: ignore[arg-type]
    new = ReferenceData(list(ref.occupations.values()), ref.rates, list(schemes.values()), "t")
    new.__dict__["regions"] = ref.regions  # share the loaded region table
    return new


def form_state(db: Database, ref: ReferenceData, event: Event, officer: str) -> EnrolmentFormState:
    return EnrolmentFormState(Desk(db, ref, event, fixed_clock, get_officer(db, officer)))


def whole(**changes: object) -> FormEntries:
    base = FormEntries(
        nik=WOMAN, full_name="Sri Wahyuni", birth_place="Madiun", birth_date="17-08-1990",
        gender="P", mother_maiden_name="Sumirah", occupation="K006", income="1000000",
        months=3, payer=("sponsor", "sponsor"), heirs=(HeirEntry("Joko", "suami"),),
        consent=True,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_too_old_or_too_young_is_told_from_the_nik_alone(db, ref, event, officer):
    state = form_state(db, ref, event, officer)
    assert codes(state.eligibility(FormEntries(nik=OLD_MAN))) == ["age_too_old"]
    assert codes(state.eligibility(FormEntries(nik=GIRL))) == ["age_too_young"]
    assert state.eligibility(FormEntries(nik=WOMAN)) == []
    assert state.eligibility(FormEntries(nik=OLD_MAN[:15])) == []  # not a whole NIK yet
    # Shown on the NIK's line before anything else is typed, and only there.
    entries = FormEntries(nik=OLD_MAN)
    check = state.check(entries)
    assert check is not None
    shown = state.shown(check.problems, KEYS, entries, "id")
    assert list(shown) == ["nik"]
    assert shown["nik"].errors == [
        "Tidak bisa didaftarkan di acara ini: Peserta harus berumur di bawah 65 tahun."
    ]


def test_the_ktp_birth_date_decides_the_age_when_one_is_typed(db, ref, event, officer):
    state = form_state(db, ref, event, officer)
    # The KTP says 1995 (a supervisor approves the difference): old enough, young enough.
    assert state.eligibility(FormEntries(nik=OLD_MAN, birth_date="10-03-1995")) == []


def test_a_sponsor_scheme_says_at_once_who_it_does_not_pay_for(db, ref, officer):
    siaga = sponsored_event(db, ref, officer, "SIAGA-KITA-MADIUN", name="Siaga")
    state = form_state(db, ref, siaga, officer)
    sponsored = FormEntries(nik=WOMAN, payer=("sponsor", "sponsor"))
    assert codes(state.eligibility(sponsored)) == ["scheme_not_eligible"]
    # Paying for herself at the same event, the scheme's list does not matter.
    assert state.eligibility(replace(sponsored, payer=("self", "cash"))) == []
    with db.atomic():
        db.execute(
            "INSERT INTO eligibility VALUES ('SIAGA-KITA-MADIUN', ?, 'Sri Wahyuni', "
            "'2026-11-01', ?)",
            [WOMAN, officer],
        )
    # Read once while she is typed; read again at a save attempt, or when an import says so.
    assert codes(state.eligibility(sponsored)) == ["scheme_not_eligible"]
    state.refresh()
    assert state.eligibility(sponsored) == []


def test_a_scheme_whose_quota_is_full_or_budget_used_up_says_so_early(db, ref, officer):
    full = with_scheme(ref, "KOWANTARA-WARTEG", quota=1)
    kowantara = sponsored_event(db, full, officer)
    en.enrol(db, full, kowantara.id, person(occupation_code="K006"), officer, fixed_clock)
    state = form_state(db, full, kowantara, officer)
    nik_only = FormEntries(nik="3577010101900002", payer=("sponsor", "sponsor"))
    assert codes(state.eligibility(nik_only)) == ["scheme_quota_full"]

    spent = with_scheme(ref, "KOWANTARA-WARTEG", budget=33_600)  # exactly the first one's price
    state = form_state(db, spent, kowantara, officer)
    [used_up] = state.eligibility(nik_only)
    assert used_up.code == "scheme_budget_used_up"
    assert used_up.message("id") == (
        "Anggaran skema Kowantara Warteg Terlindungi sudah habis (sisa Rp0). "
        "Daftarkan sebagai bayar sendiri atau tanyakan sponsor."
    )
    # Some budget left but less than this person's price: said once the price is known.
    short = with_scheme(ref, "KOWANTARA-WARTEG", budget=40_000)
    state = form_state(db, short, kowantara, officer)
    assert state.eligibility(nik_only) == []
    priced = replace(nik_only, occupation="K006", income="1000000")
    assert codes(state.eligibility(priced)) == ["scheme_budget_short"]


def test_save_refuses_by_the_same_rules(db, ref, officer):
    full = with_scheme(ref, "KOWANTARA-WARTEG", quota=0)
    kowantara = sponsored_event(db, full, officer)
    state = form_state(db, full, kowantara, officer)
    entries = whole()
    check = state.check(entries)
    assert check is not None
    assert codes(check.errors) == ["scheme_quota_full"]  # once, not once early and once late
    with pytest.raises(ValidationError) as caught:
        state.save(entries)
    assert codes(caught.value.problems) == ["scheme_quota_full"]


def test_a_warning_is_said_once_and_as_a_warning(db, ref, officer):
    # A city scheme with no list: a NIK issued in the regency around it is a warning.
    open_list = with_scheme(ref, "SIAGA-KITA-MADIUN", eligibility_list_required=False)
    siaga = sponsored_event(db, open_list, officer, "SIAGA-KITA-MADIUN", name="Siaga")
    state = form_state(db, open_list, siaga, officer)
    entries = whole(nik=OUTSIDE, occupation="K002")
    check = state.check(entries)
    assert check is not None and check.errors == []
    warnings = [p for p in check.problems if p.code == "scheme_area_nik"]
    assert len(warnings) == 1  # the check of a whole form once listed each warning twice
    state.show_all = True
    shown = state.shown(check.problems, KEYS, entries, "id")
    assert shown["nik"].errors == []
    assert shown["nik"].warnings == [
        "Perhatian: NIK ini diterbitkan di luar wilayah skema Siaga Kita Kota Madiun "
        "(Kota Madiun). Skema membayar warga wilayahnya: periksa KTP dan alamat peserta."
    ]


def test_a_new_nik_after_a_refused_save_starts_quiet_and_fills_again(db, ref, event, officer):
    state = form_state(db, ref, event, officer)
    first = FormEntries(nik=WOMAN)
    fill = state.nik_fill(first)
    assert fill is not None and fill.birth_date == "17-08-1990"
    state.edited("full_name")
    state.show_all = True  # a save was refused
    state.new_person()  # the officer starts typing another NIK over the old one
    assert not state.show_all and not state.touched
    again = state.nik_fill(FormEntries(nik=OLD_MAN, birth_date="17-08-1990", gender="P"))
    assert again is not None  # what the last NIK filled in is the new NIK's to fill
    assert (again.birth_date, again.gender) == ("10-03-1950", "L")
