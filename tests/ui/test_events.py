"""The events screen, the new-event dialog, the region picker and the event dashboard,
driven by keyboard the way an officer uses them (offscreen)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from models.enrolments import enrol, void_payment
from models.events import create_event, get_event, list_events
from models.messages import text
from models.officers import add_officer
from tests.helpers import WIB, fixed_clock, open_desk, person, sponsored_event
from ui.screens.dashboard import DashboardScreen
from ui.screens.event_dialog import EventDialog
from ui.screens.events import EventsScreen
from ui.widgets.region_picker import RegionPicker

# The offscreen platform says these whenever a completer's list pops up.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard)", extend=True
)


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _focused():
    return QApplication.focusWidget()


def _type(qtbot, keys: str, then=Qt.Key.Key_Tab):
    """Type into whatever has focus, let the event loop run (as it does between an
    officer's keystrokes), then press `then`."""
    qtbot.keyClicks(_focused(), keys)
    qtbot.wait(20)
    if then is not None:
        qtbot.keyClick(_focused(), then)
        qtbot.wait(20)


def _tab(qtbot, times: int = 1):
    for _ in range(times):
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
        qtbot.wait(10)


# ------------------------------------------------------------------ picker


def test_typing_part_of_a_name_finds_it_at_every_level_and_cascades(qtbot, ref):
    picker = _show(qtbot, RegionPicker(ref))
    assert picker.regency.count() == 0  # nothing below a province until one is chosen
    picker.province.setFocus()
    changes = []
    picker.changed.connect(lambda: changes.append(picker.code()))

    _type(qtbot, "jawa tim")  # any case, any part of the name
    assert picker.province.code() == "35"
    assert _focused() is picker.regency
    assert picker.regency.findData("35.77") >= 0

    _type(qtbot, "KOTA MADI")
    assert picker.regency.code() == "35.77"
    assert [picker.district.itemText(i) for i in range(picker.district.count())] == [
        "Kartoharjo",
        "Manguharjo",
        "Taman",
    ]

    _type(qtbot, "harjo", then=Qt.Key.Key_Return)  # two contain it: the first that fits
    assert picker.district.code() in ("35.77.01", "35.77.02")
    assert _focused() is picker.village  # Enter moves on
    # Back to change it: typing the exact name wins.
    picker.district.setFocus()
    picker.district.lineEdit().selectAll()
    _type(qtbot, "kartoharjo")
    assert picker.district.code() == "35.77.01"
    assert picker.code() == "35.77.01"

    _type(qtbot, "ombo")  # Oro-oro Ombo
    assert picker.village.code() == "35.77.01.1001"
    assert picker.code() == "35.77.01.1001"
    assert changes[-1] == "35.77.01.1001"

    # Choosing another province empties every level below it.
    picker.province.setFocus()
    picker.province.lineEdit().selectAll()
    _type(qtbot, "bali")
    assert picker.province.code() == "51"
    assert picker.regency.count() > 0 and picker.regency.code() is None
    assert picker.district.count() == 0 and picker.village.count() == 0
    assert picker.code() is None


def test_picking_from_the_list_with_the_arrow_keys(qtbot, ref):
    picker = _show(qtbot, RegionPicker(ref))
    picker.set_code("35.77")
    picker.district.setFocus()
    qtbot.keyClicks(picker.district, "ha")
    qtbot.wait(20)
    popup = picker.district.completer().popup()
    assert popup.isVisible()
    assert popup.model().rowCount() == 2  # Kartoharjo, Manguharjo
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert picker.district.code() == "35.77.02"


def test_set_code_selects_the_whole_path(qtbot, ref):
    picker = RegionPicker(ref)
    qtbot.addWidget(picker)
    picker.set_code("35.77.02.1003")
    assert [b.currentText() for b in picker.boxes] == [
        "Jawa Timur",
        "Kota Madiun",
        "Manguharjo",
        "Patihan",
    ]
    assert picker.code() == "35.77.02.1003"
    picker.set_code("3577")  # a regency only: no district chosen yet
    assert picker.regency.code() == "35.77" and picker.code() is None
    picker.set_code(None)
    assert all(b.code() is None for b in picker.boxes)


# ------------------------------------------------------------------ dialog


class _Modal:
    """Drives a modal dialog once it is up (exec() blocks the test). A failing step closes
    the dialog, so the test reports the failure instead of waiting forever."""

    def __init__(self, qtbot, steps):
        self.qtbot, self.steps, self.error, self.seen = qtbot, steps, None, []
        QTimer.singleShot(0, self._go)

    def _go(self):
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, self._go)
            return
        self.seen.append(dialog)
        try:
            dialog.activateWindow()
            self.qtbot.waitUntil(dialog.isActiveWindow)
            self.steps(dialog)
        except BaseException as exc:  # re-raised by check() in the test
            self.error = exc
            dialog.reject()

    def check(self):
        assert self.seen, "the dialog never opened"
        if self.error is not None:
            raise self.error


