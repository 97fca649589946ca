"""What SQLCipher costs: the save path (`models.enrolments.enrol`, one enrolment per
transaction, as bench_save) and the search (the participants list's search box, as bench_search)
on an encrypted desk against the same code on an unencrypted desk, in the same run.

Three desks per measurement, made alike by bench/common.py (officer, event, people):

- encrypted: `models.db.open_database`, the app's own SQLCipher connection (raw key);
- plain:     the standard library's `sqlite3`, with the same pragmas and migrations;
- control:   the SQLCipher driver (`sqlcipher3`) given no key: plain SQLite of the very
             build SQLCipher ships. "encrypted / control" is the price of the cipher
             alone; "encrypted / plain" also holds the difference between two SQLite
             versions and their compile-time defaults (cache size, STAT4...).

The app refuses plain databases: the plain and control desks exist only in this script.
The target is on encrypted / plain; encrypted / control is printed to explain it.

    uv run python bench/bench_encryption.py [--n 1000] [--rounds 40] [--rows 10000]
        [--lookups 5000] [--search-rounds 20] [--cache-sizes auto|none|8000,65536]
        [--hmac HMAC_SHA512] [--page-size 4096]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import common
from bench_search import fragment

from models import vault
from models.db import (
    BUSY_TIMEOUT_MS,
    CIPHER_FORMAT,
    DB_FILE,
    SigapDatabase,
    ensure_device_identity,
)
from models.enrolments import EnrolmentInput, enrol
from models.participants import ParticipantFilter, ParticipantRow, find_ids, rows_for
from models.schema import MIGRATIONS

TARGET = 1.3
WARMUP = 10
CHUNK = 1000
SIDES = ("plain", "control", "encrypted")
# Round r runs the three sides in ORDERS[r % 6]: each side comes first, second and last
# equally often, and encrypted runs before plain in half of the rounds.
ORDERS = list(itertools.permutations(SIDES))
Maker = Callable[[Path], SigapDatabase]


# ------------------------------------------------------------------ the three kinds of desk


def _finish(connect: Callable[[], Any], path: Path, key: bytes) -> SigapDatabase:
    """The rest of `models.db.connect` + `open_database(create=True)`: the same pragmas in
    the same order, the same migrations on a connection of their own, the device identity."""

    def pragmas(conn: Any) -> SigapDatabase:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA temp_store=MEMORY")
        db = SigapDatabase(conn, path, key)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return db

    db = pragmas(connect())
    MIGRATIONS.apply(db)
    db.close()
    db = pragmas(connect())
    ensure_device_identity(db)
    return db


def _unkeyed(connect: Callable[..., Any]) -> Maker:
    """A desk with no encryption. It still gets a key file, so `add_officer` can wrap a key
    for the bench officer; the connection never uses that key."""

    def make(data_dir: Path) -> SigapDatabase:
        key = vault.create(data_dir)
        path = data_dir / DB_FILE
        return _finish(lambda: connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000), path, key)

    return make


def _keyed_with(fmt: dict[str, str]) -> Maker:
    """An encrypted desk like `models.db.connect` makes, in another page format (settings
    of the file format: given before the first read, on every open)."""
    from sqlcipher3 import dbapi2

    def make(data_dir: Path) -> SigapDatabase:
        key = vault.create(data_dir)
        path = data_dir / DB_FILE

        def keyed() -> Any:
            conn = dbapi2.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            for name, value in fmt.items():
                conn.execute(f"PRAGMA {name} = {value}")
            conn.execute("PRAGMA cache_size=-65536")
            return conn

        return _finish(keyed, path, key)

    return make


def makers(hmac: str | None, page_size: int | None) -> dict[str, Maker | None]:
    """None: bench/common.py's own `new_database`, i.e. `models.db.open_database`."""
    from sqlcipher3 import dbapi2

    fmt = dict(CIPHER_FORMAT)
    if hmac:
        fmt["cipher_hmac_algorithm"] = hmac
    if page_size:
        fmt["cipher_page_size"] = str(page_size)
    return {
        "plain": _unkeyed(sqlite3.connect),
        "control": _unkeyed(dbapi2.connect),
        "encrypted": _keyed_with(fmt) if fmt != CIPHER_FORMAT else None,
    }


@contextlib.contextmanager
def _database_maker(make: Maker | None) -> Iterator[None]:
    """`common.open_desk` with its `new_database` swapped, so the officer, branch, event and
    member numbers are made by the very same helper on every side."""
    if make is None:
        yield
        return
    saved = common.new_database
    common.new_database = make
    try:
        yield
    finally:
        common.new_database = saved


