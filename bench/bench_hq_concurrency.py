"""The reference HQ under load: 20 devices pushing at once, each from its own thread with its
own connection and token, against one client pushing the same batches one after another.
Both sides get a fresh HQ with the same 20 devices registered; the request bodies are
built once beforehand, so the figures are HQ's (plus loopback HTTP), not the client's.

Each device's queue is real: made-up people through `validate` + `write_enrolments` in its
own data folder (its event first, then each enrolment and its cash payment). At the end
both HQs must hold every record exactly once, accepted, each under its own device.

    uv run python bench/bench_hq_concurrency.py [--devices 20] [--per-device 250]
                                                [--batch 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import common
import httpx

from models.db import device_id
from sync.protocol import push_body, record_wire
from tests.hq_server import HQProcess, run_hq

TARGET = 1.5  # 20 clients at once may take at most 1.5x the time of one client


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
    """Each device registered on `hq` (codes made in parallel: each is a process); tokens."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(pool.map(lambda _d: hq.create_code(common.BRANCH), devices))
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


def one_client(hq: HQProcess, devices: list[Device], tokens: dict[str, str]) -> Side:
    side = Side()
    with httpx.Client(base_url=hq.url + "/api/v1", timeout=120) as http:
        t0 = time.perf_counter()
        for d in devices:
            push_all(http, d, tokens[d.id], side)
        side.seconds = time.perf_counter() - t0
    return side


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
        "SELECT COUNT(*) FROM (SELECT nik FROM enrolments GROUP BY nik HAVING COUNT(*) > 1)"
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devices", type=int, default=20, help="devices pushing at once")
    ap.add_argument("--per-device", type=int, default=250, help="enrolments on each device")
    ap.add_argument("--batch", type=int, default=100, help="records a push")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="sigap-bench-hq-") as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        devices = make_devices(tmp / "devices", args.devices, args.per_device, args.batch)
        total = sum(d.records for d in devices)
        pushes = sum(len(d.bodies) for d in devices)
        build_time = time.perf_counter() - t0

        pairs = common.Pairs()
        problems: list[str] = []
        waits = [0, 0]
        latencies: tuple[list[float], list[float]] = ([], [])
        for r in range(args.rounds):
            with run_hq(tmp / f"hq-one-{r}") as hq_one, run_hq(tmp / f"hq-many-{r}") as hq_many:
                tokens_one = register_all(hq_one, devices)
                tokens_many = register_all(hq_many, devices)
                if common.baseline_first(r):
                    one = one_client(hq_one, devices, tokens_one)
                    many = many_clients(hq_many, devices, tokens_many)
                else:
                    many = many_clients(hq_many, devices, tokens_many)
                    one = one_client(hq_one, devices, tokens_one)
                pairs.add(one.seconds, many.seconds)
                for label, hq, side in (("one client", hq_one, one), ("20 clients", hq_many, many)):
                    problems += [f"round {r}, {label}: {p}" for p in verify(hq, devices)]
                    if side.statuses != {"accepted": total}:
                        problems.append(f"round {r}, {label}: HQ answered {side.statuses}")
                waits[0] += one.waits
                waits[1] += many.waits
                latencies[0].extend(one.latencies)
                latencies[1].extend(many.latencies)
            print(
                f"  round {r}: one client {total / one.seconds:7,.0f} records/s, "
                f"{args.devices} clients {total / many.seconds:7,.0f} records/s",
                flush=True,
            )

        one_rate = total / statistics.median(pairs.base)
        many_rate = total / statistics.median(pairs.sigap)
        n = args.devices
        print(
            f"bench_hq_concurrency: {n} devices x {args.per_device} enrolments = "
            f"{total} records in {pushes} pushes of <= {args.batch}, {args.rounds} rounds"
        )
        print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
        print(f"  queues built in {build_time:.1f} s (untimed); each side its own fresh HQ")
        print(f"  records/s (median): one client {one_rate:,.0f}, {n} at once {many_rate:,.0f}")
        print(f"  throughput, {n} at once / one client: {many_rate / one_rate:.2f}")
        p50 = [percentile(lat, 0.5) * 1e3 for lat in latencies]
        p95 = [percentile(lat, 0.95) * 1e3 for lat in latencies]
        print(
            f"  push latency p50/p95: one client {p50[0]:.0f}/{p95[0]:.0f} ms, "
            f"{n} at once {p50[1]:.0f}/{p95[1]:.0f} ms"
        )
        print(f"  429/503 answers waited out: one client {waits[0]}, {n} at once {waits[1]}")
        for p in problems:
            print("  WARNING:", p)
        if not problems:
            print(f"  counts exact: both HQs hold all {total} records once, accepted, every round")
        common.print_comparison(
            "push every device's queue to one HQ (time for all of it)",
            pairs,
            TARGET,
            total,
            "record",
            "one client, the devices one after another",
            f"{args.devices} clients at once, a thread each",
        )


if __name__ == "__main__":
    main()