def test_creating_an_event_by_keyboard_lands_and_is_listed(qtbot, session, tasks, db):
    screen = _show(qtbot, EventsScreen(session, tasks))
    assert screen.table.rowCount() == 1
    saved = []
    session.changed.connect(lambda: saved.append(True))

    def fill(dialog: EventDialog):
        assert _focused() is dialog.name
        _type(qtbot, "Sosialisasi Warteg Kartoharjo")  # → start date, day section
        assert _focused() is dialog.starts_on
        _tab(qtbot)  # the start date (today): Tab leaves the field → end date
        assert _focused() is dialog.ends_on
        _type(qtbot, "24", then=None)  # 24-11-2026; a full day moves on to the month
        _tab(qtbot)  # → place
        assert _focused() is dialog.location
        _type(qtbot, "Balai RW 07")
        _type(qtbot, "timur")  # Jawa Timur
        _type(qtbot, "kota madiun")
        _type(qtbot, "karto")
        _type(qtbot, "ombo")
        assert _focused() is dialog.scheme
        _tab(qtbot)  # self-paid
        assert _focused() is dialog.jht
        qtbot.keyClick(dialog.jht, Qt.Key.Key_Space)
        _tab(qtbot)
        _type(qtbot, "3")  # 3 bulan
        assert _focused() is dialog.branch
        _type(qtbot, "MDN02", then=Qt.Key.Key_Return)  # Tab selected the old code
        assert _focused() is dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)  # Enter on Simpan saves

    modal = _Modal(qtbot, fill)
    screen.new_button.click()
    modal.check()

    events = list_events(db)
    assert len(events) == 2
    new = next(e for e in events if e.name == "Sosialisasi Warteg Kartoharjo")
    assert new.starts_on == date(2026, 11, 22) and new.ends_on == date(2026, 11, 24)
    assert new.location == "Balai RW 07"
    assert new.region_code == "35.77.01.1001"
    assert new.scheme_code is None
    assert new.default_programmes == ("JKK", "JKM", "JHT") and new.default_months == 3
    assert new.branch_code == "MDN02" and new.officer_id == "sari"
    assert new.created_at == "2026-11-22T09:15:00+07:00"
    from models.db import get_setting

    assert get_setting(db, "branch_code") == "MDN02"  # remembered for the next event
    assert saved  # the status bar's queue count follows
    names = [screen.table.item(r, 0).text() for r in range(screen.table.rowCount())]
    assert "Sosialisasi Warteg Kartoharjo" in names
    assert screen.selected_event().id == new.id
    row = names.index("Sosialisasi Warteg Kartoharjo")
    assert screen.table.item(row, 2).text() == "24 November 2026"
    assert screen.table.item(row, 4).text() == "Bayar sendiri"
    assert screen.table.item(row, 5).text() == "terbuka"


