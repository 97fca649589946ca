"""Made-up data for a first look around: an officer, an event with a sponsor scheme, an
eligibility list and 50 enrolments with payments. Every name and NIK is invented."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import get_setting, set_setting
from models.enrolments import EnrolmentInput, HeirInput, enrol
from models.errors import SigapError
from models.events import create_event
from models.officers import add_officer, get_officer
from models.reference import ReferenceData

DEMO_OFFICER = "demo"
DEMO_PASSPHRASE = "pasar-contoh-2026"
DEMO_SCHEME = "SIAGA-KITA-MADIUN"

_MEN = ["Agus", "Budi", "Dedi", "Eko", "Hadi", "Joko", "Rudi", "Slamet", "Wahyu", "Yanto"]
_WOMEN = ["Ani", "Dewi", "Endang", "Lestari", "Murni", "Ratna", "Siti", "Sri", "Tutik", "Yuni"]
_FAMILY = ["Prasetyo", "Santoso", "Wibowo", "Saputra", "Hartono", "Kusuma", "Rahayu", "Utami"]
_OCCUPATIONS = ["K001", "K002", "K012", "K020", "K042", "K029", "K033", "K043", "K050", "K045"]
_DISTRICTS = ["35.77.01", "35.77.02", "35.77.03"]


@dataclass(frozen=True)
class DemoResult:
    event_id: str
    officer_id: str
    passphrase: str | None
    enrolments: int


def _made_up_nik(rng: random.Random, district: str, born: date, female: bool, serial: int) -> str:
    day = born.day + (40 if female else 0)
    return f"{district.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def fill_demo(db: Database, ref: ReferenceData, clock: Clock = system_clock) -> DemoResult:
    if db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0]:
        raise SigapError("demo_not_empty")
    rng = random.Random(2026)
    passphrase = None
    if get_officer(db, DEMO_OFFICER) is None:
        add_officer(db, DEMO_OFFICER, "Petugas Contoh", "supervisor", DEMO_PASSPHRASE, clock=clock)
        passphrase = DEMO_PASSPHRASE
    if not get_setting(db, "branch_code"):
        set_setting(db, "branch_code", "DEMO01")
    today = clock().date()
    event = create_event(
        db, ref, name="Sosialisasi Siaga Kita (contoh)", starts_on=today, ends_on=today,
        location="Balai Kelurahan Kartoharjo", region_code="35.77.01.1008",
        officer_id=DEMO_OFFICER, scheme_code=DEMO_SCHEME, clock=clock,
    )  # fmt: skip
    people = []
    for i in range(50):
        female = i % 2 == 1
        born = today - timedelta(days=rng.randint(20 * 365, 60 * 365))
        first = rng.choice(_WOMEN if female else _MEN)
        nik = _made_up_nik(rng, rng.choice(_DISTRICTS), born, female, 1 + i * 7)
        people.append((nik, f"{first} {rng.choice(_FAMILY)}", born, female))
    # The first 35 are on the scheme's (made-up) DTKS list; the rest pay for themselves.
    at = rfc3339(clock())
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO eligibility (scheme_code, nik, full_name, imported_at, officer_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [(DEMO_SCHEME, nik, name, at, DEMO_OFFICER) for nik, name, _, _ in people[:35]],
        )
    for i, (nik, name, born, female) in enumerate(people):
        enrol(
            db,
            ref,
            event.id,
            EnrolmentInput(
                nik=nik, full_name=name, birth_place="Madiun", birth_date=born,
                gender="P" if female else "L", mother_maiden_name=rng.choice(_WOMEN),
                phone=f"0812{rng.randint(10_000_000, 99_999_999)}", street="Jl. Contoh No. 1",
                rt=str(rng.randint(1, 12)), rw=str(rng.randint(1, 6)),
                village_code="35.77.01.1008" if nik.startswith("357701") else "",
                occupation_code=rng.choice(_OCCUPATIONS),
                declared_income=rng.choice([1_000_000, 1_500_000, 2_000_000]),
                payer="sponsor" if i < 35 else "self",
                programmes=None if i < 35 else ["JKK", "JKM", "JHT"][: 2 + i % 2],
                months=None if i < 35 else rng.choice([1, 3, 6, 12]),
                heirs=[HeirInput(rng.choice(_MEN if female else _WOMEN), "spouse")],
                consent=True,
            ),
            DEMO_OFFICER,
            clock,
        )  # fmt: skip
    return DemoResult(event.id, DEMO_OFFICER, passphrase, len(people))
