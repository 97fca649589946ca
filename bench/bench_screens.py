"""Where the officer waits on a screen, on a desk of 100,000 enrolments (every queue row
still waiting for HQ: 200,001 rows), each against a baseline doing the same work in the
same run, in interleaved rounds (ABBA order):

- **Dashboard, "Menunggu dikirim ke kantor pusat"** for the chosen event, as
  `models.stats.event_dashboard` computes it, against one indexed
  `SELECT COUNT(*) FROM outbox WHERE state = 'pending'` (the same rows: on this desk every
  pending row belongs to the event). The query the dashboard ran before schema m013 (every
  pending row read, the payloads of corrections and voids parsed) is timed in the same
  rounds too, as the before figure.
- **Sync screen, first opening:** a new `SyncScreen` built and shown (how long the window
  is blocked), and until its two lists are on screen (read off the window's thread), against
  a bare `QWidget` with two `QTableWidget`s showing the same rows, built and shown. The
  desk is given 60 records HQ refused or questioned, 20 pending rows with a retry and 30
  cards to print again (untimed), so the lists are not empty.

    uv run python bench/bench_screens.py [--rows 100000] [--rounds 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import common

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DASHBOARD_TARGET = 1.0
SCREEN_TARGET = 2.0

# What models/stats.py ran before m013, kept here as the before figure.
BEFORE_M013 = """
    WITH ens AS (SELECT id FROM enrolments WHERE event_id = :event),
         pays AS (SELECT p.id FROM payments p JOIN ens ON ens.id = p.enrolment_id)
    SELECT COUNT(*) FROM outbox o WHERE o.state = 'pending' AND (
        o.id = :event
        OR o.id IN (SELECT id FROM ens)
        OR o.id IN (SELECT id FROM pays)
        OR (o.type = 'payment_void'
            AND json_extract(o.payload, '$.payment_id') IN (SELECT id FROM pays))
        OR (o.type = 'enrolment_correction'
            AND json_extract(o.payload, '$.enrolment_id') IN (SELECT id FROM ens))
    )
"""
BASELINE_COUNT = "SELECT COUNT(*) FROM outbox WHERE state = 'pending'"


def dashboard(db: Any, event_id: str, rounds: int) -> None:
    from models.stats import event_dashboard

    today = date.today()
    figure = lambda: event_dashboard(db, event_id, today)["waiting_hq"]  # noqa: E731
    figure_only = _figure_only(db, event_id)
    count = lambda: db.execute(BASELINE_COUNT).fetchone()[0]  # noqa: E731
    before = lambda: db.execute(BEFORE_M013, {"event": event_id}).fetchone()[0]  # noqa: E731
    assert figure() == count() == before(), (figure(), count(), before())
    now, old, whole = common.Pairs(), common.Pairs(), common.Pairs()
    for r in range(rounds):
        if common.baseline_first(r):
            b = common.timed(count)
            s, o, w = common.timed(figure_only), common.timed(before), common.timed(figure)
        else:
            s, o, w = common.timed(figure_only), common.timed(before), common.timed(figure)
            b = common.timed(count)
        now.add(b, s)
        old.add(b, o)
        whole.add(b, w)
    print(f"  dashboard figure: {count()} queue rows waiting, all of the event's")
    common.print_comparison(
        "the event's 'Menunggu dikirim ke kantor pusat', as the dashboard reads it now",
        now, DASHBOARD_TARGET, 1, "figure", "indexed COUNT(*) of the same rows",
        "Sigap's figure",
    )  # fmt: skip
    lo, hi = now.spread
    print(f"    ratio to four places: {now.ratio:.4f}x (range {lo:.4f}-{hi:.4f}x)")
    lo, hi = old.spread
    print(f"    before m013 (the query it ran, same rounds): "
          f"{common.human_time(statistics.median(old.sigap))}, {old.ratio:.2f}x "
          f"(range {lo:.2f}-{hi:.2f}x)")  # fmt: skip
    lo, hi = whole.spread
    print(f"    the whole dashboard (every figure, in the background): "
          f"{common.human_time(statistics.median(whole.sigap))}, {whole.ratio:.2f}x "
          f"(range {lo:.2f}-{hi:.2f}x)")  # fmt: skip


def _figure_only(db: Any, event_id: str) -> Any:
    """The waiting figure as this checkout's dashboard reads it (the tally since m013)."""
    try:
        from models.tallies import event_pending
    except ImportError:  # before m013
        from models.stats import _event_pending as event_pending  # type: ignore[attr-defined]
    return lambda: event_pending(db, event_id)


# ------------------------------------------------------------------ the sync screen


