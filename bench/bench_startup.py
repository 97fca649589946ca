"""Start-up: from process start to Sigap's main window shown, with 1,000 and with 100,000
enrolments in the database, against a bare PySide6 window plus one Argon2 unlock of the
same cost, started the same way, in the same run. Also the peak memory of each.

Both sides are child processes with the same interpreter and `QT_QPA_PLATFORM` (offscreen
unless DISPLAY is set). The parent notes the time before starting a child; the child prints
the time once its window has been shown and the first events are processed, and its peak
resident memory (VmHWM).

- **Sigap:** what `run_gui` does once the passphrase is typed, in its order: the modules
  `ui.app` loads before the sign-in, the sign-in (the Argon2 unlock of the key, opening the
  database), then the window's modules, the reference data, the session and the main
  window (with the event chosen), shown.
- **Baseline:** a `QMainWindow` with a label, shown the same way, after one Argon2id
  hash with the parameters of the bench officer's key copy (the unlock's whole cost).
- **Memory:** the peak of each child, of a bare window without the unlock, and of Sigap
  started as `python main.py` starts (main.py, the crash handlers and the start refusal
  loaded before `ui.app`).

    uv run python bench/bench_startup.py [--rows 1000,100000] [--rounds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

TARGET = 2.0
MEMORY_TARGET = 2.5

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
{unlock}
w = QMainWindow(); w.setCentralWidget(QLabel("Sigap")); w.resize(1180, 780); w.show()
QTimer.singleShot(0, lambda: (print(time.time(), {peak}, flush=True), app.quit()))
app.exec()
"""

UNLOCK = """
import os
from argon2.low_level import Type, hash_secret_raw
hash_secret_raw(b"meja-daftar-2026", os.urandom(16), time_cost={t}, memory_cost={m},
                parallelism={p}, hash_len=32, type=Type.ID)
"""

SIGAP = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
{pre}
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from models.desk import sign_in
app = QApplication(sys.argv)
data_dir = Path({data_dir!r})
before_unlock = {rss}
db = sign_in(data_dir, {officer!r}, {passphrase!r})[0]
# Loaded once the key is unlocked, as run_gui does.
from models.events import get_event
from models.officers import get_officer
from models.reference import reference_for
from ui.main_window import MainWindow
from ui.session import Session
from ui.tasks import Tasks
session = Session(db, reference_for(db), data_dir, "id")
session.sign_in(get_officer(db, {officer!r}))
session.set_event(get_event(db, {event!r}))
w = MainWindow(session, Tasks()); w.show()
QTimer.singleShot(0, lambda: (print(time.time(), {peak}, before_unlock, {rss}, flush=True),
                              app.quit()))
