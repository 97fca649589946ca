"""The window over a real database (offscreen)."""

from __future__ import annotations

from models.demo import fill_demo
from tests.helpers import fixed_clock
from ui.main_window import MainWindow


def test_home_screen_lists_events_and_waiting_records(qtbot, db, ref):
    fill_demo(db, ref, fixed_clock)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert "Sigap" in window.windowTitle()
    assert window.home.event_list.count() == 1
    assert "Siaga Kita" in window.home.event_list.item(0).text()
    # 1 event + 50 enrolments + 50 payments wait for HQ.
    assert "101" in window.home.summary.text()
