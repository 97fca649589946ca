"""The NIK (national ID number): 16 digits = region (6) + birth date DDMMYY (+40 on the
day for women) + serial (4). No check digit, so the checks are structural and a
cross-check against what the officer typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.errors import WARNING, Problem
from models.reference import Regions


@dataclass(frozen=True)
class NikInfo:
    nik: str
    province_code: str  # 31
    regency_code: str  # 31.72
    district_code: str  # 31.72.01
    region_retired: bool  # retired, or missing from the list: not compared with an address
    birth_date: date
    gender: str  # M | F
    serial: str


def mask_nik(nik: str) -> str:
    """`3172015708900001` → `3172********0001` (Dukcapil asks that NIKs stay confidential)."""
    if len(nik) != 16:
        return "*" * len(nik)
    return nik[:4] + "*" * 8 + nik[12:]


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _century(day: int, month: int, yy: int, today: date, hint: date | None) -> date | None:
    """The birth date the NIK means: of 19YY and 20YY, the one an applicant of about 15 to 65
    would have (the typed birth date decides when it matches one of them)."""
    candidates = []
    for century in (1900, 2000):
        try:
            d = date(century + yy, month, day)
        except ValueError:
            continue
        if d <= today:
            candidates.append(d)
    if not candidates:
        return None
    if hint is not None and hint in candidates:
        return hint

    def distance(d: date) -> int:
        age = _age(d, today)
        return max(15 - age, age - 65, 0)

    return min(candidates, key=lambda d: (distance(d), -d.year))


def parse_nik(
    raw: str, regions: Regions, today: date, birth_date_hint: date | None = None
) -> tuple[NikInfo | None, list[Problem]]:
    """Validate a NIK; on success return what it says, with any warnings (a district missing
    from the region list inside a known regency). Problems are on field `nik`."""
    nik = raw.strip().replace(" ", "")
    if not nik:
        return None, [Problem("nik", "nik_required")]
    if not nik.isdigit() or not nik.isascii():
        return None, [Problem("nik", "nik_not_digits")]
    if len(nik) != 16:
        return None, [Problem("nik", "nik_length", {"length": len(nik)})]
    problems: list[Problem] = []
    district_code = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    district = regions.get(district_code)
    warnings: list[Problem] = []
    comparable = district is not None and not district.retired
    if district is None and regions.get(district_code[:5]) is not None:
        # A NIK keeps the district of its first registration for life, and districts are
        # split and renumbered (Ciamis' southern districts became Pangandaran in 2012); the
        # region list lacks districts retired before 2016. Inside a known regency, a missing
        # district is most likely such a one: a warning, and no address is compared with it.
        warnings.append(Problem("nik", "nik_district_unknown", severity=WARNING))
    elif district is None:
        problems.append(Problem("nik", "nik_region_unknown"))
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender = "F" if day > 40 else "M"
    if day > 40:
        day -= 40
    born = None
    if 1 <= day <= 31 and 1 <= month <= 12:
        born = _century(day, month, yy, today, birth_date_hint)
    if born is None:
        problems.append(Problem("nik", "nik_date_invalid"))
    if nik[12:] == "0000":
        problems.append(Problem("nik", "nik_serial_zero"))
    if problems or born is None:
        return None, problems
    info = NikInfo(
        nik=nik,
        province_code=nik[0:2],
        regency_code=f"{nik[0:2]}.{nik[2:4]}",
        district_code=district_code,
        region_retired=not comparable,
        birth_date=born,
        gender=gender,
        serial=nik[12:],
    )
    return info, warnings


def check_agreement(
    info: NikInfo,
    birth_date: date | None,
    gender: str | None,
    district_code: str | None,
    district_field: str = "address.village_code",
) -> list[Problem]:
    """Each disagreement between the NIK and what was typed is its own problem.

    The NIK's region is where it was first issued, and people move: a different address
    district is a warning to check the KTP, not a refusal. A retired issuing code cannot be
    compared with a current address, so it is not."""
    problems = []
    if birth_date is not None and birth_date != info.birth_date:
        problems.append(Problem("birth_date", "nik_birth_date_mismatch"))
    if gender is not None and gender != info.gender:
        problems.append(Problem("gender", "nik_gender_mismatch"))
    if (
        district_code
        and not info.region_retired
        and not district_code.startswith(info.district_code)
    ):
        problems.append(Problem(district_field, "nik_district_mismatch", severity=WARNING))
    return problems
