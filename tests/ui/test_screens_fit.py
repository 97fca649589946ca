"""Every window and dialog fits a 1366×768 laptop screen with its taskbar: the checks in
fit_checks.py run in a process whose offscreen screen is that size."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import fixed_clock

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_every_window_and_dialog_fits_1366_by_768(tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                          "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o",
         "python_files=fit_checks.py", "-o", "python_functions=check_*",
         str(ROOT / "tests" / "ui" / "fit_checks.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert "2 passed" in run.stdout, run.stdout[-2000:]


def test_a_dialog_comes_back_where_the_officer_left_it(qtbot, session, tasks) -> None:
    from models import enrolments as en
    from tests.helpers import person
    from ui.screens.record_view import RecordDialog

    saved = en.enrol(session.db, session.ref, session.event.id, person(), "sari", fixed_clock)
    first = RecordDialog(session, saved.enrolment_id)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(40, 30, 700, 500)
    first.close()
    again = RecordDialog(session, saved.enrolment_id)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)
    assert (again.geometry().x(), again.geometry().y()) == (40, 30)


def test_the_chosen_event_comes_back_after_a_restart(session, db, ref, data_dir, event) -> None:
    from models.officers import get_officer
    from ui.session import Session

    later = Session(db, ref, data_dir, "id", fixed_clock)
    later.sign_in(get_officer(db, "sari"))
    assert later.event is None
    later.restore_event()
    assert later.event is not None and later.event.id == event.id
