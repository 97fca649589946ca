"""A bundle carried by hand, against the real reference HQ process: `python -m hq
import-bundle` stores each record once, however often it is imported and whether the same
records also come online, before or after; a changed or foreign file changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from models.bundle import export_bundle
from models.db import device_id
from models.sync_state import records_not_at_hq
from sync.engine import register_device, sync_once
from tests.helpers import fixed_clock
from tests.hq import helpers
from tests.hq.conftest import BACKENDS
from tests.hq.helpers import register
from tests.hq_server import ROOT, HQProcess, backend, run_hq
from tests.sync.fakehq import enrol_many, member_number, outbox_rows

pytestmark = pytest.mark.slow  # the HQ server and its command line run as processes


@pytest.fixture(scope="module", params=BACKENDS)  # SQLite and PostgreSQL
def hq(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HQProcess]:
    with backend(request.param), run_hq(tmp_path_factory.mktemp("hq")) as server:
        yield server


@pytest.fixture
def device(db, hq):
    """The test desk (officer, open event), registered with the real HQ."""
    register_device(db, hq.url, hq.create_code("MDN01"), device_name="desk-1")
    return db


def held(hq: HQProcess, db: Any) -> dict[str, tuple[str, str | None]]:
    """HQ's records of this device: id → (status, member number)."""
    rows = hq.query(
        "SELECT id, status, member_number FROM records WHERE device_id = ?", [device_id(db)]
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def import_bundle(hq: HQProcess, path: Path) -> dict[str, Any]:
    summary: dict[str, Any] = json.loads(hq.admin("import-bundle", str(path)))
    return summary


def import_failing(hq: HQProcess, path: Path) -> str:
    """Run an import that must fail; its stderr."""
    out = subprocess.run(
        [sys.executable, "-m", "hq", "import-bundle", str(path), "--database", hq.database],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1, out.stdout
    assert out.stdout == "" and "Traceback" not in out.stderr
    return out.stderr


def export(db: Any, officer: str, path: Path) -> int:
    return export_bundle(db, path, officer, clock=fixed_clock).count


def test_importing_twice_then_syncing_online_stores_each_record_once(
    device, hq, ref, event, officer, tmp_path
):
    ids = enrol_many(device, ref, event, officer, 3)  # NIKs ...0001 to ...0003; tests differ
    bundle = tmp_path / "desk.sigap"
    assert export(device, officer, bundle) == 7  # the event, 3 enrolments, 3 payments

    first = import_bundle(hq, bundle)
    assert first["device_id"] == device_id(device) and first["records"] == 7
    assert (first["accepted"], first["already_received"], first["rejected"]) == (7, 0, 0)
    at_hq = held(hq, device)
    assert set(at_hq) == set(outbox_rows(device))
    assert {status for status, _ in at_hq.values()} == {"accepted"}
    assert hq.query("SELECT DISTINCT batch_id FROM records WHERE device_id = ?",
                    [device_id(device)]) == [(first["bundle_id"],)]  # fmt: skip

    again = import_bundle(hq, bundle)
    assert (again["accepted"], again["already_received"]) == (0, 7)
    assert held(hq, device) == at_hq
    assert {r["state"] for r in outbox_rows(device).values()} == {"pending"}

    report = sync_once(device)
    assert report.error is None and report.exit_code == 0
    assert (report.accepted, report.already_received) == (0, 7)
    assert {r["state"] for r in outbox_rows(device).values()} == {"synced"}
    assert held(hq, device) == at_hq
    for eid in ids:  # HQ's member numbers reach the device through the online answers
        assert member_number(device, eid) == at_hq[eid][1] is not None


def test_records_already_synced_online_are_not_in_the_bundle(
    device, hq, ref, event, officer, tmp_path
):
    enrol_many(device, ref, event, officer, 2, start=31)
    assert sync_once(device).accepted == 5
    later = enrol_many(device, ref, event, officer, 2, start=33)
    assert len(records_not_at_hq(device)) == 4

    bundle = tmp_path / "desk.sigap"
    assert export(device, officer, bundle) == 4
    summary = import_bundle(hq, bundle)
    assert (summary["records"], summary["accepted"]) == (4, 4)
    assert len(held(hq, device)) == 9

    report = sync_once(device)
    assert (report.sent, report.already_received) == (4, 4)
    assert {r["state"] for r in outbox_rows(device).values()} == {"synced"}
    assert len(held(hq, device)) == 9
    assert all(member_number(device, eid) is not None for eid in later)


def test_a_bundle_whose_records_came_online_first_adds_nothing(
    device, hq, ref, event, officer, tmp_path
):
    enrol_many(device, ref, event, officer, 2, start=41)
    bundle = tmp_path / "desk.sigap"
    assert export(device, officer, bundle) == 5
    assert sync_once(device).accepted == 5
    at_hq = held(hq, device)

    summary = import_bundle(hq, bundle)
    assert (summary["accepted"], summary["already_received"]) == (0, 5)
    assert held(hq, device) == at_hq


def test_a_person_hq_already_has_gets_the_online_answer(device, hq, ref, event, officer, tmp_path):
    # Another desk enrolled the same person (the same NIK) and synced first.
    with httpx.Client(base_url=hq.url) as client:
        other = register(client, hq.create_code("MDN01"))
        ev = helpers.event()
        first = helpers.enrolment(ev["id"], serial=501)
        results = other.results([ev, first])
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    (eid,) = enrol_many(device, ref, event, officer, 1, start=501)  # NIK ...0501 again

    bundle = tmp_path / "desk.sigap"
    export(device, officer, bundle)
    summary = import_bundle(hq, bundle)
    assert (summary["accepted"], summary["duplicate_person"]) == (2, 1)  # event, payment
    assert import_bundle(hq, bundle)["duplicate_person"] == 1  # the same answer again

    report = sync_once(device)
    assert (report.duplicate_person, report.already_received) == (1, 2)
    assert outbox_rows(device)[eid]["state"] == "duplicate_person"
    assert member_number(device, eid) == results[1]["member_number"]


def test_a_changed_byte_is_refused_and_hq_is_unchanged(device, hq, ref, event, officer, tmp_path):
    enrol_many(device, ref, event, officer, 2, start=11)
    bundle = tmp_path / "desk.sigap"
    export(device, officer, bundle)
    data = bundle.read_bytes()
    stats = hq.stats()

    changed = tmp_path / "changed.sigap"
    middle = len(data) // 2
    changed.write_bytes(data[:middle] + bytes([data[middle] ^ 0x04]) + data[middle + 1 :])
    err = import_failing(hq, changed)
    assert "changed.sigap" in err and "damaged or was changed" in err
    assert "Nothing was imported" in err
    assert held(hq, device) == {}
    assert hq.stats() == stats

    assert import_bundle(hq, bundle)["accepted"] == 5  # the file as written still imports


def test_a_revoked_device_cannot_import(device, hq, ref, event, officer, tmp_path):
    enrol_many(device, ref, event, officer, 1, start=21)
    bundle = tmp_path / "desk.sigap"
    export(device, officer, bundle)
    hq.admin("device", "revoke", device_id(device))
    err = import_failing(hq, bundle)
    assert "revoked" in err and device_id(device) in err
    assert held(hq, device) == {}


def test_a_file_that_is_no_bundle(hq, tmp_path):
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8\xff\xe0 not a bundle")
    assert "not a Sigap bundle" in import_failing(hq, other)
    assert "cannot read" in import_failing(hq, tmp_path / "missing.sigap")
