"""A sponsored scheme growing large: does the time HQ takes for a sponsored enrolment stay
flat as the scheme fills? (Issue 17: the quota used to be a COUNT over the scheme's members
on every enrolment, 24.7 ms at 200,000 on SQLite, holding the only write lock.)

For each engine (SQLite, PostgreSQL), a fresh HQ process: one device pushes the first
`--records` sponsored enrolments (batches of `--batch`) into an empty scheme and the time
per record is taken; then the scheme is filled to `--members` active members with bulk SQL
(untimed; what many desks would have pushed over weeks); then the last `--records` are
pushed and timed the same way. Target: last / first <= 1.2 on both engines.

    uv run python bench/bench_hq_scheme.py [--members 200000] [--records 10000]
                                           [--batch 250] [--engines sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import common
import httpx

from hq.store import Store
from tests.hq import helpers as h
from tests.hq.pg import server_dsn
from tests.hq_server import HQProcess, backend, run_hq

TARGET = 1.2
SCHEME = "GN-LINGKARAN-WOM"
PAYER = {"type": "sponsor", "scheme_code": SCHEME}
FILLER_DEVICE = "00000000-0000-4000-8000-00000000f111"


def people(start: int, count: int) -> list[tuple[str, str]]:
    """(NIK, birth date) of made-up women in Kota Madiun, the NIK agreeing with the date."""
    out = []
    for n in range(start, start + count):
        born = date(1970, 1, 1) + timedelta(days=n // 9000)
        serial = n % 9000 + 1
        nik = f"357701{born.day + 40:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
        out.append((nik, born.isoformat()))
    return out


def batches(first: int, count: int, batch: int) -> list[list[dict[str, Any]]]:
    """Pushes of `count` sponsored enrolments (the first push starts with their event)."""
    ev = h.event(SCHEME)
    records = [ev]
    for nik, born in people(first, count):
        records.append(
            h.enrolment(ev["id"], 1, nik=nik, birth_date=born, payer=PAYER, occupation_code="K045")
        )
    return [records[i : i + batch] for i in range(0, len(records), batch)]


def push_timed(http: httpx.Client, token: str, device: str, pushes: list[Any]) -> float:
    """Seconds per enrolment over all the pushes (each answered `accepted` throughout)."""
    import uuid

    headers = {"Authorization": f"Bearer {token}"}
    took, enrolments = 0.0, 0
    for records in pushes:
        body = {"device_id": device, "batch_id": str(uuid.uuid4()), "records": records}
        t0 = time.perf_counter()
        r = http.post("/sync/push", json=body, headers=headers)
        took += time.perf_counter() - t0
        r.raise_for_status()
        statuses = {x["status"] for x in r.json()["results"]}
        if statuses != {"accepted"}:
            raise SystemExit(f"HQ answered {statuses}")
        enrolments += sum(1 for x in records if x["type"] == "enrolment")
    return took / enrolments


def prefill(hq: HQProcess, members: int, engine: str) -> float:
    """`members` active sponsored members of the scheme, in one bulk statement per table."""
    t0 = time.perf_counter()
    store = Store(hq.database, max_connections=1)
    series = (
        "generate_series(1, ?) AS s(i)"
        if engine == "postgresql"
        else "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "SELECT i FROM n) AS s"
    )
    rid = (
        "'f0000000-0000-4000-8000-' || lpad(CAST(i AS TEXT), 12, '0')"
        if engine == "postgresql"
        else "'f0000000-0000-4000-8000-' || substr('000000000000' || i, -12)"
    )
    try:
        with store.write() as db:
            db.execute(
                "INSERT INTO devices (id, name, app_version, branch_code, login_hash, "
                "registered_at) VALUES (?, 'filler', '0', 'MDN01', 'filler', '2026-01-01')",
                [FILLER_DEVICE],
            )
            db.execute(
                "INSERT INTO records (id, device_id, batch_id, type, schema, recorded_at, "
                "received_at, sha256, payload, status, member_number, updated_at) "
                f"SELECT {rid}, ?, 'filler', 'enrolment', 1, '2026-01-01', '2026-01-01', 'x', "
                "'{}', 'accepted', CAST(50000000000 + i AS TEXT), '2026-01-01' FROM " + series,
                [FILLER_DEVICE, members],
            )
            # NIKs of another district (317201), so none is a person the timed pushes enrol.
            db.execute(
                "INSERT INTO enrolments (id, device_id, event_id, nik, status, member_number, "
                "payer_type, scheme_code, data, updated_at) "
                f"SELECT {rid}, ?, NULL, CAST(3172010000000000 + i AS TEXT), 'active', "
                "CAST(50000000000 + i AS TEXT), 'sponsor', ?, '{}', '2026-01-01' FROM " + series,
                [FILLER_DEVICE, SCHEME, members],
            )
            db.execute(
                "UPDATE scheme_usage SET used = used + ? WHERE code = ?", [members, SCHEME]
            )
        if engine == "postgresql":
            store.db.execute("ANALYZE")
    finally:
        store.close()
    return time.perf_counter() - t0


def run_engine(engine: str, tmp: Path, args: argparse.Namespace) -> tuple[float, float, float]:
    folder = tmp / engine
    folder.mkdir()
    reference = h.reference_folder(folder, quota=10 * (args.members + 2 * args.records))
    with backend(engine), run_hq(folder / "hq", HQ_REFERENCE_DIR=str(reference)) as hq:
        store = Store(hq.database, max_connections=1)
        code = store.create_code("MDN01")
        store.close()
        with httpx.Client(base_url=hq.url + "/api/v1", timeout=300) as http:
            device = h.register(http, code, prefix="")
            first = push_timed(http, device.token, device.id, batches(0, args.records, args.batch))
            fill = prefill(hq, args.members, engine)
            last = push_timed(
                http, device.token, device.id, batches(args.records, args.records, args.batch)
            )
            held = hq.query(
                "SELECT COUNT(*) FROM enrolments WHERE scheme_code = ? AND status = 'active'",
                [SCHEME],
            )[0][0]
            if held != args.members + 2 * args.records:
                raise SystemExit(f"{engine}: the scheme holds {held} members")
    return first, last, fill


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--members", type=int, default=200_000, help="members filled in between")
    ap.add_argument("--records", type=int, default=10_000, help="enrolments timed each time")
    ap.add_argument("--batch", type=int, default=250, help="records a push")
    ap.add_argument("--engines", default="sqlite,postgresql")
    args = ap.parse_args()
    engines = args.engines.split(",")
    if "postgresql" in engines:
        server_dsn()
    print(
        f"bench_hq_scheme: {args.records} sponsored enrolments into an empty scheme, then "
        f"{args.records} more after it holds {args.members:,} members; pushes of {args.batch}"
    )
    print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
    verdicts = []
    with tempfile.TemporaryDirectory(prefix="sigap-bench-scheme-") as tmp_name:
        for engine in engines:
            first, last, fill = run_engine(engine, Path(tmp_name), args)
            ratio = last / first
            ok = ratio <= TARGET
            verdicts.append(ok)
            print(
                f"  {engine:<10} first {first * 1e3:6.2f} ms/record, last {last * 1e3:6.2f} "
                f"ms/record: last / first {ratio:.2f} (target <= {TARGET}) "
                f"{'PASS' if ok else 'FAIL'}; bulk fill {fill:.1f} s (untimed)"
            )
    print("  overall:", "PASS" if all(verdicts) else "FAIL")


if __name__ == "__main__":
    main()