def test_a_bad_entry_shows_each_message_next_to_its_field(qtbot, session, db):
    dialog = _show(qtbot, EventDialog(session))
    _type(qtbot, "Sosialisasi Pasar Sleko")
    _tab(qtbot)
    _type(qtbot, "21", then=None)  # ends the day before it starts
    _tab(qtbot)
    _type(qtbot, "Pasar Sleko", then=None)  # no region chosen
    qtbot.keyClick(_focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Simpan

    assert dialog.result() != EventDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.created_event is None
    assert len(list_events(db)) == 1  # only the fixture's event
    ends = dialog.errors["ends_on"]
    assert ends.isVisible() and ends.text() == text("event_dates_reversed", "id")
    assert ends.parentWidget() is dialog.ends_on.parentWidget()  # right under the field
    region = dialog.errors["region_code"]
    assert region.isVisible() and region.text() == text("event_region_invalid", "id")
    assert region.parentWidget() is dialog.region.parentWidget()
    assert not dialog.errors["name"].isVisible()
    # Nothing typed is lost, and focus goes to the first field to fix.
    assert dialog.name.text() == "Sosialisasi Pasar Sleko"
    assert dialog.location.text() == "Pasar Sleko"
    assert dialog.ends_on.date().day() == 21
    assert _focused() is dialog.ends_on

    # Fixed, it saves, and the old messages go away.
    dialog.ends_on.setDate(dialog.starts_on.date())
    dialog.region.set_code("35.77.01")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.result() == EventDialog.DialogCode.Accepted
    assert dialog.created_event is not None and dialog.created_event.region_code == "35.77.01"
    assert not ends.isVisible()


def test_messages_follow_the_officers_language(qtbot, session, db):
    session.set_language("en")
    dialog = _show(qtbot, EventDialog(session))
    dialog.branch.clear()
    db.execute("DELETE FROM settings WHERE key = 'branch_code'")
    db.conn.commit()
    dialog.accept()
    assert dialog.errors["name"].text() == text("field_required", "en")
    assert dialog.errors["branch_code"].text() == text("branch_missing", "en")


def test_a_scheme_sets_programmes_and_months(qtbot, session):
    dialog = _show(qtbot, EventDialog(session))
    assert dialog.branch.text() == "MDN01"  # prefilled from the settings
    assert dialog.starts_on.date().toPython() == date(2026, 11, 22)  # the session's today
    assert dialog.scheme.itemText(0) == "Bayar sendiri"
    assert dialog.scheme.count() == 1 + len(session.ref.schemes)
    dialog.jht.setChecked(True)
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("KOWANTARA-WARTEG"))
    assert not dialog.jht.isEnabled() and not dialog.jht.isChecked()
    assert not dialog.months.isEnabled() and dialog.months.currentData() == 3
    dialog.scheme.setCurrentIndex(0)
    assert dialog.jht.isEnabled() and dialog.months.isEnabled()

    dialog.name.setText("Warteg Terlindungi")
    dialog.location.setText("Warteg Bahari")
    dialog.region.set_code("35.77.01.1001")
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("KOWANTARA-WARTEG"))
    dialog.accept()
    event = dialog.created_event
    assert event is not None and event.scheme_code == "KOWANTARA-WARTEG"
    assert event.default_programmes == ("JKK", "JKM") and event.default_months == 3


# ------------------------------------------------------------------ screen


def _second_event(db, ref, officer, name="Sosialisasi Terminal Purboyo"):
    return create_event(
        db,
        ref,
        name=name,
        starts_on=date(2026, 11, 25),
        ends_on=date(2026, 11, 25),
        location="Terminal Purboyo",
        region_code="35.77.03",
        officer_id=officer,
        clock=fixed_clock,
    )


def _row_of(screen, event_id):
    return next(i for i, e in enumerate(screen.events) if e.id == event_id)


def test_choosing_an_event_sets_it_for_the_session(qtbot, session, tasks, db, ref, officer):
    other = _second_event(db, ref, officer)
    screen = _show(qtbot, EventsScreen(session, tasks))
    assert screen.table.rowCount() == 2
    changed = []
    session.event_changed.connect(lambda: changed.append(session.event.id))

    # Enter on the highlighted row.
    screen.table.setFocus()
    screen.table.setCurrentCell(_row_of(screen, other.id), 0)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert session.event.id == other.id
    assert changed == [other.id]
    assert "Terminal Purboyo" in screen.current.text()

    # A double-click.
    first = next(e for e in screen.events if e.id != other.id)
    rect = screen.table.visualRect(screen.table.model().index(_row_of(screen, first.id), 0))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert session.event.id == other.id  # one click only selects
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert session.event.id == first.id

    # The button.
    screen.select_event(other.id)
    screen.choose_button.click()
    assert session.event.id == other.id


def test_closing_asks_first_then_closes(qtbot, session, tasks, db, event):
    screen = _show(qtbot, EventsScreen(session, tasks))
    screen.select_event(event.id)
    questions = []

    def answer(label):
        def click(box):
            questions.append(box.text())
            button = next(b for b in box.buttons() if b.text() == label)
            button.click()

        return click

    modal = _Modal(qtbot, answer("Batal"))
    screen.close_button.click()
    modal.check()
    assert get_event(db, event.id).is_open  # cancelled: nothing changes
    assert "Sosialisasi Pasar Besar" in questions[0]

    modal = _Modal(qtbot, answer("Tutup acara"))
    screen.close_button.click()
    modal.check()
    closed = get_event(db, event.id)
    assert not closed.is_open and closed.closed_at == "2026-11-22T09:15:00+07:00"
    assert not session.event.is_open  # the session's event was re-read
    assert screen.table.item(_row_of(screen, event.id), 5).text() == "ditutup"
    assert not screen.close_button.isEnabled() and not screen.choose_button.isEnabled()


