"""A command-line call: `python main.py status` on a desk of 100,000 enrolments (and of
1,000), against `python` doing one Argon2 unlock of the same cost and opening the same
database, in the same run.

- **Sigap:** `python main.py status --data-dir D --officer bench`, the passphrase in
  $SIGAP_PASSPHRASE: parse the command, sign in (Argon2 unlock of the key copy, open the
  encrypted database), count, print the JSON.
- **Baseline:** `python -c` that hashes the passphrase with Argon2id at the parameters of
  the bench officer's key copy, opens the database with `sqlcipher3`, the raw key and the
  page format of `models.db.CIPHER_FORMAT`, and reads its schema (`count(*)` of
  sqlite_master).

Both are child processes timed from start to exit by the parent, in ABBA order.

    uv run python bench/bench_cli.py [--rows 1000,100000] [--rounds 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
from bench_startup import officer_kdf

from models import vault
from models.db import CIPHER_FORMAT

TARGET = 1.5

BASELINE = """
import os, sys
from argon2.low_level import Type, hash_secret_raw
from sqlcipher3 import dbapi2 as sqlite
hash_secret_raw(b"meja-daftar-2026", os.urandom(16), time_cost={t}, memory_cost={m},
                parallelism={p}, hash_len=32, type=Type.ID)
conn = sqlite.connect({path!r})
conn.execute("PRAGMA key = \\"x'" + os.environ["BENCH_KEY"] + "'\\"")
{pragmas}
print(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
"""


def run(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{cmd[:3]} failed: {done.stderr}")
    return took


def run_size(rows: int, rounds: int, tmp: Path, command: list[str]) -> None:
    data_dir = tmp / f"sigap-{rows}"
    _event, officer, built = common.filled_desk(data_dir, rows)
    key = vault.unlock(data_dir, officer, common.OFFICER_PASSPHRASE)
    pragmas = "\n".join(f'conn.execute("PRAGMA {k} = {v}")' for k, v in CIPHER_FORMAT.items())
    base_code = BASELINE.format(
        path=str(data_dir / "sigap.db"), pragmas=pragmas, **officer_kdf(data_dir, officer)
    )
    env = {**os.environ, "SIGAP_PASSPHRASE": common.OFFICER_PASSPHRASE, "BENCH_KEY": key.hex(),
           "SIGAP_LOG_DIR": str(tmp / "log")}  # fmt: skip
    # Both sides run from bytecode, as the installed desk does (its bundle carries .pyc
    # files; the libraries' are compiled at install): a shell that sets
    # PYTHONDONTWRITEBYTECODE would otherwise make Sigap compile its own modules every call.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    base = [sys.executable, "-c", base_code]
    sigap = [sys.executable, str(common.ROOT / "main.py"), *command,
             "--data-dir", str(data_dir), "--officer", officer]  # fmt: skip
    run(base, env)  # warm the file cache for both sides
    run(sigap, env)
    pairs = common.Pairs()
    for r in range(rounds):
        if common.baseline_first(r):
            b = run(base, env)
            s = run(sigap, env)
        else:
            s = run(sigap, env)
            b = run(base, env)
        pairs.add(b, s)
    print(f"bench_cli: `{' '.join(command)}` on {rows} enrolments "
          f"({common.fill_note(built)}, not timed), "
          f"{rounds} interleaved rounds")  # fmt: skip
    print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
    common.print_comparison(
        "process start to exit",
        pairs, TARGET, 1, "call", "python + Argon2 unlock + open the database",
        f"python main.py {' '.join(command)}",
    )  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", default="1000,100000", help="comma-separated database sizes")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--command", default="status", help="the command and its arguments")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sigap-bench-cli-") as tmp:
        for rows in (int(x) for x in args.rows.split(",")):
            run_size(rows, args.rounds, Path(tmp), args.command.split())


if __name__ == "__main__":
    main()