def open_desks(root: Path, make: dict[str, Maker | None], member_numbers: bool) -> dict[str, Any]:
    desks: dict[str, common.Desk] = {}
    ref = None
    for side in SIDES:
        with _database_maker(make[side]):
            desks[side] = common.open_desk(root / side, ref, member_numbers=member_numbers)
        ref = desks[side].ref
    cipher = desks["encrypted"].db.execute("PRAGMA cipher_version").fetchone()
    if not cipher or not cipher[0] or _plain_file(desks["encrypted"].db.path):
        raise SystemExit("the encrypted desk is not encrypted")
    for side in ("plain", "control"):
        if not _plain_file(desks[side].db.path):
            raise SystemExit(f"the {side} desk is not plain SQLite")
    return desks


def _plain_file(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


# ------------------------------------------------------------------ measuring and printing


def run_rounds(
    rounds: int, work: Callable[[str, int], Callable[[], Any]]
) -> tuple[common.Pairs, common.Pairs]:
    """`work(side, round)` gives the batch to time. Returns (encrypted vs plain, encrypted vs
    control), both pairs of each round taken in that round."""
    vs_plain, vs_control = common.Pairs(), common.Pairs()
    for r in range(rounds):
        took: dict[str, float] = {}
        for side in ORDERS[r % len(ORDERS)]:
            took[side] = common.timed(work(side, r))
        vs_plain.add(took["plain"], took["encrypted"])
        vs_control.add(took["control"], took["encrypted"])
    return vs_plain, vs_control


def short_line(title: str, pairs: common.Pairs, target: float | None = TARGET) -> None:
    lo, hi = pairs.spread
    tail = f"  {common.verdict(pairs.ratio, target)}" if target else ""
    print(
        f"    {title:<40} {pairs.ratio:.2f}x  (range {lo:.2f}-{hi:.2f}x; "
        f"total-time ratio {pairs.total_ratio:.2f}x){tail}"
    )


def per_unit(vs_plain: common.Pairs, vs_control: common.Pairs, units: int) -> str:
    spent = {
        "plain": sum(vs_plain.base),
        "control": sum(vs_control.base),
        "encrypted": sum(vs_plain.sigap),
    }
    return ", ".join(f"{s} {common.human_time(spent[s] / units)}" for s in SIDES)


def versions(hmac: str | None, page_size: int | None) -> dict[str, str]:
    from sqlcipher3 import dbapi2

    c = dbapi2.connect(":memory:")
    try:
        c.execute(f"PRAGMA key = \"x'{'00' * 32}'\"")  # the provider answers once keyed
        cipher = c.execute("PRAGMA cipher_version").fetchone()[0]
        provider = c.execute("PRAGMA cipher_provider_version").fetchone()[0]
    finally:
        c.close()
    how = (
        f"cipher {hmac or 'as the app'}, page {page_size or 'as the app'}: not the app's own "
        "connection"
        if hmac or page_size
        else "the app's open_database()"
    )
    return {
        "plain": f"stdlib sqlite3, SQLite {sqlite3.sqlite_version}",
        "control": f"sqlcipher3 given no key, SQLite {dbapi2.sqlite_version}",
        "encrypted": f"SQLCipher {cipher}, SQLite {dbapi2.sqlite_version}, {provider}, {how}",
    }


def describe(desks: dict[str, common.Desk], names: dict[str, str]) -> None:
    for side in SIDES:
        db = desks[side].db
        cache = db.execute("PRAGMA cache_size").fetchone()[0]
        pages = int(db.execute("PRAGMA page_count").fetchone()[0])
        size = int(db.execute("PRAGMA page_size").fetchone()[0])  # text under SQLCipher
        hmac = ""
        if side == "encrypted":
            hmac = ", " + db.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0]
        print(
            f"    {side:<9} {names[side]}\n"
            f"              cache_size {cache}, {pages * size / 1e6:.1f} MB in {size}-byte "
            f"pages{hmac}"
        )


# ------------------------------------------------------------------ save