def test_confirmation_defaults_to_cancel(qtbot, session, tasks):
    screen = _show(qtbot, EventsScreen(session, tasks))
    seen = []

    def press_enter(box: QMessageBox):
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    modal = _Modal(qtbot, press_enter)
    screen.select_event(session.event.id)
    screen.close_button.click()
    modal.check()
    assert seen == ["Batal"]
    assert session.event.is_open


# --------------------------------------------------------------- dashboard

WOMAN_1995 = {"nik": "3577014101950003", "birth_date": date(1995, 1, 1), "gender": "P"}
MAN_1978 = {"nik": "3577012512780004", "birth_date": date(1978, 12, 25), "gender": "L"}
WOMAN_2000 = {"nik": "3577014506000005", "birth_date": date(2000, 6, 5), "gender": "P"}


def _at(hour, minute, day=22, tz=WIB):
    moment = datetime(2026, 11, day, hour, minute, tzinfo=tz)
    return lambda: moment


def test_dashboard_shows_totals_and_the_hourly_chart(
    qtbot, session, tasks, db, ref, officer, supervisor, event
):
    add_officer(db, "joko", "Joko Prasetyo", "officer", "becak-malam-55", clock=fixed_clock)
    first = enrol(db, ref, event.id, person(), officer, _at(9, 5))
    enrol(db, ref, event.id, person(**WOMAN_1995, method="transfer"), officer, _at(9, 50))
    enrol(db, ref, event.id, person(**MAN_1978), "joko", _at(14, 10))
    enrol(db, ref, event.id, person(**WOMAN_2000), "joko", _at(15, 0, day=21))
    void_payment(db, first.payment_id, "Salah ketik", officer, supervisor, _at(10, 0))

    screen = _show(qtbot, DashboardScreen(session, tasks))
    values = {k: label.text() for k, label in screen.values.items()}
    assert values["enrolled_today"] == "3 peserta (22 November 2026)"
    assert values["enrolled_total"] == "4 peserta"
    assert values["self_cash"] == "Rp16.800"  # 2 × 8,400; the first payment is void
    assert values["self_transfer"] == "Rp8.400"
    assert values["sponsor"] == "Rp0"
    assert values["money_total"] == "Rp25.200 (dibatalkan: Rp8.400)"
    # The event, 4 enrolments, 4 payments and the void wait for HQ.
    assert values["waiting_hq"] == "10 catatan (seluruh laptop: 10)"
    assert not screen.scheme_box.isVisible()  # self-paid: no quota or budget
    hours = [0] * 24
    hours[9], hours[14] = 2, 1
    assert screen.chart.counts() == hours
    assert screen.officers.rowCount() == 2
    assert screen.officers.item(0, 0).text() == "Joko Prasetyo (joko)"
    assert screen.officers.item(0, 1).text() == "2"
    assert screen.officers.item(1, 1).text() == "2"
    screen.chart.repaint()  # paints without complaint

    # A new enrolment shows once the screen hears of it.
    enrol(
        db,
        ref,
        event.id,
        person(nik="3577016607880006", birth_date=date(1988, 7, 26), gender="P"),
        officer,
        _at(14, 30),
    )
    session.records_saved()
    assert screen.values["enrolled_today"].text().startswith("4 peserta")
    assert screen.chart.counts()[14] == 2

    # English money and words.
    session.set_language("en")
    assert screen.values["self_cash"].text() == "Rp25,200"


def test_dashboard_of_a_sponsored_event_shows_quota_and_budget(
    qtbot, session, tasks, db, ref, officer
):
    warteg = sponsored_event(
        db, ref, officer, name="Warteg Terlindungi", location="Warteg Bahari",
        region_code="35.77.01.1001",
    )  # fmt: skip
    enrol(db, ref, warteg.id, person(occupation_code="K006"), officer, _at(8, 30))
    enrol(db, ref, warteg.id, person(**MAN_1978, occupation_code="K007"), officer, _at(8, 40))
    screen = _show(qtbot, DashboardScreen(session, tasks))
    session.set_event(get_event(db, warteg.id))
    assert screen.scheme_box.isVisible()
    assert "Kowantara Warteg Terlindungi" in screen.scheme_box.title()
    assert screen.values["quota_used"].text() == "2 dari 100"
    assert screen.values["quota_left"].text() == "98 peserta"
    assert screen.values["budget_used"].text() == "Rp67.200 dari Rp5.040.000"
    assert screen.values["budget_left"].text() == "Rp4.972.800"
    assert screen.values["sponsor"].text() == "Rp67.200"
    assert screen.chart.counts()[8] == 2


def test_dashboard_without_an_event_says_so(qtbot, session, tasks):
    session.set_event(None)
    screen = _show(qtbot, DashboardScreen(session, tasks))
    assert screen.no_event.isVisible() and not screen.body.isVisible()
    assert "Belum ada acara" in screen.no_event.text()


