"""NIK parsing, cross-checking against what the officer typed, and masking.

All NIKs here are made up: real district codes from resources/regions, invented dates and
serials.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.errors import ERROR, WARNING
from models.nik import NikInfo, check_agreement, mask_nik, parse_nik
from models.reference import Regions, default_reference

TODAY = date(2026, 11, 22)

# Real district codes (current ones) and one retired Papua code (pre-2022 split).
CURRENT_DISTRICTS = [
    "31.72.01",  # Jakarta Utara, Penjaringan
    "31.71.01",  # Jakarta Pusat, Gambir
    "35.77.01",  # Kota Madiun, Kartoharjo
    "36.71.01",  # Kota Tangerang, Tangerang
    "51.71.01",  # Kota Denpasar, Denpasar Selatan
    "73.71.01",  # Kota Makassar, Mariso
    "12.71.01",  # Kota Medan, Medan Kota
    "91.03.01",  # Kabupaten Jayapura, Sentani
]
RETIRED_DISTRICT = "91.01.01"  # Merauke under the old Papua numbering
ALL_DISTRICTS = [*CURRENT_DISTRICTS, RETIRED_DISTRICT]


@pytest.fixture(scope="module")
def regions() -> Regions:
    return default_reference().regions


def build_nik(district: str, born: date, gender: str, serial: int) -> str:
    day = born.day + (40 if gender == "F" else 0)
    return f"{district.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def codes(problems: list) -> list[str]:
    return [p.code for p in problems]


# --- the reference data the tests rely on -------------------------------------------------


def test_fixture_regions_are_what_the_tests_assume(regions: Regions) -> None:
    for code in CURRENT_DISTRICTS:
        region = regions.get(code)
        assert region is not None and not region.retired, code
    retired = regions.get(RETIRED_DISTRICT)
    assert retired is not None and retired.retired
    assert regions.get("99.99.99") is None


# --- parsing valid NIKs ------------------------------------------------------------------


def test_male_nik_parses_to_its_facts(regions: Regions) -> None:
    info, problems = parse_nik("3172011708900123", regions, TODAY)
    assert problems == []
    assert info == NikInfo(
        nik="3172011708900123",
        province_code="31",
        regency_code="31.72",
        district_code="31.72.01",
        region_retired=False,
        birth_date=date(1990, 8, 17),
        gender="M",
        serial="0123",
    )


def test_female_day_has_40_added(regions: Regions) -> None:
    info, problems = parse_nik("3172015708900001", regions, TODAY)
    assert problems == []
    assert info is not None
    assert info.gender == "F"
    assert info.birth_date == date(1990, 8, 17)


@pytest.mark.parametrize(
    ("digits", "gender", "born"),
    [
        ("010185", "M", date(1985, 1, 1)),
        ("310185", "M", date(1985, 1, 31)),
        ("410185", "F", date(1985, 1, 1)),
        ("710185", "F", date(1985, 1, 31)),
    ],
)
def test_day_boundaries_for_each_sex(
    regions: Regions, digits: str, gender: str, born: date
) -> None:
    info, problems = parse_nik(f"357701{digits}4321", regions, TODAY)
    assert problems == []
    assert info is not None
    assert (info.gender, info.birth_date) == (gender, born)


def test_spaces_typed_inside_the_nik_are_ignored(regions: Regions) -> None:
    info, problems = parse_nik("  3172 0157 0890 0001 ", regions, TODAY)
    assert problems == []
    assert info is not None and info.nik == "3172015708900001"


# --- century inference -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yy", "year"),
    [
        ("05", 2005),  # 21 years old, not 121
        ("10", 2010),  # 16 years old
        ("62", 1962),  # 2062 is in the future
        ("90", 1990),
        ("99", 1999),
    ],
)
def test_century_is_the_one_of_an_applicant_aged_about_15_to_65(
    regions: Regions, yy: str, year: int
) -> None:
    info, problems = parse_nik(f"3172010303{yy}0007", regions, TODAY)
    assert problems == []
    assert info is not None
    assert info.birth_date == date(year, 3, 3)


def test_without_hint_a_child_is_more_plausible_than_a_centenarian(regions: Regions) -> None:
    # 1920 (106 years old) or 2020 (6 years old): 2020 is nearer the 15..65 range.
    info, _ = parse_nik("3172010101200011", regions, TODAY)
    assert info is not None and info.birth_date == date(2020, 1, 1)


@pytest.mark.parametrize("hint_year", [1920, 2020])
def test_typed_birth_date_picks_the_century_when_it_matches(
    regions: Regions, hint_year: int
) -> None:
    hint = date(hint_year, 1, 1)
    info, problems = parse_nik("3172010101200011", regions, TODAY, birth_date_hint=hint)
    assert problems == []
    assert info is not None and info.birth_date == hint


def test_hint_that_matches_neither_century_is_ignored(regions: Regions) -> None:
    info, problems = parse_nik("3172010101200011", regions, TODAY, birth_date_hint=date(1985, 6, 6))
    assert problems == []
    assert info is not None and info.birth_date == date(2020, 1, 1)
    # ...and the disagreement is then reported by check_agreement.
    assert codes(check_agreement(info, date(1985, 6, 6), None, None)) == ["nik_birth_date_mismatch"]


def test_yy_00_on_29_february_is_2000_because_1900_was_not_a_leap_year(
    regions: Regions,
) -> None:
    info, problems = parse_nik("3172016902000042", regions, TODAY)  # female, 29.02.00
    assert problems == []
    assert info is not None
    assert info.birth_date == date(2000, 2, 29)
    assert info.gender == "F"


def test_yy_00_on_29_february_with_a_1900_hint_still_gives_2000(regions: Regions) -> None:
    # 1900-02-29 does not exist, so no typed date can select it: 2000 is the only reading.
    info, problems = parse_nik("3172012902000042", regions, TODAY, birth_date_hint=date(1900, 3, 1))
    assert problems == []
    assert info is not None and info.birth_date == date(2000, 2, 29)


def test_a_birth_date_in_the_future_is_never_chosen(regions: Regions) -> None:
    # 01.12.26 on 22.11.2026: 2026-12-01 has not happened yet, so only 1926 is possible.
    info, problems = parse_nik("3172010112260001", regions, TODAY)
    assert problems == []
    assert info is not None and info.birth_date == date(1926, 12, 1)


# --- invalid NIKs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_digits", "why"),
    [
        ("310290", "31 February"),
        ("710290", "31 February, female"),
        ("720190", "day 72 = female day 32"),
        ("320190", "day 32"),
        ("011390", "month 13"),
        ("010090", "month 00"),
        ("000190", "day 00"),
        ("400190", "day 40 (neither a male nor a female day)"),
        ("290201", "29 February 2001/1901"),
        ("310490", "31 April"),
        ("990190", "day 99"),
    ],
)
def test_impossible_birth_dates(regions: Regions, date_digits: str, why: str) -> None:
    info, problems = parse_nik(f"317201{date_digits}0001", regions, TODAY)
    assert info is None, why
    assert codes(problems) == ["nik_date_invalid"], why
    assert problems[0].field == "nik"
    assert problems[0].severity == ERROR


def test_serial_0000_is_invalid(regions: Regions) -> None:
    info, problems = parse_nik("3172011708900000", regions, TODAY)
    assert info is None
    assert codes(problems) == ["nik_serial_zero"]
    assert problems[0].field == "nik"


@pytest.mark.parametrize("serial", ["0001", "9999", "1000"])
def test_serials_other_than_0000_are_fine(regions: Regions, serial: str) -> None:
    info, problems = parse_nik(f"317201170890{serial}", regions, TODAY)
    assert problems == []
    assert info is not None and info.serial == serial


def test_current_region_is_accepted_and_not_retired(regions: Regions) -> None:
    info, problems = parse_nik("3172011708900123", regions, TODAY)
    assert problems == []
    assert info is not None
    assert info.district_code == "31.72.01"
    assert info.region_retired is False


def test_retired_region_is_accepted_and_marked(regions: Regions) -> None:
    info, problems = parse_nik("9101011708900123", regions, TODAY)
    assert problems == []
    assert info is not None
    assert info.district_code == "91.01.01"
    assert info.regency_code == "91.01"
    assert info.province_code == "91"
    assert info.region_retired is True


@pytest.mark.parametrize("prefix", ["999999", "319901", "000000", "310000"])
def test_unknown_region_is_an_error(regions: Regions, prefix: str) -> None:
    info, problems = parse_nik(f"{prefix}1708900123", regions, TODAY)
    assert info is None
    assert codes(problems) == ["nik_region_unknown"]
    assert problems[0].field == "nik"
    assert problems[0].severity == ERROR


def test_structural_problems_are_all_reported_together(regions: Regions) -> None:
    info, problems = parse_nik("9999993102900000", regions, TODAY)
    assert info is None
    assert sorted(codes(problems)) == sorted(
        ["nik_region_unknown", "nik_date_invalid", "nik_serial_zero"]
    )
    assert {p.field for p in problems} == {"nik"}


@pytest.mark.parametrize("raw", ["", "   ", "\t"])
def test_empty_nik_is_required(regions: Regions, raw: str) -> None:
    info, problems = parse_nik(raw, regions, TODAY)
    assert info is None
    assert codes(problems) == ["nik_required"]


@pytest.mark.parametrize(
    "raw",
    [
        "317201170890012",  # 15
        "31720117089001234",  # 17
        "3172",
        "1",
        "31720117089001230000",
    ],
)
def test_not_16_digits(regions: Regions, raw: str) -> None:
    info, problems = parse_nik(raw, regions, TODAY)
    assert info is None
    assert codes(problems) == ["nik_length"]
    assert problems[0].params == {"length": len(raw)}
    assert problems[0].field == "nik"


@pytest.mark.parametrize(
    "raw",
    [
        "3172O11708900123",  # letter O for zero
        "3172-0117-0890-0123",
        "31.72.01.170890.0123",
        "317201170890012x",
        "٣١٧٢٠١١٧٠٨٩٠٠١٢٣",  # Arabic-Indic digits: str.isdigit() but not ASCII
        "３１７２０１１７０８９００１２３",  # full-width digits
        "+3172011708900123",
    ],
)
def test_non_digits(regions: Regions, raw: str) -> None:
    info, problems = parse_nik(raw, regions, TODAY)
    assert info is None
    assert codes(problems) == ["nik_not_digits"]
    assert problems[0].field == "nik"


def test_problem_messages_do_not_quote_the_nik(regions: Regions) -> None:
    raw = "9999993102900000"
    _, problems = parse_nik(raw, regions, TODAY)
    for p in problems:
        for lang in ("id", "en"):
            assert raw not in p.message(lang)
            assert p.message(lang) != p.code  # a real catalogue text


# --- agreement with what was typed -------------------------------------------------------


@pytest.fixture(scope="module")
def female_jakarta(regions: Regions) -> NikInfo:
    info, problems = parse_nik("3172015708900001", regions, TODAY)
    assert problems == [] and info is not None
    return info


@pytest.fixture(scope="module")
def retired_papua(regions: Regions) -> NikInfo:
    info, problems = parse_nik("9101011708900123", regions, TODAY)
    assert problems == [] and info is not None
    return info


def test_everything_agrees(female_jakarta: NikInfo) -> None:
    assert check_agreement(female_jakarta, date(1990, 8, 17), "F", "31.72.01.1001") == []
    assert check_agreement(female_jakarta, date(1990, 8, 17), "F", "31.72.01") == []


def test_nothing_typed_means_nothing_to_disagree_with(female_jakarta: NikInfo) -> None:
    assert check_agreement(female_jakarta, None, None, None) == []
    assert check_agreement(female_jakarta, None, None, "") == []


def test_birth_date_disagreement(female_jakarta: NikInfo) -> None:
    problems = check_agreement(female_jakarta, date(1990, 8, 18), "F", "31.72.01.1001")
    assert len(problems) == 1
    (p,) = problems
    assert (p.field, p.code, p.severity) == ("birth_date", "nik_birth_date_mismatch", ERROR)


def test_birth_date_in_the_other_century_disagrees(female_jakarta: NikInfo) -> None:
    problems = check_agreement(female_jakarta, date(2090, 8, 17), None, None)
    assert codes(problems) == ["nik_birth_date_mismatch"]


def test_sex_disagreement(female_jakarta: NikInfo) -> None:
    problems = check_agreement(female_jakarta, date(1990, 8, 17), "M", "31.72.01.1001")
    assert len(problems) == 1
    (p,) = problems
    assert (p.field, p.code, p.severity) == ("gender", "nik_gender_mismatch", ERROR)


def test_district_disagreement_is_only_a_warning(female_jakarta: NikInfo) -> None:
    # People move: an address in Gambir with a NIK from Penjaringan is worth checking only.
    problems = check_agreement(female_jakarta, date(1990, 8, 17), "F", "31.71.01.1001")
    assert len(problems) == 1
    (p,) = problems
    assert (p.field, p.code, p.severity) == (
        "address.village_code",
        "nik_district_mismatch",
        WARNING,
    )


def test_district_disagreement_uses_the_field_asked_for(female_jakarta: NikInfo) -> None:
    problems = check_agreement(
        female_jakarta, None, None, "35.77.01.1001", district_field="heirs[0].village_code"
    )
    assert [(p.field, p.code) for p in problems] == [
        ("heirs[0].village_code", "nik_district_mismatch")
    ]


def test_each_disagreement_is_its_own_problem(female_jakarta: NikInfo) -> None:
    problems = check_agreement(female_jakarta, date(1991, 8, 17), "M", "51.71.01.1001")
    assert [(p.field, p.code, p.severity) for p in problems] == [
        ("birth_date", "nik_birth_date_mismatch", ERROR),
        ("gender", "nik_gender_mismatch", ERROR),
        ("address.village_code", "nik_district_mismatch", WARNING),
    ]
    assert len({p.code for p in problems}) == 3


def test_retired_region_is_not_compared_with_the_address(retired_papua: NikInfo) -> None:
    # Merauke is now 93.xx (Papua Selatan): a current address cannot match the old code.
    assert check_agreement(retired_papua, date(1990, 8, 17), "M", "93.01.01.2001") == []
    assert check_agreement(retired_papua, None, None, "31.72.01.1001") == []


def test_retired_region_still_checks_birth_date_and_sex(retired_papua: NikInfo) -> None:
    problems = check_agreement(retired_papua, date(1990, 8, 16), "F", "93.01.01.2001")
    assert codes(problems) == ["nik_birth_date_mismatch", "nik_gender_mismatch"]


# --- masking -----------------------------------------------------------------------------


def test_mask_example() -> None:
    assert mask_nik("3172015708900001") == "3172********0001"


@pytest.mark.parametrize("raw", ["", "3172", "317201570890000", "31720157089000012"])
def test_mask_of_a_wrong_length_reveals_nothing(raw: str) -> None:
    masked = mask_nik(raw)
    assert masked == "*" * len(raw)
    assert not any(ch.isdigit() for ch in masked)


# --- properties --------------------------------------------------------------------------

OLDEST = date(TODAY.year - 65, TODAY.month, TODAY.day)  # 65 today
YOUNGEST = date(TODAY.year - 15, TODAY.month, TODAY.day)  # 15 today


@settings(max_examples=200, deadline=None)
@given(
    district=st.sampled_from(ALL_DISTRICTS),
    born=st.dates(min_value=OLDEST, max_value=YOUNGEST),
    gender=st.sampled_from(["M", "F"]),
    serial=st.integers(min_value=1, max_value=9999),
    with_hint=st.booleans(),
)
def test_a_built_nik_parses_back_to_its_facts(
    regions: Regions, district: str, born: date, gender: str, serial: int, with_hint: bool
) -> None:
    nik = build_nik(district, born, gender, serial)
    info, problems = parse_nik(nik, regions, TODAY, born if with_hint else None)
    assert problems == []
    assert info is not None
    assert info.nik == nik
    assert info.district_code == district
    assert info.regency_code == district[:5]
    assert info.province_code == district[:2]
    assert info.region_retired == (district == RETIRED_DISTRICT)
    assert info.birth_date == born
    assert info.gender == gender
    assert info.serial == f"{serial:04d}"
    # What it says agrees with itself.
    assert check_agreement(info, born, gender, district + ".1001") == []


@settings(max_examples=200, deadline=None)
@given(
    district=st.sampled_from(CURRENT_DISTRICTS),
    born=st.dates(min_value=OLDEST, max_value=YOUNGEST),
    gender=st.sampled_from(["M", "F"]),
    serial=st.integers(min_value=1, max_value=9999),
    shift=st.integers(min_value=1, max_value=3650),
)
def test_a_different_typed_birth_date_always_disagrees(
    regions: Regions, district: str, born: date, gender: str, serial: int, shift: int
) -> None:
    info, _ = parse_nik(build_nik(district, born, gender, serial), regions, TODAY)
    assert info is not None
    other = born - timedelta(days=shift)
    problems = check_agreement(info, other, "F" if gender == "M" else "M", None)
    assert [(p.field, p.code) for p in problems] == [
        ("birth_date", "nik_birth_date_mismatch"),
        ("gender", "nik_gender_mismatch"),
    ]


sixteen_digits = st.text(alphabet="0123456789", min_size=16, max_size=16)
# Half of the examples start with a real district, so the later checks are reached too.
plausible_nik = st.one_of(
    sixteen_digits,
    st.builds(
        lambda d, rest: d.replace(".", "") + rest,
        st.sampled_from(ALL_DISTRICTS),
        st.text(alphabet="0123456789", min_size=10, max_size=10),
    ),
)


@settings(max_examples=200, deadline=None)
@given(nik=plausible_nik, hint=st.none() | st.dates())
def test_parse_never_raises_and_returns_info_xor_problems(
    regions: Regions, nik: str, hint: date | None
) -> None:
    info, problems = parse_nik(nik, regions, TODAY, hint)
    errors = [p for p in problems if p.severity == ERROR]
    assert (info is None) != (errors == [])
    # The only warning: a district missing from the list inside a known regency.
    assert {p.code for p in problems if p.severity != ERROR} <= {"nik_district_unknown"}
    if info is not None:
        assert info.nik == nik
        assert info.birth_date <= TODAY
        assert info.gender in ("M", "F")
        assert info.serial != "0000"
    else:
        assert all(p.field == "nik" and p.severity == ERROR for p in problems)
        assert set(codes(problems)) <= {
            "nik_region_unknown",
            "nik_date_invalid",
            "nik_serial_zero",
        }


@settings(max_examples=200, deadline=None)
@given(nik=sixteen_digits)
def test_mask_keeps_first_and_last_four_and_hides_digits_5_to_12(nik: str) -> None:
    masked = mask_nik(nik)
    assert len(masked) == 16
    assert masked[:4] == nik[:4]
    assert masked[12:] == nik[12:]
    assert masked[4:12] == "*" * 8


@settings(max_examples=200, deadline=None)
@given(raw=st.text(alphabet="0123456789", max_size=30))
def test_mask_never_reveals_the_middle_digits_of_any_length(raw: str) -> None:
    masked = mask_nik(raw)
    assert len(masked) == len(raw)
    revealed = [i for i, ch in enumerate(masked) if ch != "*"]
    # Only positions 1-4 and 13-16 of a 16-digit NIK may ever be shown.
    assert all(i < 4 or i >= 12 for i in revealed)
    if len(raw) != 16:
        assert revealed == []
