"""Shared helpers for the benchmarks: made-up people, a desk to save them into, timing and
printing. Every name and NIK here is invented; none belongs to a real person.

Importing this module puts the project root on `sys.path`, so a benchmark run as
`uv run python bench/bench_X.py` can import `models`. Import it before any `models` module.
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models import vault  # noqa: E402
from models.db import SigapDatabase, open_database, set_setting  # noqa: E402
from models.desk import sign_in  # noqa: E402
from models.enrolments import EnrolmentInput, HeirInput  # noqa: E402
from models.events import create_event  # noqa: E402
from models.officers import add_officer  # noqa: E402
from models.reference import ReferenceData  # noqa: E402

OFFICER_ID = "bench"
OFFICER_PASSPHRASE = "meja-daftar-2026"  # must not contain the officer id
BRANCH = "BENCH01"
MEMBER_BLOCK = ("10000000001", "10000200000", "10000000001")

# Real district codes (resources/regions/regions.csv) and a few of their villages.
DISTRICTS: dict[str, tuple[str, ...]] = {
    "357701": ("35.77.01.1001", "35.77.01.1002", "35.77.01.1003"),
    "357702": ("35.77.02.1001", "35.77.02.1002", "35.77.02.1003"),
    "357703": ("35.77.03.1001", "35.77.03.1002", "35.77.03.1003"),
    "317201": ("31.72.01.1001", "31.72.01.1002", "31.72.01.1003"),
}
PLACES = {"357701": "Madiun", "357702": "Madiun", "357703": "Madiun", "317201": "Jakarta"}

_MEN = (
    "Agus Budi Dedi Eko Hadi Joko Rudi Slamet Wahyu Yanto Bambang Heru Imam Purnomo Sugeng "
    "Teguh Rahmat Fajar Andi Dimas Gilang Rizki Arif Yusuf"
).split()
_WOMEN = (
    "Ani Dewi Endang Lestari Murni Ratna Siti Sri Tutik Yuni Ayu Fitri Indah Kartini Lilis "
    "Nurul Puji Rina Sari Tri Wulan Yanti Dian Eka"
).split()
_FAMILY = (
    "Prasetyo Santoso Wibowo Saputra Hartono Kusuma Rahayu Utami Nugroho Setiawan Wijaya "
    "Susanto Hidayat Purwanto Lestari Gunawan Siregar Nasution Simanjuntak Hutapea Sitompul "
    "Lubis Harahap Daulay Pohan Tanjung Sembiring Ginting Tarigan Manurung"
).split()
_SYLLABLES = (
    "ka ri so wi yo no har dja ti mu lya sa put ra ning sih wa tun jo go kus ma di ha ryo "
    "se to pur nom ba"
).split()
_OCCUPATIONS = ("K001", "K002", "K003", "K004", "K012", "K020", "K029", "K033", "K042", "K050")
_RELATIONS = ("istri", "suami", "anak", "ibu", "ayah", "saudara")


@dataclass(frozen=True)
class Person:
    nik: str
    full_name: str
    birth_place: str
    birth_date: date
    female: bool
    mother_maiden_name: str
    phone: str
    street: str
    rt: str
    rw: str
    village_code: str
    occupation_code: str
    declared_income: int
    programmes: tuple[str, ...]
    months: int
    heir_name: str
    heir_relationship: str
    heir_phone: str


def _middle_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_people(n: int, seed: int = 2026, today: date | None = None) -> list[Person]:
    """`n` made-up people with unique, valid NIKs (district + DDMMYY, day+40 for women,
    + serial 0001-9999) that agree with their birth dates and genders, aged 20 to 60."""
    rng = random.Random(seed)
    today = today or date.today()
    districts = list(DISTRICTS)
    seen: set[str] = set()
    out: list[Person] = []
    while len(out) < n:
        district = rng.choice(districts)
        born = today - timedelta(days=rng.randint(20 * 366, 60 * 365))
        female = rng.random() < 0.5
        day = born.day + (40 if female else 0)
        nik = f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randint(1, 9999):04d}"
        if nik in seen:
            continue
        seen.add(nik)
        first = rng.choice(_WOMEN if female else _MEN)
        heir_female = not female
        programmes = ("JKK", "JKM", "JHT") if rng.random() < 0.3 else ("JKK", "JKM")
        out.append(
            Person(
                nik=nik,
                full_name=f"{first} {_middle_name(rng)} {rng.choice(_FAMILY)}",
                birth_place=PLACES[district],
                birth_date=born,
                female=female,
                mother_maiden_name=f"{rng.choice(_WOMEN)} {rng.choice(_FAMILY)}",
                phone=f"0812{rng.randint(10_000_000, 99_999_999)}",
                street=f"Jl. Contoh No. {rng.randint(1, 200)}",
                rt=str(rng.randint(1, 12)),
                rw=str(rng.randint(1, 6)),
                village_code=rng.choice(DISTRICTS[district]) if rng.random() < 0.5 else "",
                occupation_code=rng.choice(_OCCUPATIONS),
                declared_income=rng.choice((1_000_000, 1_500_000, 2_000_000, 3_500_000)),
                programmes=programmes,
                months=rng.choice((1, 3, 6, 12)),
                heir_name=f"{rng.choice(_WOMEN if heir_female else _MEN)} {rng.choice(_FAMILY)}",
                heir_relationship=rng.choice(_RELATIONS),
                heir_phone=f"0813{rng.randint(10_000_000, 99_999_999)}",
            )
        )
    return out


def person_input(p: Person) -> EnrolmentInput:
    """The person as the desk form would hand them to `enrol`/`validate` (self-paid, cash)."""
    return EnrolmentInput(
        nik=p.nik,
        full_name=p.full_name,
        birth_place=p.birth_place,
        birth_date=p.birth_date,
        gender="P" if p.female else "L",
        mother_maiden_name=p.mother_maiden_name,
        phone=p.phone,
        street=p.street,
        rt=p.rt,
        rw=p.rw,
        village_code=p.village_code,
        occupation_code=p.occupation_code,
        declared_income=p.declared_income,
        programmes=list(p.programmes),
        months=p.months,
        payer="self",
        method="cash",
        heirs=[HeirInput(p.heir_name, p.heir_relationship, "", p.heir_phone)],
        consent=True,
    )


CSV_COLUMNS = (
    "nik", "full_name", "birth_place", "birth_date", "gender", "mother_maiden_name", "phone",
    "street", "rt", "rw", "village_code", "occupation_code", "declared_income", "programmes",
    "months", "heir_name", "heir_relationship", "heir_phone",
)  # fmt: skip


def csv_row(p: Person) -> list[str]:
    """A row as a partner's spreadsheet writes it (import-format.md)."""
    return [
        p.nik,
        p.full_name,
        p.birth_place,
        p.birth_date.strftime("%d/%m/%Y"),
        "P" if p.female else "L",
        p.mother_maiden_name,
        p.phone,
        p.street,
        p.rt,
        p.rw,
        p.village_code,
        p.occupation_code,
        str(p.declared_income),
        "+".join(p.programmes),
        str(p.months),
        p.heir_name,
        p.heir_relationship,
        p.heir_phone,
    ]