def give_the_lists_rows(db: Any) -> None:
    """60 records HQ refused or questioned, 20 pending rows with a retry, 30 cards printed
    with a number HQ later changed: what the engine and the printing would leave."""
    ids = [r[0] for r in db.execute("SELECT id FROM enrolments ORDER BY rowid LIMIT 110")]
    with db.atomic():
        for i, eid in enumerate(ids[:60]):
            state = ("rejected", "conflict", "duplicate_person")[i % 3]
            db.execute(
                "UPDATE outbox SET state = ?, hq_code = 'invalid_field', hq_field = 'full_name', "
                "hq_message = 'full_name: digits are not allowed' WHERE id = ?",
                [state, eid],
            )
        for eid in ids[60:80]:
            db.execute("UPDATE outbox SET last_error = 'retry' WHERE id = ?", [eid])
        for i, eid in enumerate(ids[80:110]):
            db.execute(
                "INSERT INTO print_log (kind, record_id, copy_number, officer_id, printed_at, "
                "detail) VALUES ('card', ?, 1, ?, '2026-11-22T09:00:00+07:00', ?)",
                [eid, common.OFFICER_ID, json.dumps({"card_number": f"P-{i:08d}"})],
            )
            db.execute(
                "UPDATE enrolments SET member_number = ? WHERE id = ?", [f"{10000900000 + i}", eid]
            )


def sync_screen(db: Any, data_dir: Path, event_id: str, rounds: int) -> None:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

    from models.events import get_event
    from models.officers import get_officer
    from models.reference import reference_for
    from ui.screens.sync_screen import SyncScreen
    from ui.session import Session
    from ui.sync_controller import SyncController
    from ui.tasks import Tasks

    qInstallMessageHandler(lambda *_: None)  # the offscreen plugin's size-hint notes
    app = QApplication.instance() or QApplication(sys.argv)
    session = Session(db, reference_for(db), data_dir, "id")
    officer = get_officer(db, common.OFFICER_ID)
    assert officer is not None
    session.sign_in(officer)
    session.set_event(get_event(db, event_id))
    tasks = Tasks()
    controller = SyncController(session, tasks, probe=lambda _db: False)
    screens: list[QWidget] = []

    def listed(screen: Any) -> bool:
        return bool(screen.problems_box.title()) and bool(screen.reprints_box.title())

    def open_screen() -> tuple[float, float]:
        t0 = time.perf_counter()
        screen = SyncScreen(session, tasks, controller)
        screen.resize(1000, 700)
        screen.show()
        app.processEvents()
        blocked = time.perf_counter() - t0
        while not listed(screen):
            app.processEvents()
            time.sleep(0.0005)
        shown = time.perf_counter() - t0
        screens.append(screen)
        return blocked, shown

    def cells(table: Any) -> list[list[str]]:
        return [[table.item(r, c).text() if table.item(r, c) else ""
                 for c in range(table.columnCount())] for r in range(table.rowCount())]  # fmt: skip

    open_screen()  # warm: modules loaded, pages read once
    first = screens[-1]
    rows = [cells(first.problem_table), cells(first.reprint_table)]  # type: ignore[attr-defined]

    def bare() -> float:
        t0 = time.perf_counter()
        w = QWidget()
        layout = QVBoxLayout(w)
        for table_rows in rows:
            table = QTableWidget(len(table_rows), 5)
            for r, row in enumerate(table_rows):
                for c, text in enumerate(row):
                    table.setItem(r, c, QTableWidgetItem(text))
            table.resizeRowsToContents()
            layout.addWidget(table)
        w.resize(1000, 700)
        w.show()
        app.processEvents()
        took = time.perf_counter() - t0
        screens.append(w)
        return took

    blocked, listed_pairs = common.Pairs(), common.Pairs()
    for r in range(rounds):
        if common.baseline_first(r):
            b = bare()
            s_block, s_list = open_screen()
        else:
            s_block, s_list = open_screen()
            b = bare()
        blocked.add(b, s_block)
        listed_pairs.add(b, s_list)
        for w in screens:
            w.close()
            w.deleteLater()
        screens.clear()
        app.processEvents()
    tasks.wait()
    print(f"  sync screen: {len(rows[0])} problem rows, {len(rows[1])} cards to print again")
    common.print_comparison(
        "sync screen opened: the window's thread blocked", blocked, SCREEN_TARGET, 1, "opening",
        "bare QWidget, two tables of the same rows", "SyncScreen built and shown",
    )  # fmt: skip
    common.print_comparison(
        "sync screen opened: until both lists are shown", listed_pairs, SCREEN_TARGET, 1,
        "opening", "bare QWidget, two tables of the same rows", "SyncScreen, lists read and shown",
    )  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sigap-bench-screens-") as tmp:
        data_dir = Path(tmp) / "sigap"
        event_id, _officer, built = common.filled_desk(data_dir, args.rows)
        db = common.reopen(data_dir)
        print(f"bench_screens: {args.rows} enrolments ({common.fill_note(built)}, not timed), "
              f"{args.rounds} interleaved rounds")  # fmt: skip
        print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}; "
              f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}")  # fmt: skip
        dashboard(db, event_id, args.rounds)
        give_the_lists_rows(db)
        sync_screen(db, data_dir, event_id, args.rounds)
        db.close()


if __name__ == "__main__":
    main()
