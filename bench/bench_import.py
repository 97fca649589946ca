"""Importing a partner's enrolment list: `models.imports.import_enrolments` on a CSV of
made-up rows (import-format.md columns, a self-paid event) against parsing the same file
with `csv` and inserting the raw rows with `executemany` into a plain table, in one
transaction, in a database with the same pragmas.

Each import runs in its own child process (a fresh database each time: importing the same
file twice saves nothing the second time), so its peak memory is that child's peak RSS. The
CSV is made in a child too: Linux carries the parent's peak RSS into a forked-and-exec'd
child's ru_maxrss, so the parent stays small (see `peak_rss_mb`).

    uv run python bench/bench_import.py [--rows 100000] [--reps 3]

`--memory` measures only the peak memory of the import itself, whatever the rows hold: a
CSV of good rows, a CSV of rows that are all rejected (the report is what grows there) and
an XLSX of good rows, each imported once in a child process (the goal: under 300 MB at
1,000,000 rows).

    uv run python bench/bench_import.py --rows 1000000 --memory [--lists csv,bad,xlsx]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import common

from models import audit, outbox
from models.enrolments.writing import _ENROLMENT_INSERT, _HEIR_INSERT
from models.ids import new_id
from models.imports import import_enrolments

TARGET_RATIO = 4.0
TARGET_RSS_MB = 300


# ------------------------------------------------------------------ in the child process


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM). `getrusage(RUSAGE_SELF).ru_maxrss` would not do:
    across exec Linux keeps the larger of the old and new image's peaks, and the old image
    is the parent's."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child_generate(csv_path: Path, rows: int, kind: str = "csv") -> dict[str, Any]:
    """`kind` csv: good rows; bad: every row's income under the floor; xlsx: good rows in a
    spreadsheet (its texts in the shared string table, as spreadsheet programs write)."""
    people = common.make_people(rows, seed=2)
    if kind == "csv":
        common.write_csv(csv_path, people)
        return {"seconds": 0.0}
    income = common.CSV_COLUMNS.index("declared_income")
    cells = [common.csv_row(p) for p in people]
    del people
    if kind == "bad":
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(common.CSV_COLUMNS)
            for r in cells:
                r = list(r)
                r[income] = "500000"
                w.writerow(r)
        return {"seconds": 0.0}
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("Daftar")
    sheet.append(list(common.CSV_COLUMNS))
    for r in cells:
        sheet.append(list(r))
    wb.save(csv_path)
    return {"seconds": 0.0}


def child_baseline(csv_path: Path, data_dir: Path) -> dict[str, Any]:
    db = common.new_database(data_dir)
    cols = ", ".join(f"{c} TEXT" for c in common.CSV_COLUMNS)
    db.execute(f"CREATE TABLE raw_rows ({cols})")
    sql = f"INSERT INTO raw_rows VALUES ({', '.join('?' * len(common.CSV_COLUMNS))})"
    t0 = time.perf_counter()
    with open(csv_path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        with db.atomic():
            db.conn.executemany(sql, reader)
    seconds = time.perf_counter() - t0
    imported = db.execute("SELECT COUNT(*) FROM raw_rows").fetchone()[0]
    db.close()
    return {"seconds": seconds, "imported": imported, "peak_mb": peak_rss_mb()}


def child_same_rows(csv_path: Path, data_dir: Path) -> dict[str, Any]:
    """The rows Sigap writes for a self-paid import (enrolment, heir, a queue row with its
    canonical payload and SHA-256, an audit row), built straight from the CSV cells with no
    checks at all, inserted with `executemany` into Sigap's schema, 1,000 rows a transaction."""
    desk = common.open_desk(data_dir)
    db, event_id, officer = desk.db, desk.event_id, desk.officer_id
    at = "2026-11-22T09:00:00+07:00"
    t0 = time.perf_counter()
    with open(csv_path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        chunk: list[list[str]] = []
        for row in reader:
            chunk.append(row)
            if len(chunk) == 1000:
                _write_same_rows(db, chunk, event_id, officer, at)
                chunk = []
        if chunk:
            _write_same_rows(db, chunk, event_id, officer, at)
    seconds = time.perf_counter() - t0
    imported = db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0]
    db.close()
    return {"seconds": seconds, "imported": imported, "peak_mb": peak_rss_mb()}


