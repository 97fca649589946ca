"""The reference HQ under load: 20 devices pushing at once, each from its own thread with its
own connection and token, into HQ on SQLite (one writer) and on PostgreSQL with 1, 2 and 4
worker processes, in the same run. Every side gets a fresh HQ with the same devices
registered; the request bodies are built once beforehand, so the figures are HQ's (plus
loopback HTTP), not the client's. Rounds rotate which side goes first.

Each device's queue is real: made-up people through `validate` + `write_enrolments` in its
own data folder (its event first, then each enrolment and its cash payment; the devices
hold no member numbers, so HQ gives every one). At the end every HQ must hold every record
exactly once, accepted, each under its own device.

Goals (issue 17): PostgreSQL with 4 workers beats the one SQLite writer in records/s, and
push latency p95 stays under one second with 20 devices. PostgreSQL is $SIGAP_TEST_POSTGRES
or a throwaway server started as the tests do (tests/hq/pg.py).

    uv run python bench/bench_hq_concurrency.py [--devices 20] [--per-device 250]
                                                [--batch 100] [--rounds 3]

Each round measures every side once; the printed ratios are the median of the per-round
ratios to SQLite (each round's PostgreSQL side against that round's SQLite side), with their
range, so a round slowed by the shared machine shows as a wide range rather than a verdict.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import common
import httpx

from hq.store import Store
from models.db import device_id
from sync.protocol import push_body, record_wire
from tests.hq.pg import server_dsn
from tests.hq_server import HQProcess, backend, run_hq

SIDES = [("sqlite", 1), ("postgresql", 1), ("postgresql", 2), ("postgresql", 4)]
P95_TARGET = 1.0  # seconds


@dataclass
class Device:
    id: str
    bodies: list[bytes]  # push requests, in order
    records: int


@dataclass
class Side:
    """One timed push of every device's batches, and what HQ answered."""

    seconds: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    waits: int = 0  # 429/503 answers slept through (Retry-After)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, results: list[dict[str, str]], latency: float) -> None:
        with self.lock:
            self.latencies.append(latency)
            for res in results:
                self.statuses[res["status"]] = self.statuses.get(res["status"], 0) + 1


def make_devices(root: Path, count: int, per_device: int, batch: int) -> list[Device]:
    """`count` data folders with `per_device` enrolments each; their pushes, prebuilt."""
    people = common.make_people(count * per_device, seed=17)
    devices = []
    for i in range(count):
        desk = common.open_desk(root / f"device-{i:02d}")
        common.fill_enrolments(desk, people[i * per_device : (i + 1) * per_device])
        rows = desk.db.execute(
            "SELECT id, type, schema, recorded_at, sha256, payload FROM outbox ORDER BY seq"
        ).fetchall()
        dev = device_id(desk.db)
        desk.db.close()
        bodies = [
            push_body(dev, str(uuid.uuid4()), [record_wire(*r) for r in rows[s : s + batch]])
            for s in range(0, len(rows), batch)
        ]
        devices.append(Device(dev, bodies, len(rows)))
    return devices


def register_all(hq: HQProcess, devices: list[Device]) -> dict[str, str]:
    """Each device registered on `hq` (codes straight into its database); their tokens."""
    store = Store(hq.database, max_connections=1)
    try:
        codes = [store.create_code(common.BRANCH) for _ in devices]
    finally:
        store.close()
    tokens = {}
    with httpx.Client(base_url=hq.url + "/api/v1") as http:
        for d, code in zip(devices, codes, strict=True):
            r = http.post(
                "/devices",
                json={"device_id": d.id, "registration_code": code, "device_name": "bench",
                      "app_version": "bench"},
            )  # fmt: skip
            r.raise_for_status()
            tokens[d.id] = str(r.json()["device_token"])
    return tokens


def push_all(http: httpx.Client, device: Device, token: str, side: Side) -> None:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for body in device.bodies:
        while True:
            t0 = time.perf_counter()
            r = http.post("/sync/push", content=body, headers=headers)
            if r.status_code in (429, 503):
                with side.lock:
                    side.waits += 1
                time.sleep(float(r.headers.get("Retry-After", "1")))
                continue
            r.raise_for_status()
            side.note(r.json()["results"], time.perf_counter() - t0)
            break


def many_clients(hq: HQProcess, devices: list[Device], tokens: dict[str, str]) -> Side:
    """A thread per device, its own connection; all released at once."""
    side = Side()
    clients = [httpx.Client(base_url=hq.url + "/api/v1", timeout=120) for _ in devices]
    for c in clients:  # connect before timing, as a device that is already online
        c.get("/hello")
    start = threading.Barrier(len(devices) + 1)
    errors: list[BaseException] = []

    def work(client: httpx.Client, d: Device) -> None:
        start.wait()
        try:
            push_all(client, d, tokens[d.id], side)
        except BaseException as exc:  # noqa: BLE001 -- reported after the run
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(c, d)) for c, d in zip(clients, devices, strict=True)
    ]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    side.seconds = time.perf_counter() - t0
    for c in clients:
        c.close()
    if errors:
        raise SystemExit(f"a client failed: {errors[0]!r}")
    return side