app.exec()
"""


# What the application loads before the sign-in: run_gui's module; or, for the memory line
# "as main.py starts", also main.py and what it loads up to the window (its command line).
WINDOW_PRE = "import ui.app  # run_gui's module"
MAIN_PRE = "import main, ui.app, ui.crash, ui.start_refusal  # as `python main.py` starts"

RSS = "int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS:')).split()[1])/1024"
STAGES: list[tuple[float, float]] = []  # Sigap's resident memory before the unlock, once shown


def start_to_shown(code: str) -> tuple[float, float]:
    """Seconds from starting the child to its window shown, and its peak memory in MB (a
    Sigap child's resident memory before the unlock and once shown go to STAGES)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    # From bytecode, as the installed desk runs (its bundle carries .pyc files): with
    # PYTHONDONTWRITEBYTECODE set, Sigap would compile its own modules at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    shown, peak, *stages = out.stdout.strip().splitlines()[-1].split()
    if stages:
        STAGES.append((float(stages[0]), float(stages[1])))
    return float(shown) - t0, float(peak)


def officer_kdf(data_dir: Path, officer: str) -> dict[str, int]:
    """The Argon2 parameters of the officer's key copy in `sigap.keys`."""
    k = json.loads((data_dir / "sigap.keys").read_text())["officers"][officer]["kdf"]
    return {"t": int(k["t"]), "m": int(k["m"]), "p": int(k["p"])}


def run_size(rows: int, rounds: int, tmp: Path) -> None:
    data_dir = tmp / f"sigap-{rows}"
    event, officer, built = common.filled_desk(data_dir, rows)
    sigap, via_main = (SIGAP.format(
        root=str(common.ROOT), data_dir=str(data_dir), officer=officer, pre=pre,
        passphrase=common.OFFICER_PASSPHRASE, event=event, peak=common.PEAK_RSS, rss=RSS,
    ) for pre in (WINDOW_PRE, MAIN_PRE))  # fmt: skip
    bare = BARE.format(unlock=UNLOCK.format(**officer_kdf(data_dir, officer)), peak=common.PEAK_RSS)
    window_only = BARE.format(unlock="", peak=common.PEAK_RSS)
    start_to_shown(bare)  # warm the file cache for both sides
    start_to_shown(sigap)
    pairs, memory = common.Pairs(), common.Pairs()
    STAGES.clear()
    for r in range(rounds):
        if common.baseline_first(r):
            b, bm = start_to_shown(bare)
            s, sm = start_to_shown(sigap)
        else:
            s, sm = start_to_shown(sigap)
            b, bm = start_to_shown(bare)
        pairs.add(b, s)
        memory.add(bm, sm)
    window_peak = statistics.median(start_to_shown(window_only)[1] for _ in range(3))
    main_peaks = [start_to_shown(via_main)[1] for _ in range(3)]
    main_before = statistics.median(a for a, _ in STAGES[-3:])
    del STAGES[-3:]
    print(f"bench_startup: {rows} enrolments "
          f"({common.fill_note(built)}, not timed), "
          f"{rounds} interleaved rounds")  # fmt: skip
    print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}; "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}; "
          f"Argon2 {officer_kdf(data_dir, officer)}")  # fmt: skip
    common.print_comparison(
        "process start to main window shown",
        pairs, TARGET, 1, "start", "bare QMainWindow + one Argon2 unlock",
        "Sigap main window, event chosen",
    )  # fmt: skip
    s_peak = statistics.median(memory.sigap)
    lo, hi = min(memory.sigap), max(memory.sigap)
    print("  peak memory (VmHWM)")
    print(f"    bare QMainWindow                 {window_peak:7.1f} MB (median of 3)")
    print(f"    bare QMainWindow + Argon2 unlock {statistics.median(memory.base):7.1f} MB")
    print(f"    Sigap main window                {s_peak:7.1f} MB (range {lo:.1f}-{hi:.1f})")
    print(f"      resident before the unlock {statistics.median(a for a, _ in STAGES):.1f} MB, "
          f"once shown {statistics.median(b for _, b in STAGES):.1f} MB")  # fmt: skip
    print(f"    as main.py starts (3 runs)       {statistics.median(main_peaks):7.1f} MB "
          f"(range {min(main_peaks):.1f}-{max(main_peaks):.1f}; {main_before:.1f} MB "
          f"before the unlock): {statistics.median(main_peaks) / window_peak:.2f}x")  # fmt: skip
    ratio = s_peak / window_peak
    print(f"    ratio to the bare window {ratio:.2f}x; to the bare window + unlock "
          f"{memory.ratio:.2f}x (median of rounds, range "
          f"{memory.spread[0]:.2f}-{memory.spread[1]:.2f}x)")  # fmt: skip
    print(f"    target    <= {MEMORY_TARGET:g}x of the bare window   "
          f"{common.verdict(ratio, MEMORY_TARGET)}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", default="1000,100000", help="comma-separated database sizes")
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sigap-bench-startup-") as tmp:
        for rows in (int(x) for x in args.rows.split(",")):
            run_size(rows, args.rounds, Path(tmp))


if __name__ == "__main__":
    main()
