"""Start-up: from process start to Sigap's main window shown, with 100,000 enrolments in the
database, against a bare PySide6 window started the same way, in the same run.

Both sides are child processes with the same interpreter and `QT_QPA_PLATFORM` (offscreen
unless DISPLAY is set). The parent notes the time before starting a child; the child prints
the time once its window has been shown and the first events are processed. Sigap's side
is what `run_gui` does after the passphrase: open the database, load the reference data,
build the session and the main window (with the event chosen) and show it.

    uv run python bench/bench_startup.py [--rows 100000] [--rounds 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
from bench_search import fill

TARGET = 2.0

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("Sigap")); w.resize(1180, 780); w.show()
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
app.exec()
"""

SIGAP = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from models.desk import sign_in
from models.events import get_event
from models.officers import get_officer
from models.reference import default_reference
from ui.main_window import MainWindow
from ui.session import Session
from ui.tasks import Tasks
app = QApplication(sys.argv)
data_dir = Path({data_dir!r})
db = sign_in(data_dir, {officer!r}, {passphrase!r})[0]
session = Session(db, default_reference(), data_dir, "id")
session.sign_in(get_officer(db, {officer!r}))
session.set_event(get_event(db, {event!r}))
w = MainWindow(session, Tasks()); w.show()
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
app.exec()
"""


def start_to_shown(code: str) -> float:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return float(out.stdout.strip().splitlines()[-1]) - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sigap-bench-startup-") as tmp:
        data_dir = Path(tmp) / "sigap"
        desk = common.open_desk(data_dir)
        built = fill(desk, args.rows)
        desk.db.close()
        sigap = SIGAP.format(
            root=str(common.ROOT), data_dir=str(data_dir), officer=desk.officer_id,
            passphrase=common.OFFICER_PASSPHRASE,
            event=desk.event_id,
        )  # fmt: skip
        start_to_shown(BARE)  # warm the file cache for both sides
        start_to_shown(sigap)
        pairs = common.Pairs()
        for r in range(args.rounds):
            if common.baseline_first(r):
                b = start_to_shown(BARE)
                s = start_to_shown(sigap)
            else:
                s = start_to_shown(sigap)
                b = start_to_shown(BARE)
            pairs.add(b, s)
        print(f"bench_startup: {args.rows} enrolments (filled in {built:.0f} s, not timed), "
              f"{args.rounds} interleaved rounds")  # fmt: skip
        print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}; "
              f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")  # fmt: skip
        common.print_comparison(
            "process start to main window shown",
            pairs, TARGET, 1, "start", "bare PySide6 QMainWindow",
            "Sigap main window, event chosen",
        )  # fmt: skip


if __name__ == "__main__":
    main()
