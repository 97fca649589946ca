"""Search as you type over 100,000 enrolments: from the text in the participants screen's
search box to the table showing the matches (model filled, visible rows fetched and
painted), against the bare SQL behind it on the same connection: the query that finds
the matches (`models.participants.find_sql`) plus the one that reads the rows on screen.

    uv run python bench/bench_search_ui.py [--rows 100000] [--searches 300] [--rounds 10]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

import common
from bench_search import fill, fragment

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from models.events import get_event  # noqa: E402
from models.officers import get_officer  # noqa: E402
from models.participants import _ROW_SQL, ParticipantFilter, find_sql  # noqa: E402
from ui.screens.participants import ParticipantsScreen  # noqa: E402
from ui.session import Session  # noqa: E402
from ui.tasks import InlineTasks  # noqa: E402

TARGET = 2.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--searches", type=int, default=200, help="searches of each kind")
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="sigap-bench-search-ui-") as tmp:
        data_dir = Path(tmp) / "sigap"
        desk = common.open_desk(data_dir, member_numbers=True)
        built = fill(desk, args.rows)
        db = desk.db
        # No ANALYZE: the app never runs it, so neither side gets its statistics.
        session = Session(db, desk.ref, data_dir, "id")
        session.sign_in(get_officer(db, desk.officer_id))  # type: ignore[arg-type]
        session.set_event(get_event(db, desk.event_id))
        screen = ParticipantsScreen(session, InlineTasks())
        screen.resize(1100, 700)
        screen.show()
        app.processEvents()
        visible = max(
            1,
            screen.table.viewport().height() // screen.table.verticalHeader().defaultSectionSize(),
        )

        rng = random.Random(7)
        people = db.execute("SELECT nik, member_number, full_name FROM enrolments").fetchall()
        picks = [rng.choice(people) for _ in range(args.searches)]
        kinds = [
            ("by name fragment (4-6 letters)", [fragment(rng, name) for _, _, name in picks]),
            ("by NIK (16 digits)", [nik for nik, _, _ in picks]),
            ("by member number (11 digits)", [member for _, member, _ in picks]),
        ]
        per_round = max(1, args.searches // args.rounds)

        def bare(batch: list[str]) -> None:
            for text in batch:
                sql, params = find_sql(ParticipantFilter(event_id=desk.event_id, text=text))
                ids = [r[0] for r in db.conn.execute(sql, params).fetchall()]
                page = ids[:visible]
                if page:
                    marks = ",".join("?" * len(page))
                    db.conn.execute(_ROW_SQL.format(marks=marks), page).fetchall()

        def shown(batch: list[str]) -> None:
            for text in batch:
                screen.search.setText(text)
                screen.apply_filter()
                screen.table.viewport().repaint()  # fetches and paints the visible rows
                app.processEvents()

        results = []
        for title, texts in kinds:
            shown(texts[:5])
            bare(texts[:5])
            pairs = common.Pairs()
            for r in range(args.rounds):
                batch = texts[r * per_round : (r + 1) * per_round]
                if common.baseline_first(r):
                    b = common.timed(lambda batch=batch: bare(batch))
                    s = common.timed(lambda batch=batch: shown(batch))
                else:
                    s = common.timed(lambda batch=batch: shown(batch))
                    b = common.timed(lambda batch=batch: bare(batch))
                pairs.add(b, s)
            results.append((title, pairs))
        screen.close()
        screen.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        print(f"bench_search_ui: {args.rows} enrolments (filled in {built:.0f} s, not timed), "
              f"{per_round * args.rounds} searches of each kind each side, {visible} rows "
              "visible")  # fmt: skip
        print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
        for title, pairs in results:
            common.print_comparison(
                f"search as you type {title}: text to table shown",
                pairs, TARGET, per_round, "search", "find_sql + visible rows, raw sqlite3",
                "ParticipantsScreen search, model, paint",
            )  # fmt: skip


if __name__ == "__main__":
    main()