def _write_same_rows(db: Any, rows: list[list[str]], event_id: str, officer: str, at: str) -> None:
    enrolments, heirs, queue, audits = [], [], [], []
    for r in rows:
        eid = new_id()
        (nik, name, place, born, sex, mother, phone, street, rt, rw, village, occupation,
         income, programmes, months, heir, relationship, heir_phone) = r  # fmt: skip
        enrolments.append((
            eid, event_id, None, nik, name, place, born, "F" if sex == "P" else "M", mother, phone,
            street, rt, rw,
            village, occupation, income, programmes, months or 1, "self", None, at, officer,
            at, "import", name.lower(),
        ))  # fmt: skip
        heirs.append((eid, 0, heir, relationship, None, heir_phone))
        payload = dict(zip(common.CSV_COLUMNS, r, strict=True))
        queue.append(outbox.outbox_row(eid, "enrolment", at, payload))
        audits.append(
            audit.audit_row(at, officer, "create", "enrolment", eid, {"source": "import"})
        )
    with db.atomic():
        db.conn.executemany(_ENROLMENT_INSERT, enrolments)
        db.conn.executemany(_HEIR_INSERT, heirs)
        outbox.enqueue_rows(db, queue)
        audit.write_audit(db, audits)


def child_sigap(csv_path: Path, data_dir: Path) -> dict[str, Any]:
    desk = common.open_desk(data_dir)
    desk.ref.regions  # noqa: B018 - reference data loads once per app run, not per import
    desk.ref.rate_table  # noqa: B018
    t0 = time.perf_counter()
    report = import_enrolments(desk.db, desk.ref, csv_path, desk.event_id, desk.officer_id)
    seconds = time.perf_counter() - t0
    out = {
        "seconds": seconds,
        "imported": report.imported,
        "rows": report.rows,
        # (getattr: the same child also measures the code before the report counted alone)
        "duplicates": getattr(report, "duplicate_count", len(report.duplicates)),
        "rejected": getattr(report, "rejected_count", len(report.rejected)),
        "first_rejected": report.rejected[:2],
    }
    desk.db.close()
    out["peak_mb"] = peak_rss_mb()
    return out


# ------------------------------------------------------------------ in the parent


