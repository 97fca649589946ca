"""Made-up test data shared by the tests: a fixed clock and an applicant whose NIK agrees."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from models import vault
from models.db import SigapDatabase, open_database
from models.enrolments import EnrolmentInput, HeirInput

WIB = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 22, 9, 15, tzinfo=WIB)


def fixed_clock() -> datetime:
    return NOW


_KEYS: dict[Path, bytes] = {}


def desk_key(folder: Path) -> bytes:
    """The database key of a test desk: made, with its key file, on first use; the same one
    after (as a signed-in officer would unlock it)."""
    folder = folder.resolve()
    if folder not in _KEYS:
        _KEYS[folder] = vault.create(folder)
    return _KEYS[folder]


def open_desk(folder: Path, **options: bool) -> SigapDatabase:
    """The encrypted database of a test desk, made on first use (no officer in it yet)."""
    return open_database(folder, desk_key(folder), create=True, **options)


def person(**overrides: object) -> EnrolmentInput:
    """A made-up applicant whose NIK, birth date and sex agree (woman born 17-08-1990)."""
    values: dict[str, object] = {
        "nik": "3577015708900001",
        "full_name": "Ni Luh Putu Ayu Regapu’u Saraswati",
        "birth_place": "Madiun",
        "birth_date": date(1990, 8, 17),
        "gender": "P",
        "mother_maiden_name": "Sumirah",
        "phone": "0812-3456-7890",
        "street": "Jl. Pahlawan 5",
        "rt": "3",
        "rw": "7",
        "village_code": "35.77.01.1001",
        "occupation_code": "K002",
        "declared_income": 1_000_000,
        "heirs": [HeirInput("Made Wirawan", "suami", "", "081298765432")],
        "consent": True,
    }
    values.update(overrides)
    return EnrolmentInput(**values)  # type: ignore[arg-type]
