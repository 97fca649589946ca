"""Start-up stays light: before the passphrase unlocks the key only what signing in needs is
loaded (the Argon2 unlock runs on top of it), and the main window builds each screen when
it is first shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from models.db_file import driver_errors
from models.enrolments import enrol
from tests.helpers import fixed_clock, person
from ui.main_window import SCREEN_NAMES, MainWindow

ROOT = Path(__file__).resolve().parents[2]

# What `python main.py` loads up to the sign-in dialog: main.py, then its window start.
PRE_UNLOCK = """
import json, sys
import main
from ui.app import run_gui
from ui.crash import install_crash_handlers
from ui.start_refusal import run_held
print(json.dumps(sorted(sys.modules)))
"""

# Loaded only once the key is unlocked (or when first needed).
HEAVY = (
    "reportlab",
    "pypdfium2",
    "openpyxl",
    "num2words",
    "segno",
    "ui.main_window",
    "ui.session",
    "ui.sync_controller",
    "ui.models",
    "ui.widgets",
    "reports",
    "sync",
)


# What the window's start (`ui.app`) loads before the sign-in, without main's command line.
WINDOW_PRE_UNLOCK = """
import json, sys
from ui.app import run_gui
print(json.dumps(sorted(sys.modules)))
"""

# Loaded only after the Argon2 hash: not resident while it runs (docs/start-up.md).
AFTER_HASH = ("sqlcipher3", "cryptography", "models.db", "models.backup", "models.officers")


def _pre_unlock_modules(code: str = PRE_UNLOCK) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    modules: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return modules


def test_the_sign_in_stage_loads_no_window_reports_or_use_cases() -> None:
    modules = _pre_unlock_modules()
    assert "ui.screens.sign_in" in modules  # the check reads the real import path
    assert "PySide6.QtWidgets" in modules
    heavy = [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert heavy == []
    screens = [m for m in modules if m.startswith("ui.screens.")]
    assert screens == ["ui.screens.sign_in"]
    # One SQLite library: SQLCipher's driver; the standard sqlite3 (a second copy) is not.
    assert "sqlite3" not in modules
    # Of the use cases, only the log (set up before anything else) is loaded.
    assert [m for m in modules if m.startswith("services.")] == ["services.applog"]


def test_the_window_start_loads_no_database_driver_nor_cryptography() -> None:
    modules = _pre_unlock_modules(WINDOW_PRE_UNLOCK)
    assert "ui.screens.sign_in" in modules and "models.vault" in modules
    assert "argon2.low_level" in modules  # the hash itself
    late = [m for m in modules if any(m == h or m.startswith(h + ".") for h in AFTER_HASH)]
    assert late == []
    # With main's command line too (its parser reads the roles from models.officers, which
    # imports the driver only where it writes), all of it still waits for the hash.
    full = _pre_unlock_modules()
    assert "cli.parser" in full and "ui.start_refusal" in full
    late = [m for m in full if any(m == h or m.startswith(h + ".") for h in AFTER_HASH[:-1])]
    assert late == []


def test_the_driver_errors_are_caught_once_it_is_loaded() -> None:
    from models.db import Error

    assert driver_errors() == (Error,)
    assert isinstance(Error("disk I/O error"), driver_errors())


def test_only_the_first_screen_is_built(qtbot, session, tasks) -> None:
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    # An event is chosen: the window opens on the form, and builds nothing else.
    assert [n for n in SCREEN_NAMES if window.is_built(n)] == ["form"]
    assert window.current_screen() is window.form
    assert window.nav.currentRow() == SCREEN_NAMES.index("form")
    assert window.stack.count() == len(SCREEN_NAMES)


def test_a_screen_is_built_when_first_shown_and_works(
    qtbot, session, tasks, db, ref, event, officer
):
    enrol(db, ref, event.id, person(), officer, fixed_clock)
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    assert not window.is_built("dashboard")
    actions = {a.shortcut().toString(): a for a in window.actions()}
    actions["Ctrl+2"].trigger()
    assert window.is_built("dashboard")
    dashboard = window.dashboard
    assert window.current_screen() is dashboard
    assert window.stack.indexOf(dashboard) == SCREEN_NAMES.index("dashboard")
    assert window.nav.currentRow() == SCREEN_NAMES.index("dashboard")
    qtbot.waitUntil(lambda: dashboard.figures is not None)
    assert dashboard.figures is not None and dashboard.figures["enrolled_total"] == 1
    # Built once: shown again, the same screen.
    actions["Ctrl+3"].trigger()
    actions["Ctrl+2"].trigger()
    assert window.current_screen() is dashboard


def test_the_navigation_list_builds_the_screen_it_opens(qtbot, session, tasks) -> None:
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    row = SCREEN_NAMES.index("participants")
    window.nav.setCurrentRow(row)
    assert window.is_built("participants")
    assert window.current_screen() is window.participants
    assert not window.is_built("audit")


def test_a_sync_screen_built_later_tells_the_last_sync(qtbot, session, tasks) -> None:
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    window.sync.sync_finished.emit(None)  # a sync failed before the screen was ever opened
    assert not window.is_built("sync_screen")
    window.show_screen(window.sync_screen)
    assert window.sync_screen.status.text() == "Sinkron gagal."


def test_closing_with_the_form_never_built(qtbot, session, tasks) -> None:
    session.event = None
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    assert window.current_screen() is window.events
    assert window.close()
    assert not window.is_built("form")


# A real sign-in in a fresh process: what is loaded when the Argon2 hash runs.
AT_HASH = """
import json, sys
from pathlib import Path
from models import desk, vault
watched = ("sqlcipher3", "cryptography", "models.db", "models.officers", "models.backup",
           "filelock")  # the locking library Sigap once used: now loaded never
seen = {}
real = vault._kek
def kek(*args):
    seen["at_hash"] = [m for m in watched if m in sys.modules]
    return real(*args)
vault._kek = kek
db, officer = desk.sign_in(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
db.close()
seen["after"] = [m for m in watched if m in sys.modules]
print(json.dumps(seen))
"""


def test_the_hash_runs_before_the_driver_and_cryptography_load(tmp_path: Path) -> None:
    from models import desk

    passphrase = "kopi-tubruk-pagi-42"  # made up
    db, _ = desk.set_up(tmp_path, "SPV01", "Rina Contoh", passphrase)  # a supervisor
    db.close()
    out = subprocess.run(
        [sys.executable, "-c", AT_HASH, str(tmp_path), "SPV01", passphrase],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["at_hash"] == []
    assert seen["after"] == ["sqlcipher3", "cryptography", "models.db", "models.officers",
                             "models.backup"]  # fmt: skip
