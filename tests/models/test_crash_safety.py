"""Power cut while saving: a process saving enrolments one after another is killed with
SIGKILL at a random moment, fifty times over the same data folder. After each kill the
database opens, passes `PRAGMA integrity_check`, every enrolment is whole (its heir, its
payment, its two queue rows and its audit rows, or none of them), and every save the
process had reported as done is there.

The saving process is `tests/models/save_forever.py`; it reports a save only after `enrol`
returned, so at most one save per kill can be in the file without having been reported
(committed, then killed before the line was written)."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from models import desk, vault
from models.audit import verify_chain
from models.db import SigapDatabase, set_setting
from models.enrolments import NAME_MATCH_ROWIDS
from models.events import create_event
from models.reference import ReferenceData
from tests.helpers import fixed_clock
from tests.models.save_forever import applicant

ROOT = Path(__file__).resolve().parents[2]
OFFICER = "rina.s"
PASSPHRASE = "gerimis-senja-42"
KILLS = 50
START_STEP = 10_000  # applicants per run: far more than one can save before its kill
# The same Argon2id code path, at a cost that keeps fifty sign-ins quick.
QUICK_KDF = vault.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


def prepared_desk(folder: Path, ref: ReferenceData) -> str:
    """A desk with one supervisor and an open self-paid event; its id."""
    db, officer = desk.set_up(folder, OFFICER, "Rina Setiawati", PASSPHRASE, clock=fixed_clock)
    try:
        vault.add(folder, db.key, OFFICER, officer.role, PASSPHRASE, kdf=QUICK_KDF)
        set_setting(db, "branch_code", "MDN01")
        event = create_event(
            db,
            ref,
            name="Sosialisasi Uji Daya",
            starts_on=date(2026, 11, 22),
            ends_on=date(2026, 11, 23),
            location="Balai Kelurahan Kartoharjo",
            region_code="35.77.01",
            officer_id=OFFICER,
            clock=fixed_clock,
        )
    finally:
        db.close()
    return event.id


def start_saving(folder: Path, event_id: str, start: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.models.save_forever",
            str(folder),
            OFFICER,
            event_id,
            str(start),
        ],  # fmt: skip
        cwd=ROOT,
        env={**os.environ, "SIGAP_PASSPHRASE": PASSPHRASE},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def ids(db: SigapDatabase, sql: str) -> set[str]:
    return {str(r[0]) for r in db.execute(sql).fetchall()}


def assert_whole(db: SigapDatabase) -> dict[str, str]:
    """The file is sound and each enrolment is all there; enrolment id → payment id."""
    assert [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()] == ["ok"]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    rows = db.execute(
        "SELECT e.id, p.id FROM enrolments e LEFT JOIN payments p ON p.enrolment_id = e.id"
    ).fetchall()
    assert [e for e, p in rows if p is None] == [], "enrolments without their payment"
    pairs = {str(e): str(p) for e, p in rows}
    enrolled = set(pairs)
    paid = set(pairs.values())
    assert len(paid) == len(enrolled), "an enrolment with two payments"
    assert ids(db, "SELECT enrolment_id FROM payments") <= enrolled
    assert ids(db, "SELECT id FROM outbox WHERE type = 'enrolment'") == enrolled
    assert ids(db, "SELECT id FROM outbox WHERE type = 'payment'") == paid
    assert ids(db, "SELECT id FROM payments") == paid
    assert ids(db, "SELECT enrolment_id FROM heirs") == enrolled
    heirs = db.execute("SELECT COUNT(*) FROM heirs").fetchone()[0]
    assert heirs == len(enrolled), "person() has one heir"
    audited = "SELECT record_id FROM audit WHERE action = 'create' AND record_type = ?"
    assert set(r[0] for r in db.execute(audited, ["enrolment"]).fetchall()) == enrolled
    assert set(r[0] for r in db.execute(audited, ["payment"]).fetchall()) == paid
    seqs = [r[0] for r in db.execute("SELECT receipt_seq FROM payments ORDER BY receipt_seq")]
    assert seqs == list(range(1, len(paid) + 1)), "receipt numbers without gaps"
    assert verify_chain(db).ok, "the audit trail's hash chain is unbroken"
    # The name index takes names in batches: the newest enrolments (those waiting for their
    # batch and the last batch written) are found by their name, whatever the kill cut off.
    newest = "SELECT rowid, name_key FROM enrolments ORDER BY rowid DESC LIMIT 80"
    for rowid, key in db.execute(newest).fetchall():
        found = {r[0] for r in db.execute(NAME_MATCH_ROWIDS, [f"%{key}%", f"%{key}%"])}
        assert rowid in found, "an enrolment that its name does not find"
    return pairs


@pytest.mark.slow
def test_killed_while_saving_fifty_times(tmp_path: Path, ref: ReferenceData) -> None:
    folder = tmp_path / "desk"
    event_id = prepared_desk(folder, ref)
    rng = random.Random(20261123)
    reported: dict[str, str] = {}  # every save a killed process said was done
    unreported_total = 0
    for run in range(KILLS):
        child = start_saving(folder, event_id, run * START_STEP)
        assert child.stdout is not None
        started, _, _ = select.select([child.stdout], [], [], 60)
        ready = child.stdout.readline() if started else b""
        if ready != b"ready\n":
            child.kill()
            _, err = child.communicate(timeout=10)
            raise AssertionError(f"run {run}: the saving process did not start: {err.decode()}")
        time.sleep(rng.uniform(0.02, 0.3))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL, f"run {run} ended by itself: {err.decode()}"
        lines = out.decode().splitlines()
        assert len(lines) < START_STEP
        for line in lines:
            enrolment_id, payment_id = line.split()
            reported[enrolment_id] = payment_id

        db, _ = desk.sign_in(folder, OFFICER, PASSPHRASE)
        try:
            found = assert_whole(db)
        finally:
            db.close()
        missing = {e for e in reported if e not in found}
        assert not missing, f"run {run}: saves reported done are gone: {sorted(missing)}"
        assert all(found[e] == p for e, p in reported.items()), "a payment changed hands"
        # A save committed in the instant before the kill, its line not yet written.
        unreported = len(found) - len(reported)
        assert 0 <= unreported - unreported_total <= 1, f"run {run}"
        unreported_total = unreported

    assert len(reported) >= KILLS, "the kills should land among many saves"


def test_applicants_of_different_runs_never_share_a_nik() -> None:
    niks = [applicant(run * START_STEP + i).nik for run in range(KILLS) for i in range(300)]
    assert len(set(niks)) == len(niks)