def run_child(kind: str, csv_path: Path, *more: str) -> tuple[dict[str, Any], float]:
    """The child's result and its ru_maxrss in MB (from wait4: this child alone)."""
    cmd = [sys.executable, __file__, "--child", kind, "--csv", str(csv_path), *more]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} child failed with exit code {proc.returncode}")
    return json.loads(out), usage.ru_maxrss / 1024  # Linux: kilobytes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000, help="rows in the CSV")
    ap.add_argument("--reps", type=int, default=3, help="interleaved repetitions of each side")
    ap.add_argument(
        "--child", choices=("generate", "baseline", "same_rows", "sigap"), help=argparse.SUPPRESS
    )
    ap.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--kind", default="csv", help=argparse.SUPPRESS)
    ap.add_argument(
        "--memory", action="store_true", help="peak memory of the import only, per kind of list"
    )
    ap.add_argument(
        "--lists", default="csv,bad,xlsx",
        help="with --memory: csv (good rows), bad (every row rejected), xlsx (good rows)",
    )  # fmt: skip
    ap.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child == "generate":
        print(json.dumps(child_generate(args.csv, args.rows, args.kind)))
        return
    if args.child:
        fn = {"baseline": child_baseline, "same_rows": child_same_rows, "sigap": child_sigap}[
            args.child
        ]
        print(json.dumps(fn(args.csv, args.dir)))
        return

    if args.memory:
        memory(args.rows, args.lists.split(","))
        return

    with tempfile.TemporaryDirectory(prefix="sigap-bench-import-") as tmp:
        csv_path = Path(tmp) / "partner-list.csv"
        run_child("generate", csv_path, "--rows", str(args.rows))
        size_mb = csv_path.stat().st_size / 1e6

        pairs, same_pairs = common.Pairs(), common.Pairs()
        kinds = ("baseline", "same_rows", "sigap")
        rss: dict[str, list[float]] = {k: [] for k in kinds}
        maxrss: dict[str, list[float]] = {k: [] for k in kinds}
        results: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
        for r in range(args.reps):
            order = kinds if common.baseline_first(r) else tuple(reversed(kinds))
            seconds = {}
            for kind in order:
                data_dir = Path(tmp) / f"{kind}-{r}"
                result, ru_maxrss = run_child(kind, csv_path, "--dir", str(data_dir))
                seconds[kind] = result["seconds"]
                rss[kind].append(result["peak_mb"])
                maxrss[kind].append(ru_maxrss)
                results[kind].append(result)
            pairs.add(seconds["baseline"], seconds["sigap"])
            same_pairs.add(seconds["same_rows"], seconds["sigap"])

        s = results["sigap"][-1]
        print(
            f"bench_import: {args.rows} rows ({size_mb:.1f} MB CSV), {args.reps} interleaved reps"
        )
        print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
        print(f"  databases on disk under {Path(tmp).parent}; WAL, synchronous=FULL")
        print(
            f"  sigap result: rows {s['rows']}, imported {s['imported']}, "
            f"duplicates {s['duplicates']}, rejected {s['rejected']}; "
            f"baseline rows inserted {results['baseline'][-1]['imported']}"
        )
        if s["rejected"]:
            print(f"  WARNING: rows rejected, e.g. {s['first_rejected']}")
        common.print_comparison(
            "import the whole list vs. the same rows written with executemany, no checks",
            same_pairs,
            TARGET_RATIO,
            args.rows,
            "row",
            "csv.reader + executemany, Sigap's rows",
            "models.imports.import_enrolments()",
        )
        common.print_comparison(
            "import the whole list vs. raw CSV rows into one plain table (for scale)",
            pairs,
            TARGET_RATIO,
            args.rows,
            "row",
            "csv.reader + executemany, raw rows, 1 transaction",
            "models.imports.import_enrolments()",
        )
        peak = max(rss["sigap"])
        print("  peak memory of the import: peak RSS of its whole process (VmHWM)")
        print(
            f"    sigap     {peak:.0f} MB  (reps: {', '.join(f'{m:.0f}' for m in rss['sigap'])}; "
            f"wait4 ru_maxrss {max(maxrss['sigap']):.0f} MB); "
            f"baseline process {statistics.median(rss['baseline']):.0f} MB"
        )
        print(f"    target    < {TARGET_RSS_MB} MB   {'PASS' if peak < TARGET_RSS_MB else 'FAIL'}")


def memory(rows: int, kinds: list[str]) -> None:
    print(f"bench_import --memory: {rows} rows; peak RSS (VmHWM) of the importing process")
    print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="sigap-bench-import-") as tmp:
        for kind in kinds:
            suffix = ".xlsx" if kind == "xlsx" else ".csv"
            path = Path(tmp) / f"list-{kind}{suffix}"
            run_child("generate", path, "--rows", str(rows), "--kind", kind)
            size_mb = path.stat().st_size / 1e6
            result, _ = run_child("sigap", path, "--dir", str(Path(tmp) / f"desk-{kind}"))
            path.unlink()
            verdict = "PASS" if result["peak_mb"] < TARGET_RSS_MB else "FAIL"
            print(
                f"  {kind:5} {size_mb:7.1f} MB file: peak {result['peak_mb']:6.0f} MB "
                f"(target < {TARGET_RSS_MB} MB: {verdict}); {result['seconds']:.0f} s; "
                f"rows {result['rows']}, imported {result['imported']}, "
                f"rejected {result['rejected']}"
            )


if __name__ == "__main__":
    main()