def bench_save(
    root: Path, make: dict[str, Maker | None], n_total: int, rounds: int, names: dict[str, str]
) -> common.Pairs:
    per_round = max(1, n_total // rounds)
    n = per_round * rounds
    desks = open_desks(root, make, member_numbers=False)
    inputs = [common.person_input(p) for p in common.make_people(n + WARMUP, seed=1)]

    def save(desk: common.Desk, batch: list[EnrolmentInput]) -> None:
        for inp in batch:
            enrol(desk.db, desk.ref, desk.event_id, inp, desk.officer_id)

    for side in SIDES:
        save(desks[side], inputs[:WARMUP])
    inputs = inputs[WARMUP:]

    def work(side: str, r: int) -> Callable[[], Any]:
        batch = inputs[r * per_round : (r + 1) * per_round]
        return lambda: save(desks[side], batch)

    vs_plain, vs_control = run_rounds(rounds, work)
    counts = {
        side: tuple(
            desks[side].db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("enrolments", "heirs", "payments", "outbox", "audit")
        )
        for side in SIDES
    }
    print(f"\n  save: {n} enrolments each desk, {rounds} rounds of {per_round}")
    describe(desks, names)
    print(f"    rows (enrolments, heirs, payments, outbox, audit): {counts['encrypted']}")
    if len(set(counts.values())) != 1:
        print(f"    WARNING: the desks wrote different row counts: {counts}")
    common.print_comparison(
        "save one enrolment: enrol(), one transaction, fsync at commit",
        vs_plain,
        TARGET,
        per_round,
        "enrolment",
        "plain desk",
        "encrypted desk",
    )
    print("    same SQLite build, no key (encrypted / control): the cipher alone")
    short_line("save", vs_control, None)
    print(f"    per enrolment: {per_unit(vs_plain, vs_control, n)}")
    for desk in desks.values():
        desk.db.close()
    return vs_plain


# ------------------------------------------------------------------ search

PAGE = 50  # the participants list shows a page at a time


def search(db: Any, text: str) -> list[ParticipantRow]:
    """The search box: the matching ids, and the first page of their rows."""
    return rows_for(db, find_ids(db, ParticipantFilter(text=text))[:PAGE])


def bench_search(
    root: Path, make: dict[str, Maker | None], rows: int, lookups_total: int, rounds: int,
    cache_sizes: str, names: dict[str, str],
) -> dict[str, common.Pairs]:  # fmt: skip
    per_round = max(1, lookups_total // rounds)
    lookups = per_round * rounds
    desks = open_desks(root, make, member_numbers=True)
    people = common.make_people(rows, seed=3)
    filled = {}
    for side in SIDES:
        t0 = time.perf_counter()
        common.fill_enrolments(desks[side], people, CHUNK)
        desks[side].db.execute("ANALYZE")  # as bench_search does
        filled[side] = time.perf_counter() - t0

    rng = random.Random(4)
    found = (
        desks["encrypted"]
        .db.execute("SELECT nik, member_number, full_name FROM enrolments")
        .fetchall()
    )
    picks = [rng.choice(found) for _ in range(lookups)]
    kinds = {
        "by NIK (16 digits)": [nik for nik, _, _ in picks],
        "by name fragment (4-6 letters)": [fragment(rng, name) for _, _, name in picks],
        "by member number (11 digits)": [m for _, m, _ in picks],
    }

    def lookup(db: Any, keys: list[str]) -> None:
        for k in keys:
            search(db, k)

    # The three desks must answer alike (ids and times differ: compare the people).
    for keys in kinds.values():
        for k in keys[:50]:
            answers = {
                tuple(sorted((r.member_number, r.nik_masked, r.full_name) for r in search(d.db, k)))
                for d in desks.values()
            }
            assert len(answers) == 1, f"the desks answer {k!r} differently"

    def measure(
        work_for: dict[str, Callable[[Any, list[Any]], None]], keys_for: dict[str, list[Any]]
    ) -> dict[str, tuple[common.Pairs, common.Pairs]]:
        out = {}
        for title, keys in keys_for.items():
            run = work_for[title]
            for side in SIDES:  # warm the statement cache and the page cache alike
                run(desks[side].db, keys[: 2 * per_round])

            def work(side: str, r: int, keys: list[Any] = keys, run: Any = run) -> Any:
                batch = keys[r * per_round : (r + 1) * per_round]
                return lambda: run(desks[side].db, batch)

            out[title] = run_rounds(rounds, work)
        return out

    searches = dict.fromkeys(kinds, lookup)
    default = measure(searches, kinds)
    print(
        f"\n  search: {rows} enrolments in each desk (filled in "
        + ", ".join(f"{s} {filled[s]:.0f} s" for s in SIDES)
        + f", not timed), {lookups} lookups of each kind each desk, {rounds} rounds of "
        f"{per_round}"
    )
    describe(desks, names)
    for title, (vs_plain, _) in default.items():
        common.print_comparison(
            f"search {title}",
            vs_plain,
            TARGET,
            per_round,
            "lookup",
            "plain desk, the search box (participants.find_ids + rows_for)",
            "encrypted desk, the search box (participants.find_ids + rows_for)",
        )
    print("    same SQLite build, no key (encrypted / control): the cipher alone")
    for title, (vs_plain, vs_control) in default.items():
        short_line(title, vs_control, None)
        print(f"        per lookup: {per_unit(vs_plain, vs_control, lookups)}")

    # Why the reads write their LIMIT into the SQL rather than binding it as a
    # parameter. Newer SQLite (a 2024 planner change; SQLCipher's 3.53, not the stdlib's
    # 3.40) looks at a bound LIMIT's value, so each new binding prepares the statement again.
    nik_sql = (
        "SELECT id, event_id, member_number, nik, full_name, birth_date, gender, "
        "occupation_code, payer_type, scheme_code, officer_id, recorded_at FROM enrolments "
        "WHERE nik = ?"
    )
    bound, literal = f"{nik_sql} LIMIT ?", f"{nik_sql} LIMIT 50"
    engine = measure(
        {
            "LIMIT ? (bound)": lambda db, ks: [
                db.conn.execute(bound, (k, 50)).fetchall() for k in ks
            ],
            "LIMIT 50 (a literal)": lambda db, ks: [
                db.conn.execute(literal, (k,)).fetchall() for k in ks
            ],
        },
        {"LIMIT ? (bound)": kinds["by NIK (16 digits)"],
         "LIMIT 50 (a literal)": kinds["by NIK (16 digits)"]},
    )  # fmt: skip
    print("\n  a NIK query on the raw connection, bound LIMIT against literal")
    for title, (vs_plain, vs_control) in engine.items():
        short_line(f"{title} / plain", vs_plain, None)
        short_line(f"{title} / control", vs_control, None)
        print(f"        per lookup: {per_unit(vs_plain, vs_control, lookups)}")

    missed = any(p.ratio > TARGET for p, _ in default.values())
    if cache_sizes == "auto":
        sizes = [2000, 8000, 32000, 65536] if missed else []
    elif cache_sizes == "none":
        sizes = []
    else:
        sizes = [int(s) for s in cache_sizes.split(",") if s.strip()]
    for kib in sizes:
        for desk in desks.values():
            desk.db.execute(f"PRAGMA cache_size=-{kib}")
        results = measure(searches, kinds)
        print(f"\n  search with PRAGMA cache_size=-{kib} ({kib} KiB) on all three desks")
        for title, (vs_plain, vs_control) in results.items():
            short_line(f"{title} / plain", vs_plain)
            short_line(f"{title} / control", vs_control, None)
            print(f"        per lookup: {per_unit(vs_plain, vs_control, lookups)}")
    for desk in desks.values():
        desk.db.close()
    return {title: vs_plain for title, (vs_plain, _) in default.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="enrolments saved by each desk")
    ap.add_argument("--rounds", type=int, default=40, help="interleaved rounds for the save")
    ap.add_argument("--rows", type=int, default=10_000, help="enrolments in each search desk")
    ap.add_argument("--lookups", type=int, default=5000, help="lookups of each kind, each desk")
    ap.add_argument("--search-rounds", type=int, default=20, help="interleaved search rounds")
    ap.add_argument(
        "--cache-sizes",
        default="auto",
        help="KiB for PRAGMA cache_size, set on all three desks alike after the default "
        "search; 'auto' tries 2000,8000,32000,65536 when a search figure misses, 'none' never",
    )
    ap.add_argument(
        "--hmac",
        choices=("HMAC_SHA1", "HMAC_SHA256", "HMAC_SHA512"),
        help="give the encrypted desks this cipher_hmac_algorithm (the app uses "
        f"{CIPHER_FORMAT['cipher_hmac_algorithm']}); an experiment, the app's own connection "
        "is then not used",
    )
    ap.add_argument(
        "--page-size",
        type=int,
        choices=(1024, 2048, 4096, 8192),
        help="give the encrypted desks this cipher_page_size (the app uses "
        f"{CIPHER_FORMAT['cipher_page_size']}); an experiment, as --hmac",
    )
    ap.add_argument("--skip-save", action="store_true", help="measure the search only")
    ap.add_argument("--skip-search", action="store_true", help="measure the save only")
    args = ap.parse_args()

    make = makers(args.hmac, args.page_size)
    names = versions(args.hmac, args.page_size)
    print("bench_encryption: an encrypted desk (SQLCipher) against unencrypted ones, same code")
    print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
    print("  every desk: WAL, synchronous=FULL, foreign_keys, busy_timeout, temp_store=MEMORY")
    figures: list[tuple[str, common.Pairs]] = []
    with tempfile.TemporaryDirectory(prefix="sigap-bench-encryption-") as tmp:
        print(f"  databases on disk under {Path(tmp).parent}")
        if not args.skip_save:
            save = bench_save(Path(tmp) / "save", make, args.n, args.rounds, names)
            figures.append(("save", save))
        if not args.skip_search:
            found = bench_search(
                Path(tmp) / "search", make, args.rows, args.lookups, args.search_rounds,
                args.cache_sizes, names,
            )  # fmt: skip
            figures += [(f"search {t}", p) for t, p in found.items()]
    print(f"\n  summary: encrypted / plain, median of interleaved rounds, target <= {TARGET:g}x")
    for title, pairs in figures:
        short_line(title, pairs)


if __name__ == "__main__":
    main()