def test_enter_moves_through_the_event_dialog_and_never_saves_early(qtbot, session, db):
    """An Enter typed before the village list appeared once saved a scheme event as
    self-paid: Enter moves on, as in the enrolment form; Ctrl+S or the Save button saves."""
    dialog = _show(qtbot, EventDialog(session))
    _type(qtbot, "Sosialisasi Siaga Kita", then=Qt.Key.Key_Return)
    assert _focused() is dialog.starts_on
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused() is dialog.ends_on
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused() is dialog.location
    _type(qtbot, "Pendopo", then=Qt.Key.Key_Return)
    assert _focused() is dialog.region.province
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)  # too early: nothing chosen yet
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.created_event is None
    assert len(list_events(db)) == 1
    dialog.region.set_code("35.77.01")
    dialog.scheme.setFocus()
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused() is dialog.jht
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused() is dialog.months
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused() is dialog.branch
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert _focused() is save and dialog.created_event is None
    qtbot.keyClick(save, Qt.Key.Key_Return)  # Enter on the Save button saves
    assert dialog.created_event is not None and len(list_events(db)) == 2


def test_date_fields_let_tab_and_arrows_through(qtbot, session):
    dialog = _show(qtbot, EventDialog(session))
    dialog.starts_on.setFocus()
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is dialog.ends_on  # not the month of the start date
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert _focused() is dialog.starts_on
    before = dialog.starts_on.date()
    qtbot.keyClick(_focused(), Qt.Key.Key_Up)  # the day goes up by one
    assert dialog.starts_on.date() == before.addDays(1)
    qtbot.keyClick(_focused(), Qt.Key.Key_Right)  # the cursor moves, the date stays
    assert dialog.starts_on.date() == before.addDays(1) and _focused() is dialog.starts_on


def test_a_saved_event_is_corrected_from_the_events_screen(qtbot, session, tasks, db, event):
    """An Enter too early once saved a scheme's event as self-paid, and the slip was
    permanent: the event is corrected (a reason, queued for HQ as an event_correction)."""
    screen = _show(qtbot, EventsScreen(session, tasks))
    screen.select_event(event.id)
    assert screen.correct_button.isEnabled()

    def fill(dialog: EventDialog):
        assert dialog.windowTitle() == "Koreksi acara"
        assert dialog.name.text() == event.name and not dialog.branch.isEnabled()
        dialog.name.selectAll()
        _type(qtbot, "Sosialisasi Warteg Kartoharjo", then=None)
        dialog.scheme.setCurrentIndex(dialog.scheme.findData("KOWANTARA-WARTEG"))
        qtbot.keyClick(_focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible() and dialog.errors["reason"].isVisible()  # a reason first
        assert _focused() is dialog.reason
        _type(qtbot, "Skema lupa dipilih", then=None)
        qtbot.keyClick(_focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    modal = _Modal(qtbot, fill)
    screen.correct_button.click()
    modal.check()
    corrected = get_event(db, event.id)
    assert corrected.name == "Sosialisasi Warteg Kartoharjo"
    assert corrected.scheme_code == "KOWANTARA-WARTEG"
    assert session.event.name == "Sosialisasi Warteg Kartoharjo"  # the open event follows
    (payload,) = db.execute("SELECT payload FROM outbox WHERE type = 'event_correction'").fetchone()
    import json

    assert json.loads(payload)["changes"] == {
        "name": "Sosialisasi Warteg Kartoharjo",
        "scheme_code": "KOWANTARA-WARTEG",
    }


def test_the_scheme_of_an_event_with_enrolments_cannot_be_corrected(
    qtbot, session, tasks, db, ref, event, officer
):
    enrol(db, ref, event.id, person(), officer, fixed_clock)
    dialog = _show(qtbot, EventDialog(session, None, get_event(db, event.id)))
    assert not dialog.scheme.isEnabled() and dialog.name.isEnabled()


def test_an_event_made_elsewhere_is_listed_when_the_screen_is_shown_again(
    qtbot, session, tasks, db, ref, officer, data_dir
):
    screen = _show(qtbot, EventsScreen(session, tasks))
    before = screen.table.rowCount()
    other = open_desk(data_dir)  # the command line, another process, on the same desk
    try:
        added = _second_event(other, ref, officer)
    finally:
        other.close()
    screen.hide()  # the officer looks at another screen, then comes back
    screen.show()
    assert screen.table.rowCount() == before + 1
    assert _row_of(screen, added.id) is not None
