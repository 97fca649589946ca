"""Finding an enrolment among 100,000: the search box of the participants list,
`models.participants.find_ids(db, ParticipantFilter(text=...))`, by NIK, by a fragment of
the name and by member number, against the bare indexed SQL query on the same connection
(the same trigram FTS query for names, the same rowids in the same order).

Filling the database goes through `validate` + `write_enrolments` in chunks of 1,000 and
is not timed.

    uv run python bench/bench_search.py [--rows 100000] [--lookups 10000] [--rounds 20]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import common

from models.enrolments import NAME_MATCH_ROWIDS
from models.participants import ParticipantFilter, find_ids
from models.validation import search_key

TARGET = 2.0
CHUNK = 1000
ORDER = " ORDER BY recorded_at, rowid"  # the list's display order
BY_NIK = "SELECT rowid FROM enrolments WHERE nik = ?" + ORDER
BY_MEMBER = "SELECT rowid FROM enrolments WHERE member_number = ?" + ORDER
# The trigram index and the newest names not in it yet (models.enrolments.NAME_MATCH_ROWIDS).
BY_NAME = f"SELECT rowid FROM enrolments WHERE rowid IN ({NAME_MATCH_ROWIDS})" + ORDER


def search(db: Any, text: str) -> list[int]:
    """What the search box asks for: the matching rowids in display order."""
    return find_ids(db, ParticipantFilter(text=text))


def fill(desk: common.Desk, rows: int) -> float:
    """`rows` enrolments through the one write path, chunk by chunk; seconds taken."""
    t0 = time.perf_counter()
    common.fill_enrolments(desk, common.make_people(rows, seed=3), CHUNK)
    return time.perf_counter() - t0


def fragment(rng: random.Random, full_name: str) -> str:
    """4 to 6 letters from inside a name's middle word (or its longest word)."""
    words = full_name.split()
    word = words[len(words) // 2]
    if len(word) < 5:
        word = max(words, key=len)
    size = min(rng.randint(4, 6), len(word))
    start = rng.randint(1 if len(word) > size else 0, len(word) - size)
    return word[start : start + size]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000, help="enrolments in the database")
    ap.add_argument("--lookups", type=int, default=10_000, help="lookups of each kind, each side")
    ap.add_argument("--rounds", type=int, default=20, help="interleaved rounds")
    args = ap.parse_args()
    per_round = max(1, args.lookups // args.rounds)
    lookups = per_round * args.rounds

    with tempfile.TemporaryDirectory(prefix="sigap-bench-search-") as tmp:
        desk = common.open_desk(Path(tmp) / "sigap", member_numbers=True)
        built = fill(desk, args.rows)
        db, conn = desk.db, desk.db.conn
        # No ANALYZE: the app never runs it, so neither side gets its statistics.

        rng = random.Random(4)
        found = db.execute("SELECT nik, member_number, full_name FROM enrolments").fetchall()
        picks = [rng.choice(found) for _ in range(lookups)]
        niks = [n for n, _, _ in picks]
        members = [m for _, m, _ in picks]
        fragments = [fragment(rng, name) for _, _, name in picks]
        assert all(members), "every enrolment should have a member number"

        # The bare side gets its parameters ready-made; the search box gets the text as typed.
        folded = [search_key(f) for f in fragments]
        kinds: list[tuple[str, list[str], str, list[tuple[Any, ...]], str]] = [
            ("by NIK (16 digits)", niks, BY_NIK, [(k,) for k in niks],
             "SELECT ... WHERE nik = ?"),
            ("by name fragment (4-6 letters)", fragments, BY_NAME,
             [(f"%{k}%", f"%{k}%") for k in folded], "trigram FTS: name_key LIKE %x%"),
            ("by member number (11 digits)", members, BY_MEMBER, [(k,) for k in members],
             "SELECT ... WHERE member_number = ?"),
        ]  # fmt: skip

        def bare(sql: str, params: list[tuple[Any, ...]]) -> None:
            for p in params:
                conn.execute(sql, p).fetchall()

        def sigap(keys: list[str]) -> None:
            for k in keys:
                search(db, k)

        # The two sides must answer alike before their speed means anything.
        for _, keys, sql, params, _ in kinds:
            for k, p in zip(keys[:50], params[:50], strict=True):
                assert search(db, k) == [r[0] for r in conn.execute(sql, p).fetchall()], k
            bare(sql, params[:100])  # warm the statement cache and the pages
            sigap(keys[:100])

        matches = sorted(
            conn.execute(
                f"SELECT COUNT(*) FROM ({NAME_MATCH_ROWIDS})", (f"%{f}%", f"%{f}%")
            ).fetchone()[0]
            for f in folded[:200]
        )

        results = {}
        for r in range(args.rounds):
            lo, hi = r * per_round, (r + 1) * per_round
            for title, keys, sql, params, _ in kinds:
                typed, ready = keys[lo:hi], params[lo:hi]
                if common.baseline_first(r):
                    tb = common.timed(lambda q=sql, p=ready: bare(q, p))
                    ts = common.timed(lambda t=typed: sigap(t))
                else:
                    ts = common.timed(lambda t=typed: sigap(t))
                    tb = common.timed(lambda q=sql, p=ready: bare(q, p))
                results.setdefault(title, common.Pairs()).add(tb, ts)

        print(
            f"bench_search: {args.rows} enrolments (filled in {built:.0f} s, not timed), "
            f"{lookups} lookups of each kind each side, {args.rounds} rounds of {per_round}"
        )
        print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
        print(
            f"  name fragments match {matches[len(matches) // 2]} names (median; "
            f"min {matches[0]}, max {matches[-1]}); the search box returns every match's rowid"
        )
        for title, _, _, _, label in kinds:
            common.print_comparison(
                title,
                results[title],
                TARGET,
                per_round,
                "lookup",
                label,
                "models.participants.find_ids(db, text filter)",
            )
        db.close()


if __name__ == "__main__":
    main()
