"""Syncing a full queue: `sync.engine.sync_once` sending 10,000 enrolments (with their first
payments: 20,001 queued records with the event) to the reference HQ on loopback, against a
plain httpx script posting the same request bodies, in the same batch sizes, to another
fresh HQ, in the same run.

The queue is filled once, untimed (`validate` + `write_enrolments`, made-up people, no
member numbers, so HQ assigns every number on both sides). Each round copies it into a
fresh data folder, starts two fresh HQ processes and registers the device with each
(untimed), then times both sides back to back in ABBA order.

    uv run python bench/bench_sync.py [--n 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import common
import httpx

from models.db import get_setting
from sync.engine import MAX_BATCH_RECORDS, register_device, sync_once
from sync.transport import HQClient
from tests.hq_server import HQProcess, run_hq

TARGET = 2.0
CHUNK = 1000


def fill(desk: common.Desk, n: int) -> None:
    """`n` enrolments with a cash payment each, through the one write path."""
    common.fill_enrolments(desk, common.make_people(n, seed=11), CHUNK)


def copy_folder(template: Path, target: Path) -> None:
    """A copy of the template's closed folder: its encrypted database and its key file."""
    shutil.copytree(template, target)


# ------------------------------------------------------------------ the baseline


def baseline_register(hq: HQProcess, device_id: str) -> str:
    """POST /devices for the same device id on the baseline's HQ; its token."""
    r = httpx.post(
        hq.url + "/api/v1/devices",
        json={
            "device_id": device_id,
            "registration_code": hq.create_code(common.BRANCH),
            "device_name": "baseline",
            "app_version": "bench",
        },
    )
    r.raise_for_status()
    return str(r.json()["device_token"])


def baseline_push(conn: Any, hq_url: str, token: str, batch: int) -> dict[str, int]:
    """Read the queue, post it in batches of `batch`, read each answer: the least any
    client of hq-api.md does. Returns the statuses HQ answered, counted. `conn` is open
    already: the sign-in (Argon2) is outside the timed part, as on Sigap's side."""
    device = conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    rows = conn.execute(
        "SELECT id, type, schema, recorded_at, sha256, payload FROM outbox ORDER BY seq"
    ).fetchall()
    conn.close()
    statuses: dict[str, int] = {}
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with httpx.Client(base_url=hq_url + "/api/v1", headers=headers, timeout=120) as http:
        for start in range(0, len(rows), batch):
            records = []
            for rid, type_, schema, recorded_at, sha256, payload in rows[start : start + batch]:
                head = json.dumps(
                    {"id": rid, "type": type_, "schema": schema, "recorded_at": recorded_at,
                     "sha256": sha256},
                    separators=(",", ":"),
                )  # fmt: skip
                records.append(head[:-1] + ',"payload":' + payload + "}")
            envelope = json.dumps({"device_id": device, "batch_id": str(uuid.uuid4())})
            body = envelope[:-1] + ',"records":[' + ",".join(records) + "]}"
            r = http.post("/sync/push", content=body.encode("utf-8"))
            r.raise_for_status()
            for res in r.json()["results"]:
                statuses[res["status"]] = statuses.get(res["status"], 0) + 1
    return statuses


# ------------------------------------------------------------------ one round


def held_at(hq: HQProcess) -> int:
    return int(hq.query("SELECT COUNT(*) FROM records WHERE status = 'accepted'")[0][0])


def run_sigap(folder: Path, hq: HQProcess) -> tuple[float, Any]:
    db = common.reopen(folder)
    register_device(db, hq.url, hq.create_code(common.BRANCH), device_name="bench")
    client = HQClient(hq.url, get_setting(db, "device_token"), read_timeout=120)
    t0 = time.perf_counter()
    report = sync_once(db, client=client)
    elapsed = time.perf_counter() - t0
    client.close()
    db.close()
    return elapsed, report


def run_baseline(folder: Path, hq: HQProcess, batch: int) -> tuple[float, dict[str, int]]:
    db = common.reopen(folder)  # signed in before timing, as Sigap's side is
    device = get_setting(db, "device_id") or ""
    token = baseline_register(hq, device)
    t0 = time.perf_counter()
    statuses = baseline_push(db.conn, hq.url, token, batch)
    elapsed = time.perf_counter() - t0
    db.close()
    return elapsed, statuses


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="queued enrolments")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    args = ap.parse_args()
    batch = MAX_BATCH_RECORDS  # HQ's default max_batch_records is the same 500

    with tempfile.TemporaryDirectory(prefix="sigap-bench-sync-") as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        desk = common.open_desk(tmp / "template")
        fill(desk, args.n)
        records = desk.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
        desk.db.close()
        fill_time = time.perf_counter() - t0

        pairs = common.Pairs()
        checks: list[str] = []
        for r in range(args.rounds):
            sigap_dir, base_dir = tmp / f"sigap-{r}", tmp / f"baseline-{r}"
            copy_folder(tmp / "template", sigap_dir)
            copy_folder(tmp / "template", base_dir)
            with (
                run_hq(tmp / f"hq-sigap-{r}") as hq_sigap,
                run_hq(tmp / f"hq-baseline-{r}") as hq_base,
            ):
                if common.baseline_first(r):
                    tb, statuses = run_baseline(base_dir, hq_base, batch)
                    ts, report = run_sigap(sigap_dir, hq_sigap)
                else:
                    ts, report = run_sigap(sigap_dir, hq_sigap)
                    tb, statuses = run_baseline(base_dir, hq_base, batch)
                pairs.add(tb, ts)
                counts = (held_at(hq_base), held_at(hq_sigap))
            if report.error or report.pending or report.accepted != records:
                checks.append(f"round {r}: sigap {report}")
            if statuses != {"accepted": records} or counts != (records, records):
                checks.append(f"round {r}: baseline {statuses}, HQ holds {counts}")
            print(
                f"  round {r}: baseline {tb:6.2f} s, sigap {ts:6.2f} s, ratio {ts / tb:.2f}x",
                flush=True,
            )

        print(
            f"bench_sync: {args.n} enrolments = {records} queued records, batches of {batch}, "
            f"{args.rounds} rounds"
        )
        print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
        print(f"  queue filled in {fill_time:.1f} s (untimed); each side its own fresh HQ")
        print(
            f"  records/s (median): baseline {records / statistics.median(pairs.base):,.0f}, "
            f"sigap {records / statistics.median(pairs.sigap):,.0f}"
        )
        for line in checks:
            print("  WARNING:", line)
        if not checks:
            print(f"  both HQs hold all {records} records, accepted, every round")
        common.print_comparison(
            "sync a queue of enrolments to HQ on loopback",
            pairs,
            TARGET,
            records,
            "record",
            "httpx posting the same bodies, same batches",
            "sync.engine.sync_once()",
        )


if __name__ == "__main__":
    main()
