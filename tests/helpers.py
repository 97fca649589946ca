"""Made-up test data shared by the tests: a fixed clock, a test desk, an applicant whose NIK
agrees and an event a scheme pays for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from models import vault
from models.database import Database
from models.db import SigapDatabase, open_database
from models.enrolments import EnrolmentInput, HeirInput
from models.events import Event, create_event
from models.reference import ReferenceData

WIB = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 22, 9, 15, tzinfo=WIB)
TODAY = NOW.date()


def fixed_clock() -> datetime:
    return NOW


KOWANTARA = "KOWANTARA-WARTEG"  # a community scheme for warteg workers (resources/)


def sponsored_event(
    db: Database,
    ref: ReferenceData,
    officer_id: str,
    scheme: str | None = KOWANTARA,
    *,
    name: str = "Acara Warteg",
    location: str = "Balai Warga",
    region_code: str = "35.77.01",
    day: date = TODAY,
    clock: Callable[[], datetime] = fixed_clock,
) -> Event:
    """A one-day event whose enrolments `scheme` pays for (None: a self-paid one)."""
    return create_event(
        db,
        ref,
        name=name,
        starts_on=day,
        ends_on=day,
        location=location,
        region_code=region_code,
        officer_id=officer_id,
        scheme_code=scheme,
        clock=clock,
    )


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
