"""Saving one enrolment at the desk: `models.enrolments.enrol(...)` against the same rows
inserted with plain sqlite3, one transaction per enrolment, in a second database with the
same schema and pragmas (WAL, synchronous=FULL: each commit waits for its fsync).

The baseline's audit rows carry their ids and their hash chain, as the app stores them.
Sigap is measured twice, each on a database of its own:
- as the form saves: the form has checked the input and made its rows and payloads while
  the officer typed (`validate`, then `prepare`, as `services.enrolment_form` does), before
  the timer starts, as the baseline's tuples are made; pressing Save runs
  `enrol(..., checked=...)`. This is the figure the target is for;
- from the bare input, as the command line saves one: `enrol(...)` validates and prepares.

    uv run python bench/bench_save.py [--n 2000] [--rounds 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import common

from models import audit, outbox
from models.clock import rfc3339, system_clock
from models.db import device_code
from models.enrolments import (
    NAMES_BATCH,
    CheckedEnrolment,
    EnrolmentInput,
    enrol,
    prepare,
    receipt_number,
    validate,
)
from models.events import require_event
from models.ids import new_id
from models.validation import search_key

TARGET = 1.2
WARMUP = 10

ENROLMENT_SQL = (
    "INSERT INTO enrolments (id, event_id, member_number, nik, full_name, birth_place, "
    "birth_date, gender, mother_maiden_name, phone, street, rt, rw, village_code, "
    "occupation_code, declared_income, programmes, months, payer_type, scheme_code, "
    "consent_at, officer_id, recorded_at, source, name_key) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
ENROLMENT_COLUMNS = ENROLMENT_SQL.split("(", 1)[1].split(")", 1)[0].replace(" ", "").split(",")
HEIR_SQL = (
    "INSERT INTO heirs (enrolment_id, position, name, relationship, nik, phone) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
PAYMENT_SQL = (
    "INSERT INTO payments (id, enrolment_id, receipt_seq, receipt_number, amount, months, "
    "period_start, jkk, jkm, jht, method, payer_type, scheme_code, received_at, officer_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
OUTBOX_SQL = (
    "INSERT INTO outbox (id, type, schema, recorded_at, payload, sha256, state, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)"
)
# The audit rows as the app stores them: their ids and their place in the hash chain
# (prev_hash, hash), computed before timing (`chain_audit`), as the other tuples are.
AUDIT_SQL = (
    "INSERT INTO audit (id, at, officer_id, action, record_type, record_id, detail, "
    "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

Rows = tuple[tuple[Any, ...], ...]


def prepared_rows(c: CheckedEnrolment, officer_id: str, code: str, seq: int, at: str) -> Rows:
    """The seven rows `write_enrolments` writes for one paying enrolment with one heir:
    enrolment, heir, payment, two outbox rows (enrolment, payment), two audit rows."""
    eid, pid = new_id(), new_id()  # the same time-ordered ids Sigap makes
    receipt = receipt_number(code, seq)
    b = c.contribution.breakdown
    enrolment = (
        eid, c.event.id, None, c.nik.nik, c.full_name, c.birth_place,
        c.nik.birth_date.isoformat(), c.gender, c.mother_maiden_name, c.phone, c.street, c.rt,
        c.rw, c.village_code, c.occupation_code, c.declared_income, json.dumps(c.programmes),
        c.months, c.payer_type, None, at, officer_id, at, "desk", search_key(c.full_name),
    )  # fmt: skip
    h = c.heirs[0]
    heir = (eid, 0, h["name"], h["relationship"], h["nik"], h["phone"])
    payment = (
        pid, eid, seq, receipt, c.contribution.total, c.months,
        c.contribution.period_start_text, b.get("JKK", 0), b.get("JKM", 0), b.get("JHT", 0),
        c.method, "self", None, at, officer_id,
    )  # fmt: skip
    enrolment_payload = {
        "enrolment_id": eid,
        "event_id": c.event.id,
        "member_number": None,
        "nik": c.nik.nik,
        "full_name": c.full_name,
        "birth_place": c.birth_place,
        "birth_date": c.nik.birth_date.isoformat(),
        "gender": c.gender,
        "mother_maiden_name": c.mother_maiden_name,
        "phone": c.phone,
        "address": {"street": c.street, "rt": c.rt, "rw": c.rw, "village_code": c.village_code},
        "occupation_code": c.occupation_code,
        "declared_income": c.declared_income,
        "programmes": c.programmes,
        "payer": {"type": c.payer_type, "scheme_code": None},
        "heirs": c.heirs,
        "consent_at": at,
        "officer_id": officer_id,
        "recorded_at": at,
    }
    payment_payload = {
        "payment_id": pid,
        "enrolment_id": eid,
        "receipt_number": receipt,
        "amount": c.contribution.total,
        "months": c.months,
        "period_start": c.contribution.period_start_text,
        "breakdown": {"JKK": b.get("JKK", 0), "JKM": b.get("JKM", 0), "JHT": b.get("JHT", 0)},
        "method": c.method,
        "received_at": at,
        "officer_id": officer_id,
    }
    return (
        enrolment,
        heir,
        payment,
        outbox.outbox_row(eid, "enrolment", at, enrolment_payload),
        outbox.outbox_row(pid, "payment", at, payment_payload),
        audit.audit_row(at, officer_id, "create", "enrolment", eid, {"source": "desk"}),
        audit.audit_row(at, officer_id, "create", "payment", pid, {"receipt": receipt}),
    )


def chain_audit(db: Any, rows: list[Rows]) -> list[Rows]:
    """The audit rows of `rows` given their ids and hashes after the database's newest
    entry, in the order the baseline will insert them (`models.audit_chain.chained_rows`)."""
    tail = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    last_id, last_hash = (0, audit.GENESIS) if tail is None else (int(tail[0]), tail[1])
    flat = [a for r in rows for a in r[5:7]]
    chained = audit.chained_rows(last_id, last_hash, flat)
    return [(*r[:5], chained[2 * i], chained[2 * i + 1]) for i, r in enumerate(rows)]


# The name index takes new names in batches, as `models.enrolments.index_new_names` does.
NAMES_SQL = (
    "INSERT INTO enrolment_names (rowid, name_key) "
    "SELECT rowid, name_key FROM enrolments WHERE rowid > ? ORDER BY rowid"
)
NAMES_DONE_SQL = "UPDATE counters SET value = ? WHERE name = 'names_indexed'"


def save_raw(conn: Any, batch: list[Rows], names: dict[str, int]) -> None:
    """One transaction per enrolment, plain sqlite3, tuples made beforehand; every
    NAMES_BATCH-th one also puts the batch of names into the name index. `names` holds
    the last rowid indexed (`done`) and the newest one (`top`) between calls."""
    for enrolment, heir, payment, q1, q2, a1, a2 in batch:
        conn.execute("BEGIN")
        names["top"] = conn.execute(ENROLMENT_SQL, enrolment).lastrowid
        conn.execute(HEIR_SQL, heir)
        conn.execute(PAYMENT_SQL, payment)
        conn.execute(OUTBOX_SQL, q1)
        conn.execute(OUTBOX_SQL, q2)
        conn.execute(AUDIT_SQL, a1)
        conn.execute(AUDIT_SQL, a2)
        if names["top"] - names["done"] >= NAMES_BATCH:
            conn.execute(NAMES_SQL, (names["done"],))
            conn.execute(NAMES_DONE_SQL, (names["top"],))
            names["done"] = names["top"]
        conn.execute("COMMIT")


def save_sigap(desk: common.Desk, batch: list[EnrolmentInput]) -> None:
    """From the bare input: `enrol` validates and prepares each one."""
    for inp in batch:
        enrol(desk.db, desk.ref, desk.event_id, inp, desk.officer_id)


def save_checked(desk: common.Desk, batch: list[tuple[EnrolmentInput, CheckedEnrolment]]) -> None:
    """As the form saves: what the form checked and prepared is handed over."""
    for inp, checked in batch:
        enrol(desk.db, desk.ref, desk.event_id, inp, desk.officer_id, checked=checked)


def form_checked(desk: common.Desk, inputs: list[EnrolmentInput]) -> list[Any]:
    """What the form holds for each input when Save is pressed: `validate`'s result, with
    its rows and payloads prepared for the signed-in officer (`EnrolmentForm.check`)."""
    event = require_event(desk.db, desk.event_id)
    today = system_clock().date()
    out = []
    for inp in inputs:
        checked, problems = validate(inp, event, desk.ref, today)
        if checked is None:
            raise SystemExit(f"made-up person does not validate: {problems}")
        prepare(checked, desk.officer_id, inp.source)
        out.append((inp, checked))
    return out


def counts(db: Any) -> dict[str, int]:
    return {
        t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("enrolments", "heirs", "payments", "outbox", "audit")
    }


def baseline_rows(base: common.Desk, inputs: list[EnrolmentInput]) -> list[Rows]:
    """The baseline's tuples for `inputs`, chained after its audit trail, made before timing."""
    event = require_event(base.db, base.event_id)
    today = system_clock().date()
    at = rfc3339(system_clock())
    code = device_code(base.db)
    rows: list[Rows] = []
    for seq, inp in enumerate(inputs, start=1):
        checked, problems = validate(inp, event, base.ref, today)
        if checked is None:
            raise SystemExit(f"made-up person {seq} does not validate: {problems}")
        rows.append(prepared_rows(checked, base.officer_id, code, seq, at))
    return chain_audit(base.db, rows)