def verify(hq: HQProcess, devices: list[Device]) -> list[str]:
    """Every record at HQ exactly once, accepted, under its own device."""
    problems = []
    per_device = dict(hq.query("SELECT device_id, COUNT(*) FROM records GROUP BY device_id"))
    for d in devices:
        if per_device.get(d.id) != d.records:
            problems.append(f"device {d.id[:8]}: HQ holds {per_device.get(d.id)} of {d.records}")
    statuses = dict(hq.query("SELECT status, COUNT(*) FROM records GROUP BY status"))
    total = sum(d.records for d in devices)
    if statuses != {"accepted": total}:
        problems.append(f"HQ's records by status: {statuses}, expected {total} accepted")
    twice = hq.query(
        "SELECT COUNT(*) FROM (SELECT nik FROM enrolments GROUP BY nik HAVING COUNT(*) > 1) "
        "AS twice"
    )
    if twice[0][0]:
        problems.append(f"{twice[0][0]} NIKs enrolled twice")
    ((n, with_number, distinct),) = hq.query(
        "SELECT COUNT(*), COUNT(member_number), COUNT(DISTINCT member_number) FROM enrolments"
    )
    if not n == with_number == distinct:
        problems.append(f"{n} enrolments, {with_number} numbered, {distinct} distinct numbers")
    return problems


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def label(side: tuple[str, int]) -> str:
    engine, workers = side
    return "SQLite" if engine == "sqlite" else f"PostgreSQL x{workers}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devices", type=int, default=20, help="devices pushing at once")
    ap.add_argument("--per-device", type=int, default=250, help="enrolments on each device")
    ap.add_argument("--batch", type=int, default=100, help="records a push")
    ap.add_argument("--rounds", type=int, default=3, help="rounds (the order rotates)")
    args = ap.parse_args()
    server_dsn()  # start (or reach) PostgreSQL before anything is timed

    with tempfile.TemporaryDirectory(prefix="sigap-bench-hq-") as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        devices = make_devices(tmp / "devices", args.devices, args.per_device, args.batch)
        total = sum(d.records for d in devices)
        pushes = sum(len(d.bodies) for d in devices)
        build_time = time.perf_counter() - t0

        seconds: dict[str, list[float]] = {label(s): [] for s in SIDES}
        latencies: dict[str, list[float]] = {label(s): [] for s in SIDES}
        p95s: dict[str, list[float]] = {label(s): [] for s in SIDES}  # each round's
        waits: dict[str, int] = dict.fromkeys(seconds, 0)
        problems: list[str] = []
        for r in range(args.rounds):
            order = SIDES[r % len(SIDES) :] + SIDES[: r % len(SIDES)]
            line = []
            for side in order:
                name = label(side)
                with backend(side[0]), run_hq(
                    tmp / f"hq-{side[0]}-{side[1]}-{r}", workers=side[1]
                ) as hq:
                    tokens = register_all(hq, devices)
                    result = many_clients(hq, devices, tokens)
                    problems += [f"round {r}, {name}: {p}" for p in verify(hq, devices)]
                    if result.statuses != {"accepted": total}:
                        problems.append(f"round {r}, {name}: HQ answered {result.statuses}")
                seconds[name].append(result.seconds)
                latencies[name].extend(result.latencies)
                p95s[name].append(percentile(result.latencies, 0.95))
                waits[name] += result.waits
                line.append(
                    f"{name} {total / result.seconds:,.0f} "
                    f"(p95 {p95s[name][-1] * 1e3:,.0f} ms)"
                )
            print(f"  round {r} (records/s): " + ", ".join(line), flush=True)

        n = args.devices
        print(
            f"bench_hq_concurrency: {n} devices at once x {args.per_device} enrolments = "
            f"{total} records in {pushes} pushes of <= {args.batch}, {args.rounds} rounds"
        )
        print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
        print(f"  queues built in {build_time:.1f} s (untimed); each side its own fresh HQ")
        for name in seconds:
            rates = [total / s for s in seconds[name]]
            p50 = percentile(latencies[name], 0.5) * 1e3
            p95 = percentile(latencies[name], 0.95) * 1e3
            print(
                f"  {name:<15} {statistics.median(rates):7,.0f} records/s (median; "
                f"{min(rates):,.0f}-{max(rates):,.0f}), push latency p50/p95 {p50:5.0f}/"
                f"{p95:5.0f} ms (each round's p95 {_range(p95s[name], 1e3)} ms), "
                f"429/503 waited out: {waits[name]}"
            )
        ratios: dict[str, list[float]] = {}
        for name in seconds:
            if name == "SQLite":
                continue
            # A round's ratio: that round's SQLite time over this side's time.
            ratios[name] = [
                sq / pg for sq, pg in zip(seconds["SQLite"], seconds[name], strict=True)
            ]
            print(f"  {name} / SQLite: {_range(ratios[name])}x (median of the rounds; range)")
        for p in problems:
            print("  WARNING:", p)
        if not problems:
            print(f"  counts exact: every HQ holds all {total} records once, accepted, every round")
        ratio = statistics.median(ratios["PostgreSQL x4"])
        p95_4 = statistics.median(p95s["PostgreSQL x4"])
        verdict = "PASS" if ratio > 1 and p95_4 < P95_TARGET and not problems else "FAIL"
        print(
            f"  PostgreSQL x4 / SQLite: {ratio:.2f}x (goal > 1), its p95 {p95_4 * 1e3:.0f} ms "
            f"(median of the rounds; goal < {P95_TARGET * 1e3:.0f}): {verdict}"
        )


def _range(values: list[float], scale: float = 1.0) -> str:
    """`median (min-max)` of the rounds' values."""
    low, mid, high = min(values), statistics.median(values), max(values)
    if scale == 1.0:
        return f"{mid:.2f} ({low:.2f}-{high:.2f})"
    return f"{mid * scale:,.0f} ({low * scale:,.0f}-{high * scale:,.0f})"


if __name__ == "__main__":
    main()
