"""A scheme pays for its own area: an event cannot use a scheme whose `region_code` does not
contain the event's place, and an enrolment whose NIK or address lies outside the scheme's
area gets a warning. People are made up."""

from __future__ import annotations

import pytest

from models import enrolments as en
from models.errors import WARNING, ValidationError
from models.events import in_area
from models.reference import ReferenceData
from tests.helpers import TODAY, person, sponsored_event

SIAGA = "SIAGA-KITA-MADIUN"  # Kota Madiun's budget, region 35.77


@pytest.mark.parametrize(
    ("code", "area", "inside"),
    [
        ("35.77.01", "35.77", True),
        ("35.77.01.1001", "35.77", True),
        ("3577011001", "35.77", True),
        ("35.77", "35.77", True),
        ("35.71.01", "35.77", False),
        ("31.72.01", "35", False),
        ("31.72.01", None, True),
        (None, "35.77", False),
    ],
)
def test_in_area(code: str | None, area: str | None, inside: bool) -> None:
    assert in_area(code, area) is inside


def test_an_event_outside_the_schemes_area_is_refused_at_creation(
    db, ref: ReferenceData, officer: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        sponsored_event(db, ref, officer, SIAGA, region_code="31.72.01")  # Jakarta
    [problem] = caught.value.problems
    assert (problem.field, problem.code) == ("scheme_code", "scheme_outside_area")
    assert "Kota Madiun" in problem.message("id") and "Kota Madiun" in problem.message("en")
    assert db.execute("SELECT COUNT(*) FROM events").fetchone() == (0,)


@pytest.mark.parametrize(
    ("scheme", "place"),
    [
        (SIAGA, "35.77.01"),
        (SIAGA, "35.77.01.1001"),
        ("KOPERASI-UMKM-TANGERANG", "36.71.01"),
        ("KOWANTARA-WARTEG", "31.72.01"),  # no area: anywhere
    ],
)
def test_an_event_inside_the_area_is_made(
    db, ref: ReferenceData, officer: str, scheme: str, place: str
) -> None:
    assert sponsored_event(db, ref, officer, scheme, region_code=place).scheme_code == scheme


def area_warnings(ref: ReferenceData, event, **changes: object) -> list[tuple[str, str]]:
    checked, problems = en.validate(person(**changes), event, ref, TODAY)
    assert checked is not None, problems
    return [
        (p.field, p.code)
        for p in checked.warnings
        if p.code.startswith("scheme_area") and p.severity == WARNING
    ]


def test_an_enrolment_from_outside_the_area_gets_a_warning(
    db, ref: ReferenceData, officer: str
) -> None:
    event = sponsored_event(db, ref, officer, SIAGA)
    # A Madiun NIK and address: no warning.
    assert area_warnings(ref, event) == []
    # A NIK first issued in Jakarta, living in Madiun.
    assert area_warnings(ref, event, nik="3172015708900001") == [("nik", "scheme_area_nik")]
    # A Madiun NIK, living in Jakarta.
    assert area_warnings(ref, event, nik="3577015708900001", village_code="31.72.01.1001") == [
        ("address.village_code", "scheme_area_address")
    ]


def test_a_self_paid_enrolment_at_such_an_event_is_not_warned(
    db, ref: ReferenceData, officer: str
) -> None:
    event = sponsored_event(db, ref, officer, SIAGA)
    checked, _ = en.validate(person(nik="3172015708900001", payer="self"), event, ref, TODAY)
    assert checked is not None
    assert [p.code for p in checked.warnings if p.code.startswith("scheme_area")] == []
