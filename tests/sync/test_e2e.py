"""End to end against the real reference HQ (`python -m hq`) over loopback HTTP: every record
at HQ exactly once, HQ's member numbers back on the device, and HQ's later decisions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from models.corrections import correct_enrolment
from models.database import Database
from models.db import device_id, get_setting, set_setting
from models.demo import DEMO_OFFICER, DEMO_PASSPHRASE, fill_demo
from models.events import create_event
from models.officers import add_officer
from models.prints import log_print
from models.reference import default_reference, reference_for
from models.sync_state import cards_to_reprint, problem_records, sync_summary
from sync.engine import SyncError, SyncReport, register_device, sync_once
from tests.helpers import fixed_clock, open_desk
from tests.hq_server import HQProcess, run_hq
from tests.sync.fakehq import enrol_many, member_number, outbox_rows

pytestmark = pytest.mark.slow  # the HQ server and `main.py sync` run as processes

ROOT = Path(__file__).resolve().parents[2]
# `main.py sync` signs in: as the officer of `desk()` below, or as the demo's.
SARI = {**os.environ, "SIGAP_OFFICER": "sari", "SIGAP_PASSPHRASE": "pasar-pagi-77"}
DEMO = {**os.environ, "SIGAP_OFFICER": DEMO_OFFICER, "SIGAP_PASSPHRASE": DEMO_PASSPHRASE}


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQProcess]:
    with run_hq(tmp_path_factory.mktemp("hq")) as server:
        yield server


def new_device(folder: Path, hq: HQProcess, branch: str = "MDN01") -> Database:
    db = open_desk(folder)
    set_setting(db, "branch_code", branch)
    reg = register_device(db, hq.url, hq.create_code(branch), device_name=folder.name)
    assert reg.branch_code == branch and reg.numbers_reserved == 500
    return db


def desk(db: Database, ref: Any) -> Any:
    add_officer(db, "sari", "Sari Wulandari", "officer", "pasar-pagi-77", clock=fixed_clock)
    return create_event(db, ref, name="Sosialisasi Pasar Besar", starts_on=fixed_clock().date(),
                        ends_on=fixed_clock().date(), location="Pasar Besar Madiun",
                        region_code="35.77.01", officer_id="sari", clock=fixed_clock)  # fmt: skip


def at_hq(hq: HQProcess, db: Database) -> dict[str, tuple[str, str | None, int]]:
    """HQ's records of this device: id → (status, member number, how many rows)."""
    rows = hq.query(
        "SELECT id, status, member_number, COUNT(*) OVER (PARTITION BY id) FROM records "
        "WHERE device_id = ?",
        [device_id(db)],
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def assert_all_at_hq_once(hq: HQProcess, db: Database) -> None:
    queue = outbox_rows(db)
    held = at_hq(hq, db)
    assert set(held) == set(queue)
    assert {n for _, _, n in held.values()} == {1}
    assert {r["state"] for r in queue.values()} == {"synced"}
    for rid, row in queue.items():
        if row["type"] == "enrolment":
            assert member_number(db, rid) == held[rid][1] is not None


def test_demo_data_reaches_hq_once_with_its_member_numbers(hq, tmp_path):
    db = new_device(tmp_path / "device", hq)
    fill_demo(db, default_reference())
    report = sync_once(db)
    assert report.error is None and report.exit_code == 0
    assert report.accepted == report.sent == len(outbox_rows(db)) == 101
    assert_all_at_hq_once(hq, db)
    summary = sync_summary(db)
    assert summary.last_sync_at is not None and summary.waiting == 0
    assert get_setting(db, "reference_etag")  # HQ's reference data was fetched
    assert reference_for(db) is default_reference()  # same version as shipped: not newer

    again = sync_once(db)
    assert again.as_json()["sent"] == 0 and again.exit_code == 0
    assert_all_at_hq_once(hq, db)


def test_small_batches_and_a_byte_limit(tmp_path, ref):
    with run_hq(tmp_path / "hq", HQ_MAX_BATCH_RECORDS="7", HQ_MAX_BATCH_BYTES="12000") as hq:
        db = new_device(tmp_path / "device", hq)
        event = desk(db, ref)
        enrol_many(db, ref, event, "sari", 20)
        seen: list[tuple[int, int]] = []
        report = sync_once(db, progress=lambda done, total: seen.append((done, total)))
        assert report.accepted == 41 and report.pending == 0 and report.error is None
        assert len(seen) >= 6 and seen[-1] == (41, 41)
        assert_all_at_hq_once(hq, db)


def test_a_person_enrolled_on_two_devices_gets_one_member_number(hq, tmp_path, ref):
    first = new_device(tmp_path / "first", hq)
    second = new_device(tmp_path / "second", hq)
    (a,) = enrol_many(first, ref, desk(first, ref), "sari", 1)
    (b,) = enrol_many(second, ref, desk(second, ref), "sari", 1)  # the same NIK
    assert sync_once(first).accepted == 3
    report = sync_once(second)
    assert report.duplicate_person == 1 and report.exit_code == 0
    assert outbox_rows(second)[b]["state"] == "duplicate_person"
    assert member_number(second, b) == member_number(first, a)
    assert [p.id for p in problem_records(second)] == [b]  # shown to the officer


def test_hqs_review_reaches_the_device_and_a_correction_brings_it_back(hq, tmp_path, ref):
    db = new_device(tmp_path / "device", hq)
    (eid,) = enrol_many(db, ref, desk(db, ref), "sari", 1, start=101)
    sync_once(db)
    number = member_number(db, eid)
    hq.admin("review", "reject", eid, "--message", "Foto KTP tidak cocok")
    report = sync_once(db)
    assert report.rejected == 1 and report.exit_code == 5
    row = outbox_rows(db)[eid]
    assert (row["state"], row["hq_code"], row["hq_message"]) == (
        "rejected", "rejected_after_review", "Foto KTP tidak cocok",
    )  # fmt: skip
    hq.admin("review", "activate", eid, "--message", "Sudah diperiksa ulang")
    report = sync_once(db)
    assert report.exit_code == 0
    assert outbox_rows(db)[eid]["state"] == "synced"
    assert member_number(db, eid) == number
    cursor = get_setting(db, "changes_cursor")
    assert cursor and cursor != "0"


def test_a_rejected_enrolment_is_fixed_with_a_correction(hq, tmp_path, ref):
    db = new_device(tmp_path / "device", hq)
    event = desk(db, ref)
    # A block HQ never reserved for this device: the enrolment carries a number HQ refuses.
    db.execute("UPDATE member_number_blocks SET first = '10000099001', last = '10000099500', "
               "next = '10000099001'")  # fmt: skip
    (eid,) = enrol_many(db, ref, event, "sari", 1, start=201)
    log_print(db, "card", eid, "sari", fixed_clock, {"card_number": "10000099001"})
    report = sync_once(db)
    assert report.rejected == 1 and report.exit_code == 5
    row = outbox_rows(db)[eid]
    assert (row["state"], row["hq_code"]) == ("rejected", "member_number_not_allocated")
    (problem,) = [p for p in problem_records(db) if p.id == eid]
    assert problem.hq_code == "member_number_not_allocated"

    cid = correct_enrolment(db, ref, eid, {"birth_place": "Kota Madiun"}, "periksa ulang",
                            "sari", fixed_clock)  # fmt: skip
    report = sync_once(db)
    assert report.accepted == 1 and report.exit_code == 0
    assert outbox_rows(db)[cid]["state"] == "synced"
    assert outbox_rows(db)[eid]["state"] == "synced"
    number = member_number(db, eid)
    assert number is not None and number != "10000099001"
    assert at_hq(hq, db)[eid][:2] == ("accepted", number)
    assert cards_to_reprint(db) == [eid]


def test_a_revoked_device_keeps_every_record(hq, tmp_path, ref):
    db = new_device(tmp_path / "device", hq)
    enrol_many(db, ref, desk(db, ref), "sari", 2, start=301)
    hq.admin("device", "revoke", device_id(db))
    report = sync_once(db)
    assert report.error == "revoked" and report.pending == 5 and report.exit_code == 4
    assert at_hq(hq, db) == {}
    assert sync_summary(db).stopped == "revoked"


def test_an_unknown_token_stops_syncing_until_registered_again(hq, tmp_path, ref):
    db = new_device(tmp_path / "device", hq)
    enrol_many(db, ref, desk(db, ref), "sari", 1, start=401)
    set_setting(db, "device_token", "not-a-token")
    assert sync_once(db).error == "auth"
    assert sync_once(db).error == "auth"  # stays stopped
    # HQ knows the id: the branch office issues a code for this device id (issue 14, 2).
    register_device(db, hq.url, hq.create_code("MDN01", device=device_id(db)))
    report = sync_once(db)
    assert report.error is None and report.accepted == 3
    assert_all_at_hq_once(hq, db)


def test_a_device_id_hq_holds_is_told_to_ask_for_a_code_for_it(hq, tmp_path, ref):
    """Issue 14, 2 on the desk: HQ's 409 device_id_taken is not "HQ is having trouble"; the
    officer is told to ask the branch for a code issued for this device id, shown to them."""
    db = new_device(tmp_path / "device", hq)
    set_setting(db, "device_token", "not-a-token")
    with pytest.raises(SyncError) as refused:
        register_device(db, hq.url, hq.create_code("MDN01"))
    assert refused.value.kind == "auth" and refused.value.code == "sync_device_id_taken"
    assert device_id(db) in refused.value.message("id")
    assert "kode" in refused.value.message("id").lower()
    register_device(db, hq.url, hq.create_code("MDN01", device=device_id(db)))
    assert sync_once(db).error is None


def test_a_second_process_is_busy_while_a_sync_runs(hq, tmp_path, ref):
    folder = tmp_path / "device"
    db = new_device(folder, hq)
    enrol_many(db, ref, desk(db, ref), "sari", 3, start=501)
    db.close()
    first_batch, release = threading.Event(), threading.Event()
    reports: list[SyncReport] = []

    def background() -> None:
        own = open_desk(folder)

        def hold(done: int, total: int) -> None:
            first_batch.set()
            assert release.wait(30)

        try:
            reports.append(sync_once(own, progress=hold))
        finally:
            own.close()

    worker = threading.Thread(target=background)
    worker.start()
    try:
        assert first_batch.wait(30)
        out = subprocess.run(
            [sys.executable, "main.py", "sync", "--data-dir", str(folder), "--lang", "en"],
            cwd=ROOT, capture_output=True, text=True, timeout=120, env=SARI,
        )  # fmt: skip
    finally:
        release.set()
        worker.join(30)
    assert "already running" in out.stderr
    assert json.loads(out.stdout)["sent"] == 0
    # The first cycle had applied its only batch when it paused: nothing is left waiting,
    # so the busy one exits 0 (the exit code describes the queue, the message the refusal).
    assert json.loads(out.stdout)["pending"] == 0 and out.returncode == 0
    assert reports[0].accepted == 7 and reports[0].error is None
    db = open_desk(folder)
    assert_all_at_hq_once(hq, db)


def test_two_processes_syncing_at_once_leave_every_record_at_hq_once(tmp_path):
    # An HQ of its own: the demo's made-up people are the same in every demo folder.
    with run_hq(tmp_path / "hq", HQ_MAX_BATCH_RECORDS="10") as hq:
        folder = tmp_path / "device"
        db = new_device(folder, hq)
        fill_demo(db, default_reference())
        db.close()
        command = [sys.executable, "main.py", "sync", "--data-dir", str(folder), "--lang", "en"]
        procs = [
            subprocess.Popen(
                command,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=DEMO,
            )  # fmt: skip
            for _ in range(2)
        ]
        outs = [p.communicate(timeout=120) for p in procs]
        for p, (_, stderr) in zip(procs, outs, strict=True):
            assert p.returncode in (0, 4), stderr
            assert p.returncode == 0 or "already running" in stderr
        # Whether they overlapped (one was busy) or not (the second found nothing left),
        # every record was sent once.
        assert sum(json.loads(stdout)["sent"] for stdout, _ in outs) == 101
        assert_all_at_hq_once(hq, open_desk(folder))
