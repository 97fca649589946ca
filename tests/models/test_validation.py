"""Field validators: phones, names, RT/RW, sex, heir relationship and age.

Names and numbers are made up.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from models.errors import ERROR
from models.reference import default_reference
from models.validation import (
    NAME_MAX,
    RELATIONSHIPS,
    check_age,
    clean_gender,
    clean_name,
    clean_relationship,
    clean_rt_rw,
    normalise_phone,
)

E164_ID = re.compile(r"^\+62[2-9]\d{7,11}$")
TODAY = date(2026, 11, 22)


def codes(problems: list) -> list[str]:
    return [p.code for p in problems]


# --- phones ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "0812-3456-7890",
        "081234567890",
        "0812 3456 7890",
        "(0812) 3456.7890",
        "6281234567890",
        "+6281234567890",
        "+62 812-3456-7890",
        "+62 (812) 3456 7890",
        "+62 (0)812-3456-7890",  # trunk zero kept after the country code
        "620812 3456 7890",
        "  081234567890  ",
    ],
)
def test_indonesian_mobile_in_any_usual_writing(raw: str) -> None:
    assert normalise_phone(raw) == ("+6281234567890", [])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("021-5551234", "+62215551234"),  # Jakarta landline, 9 national digits
        ("0351 4567 89", "+62351456789"),  # Madiun landline
        ("081234567", "+6281234567"),  # shortest accepted: 8 national digits
        ("0812345678901", "+62812345678901"),  # longest accepted: 12 national digits
    ],
)
def test_landlines_and_length_limits(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == (expected, [])


@pytest.mark.parametrize("raw", [None, "", "   ", "\t"])
def test_empty_phone_is_none_without_problem(raw: str | None) -> None:
    assert normalise_phone(raw) == (None, [])


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("abc", "phone_invalid"),
        ("0812-ABCD-7890", "phone_invalid"),
        ("0812/3456/7890", "phone_invalid"),
        ("812345678", "phone_invalid"),  # no leading 0 or 62
        ("08123456", "phone_invalid"),  # too short: 7 national digits
        ("08123456789012", "phone_invalid"),  # too long: 13 national digits
        ("+62812345", "phone_invalid"),  # too short after +62
        ("+628123456789012", "phone_invalid"),  # too long after +62
        ("00812345678", "phone_invalid"),  # national part starts with 0
        ("0112345678", "phone_invalid"),  # national part starts with 1
        ("０８１２３４５６７８９０", "phone_invalid"),  # full-width digits
        ("08１２３４５６７８９０", "phone_invalid"),  # full-width after an ASCII 0
        ("+14155550100", "phone_not_indonesian"),
        ("+44 20 7946 0000", "phone_not_indonesian"),
        ("+60123456789", "phone_not_indonesian"),  # Malaysia
        ("+65 6123 4567", "phone_not_indonesian"),  # Singapore
    ],
)
def test_rejected_phones(raw: str, code: str) -> None:
    value, problems = normalise_phone(raw)
    assert value is None
    assert codes(problems) == [code]
    assert problems[0].field == "phone"
    assert problems[0].severity == ERROR


def test_phone_problem_is_on_the_field_asked_for() -> None:
    _, problems = normalise_phone("+14155550100", field="heirs[1].phone")
    assert [(p.field, p.code) for p in problems] == [("heirs[1].phone", "phone_not_indonesian")]


phone_like = st.builds(
    lambda prefix, body, seps: prefix + "".join(d + s for d, s in zip(body, seps, strict=False)),
    st.sampled_from(["0", "62", "+62", "+62 ", "+", "+1", "", "00", " 0"]),
    st.text(alphabet="0123456789", min_size=0, max_size=16),
    st.lists(st.sampled_from(["", "", "", " ", "-", ".", "(", ")"]), min_size=16, max_size=16),
)


@settings(max_examples=200, deadline=None)
@given(raw=st.one_of(phone_like, st.text(max_size=25)))
def test_every_accepted_phone_is_e164_indonesian_and_stable(raw: str) -> None:
    value, problems = normalise_phone(raw)
    if value is None:
        # Either nothing was typed, or exactly one reason is given.
        if raw.strip():
            assert len(problems) == 1
            assert problems[0].code in ("phone_invalid", "phone_not_indonesian")
        else:
            assert problems == []
        return
    assert problems == []
    assert E164_ID.match(value), value
    assert normalise_phone(value) == (value, [])


@settings(max_examples=200, deadline=None)
@given(
    first=st.sampled_from("23456789"),
    rest=st.text(alphabet="0123456789", min_size=7, max_size=11),
    style=st.sampled_from(["0{}", "62{}", "+62{}", "+62 {}"]),
)
def test_every_valid_national_number_is_accepted_in_each_writing(
    first: str, rest: str, style: str
) -> None:
    national = first + rest
    assert normalise_phone(style.format(national)) == ("+62" + national, [])


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Regapu’u",
        "Ñoman",
        "N\u0303oman",  # decomposed Ñ: combining mark kept, not normalised
        "Ni Luh Putu Ayu Regapu’u Saraswati",
        "Siti Nur'aini",
        "I Gusti Ngurah Rai-Putra",
        "Drs. Slamet, S.H.",
        "Abdurrahman",
        "Nguyễn Thị Lan",
        "Хадижат",
        "Ömer",
        "张伟",
    ],
)
def test_names_are_kept_exactly(name: str) -> None:
    assert clean_name(name, "full_name") == (name, [])


def test_decomposed_name_is_not_normalised_to_nfc() -> None:
    decomposed = "N\u0303oman"
    cleaned, _ = clean_name(decomposed, "full_name")
    assert cleaned == decomposed
    assert cleaned != unicodedata.normalize("NFC", decomposed)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Ni Luh  Putu   Ayu ", "Ni Luh Putu Ayu"),
        ("Siti\tAminah", "Siti Aminah"),
        ("Siti\nAminah", "Siti Aminah"),
        ("Siti\u00a0Aminah", "Siti Aminah"),  # no-break space
        (" Regapu’u ", "Regapu’u"),
    ],
)
def test_name_is_trimmed_and_spaces_collapsed(raw: str, expected: str) -> None:
    assert clean_name(raw, "full_name") == (expected, [])


@pytest.mark.parametrize("raw", ["Budi 2", "Ani3", "Budi ²", "Budi٣", "R2D2"])
def test_names_with_digits_are_rejected(raw: str) -> None:
    _, problems = clean_name(raw, "full_name")
    assert codes(problems) == ["name_invalid_chars"]
    assert problems[0].field == "full_name"


@pytest.mark.parametrize(
    "raw",
    [
        "Budi\x00Santoso",
        "Budi\x07",
        "\x1bBudi",
        "Budi\x7fSantoso",
        "Budi\x9bSantoso",
        "Budi\u200bSantoso",  # zero-width space (format character)
        "Budi\u202eSantoso",  # right-to-left override
    ],
)
def test_names_with_control_characters_are_rejected(raw: str) -> None:
    _, problems = clean_name(raw, "full_name")
    assert codes(problems) == ["name_invalid_chars"]


@pytest.mark.parametrize(
    "raw", ["Budi@Santoso", "Budi_Santoso", "Budi (Ucok)", "😀 Budi", "...", "-"]
)
def test_names_with_other_symbols_or_no_letter_are_rejected(raw: str) -> None:
    _, problems = clean_name(raw, "full_name")
    assert codes(problems) == ["name_invalid_chars"]


def test_name_length_limit() -> None:
    at_limit = "A" * NAME_MAX
    assert clean_name(at_limit, "full_name") == (at_limit, [])
    # Surrounding spaces do not count.
    assert clean_name(f"  {at_limit}  ", "full_name") == (at_limit, [])
    _, problems = clean_name("A" * (NAME_MAX + 1), "full_name")
    assert codes(problems) == ["name_too_long"]
    assert problems[0].params == {"max": 100}


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_name_required_unless_optional(raw: str | None) -> None:
    _, problems = clean_name(raw, "heirs[0].name")
    assert [(p.field, p.code) for p in problems] == [("heirs[0].name", "name_required")]
    assert clean_name(raw, "mother_maiden_name", required=False) == ("", [])


letter = st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"])
word = st.text(alphabet=letter, min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(word, min_size=1, max_size=6),
    lead=st.sampled_from(["", " ", "  ", "\t"]),
    trail=st.sampled_from(["", " ", "  ", "\n"]),
)
def test_names_of_letters_of_any_script_come_back_unchanged(
    words: list[str], lead: str, trail: str
) -> None:
    name = " ".join(words)
    assume(len(name) <= NAME_MAX)
    raw = lead + name + trail
    assert clean_name(raw, "full_name") == (raw.strip(), [])


# --- RT / RW -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("5", "005"), ("05", "005"), ("005", "005"), (" 12 ", "012"), ("999", "999"), ("100", "100"),
     ("000", "000"), ("0", "000")],  # 000 as many KTPs print it
)
def test_rt_rw_zero_padded(raw: str, expected: str) -> None:
    assert clean_rt_rw(raw, "rt") == (expected, [])


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_rt_rw_may_be_empty(raw: str | None) -> None:
    assert clean_rt_rw(raw, "rw") == ("", [])


@pytest.mark.parametrize("raw", ["1000", "0000", "12a", "RT5", "-5", "٣", "5/3", "1.5"])
def test_rt_rw_invalid(raw: str) -> None:
    _, problems = clean_rt_rw(raw, "rw")
    assert [(p.field, p.code) for p in problems] == [("rw", "rt_rw_invalid")]


# --- sex ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("L", "M"), ("P", "F"), ("M", "M"), ("F", "F"), ("l", "M"), (" p ", "F"), ("m", "M")],
)
def test_gender_codes(raw: str, expected: str) -> None:
    assert clean_gender(raw) == (expected, [])


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_gender_required(raw: str | None) -> None:
    value, problems = clean_gender(raw)
    assert value is None
    assert [(p.field, p.code) for p in problems] == [("gender", "field_required")]


@pytest.mark.parametrize("raw", ["X", "W", "LP", "laki-laki", "perempuan", "male", "1"])
def test_gender_invalid(raw: str) -> None:
    value, problems = clean_gender(raw)
    assert value is None
    assert [(p.field, p.code) for p in problems] == [("gender", "gender_invalid")]


# --- heir relationship -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Istri", "spouse"),
        ("suami", "spouse"),
        ("Suami/Istri", "spouse"),
        ("ISTERI", "spouse"),
        ("janda", "spouse"),
        ("duda", "spouse"),
        ("Anak", "child"),
        ("Anak  Kandung", "child"),
        ("Orang Tua", "parent"),
        ("orang-tua", "parent"),
        ("orangtua", "parent"),
        ("Ibu", "parent"),
        ("Bapak", "parent"),
        ("Ayah", "parent"),
        ("Kakek", "grandparent"),
        ("Nenek", "grandparent"),
        ("Cucu", "grandchild"),
        ("Saudara Kandung", "sibling"),
        ("Kakak", "sibling"),
        ("Adik", "sibling"),
        ("Mertua", "parent_in_law"),
        ("Penerima Wasiat", "will_named"),
        ("wasiat", "will_named"),
        ("parent-in-law", "parent_in_law"),
        ("parent_in_law", "parent_in_law"),
        ("will named", "will_named"),
        ("  SPOUSE ", "spouse"),
    ],
)
def test_relationship_words_map_to_codes(raw: str, code: str) -> None:
    assert clean_relationship(raw, "heirs[0].relationship") == (code, [])


def test_every_relationship_code_maps_to_itself() -> None:
    for code in RELATIONSHIPS:
        assert clean_relationship(code, "r") == (code, [])


@pytest.mark.parametrize("raw", ["tetangga", "teman", "pacar", "sepupu", "boss"])
def test_unknown_relationship(raw: str) -> None:
    _, problems = clean_relationship(raw, "heirs[0].relationship")
    assert [(p.field, p.code) for p in problems] == [
        ("heirs[0].relationship", "relationship_unknown")
    ]


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_relationship_required(raw: str | None) -> None:
    assert clean_relationship(raw, "heirs[0].relationship")[1][0].code == "field_required"


# --- age ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def limits() -> tuple[int, int]:
    table = default_reference().rate_table
    low, too_old = table.age_limits(TODAY)
    # The limits are data: they are what resources/rates.json says for the period.
    age = table.period(TODAY)["age"]
    assert (low, too_old) == (age["min"], age["max_exclusive"])
    return low, too_old


def years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def test_limits_are_15_and_under_65(limits: tuple[int, int]) -> None:
    assert limits == (15, 65)


def test_fifteenth_birthday_today_is_old_enough(limits: tuple[int, int]) -> None:
    low, _ = limits
    assert check_age(years_before(TODAY, low), TODAY, limits) == []


def test_one_day_before_the_fifteenth_birthday_is_too_young(limits: tuple[int, int]) -> None:
    low, _ = limits
    born = date(TODAY.year - low, TODAY.month, TODAY.day + 1)
    problems = check_age(born, TODAY, limits)
    assert [(p.field, p.code, p.params) for p in problems] == [
        ("birth_date", "age_too_young", {"min": low})
    ]


def test_day_before_the_65th_birthday_is_still_allowed(limits: tuple[int, int]) -> None:
    _, too_old = limits
    born = date(TODAY.year - too_old, TODAY.month, TODAY.day + 1)
    assert check_age(born, TODAY, limits) == []


def test_65th_birthday_is_too_old(limits: tuple[int, int]) -> None:
    _, too_old = limits
    problems = check_age(years_before(TODAY, too_old), TODAY, limits)
    assert [(p.field, p.code, p.params) for p in problems] == [
        ("birth_date", "age_too_old", {"max": too_old})
    ]


def test_born_on_29_february_turns_15_on_1_march() -> None:
    limits = (15, 65)
    born = date(2008, 2, 29)
    assert codes(check_age(born, date(2023, 2, 28), limits)) == ["age_too_young"]
    assert check_age(born, date(2023, 3, 1), limits) == []


@settings(max_examples=200, deadline=None)
@given(born=st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_age_check_agrees_with_the_limits(born: date) -> None:
    low, too_old = default_reference().rate_table.age_limits(TODAY)
    age = TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))
    expected = ["age_too_young"] if age < low else ["age_too_old"] if age >= too_old else []
    assert codes(check_age(born, TODAY, (low, too_old))) == expected
