"""Search as you type over 100,000 enrolments: from the text in the participants screen's
search box to the table showing the matches (model filled, visible rows fetched and
painted), against a plain table doing the same: a `QLineEdit` and a bare `QTableView` of
the same size over a simple model that holds the matches' rowids and the visible rows,
read with the same two queries (`models.participants.find_sql` for the matches, the row
query for the rows on screen) and shown as plain text. The screen's debounce is skipped on
both sides: each side applies the text at once, then paints.

    uv run python bench/bench_search_ui.py [--rows 100000] [--searches 200] [--rounds 10]
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

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView  # noqa: E402

from models.events import get_event  # noqa: E402
from models.officers import get_officer  # noqa: E402
from models.participants import _ROW_SQL, ParticipantFilter, find_sql  # noqa: E402
from ui.screens.participants import DEBOUNCE_MS, ParticipantsScreen  # noqa: E402
from ui.session import Session  # noqa: E402
from ui.tasks import InlineTasks  # noqa: E402

TARGET = 2.0
DISPLAY = Qt.ItemDataRole.DisplayRole
ROOT = QModelIndex()


class PlainModel(QAbstractTableModel):
    """The baseline's model: the matches' rowids and the visible rows as plain text."""

    def __init__(self, columns: int) -> None:
        super().__init__()
        self.columns = columns
        self.ids: list[int] = []
        self.rows: dict[int, tuple[str, ...]] = {}

    def show(self, ids: list[int], rows: dict[int, tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.ids, self.rows = ids, rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else self.columns

    def data(self, index: QModelIndex, role: int = DISPLAY) -> object:
        if role != DISPLAY or not index.isValid():
            return None
        row = self.rows.get(index.row())
        return None if row is None else row[index.column()]


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

        # The baseline: a search box and a bare table of the screen table's size, the same
        # column widths, the same debounce timer (started by typing, stopped when applied).
        columns = screen.model.columnCount()
        plain = PlainModel(columns)
        box = QLineEdit()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        box.textChanged.connect(lambda _text: timer.start())
        view = QTableView()
        view.setModel(plain)
        view.verticalHeader().hide()
        for column in range(columns):
            view.setColumnWidth(column, screen.table.columnWidth(column))
        view.resize(screen.table.size())
        view.show()
        app.processEvents()

        def bare(batch: list[str]) -> None:
            for text in batch:
                box.setText(text)
                timer.stop()  # applied at once, as the screen's is
                sql, params = find_sql(ParticipantFilter(event_id=desk.event_id, text=text))
                ids = [r[0] for r in db.conn.execute(sql, params).fetchall()]
                page = ids[:visible]
                rows: dict[int, tuple[str, ...]] = {}
                if page:
                    marks = ",".join("?" * len(page))
                    found = {
                        r[0]: r for r in db.conn.execute(_ROW_SQL.format(marks=marks), page)
                    }  # fmt: skip
                    for i, rowid in enumerate(page):
                        r = found[rowid]
                        rows[i] = tuple(
                            "" if v is None else str(v)
                            for v in (r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[12], r[13],
                                      r[14], r[15], r[16])
                        )  # fmt: skip
                plain.show(ids, rows)
                view.viewport().repaint()  # paints the visible rows
                app.processEvents()

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
        view.close()
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
                pairs, TARGET, per_round, "search", "plain QTableView, same queries",
                "ParticipantsScreen search, model, paint",
            )  # fmt: skip


if __name__ == "__main__":
    main()
