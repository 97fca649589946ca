"""`status` as a real process: it imports only what it prints, reads its counts without a
write lock, and leaves raising the number marks to the commands that write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models import desk
from models.db import set_setting
from models.enrolments import enrol
from models.enrolments.numbering import MARKS_FILE
from models.events import create_event
from models.reference import default_reference
from tests.helpers import fixed_clock, person

REPO_ROOT = Path(__file__).resolve().parent.parent
OFFICER = "ani.p"
PASSPHRASE = "kata-sandi-uji-1"

#: What `status` never needs: the PDF and spreadsheet libraries, Qt, the sync client, the
#: checks and prices of a save, the demo and, given its data folder, the search for the
#: default one.
NOT_FOR_STATUS = (
    "reportlab", "pypdfium2", "num2words", "openpyxl", "segno", "PySide6", "shiboken6",
    "httpx", "sync", "reports", "ui", "models.demo", "models.enrolments.checks",
    "models.enrolments.writing", "models.reference", "models.rates", "platformdirs",
)  # fmt: skip

# Runs main.py as `python main.py …` would, then lists every module loaded.
WRAPPER = """
import atexit, json, runpy, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["main.py", *sys.argv[1:]]
sys.path.insert(0, {root!r})
runpy.run_path("main.py", run_name="__main__")
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A desk with a supervisor, an event and one enrolment."""
    folder = tmp_path / "data"
    db, _ = desk.set_up(folder, OFFICER, "Ani Purwanti", PASSPHRASE)
    try:
        set_setting(db, "branch_code", "MDN01")
        ref = default_reference()
        event = create_event(
            db, ref, name="Sosialisasi Pasar Besar", starts_on=date(2026, 11, 22),
            ends_on=date(2026, 11, 23), location="Pasar Besar", region_code="35.77.01",
            officer_id=OFFICER, clock=fixed_clock,
        )  # fmt: skip
        enrol(db, ref, event.id, person(), OFFICER, fixed_clock)
    finally:
        db.close()
    return folder


def status(data_dir: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    """The printed status and the modules the process loaded."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER.format(root=str(REPO_ROOT)), "status",
         "--data-dir", str(data_dir), "--officer", OFFICER, "--lang", "en"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "SIGAP_PASSPHRASE": PASSPHRASE, "SIGAP_LOG_DIR": str(tmp_path / "log")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stderr.strip().splitlines()[-1])
    return json.loads(done.stdout), modules


@pytest.mark.slow
def test_status_imports_only_what_it_prints(data_dir: Path, tmp_path: Path) -> None:
    printed, modules = status(data_dir, tmp_path)
    assert printed["enrolments"] == 1
    assert printed["queue"] == {"pending": 3}  # the event, the enrolment, its payment
    loaded = sorted(
        m for m in modules for unwanted in NOT_FOR_STATUS
        if m == unwanted or m.startswith(unwanted + ".")
    )  # fmt: skip
    assert loaded == []
    assert "models.desk_status" in modules  # the check above looked at the right process


@pytest.mark.slow
def test_status_waits_for_no_write_lock_and_writes_no_number_marks(
    data_dir: Path, tmp_path: Path
) -> None:
    """A save in progress elsewhere (the window) holds the write lock: `status` still answers
    at once. Being read-only, it does not rewrite the number marks beside the database."""
    marks = data_dir / MARKS_FILE
    db, _ = desk.sign_in(data_dir, OFFICER, PASSPHRASE)  # a writer's sign-in raises them
    before = marks.stat().st_mtime_ns, marks.read_bytes()
    try:
        db.conn.execute("BEGIN IMMEDIATE")  # another writer, mid-save
        printed, _ = status(data_dir, tmp_path)
        db.conn.execute("ROLLBACK")
    finally:
        db.close()
    assert printed["enrolments"] == 1
    assert (marks.stat().st_mtime_ns, marks.read_bytes()) == before