def write_csv(path: Path, people: list[Person]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        w.writerows(csv_row(p) for p in people)


def new_database(data_dir: Path) -> SigapDatabase:
    """A new encrypted database and its key file, no officer yet."""
    return open_database(data_dir, vault.create(data_dir), create=True)


def reopen(data_dir: Path) -> SigapDatabase:
    """The bench officer signs in again (Argon2id unlock of the key, no integrity check)."""
    return sign_in(data_dir, OFFICER_ID, OFFICER_PASSPHRASE, check=False)[0]


@dataclass
class Desk:
    """A freshly opened Sigap database with an officer and a self-paid event."""

    db: Any  # models.database.Database
    ref: ReferenceData
    event_id: str
    officer_id: str


def open_desk(
    data_dir: Path, ref: ReferenceData | None = None, member_numbers: bool = False
) -> Desk:
    """`open_database` in `data_dir`, an officer, a branch and an open self-paid event (no
    sponsor scheme). With `member_numbers`, a reserved block of member numbers too."""
    ref = ref or ReferenceData.load()
    db = new_database(data_dir)
    add_officer(db, OFFICER_ID, "Petugas Bench", "officer", OFFICER_PASSPHRASE)
    set_setting(db, "branch_code", BRANCH)
    today = date.today()
    event = create_event(
        db,
        ref,
        name="Bench event",
        starts_on=today,
        ends_on=today,
        location="Balai Kelurahan",
        region_code="35.77.01",
        officer_id=OFFICER_ID,
    )
    if member_numbers:
        with db.atomic():
            db.execute(
                "INSERT INTO member_number_blocks (first, last, next) VALUES (?, ?, ?)",
                list(MEMBER_BLOCK),
            )
    return Desk(db, ref, event.id, OFFICER_ID)


# ------------------------------------------------------------------ timing and printing


def code_under_test() -> str:
    """Which models/ was measured: the commit, and whether models/ differs from it (read
    only: GIT_OPTIONAL_LOCKS=0 keeps `git status` from touching the index)."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", "-C", str(ROOT), *args], capture_output=True, text=True, env=env
            )
        except OSError:
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", "models")
    return f"models/ at {head}" + (" + uncommitted changes" if dirty else "")


def clock_ns() -> int:
    return time.perf_counter_ns()


def timed(fn: Callable[[], Any]) -> float:
    """Seconds `fn()` took."""
    t0 = time.perf_counter_ns()
    fn()
    return (time.perf_counter_ns() - t0) / 1e9


def baseline_first(round_no: int) -> bool:
    """ABBA order: baseline first in rounds 0, 3, 4, 7, 8, ...; Sigap first in the others,
    so neither side always runs on a warmer (or colder) machine."""
    return round_no % 4 in (0, 3)


@dataclass
class Pairs:
    """Interleaved (baseline, sigap) timings, one pair per round."""

    base: list[float]
    sigap: list[float]

    def __init__(self) -> None:
        self.base, self.sigap = [], []

    def add(self, base: float, sigap: float) -> None:
        self.base.append(base)
        self.sigap.append(sigap)

    @property
    def ratio(self) -> float:
        """Median of the per-round ratios: each round's two sides ran back to back."""
        return statistics.median(s / b for b, s in zip(self.base, self.sigap, strict=True))

    @property
    def total_ratio(self) -> float:
        return sum(self.sigap) / sum(self.base)

    @property
    def spread(self) -> tuple[float, float]:
        ratios = [s / b for b, s in zip(self.base, self.sigap, strict=True)]
        return min(ratios), max(ratios)


def human_time(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def verdict(ratio: float, target: float) -> str:
    return "PASS" if ratio <= target else "FAIL"


def print_comparison(
    title: str, pairs: Pairs, target: float, unit: int, unit_name: str, base_label: str,
    sigap_label: str,
) -> bool:  # fmt: skip
    """Print one figure: per-unit times for context, the ratio against the baseline, the
    target and PASS/FAIL. Returns whether the target was met."""
    b = statistics.median(pairs.base) / unit
    s = statistics.median(pairs.sigap) / unit
    lo, hi = pairs.spread
    ok = pairs.ratio <= target
    print(f"  {title}")
    print(f"    baseline  {base_label:<44} {human_time(b):>10} per {unit_name} (median)")
    print(f"    sigap     {sigap_label:<44} {human_time(s):>10} per {unit_name} (median)")
    print(
        f"    ratio     {pairs.ratio:.2f}x  (median of {len(pairs.base)} interleaved rounds; "
        f"range {lo:.2f}-{hi:.2f}x; total-time ratio {pairs.total_ratio:.2f}x)"
    )
    print(f"    target    <= {target:g}x   {verdict(pairs.ratio, target)}")
    return ok


def fill_enrolments(desk: Desk, people: list[Any], chunk: int = 1000) -> None:
    """Enrol made-up `people` in the desk's event through the one write path, in chunks."""
    from models.clock import system_clock
    from models.enrolments import validate, write_enrolments
    from models.events import require_event

    event = require_event(desk.db, desk.event_id)
    now = system_clock()
    for start in range(0, len(people), chunk):
        checked = []
        for p in people[start : start + chunk]:
            c, problems = validate(person_input(p), event, desk.ref, now.date())
            if c is None:
                raise SystemExit(f"made-up person does not validate: {problems}")
            checked.append(c)
        with desk.db.atomic():
            write_enrolments(desk.db, checked, desk.officer_id, now)


# ------------------------------------------------------------------ filled desks, kept


def filled_desk(dest: Path, rows: int, seed: int = 3) -> tuple[str, str, float]:
    """A desk in `dest` with `rows` made-up enrolments in one self-paid event, filled through
    the one write path. The first fill of a size is kept under $TMPDIR and copied for later
    runs of the same day and schema (filling 100,000 takes a minute). Returns the event id,
    the officer id and the seconds the fill took (0 when copied)."""
    import json
    import shutil
    import tempfile

    from models.schema import MIGRATIONS

    versions = len(MIGRATIONS._migrations)
    cache = Path(tempfile.gettempdir()) / "sigap-bench-desks" / (
        f"{rows}-{seed}-{date.today().isoformat()}-{versions}"
    )
    built = 0.0
    if not (cache / "done.json").exists():
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        desk = open_desk(cache / "sigap")
        t0 = time.perf_counter()
        fill_enrolments(desk, make_people(rows, seed=seed))
        built = time.perf_counter() - t0
        desk.db.close()
        (cache / "done.json").write_text(json.dumps([desk.event_id, desk.officer_id]))
    event_id, officer_id = json.loads((cache / "done.json").read_text())
    shutil.copytree(cache / "sigap", dest)
    return event_id, officer_id, built


def fill_note(built: float) -> str:
    return f"filled in {built:.0f} s" if built else "copied from the kept fill"


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


PEAK_RSS = (
    "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM:')).split()[1])/1024"
)


def peak_mb(fn: Callable[[], object]) -> float:
    """The peak of Python's allocations (tracemalloc) while `fn` runs, in MB."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