def compare(
    base: common.Desk, inputs: list[EnrolmentInput], save: Any, items: list[Any], rounds: int
) -> common.Pairs:
    """`rounds` interleaved rounds (ABBA) of the baseline and `save(items[...])`, after a
    warm-up of WARMUP enrolments on each side."""
    rows = baseline_rows(base, inputs)
    names = {"done": 0, "top": 0}
    save_raw(base.db.conn, rows[:WARMUP], names)
    save(items[:WARMUP])
    rows, items = rows[WARMUP:], items[WARMUP:]
    per_round = len(rows) // rounds
    pairs = common.Pairs()
    for r in range(rounds):
        lo, hi = r * per_round, (r + 1) * per_round
        b, s = rows[lo:hi], items[lo:hi]
        if common.baseline_first(r):
            tb = common.timed(lambda b=b: save_raw(base.db.conn, b, names))
            ts = common.timed(lambda s=s: save(s))
        else:
            ts = common.timed(lambda s=s: save(s))
            tb = common.timed(lambda b=b: save_raw(base.db.conn, b, names))
        pairs.add(tb, ts)
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="enrolments saved by each side")
    ap.add_argument("--rounds", type=int, default=200, help="interleaved rounds")
    args = ap.parse_args()
    per_round = max(1, args.n // args.rounds)
    n = per_round * args.rounds

    with tempfile.TemporaryDirectory(prefix="sigap-bench-save-") as tmp:
        sigap = common.open_desk(Path(tmp) / "sigap")
        base = common.open_desk(Path(tmp) / "baseline", sigap.ref)
        people = common.make_people(n + WARMUP, seed=1)
        inputs = [common.person_input(p) for p in people]
        # What the form holds when Save is pressed, made before timing.
        checked = form_checked(sigap, inputs)
        form = compare(base, inputs, lambda s: save_checked(sigap, s), checked, args.rounds)

        # The same people from the bare input, on two more databases of their own.
        bare = common.open_desk(Path(tmp) / "bare", sigap.ref)
        base2 = common.open_desk(Path(tmp) / "baseline2", sigap.ref)
        plain = compare(base2, inputs, lambda s: save_sigap(bare, s), inputs, args.rounds)

        sides = (("baseline", base), ("sigap", sigap), ("baseline2", base2), ("bare", bare))
        written = {name: counts(d.db) for name, d in sides}
        schema_columns = [r[1] for r in base.db.execute("PRAGMA table_info(enrolments)")]
        print(f"bench_save: {n} enrolments each side, {args.rounds} rounds of {per_round}")
        print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
        print(f"  databases on disk under {Path(tmp).parent}; WAL, synchronous=FULL")
        for name, c in written.items():
            print(f"  rows written: {name:<10} {c}")
        if len({json.dumps(c, sort_keys=True) for c in written.values()}) != 1:
            print("  WARNING: the sides wrote different row counts")
        if sorted(schema_columns) != sorted(ENROLMENT_COLUMNS):
            print(
                "  WARNING: the enrolments table has changed; the baseline fills "
                f"{ENROLMENT_COLUMNS}, the table has {schema_columns}"
            )
        common.print_comparison(
            "save one enrolment + heir + payment + 2 outbox + 2 audit rows, one transaction;"
            " as the form saves it (checked and prepared while the officer typed)",
            form,
            TARGET,
            per_round,
            "enrolment",
            "plain sqlite3, prepared tuples, BEGIN..COMMIT",
            "enrol(..., checked=<the form's>)",
        )
        common.print_comparison(
            "the same from the bare input (the command line's enrol: validates and prepares)",
            plain,
            TARGET,
            per_round,
            "enrolment",
            "plain sqlite3, prepared tuples, BEGIN..COMMIT",
            "enrol(...)",
        )
        for d in (sigap, base, bare, base2):
            d.db.close()


if __name__ == "__main__":
    main()
