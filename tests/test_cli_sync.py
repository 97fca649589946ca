"""`register` and `sync` on the command line, against the real reference HQ in its own
process: JSON on stdout, plain words on stderr, and the exit codes of the README."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import main
from models.db import device_id
from models.desk import sign_in
from models.messages import text
from sync.lock import lock_path_for, sync_lock
from tests.hq_server import HQProcess, run_hq
from tests.models.helpers_import import COLUMNS, MADIUN, make_nik, person, write_csv

ROOT = Path(main.__file__).resolve().parent
OFFICER = "ani.p"
PASSPHRASE = "kata-sandi-uji-1"
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQProcess]:
    # Small batches, so one sync makes several pushes.
    with run_hq(tmp_path_factory.mktemp("hq"), HQ_MAX_BATCH_RECORDS="5") as server:
        yield server


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGAP_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("SIGAP_OFFICER", OFFICER)
    monkeypatch.setenv("SIGAP_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("SIGAP_LANG", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Run:
    """One command in-process against `data_dir`; messages in English unless told."""

    def _run(*args: str, stdin: str | None = None, lang: str = "en") -> tuple[int, str, str]:
        old = sys.stdin
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            code = main.main([*args, "--data-dir", str(data_dir), "--lang", lang])
        finally:
            sys.stdin = old
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def no_traceback(err: str) -> None:
    assert "Traceback" not in err


def desk_with_a_list(run: Run, tmp_path: Path, people: int, first_serial: int) -> str:
    """An officer, a self-paid event and an imported list of `people`; the event id."""
    code, _, err = run("officer", "add", "--id", OFFICER, "--name", "Ani Purwanti",
                       "--role", "supervisor", stdin=PASSPHRASE + "\n")  # fmt: skip
    assert (code, err) == (0, "")
    code, out, err = run("event", "create", "--name", "Sosialisasi Pasar Besar", "--location",
                         "Pasar Besar", "--region", "35.77.01", "--branch", "MDN01",
                         "--officer", OFFICER)  # fmt: skip
    assert (code, err) == (0, "")
    event_id = str(json.loads(out)["event_id"])
    rows = [
        person(
            make_nik(MADIUN, date(1980, 8, 17), False, first_serial + i),
            "Agus Santoso",
            "17/08/1980",
            "L",
            occupation_code="K006",
        )  # fmt: skip
        for i in range(people)
    ]
    write_csv(tmp_path / "daftar.csv", COLUMNS, COLUMNS, rows)
    code, out, err = run("import", "enrolments", str(tmp_path / "daftar.csv"), "--event",
                         event_id, "--officer", OFFICER)  # fmt: skip
    assert (code, err) == (0, "") and json.loads(out)["imported"] == people
    return event_id


@pytest.fixture
def desk(run: Run) -> None:
    """A set-up desk with no records: its first account, a supervisor."""
    code, _, err = run("officer", "add", "--id", OFFICER, "--name", "Ani Purwanti",
                       "--role", "supervisor", stdin=PASSPHRASE + "\n")  # fmt: skip
    assert (code, err) == (0, "")


def register(run: Run, hq: HQProcess) -> dict[str, Any]:
    code, out, err = run("register", "--hq", hq.url, "--code", hq.create_code("MDN01"),
                         "--name", "desk-1")  # fmt: skip
    assert (code, err) == (0, "")
    return json.loads(out)  # type: ignore[no-any-return]


def sync(run: Run, lang: str = "en") -> tuple[int, dict[str, int], str]:
    code, out, err = run("sync", lang=lang)
    no_traceback(err)
    return code, json.loads(out), err


@pytest.mark.slow
def test_register_import_and_sync_end_to_end(run, hq, tmp_path, data_dir):
    event_id = desk_with_a_list(run, tmp_path, 12, first_serial=1)
    assert register(run, hq) == {"branch_code": "MDN01", "member_numbers_reserved": 500}

    code, report, err = sync(run)
    assert (code, err) == (0, "")
    assert report == {"sent": 13, "accepted": 13, "already_received": 0, "duplicate_person": 0,
                      "rejected": 0, "conflict": 0, "pending": 0}  # fmt: skip

    db = sign_in(data_dir, OFFICER, PASSPHRASE)[0]
    rows = hq.query(
        "SELECT id, member_number, COUNT(*) OVER (PARTITION BY id) FROM records "
        "WHERE device_id = ?",
        [device_id(db)],
    )
    queued = [r[0] for r in db.execute("SELECT id FROM outbox ORDER BY seq").fetchall()]
    assert sorted(r[0] for r in rows) == sorted(queued) and {r[2] for r in rows} == {1}
    numbers_at_hq = {r[0]: r[1] for r in rows}
    code, out, _ = run("list", "--event", event_id, "--format", "json")
    listed = json.loads(out)
    assert len(listed) == 12
    for enrolment in listed:
        assert enrolment["member_number"] == numbers_at_hq[enrolment["id"]] is not None

    code, out, _ = run("status")
    assert json.loads(out)["queue"] == {"synced": 13}

    code, report, err = sync(run)
    assert (code, report["sent"], err) == (0, 0, "")


def test_sync_before_registering_says_how_to_register(run, tmp_path):
    desk_with_a_list(run, tmp_path, 1, first_serial=101)
    code, report, err = sync(run)
    assert code == 4 and report["pending"] == 2 and report["sent"] == 0
    assert err.strip() == text("sync_not_registered", "en")
    code, _, err = sync(run, lang="id")
    assert err.strip() == text("sync_not_registered", "id")


@pytest.mark.slow
def test_a_wrong_registration_code_in_the_officers_language(run, hq, desk):
    code, out, err = run("register", "--hq", hq.url, "--code", "SALAH-KODE", lang="id")
    assert (code, out) == (1, "")
    assert err.strip() == text("sync_registration_code_invalid", "id")
    no_traceback(err)
    code, _, err = run("register", "--hq", "hq.example.id", "--code", "X")
    assert (code, err.strip()) == (1, text("sync_hq_url_invalid", "en"))


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_registering_when_hq_cannot_be_reached(run, desk):
    code, out, err = run("register", "--hq", f"http://127.0.0.1:{closed_port()}", "--code", "X")
    assert (code, out) == (1, "")
    assert err.strip() == text("sync_offline", "en")


@pytest.mark.slow
def test_sync_when_hq_has_gone_away_keeps_everything_and_exits_4(run, tmp_path):
    desk_with_a_list(run, tmp_path, 2, first_serial=201)
    with run_hq(tmp_path / "gone") as gone:
        register(run, gone)
    code, report, err = sync(run)
    assert code == 4 and report["pending"] == 3 and report["sent"] == 0
    assert err.strip() == text("sync_offline", "en")


@pytest.mark.slow
def test_a_rejection_after_review_exits_5_until_fixed(run, hq, tmp_path, data_dir):
    desk_with_a_list(run, tmp_path, 2, first_serial=301)
    register(run, hq)
    assert sync(run)[0] == 0
    db = sign_in(data_dir, OFFICER, PASSPHRASE)[0]
    eid = db.execute("SELECT id FROM outbox WHERE type = 'enrolment' ORDER BY seq").fetchone()[0]
    hq.admin("review", "reject", eid, "--message", "Dokumen tidak lengkap")
    code, report, err = sync(run)
    assert code == 5 and report["rejected"] == 1 and report["pending"] == 0
    assert text("sync_needs_review", "en", count=1) in err
    code, report, err = sync(run)
    assert code == 5 and report["sent"] == 0  # still needs the officer


@pytest.mark.slow
def test_a_second_process_is_told_busy(run, hq, tmp_path, data_dir):
    desk_with_a_list(run, tmp_path, 2, first_serial=401)
    register(run, hq)
    db = sign_in(data_dir, OFFICER, PASSPHRASE)[0]
    with sync_lock(lock_path_for(db)):
        out = subprocess.run(
            [sys.executable, "main.py", "sync", "--data-dir", str(data_dir), "--lang", "en"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={**os.environ, "SIGAP_DATA_DIR": str(tmp_path / "unused")},
        )  # fmt: skip
    assert out.returncode == 4
    assert out.stderr.strip() == text("sync_busy", "en")
    assert json.loads(out.stdout)["pending"] == 3
    code, report, _ = sync(run)
    assert code == 0 and report["accepted"] == 3


@pytest.mark.slow
def test_help_lists_register_and_sync():
    out = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)  # fmt: skip
    assert "register" in out.stdout and "sync" in out.stdout


def test_the_command_line_uses_hqs_newer_reference_data(run, data_dir):
    """A scheme HQ added after this release exists for the desk once HQ's copy is kept."""
    from models import sync_state
    from models.reference import default_reference

    code, _, err = run("officer", "add", "--id", OFFICER, "--name", "Ani Purwanti",
                       "--role", "supervisor", stdin=PASSPHRASE + "\n")  # fmt: skip
    assert (code, err) == (0, "")
    create = ("event", "create", "--name", "Sosialisasi Baru", "--location", "Balai Desa",
              "--region", "35.77.01", "--branch", "MDN01", "--scheme", "SKEMA-BARU-MADIUN",
              "--officer", OFFICER)  # fmt: skip
    code, _, err = run(*create)
    assert code == 1 and "scheme_code" in err  # unknown to the shipped copy

    shipped = default_reference()
    body = {
        "version": "2099-01-01",
        "occupations": [{"code": o.code, "name_id": o.name_id, "name_en": o.name_en}
                        for o in shipped.occupations.values()],
        "rates": {**shipped.rates, "version": "2099-01-01"},
        "schemes": [{"code": "SKEMA-BARU-MADIUN", "name": "Skema Baru Kota Madiun",
                     "sponsor_type": "local_government", "sponsor_name": "Pemkot Madiun",
                     "region_code": "35.77", "programmes": ["JKK", "JKM"], "months": 12,
                     "quota": 100}],
    }  # fmt: skip
    db = sign_in(data_dir, OFFICER, PASSPHRASE)[0]
    sync_state.store_reference(db, "2099-01-01", '"v2099"', body, "2026-11-23T08:00:00+07:00")
    db.close()
    code, out, err = run(*create)
    assert (code, err) == (0, "")
    assert json.loads(out)["scheme_code"] == "SKEMA-BARU-MADIUN"
