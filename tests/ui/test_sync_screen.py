"""The sync screen: HQ and registration, the queue by state, the records HQ refused or
questioned in plain words with what to do, the cards to print again; and the main window's
way to it (navigation, menu, status bar). Queue states are set in the database directly, as
the engine would leave them. Every person here is made up."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import Qt

from models import enrolments as en
from models.db import set_setting
from services.printing import print_card
from tests.helpers import fixed_clock, person
from tests.models.helpers_import import make_nik
from tests.ui.test_participants import enrol_three, someone
from tests.ui.test_sync_controller import FakeReport, Fakes, register
from ui.main_window import MainWindow
from ui.screens.card_batch import SELECTED
from ui.screens.record_view import RecordDialog
from ui.screens.sync_screen import SyncScreen, read_lists
from ui.sync_controller import SyncController
from ui.tasks import InlineTasks, Progress


def set_state(db, record_id: str, state: str, **hq: object) -> None:
    columns = ["state = ?"] + [f"{k} = ?" for k in hq]
    with db.atomic():
        db.execute(
            f"UPDATE outbox SET {', '.join(columns)} WHERE id = ?", [state, *hq.values(), record_id]
        )


@pytest.fixture
def saved(db, ref, event, officer):
    return {
        **enrol_three(db, ref, event, officer),
        "dewi": en.enrol(db, ref, event.id, someone("Dewi Lestari", date(1995, 5, 6), True, 4),
                         officer, fixed_clock),
    }  # fmt: skip


@pytest.fixture
def hq_answered(db, event, saved, officer):
    """What a sync with refusals leaves: one field refused, a person HQ already had (whose
    card was printed with the reserved number), a conflict, a sponsor quota, and the rest at
    HQ."""
    set_state(db, event.id, "synced")
    set_state(
        db,
        saved["ayu"].enrolment_id,
        "rejected",
        hq_code="invalid_field",
        hq_field="full_name",
        hq_message="full_name: digits are not allowed",
    )
    print_card(db, db_ref(), saved["noman"].enrolment_id, officer, clock=fixed_clock)
    set_state(db, saved["noman"].enrolment_id, "duplicate_person", member_number="10000000777")
    with db.atomic():  # the engine gives the enrolment HQ's number
        db.execute(
            "UPDATE enrolments SET member_number = '10000000777' WHERE id = ?",
            [saved["noman"].enrolment_id],
        )
    set_state(db, saved["joko"].enrolment_id, "conflict", hq_code="conflict")
    set_state(db, saved["dewi"].payment_id, "rejected", hq_code="quota_exceeded")
    set_state(db, saved["dewi"].enrolment_id, "synced")
    set_setting(db, "last_sync_at", "2026-11-22T09:05:00+07:00")
    set_setting(db, "last_sync_error", '{"kind": "offline", "at": "2026-11-22T09:10:00+07:00"}')
    return saved


def db_ref():
    from models.reference import default_reference

    return default_reference()


def make_screen(qtbot, session, tasks, fakes: Fakes | None = None):
    fakes = fakes or Fakes()
    controller = SyncController(session, tasks, probe=fakes.probe, run_sync=fakes.run_sync)
    screen = SyncScreen(session, tasks, controller)
    qtbot.addWidget(screen)
    screen.resize(1000, 700)
    screen.show()
    return screen


def cells(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_lists_what_hq_refused_in_plain_words(qtbot, session, tasks, db, hq_answered):
    register(db, "https://hq.bpjs.example.id")
    screen = make_screen(qtbot, session, tasks)
    t = screen.problem_table
    assert screen.problems_box.title() == "Perlu tindakan (4)"
    assert cells(t, 0) == ["Pendaftaran", "Pendaftaran", "Pendaftaran", "Pembayaran"]
    assert cells(t, 1)[0] == "Ni Luh Putu Ayu Regapu’u Saraswati · 3577********0001"
    assert cells(t, 1)[3].startswith("Dewi Lestari · 3577")
    assert cells(t, 2) == ["Ditolak HQ", "Sudah terdaftar (duplikat)", "Konflik", "Ditolak HQ"]
    assert cells(t, 3) == [
        "Kantor pusat menolak isian “Nama lengkap”.",
        "Pekerja ini sudah menjadi peserta dengan nomor 10000000777.",
        "Kantor pusat sudah menyimpan catatan ini dengan isi yang berbeda.",
        "Kuota skema sponsor ini sudah penuh di kantor pusat.",
    ]
    assert t.item(0, 3).toolTip() == "full_name: digits are not allowed"  # HQ's own words
    actions = cells(t, 4)
    assert "Koreksi data" in actions[0]
    assert actions[1].startswith("Catatan tetap disimpan.")
    assert actions[2].startswith("Perlu ditinjau kantor cabang.")
    assert "membayar sendiri" in actions[3]

    assert screen.values["hq_url"].text() == "https://hq.bpjs.example.id"
    assert screen.values["device"].text() == "Terdaftar, kantor cabang MDN01"
    assert screen.values["last_sync"].text() == "09:05"
    assert screen.values["last_error"].text().startswith("Kantor pusat tidak terjangkau")
    assert screen.values["numbers_left"].text() == "95"
    counts = {state: label.text() for state, label in screen.counts.items()}
    assert counts == {
        "pending": "3",  # three payments
        "synced": "2",  # the event, one enrolment
        "duplicate_person": "1",
        "rejected": "2",
        "conflict": "1",
    }
    assert screen.banner.isHidden()


def test_open_record_goes_to_the_record_view(qtbot, session, tasks, db, hq_answered):
    register(db)
    screen = make_screen(qtbot, session, tasks)
    assert not screen.open_button.isEnabled()  # nothing chosen yet
    screen.problem_table.selectRow(0)
    assert screen.open_button.isEnabled()
    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    dialog = screen.record_dialog
    assert isinstance(dialog, RecordDialog)
    assert dialog.enrolment_id == hq_answered["ayu"].enrolment_id
    assert dialog.values["sync_state"].text() == "Ditolak HQ"
    assert (
        dialog.values["hq"]
        .text()
        .startswith(
            "Pendaftaran: Kantor pusat menolak isian “Nama lengkap”. Buka catatan, perbaiki"
        )
    )
    dialog.close()

    screen.problem_table.selectRow(3)  # the payment: its enrolment opens
    dialog = screen.open_selected_record()
    assert dialog is not None and dialog.enrolment_id == hq_answered["dewi"].enrolment_id
    assert dialog.values["sync_state"].text() == "Terkirim"
    assert "Pembayaran: Kuota skema sponsor" in dialog.values["hq"].text()
    dialog.close()


def test_record_view_of_a_duplicate_person(qtbot, session, db, hq_answered):
    dialog = RecordDialog(session, hq_answered["noman"].enrolment_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.values["sync_state"].text() == (
        "Sudah terdaftar (duplikat): nomor peserta di kantor pusat 10000000777"
    )
    assert dialog.values["member_number"].text() == "10000000777"
    assert dialog.values["hq"].isVisible()


def test_record_view_of_a_record_at_hq_says_nothing_more(qtbot, session, db, saved):
    set_state(db, saved["ayu"].enrolment_id, "synced")
    dialog = RecordDialog(session, saved["ayu"].enrolment_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.values["sync_state"].text() == "Terkirim"
    assert not dialog.values["hq"].isVisible()


def test_cards_to_print_again(qtbot, session, tasks, db, hq_answered, officer):
    register(db)
    screen = make_screen(qtbot, session, tasks)
    t = screen.reprint_table
    assert screen.reprints_box.title() == "Kartu perlu dicetak ulang (1)"
    assert cells(t, 0) == ["Wayan Ñoman"]
    assert cells(t, 2) == ["10000000777"]  # HQ's number
    assert cells(t, 3) == [hq_answered["noman"].member_number]  # the card's
    assert cells(t, 4) == ["Sosialisasi Pasar Besar"]

    dialog = screen.print_reprints()
    assert dialog is not None
    assert dialog.selected == [hq_answered["noman"].enrolment_id]
    assert dialog.scope() == SELECTED
    assert dialog.scope_buttons[SELECTED].text() == "Kartu yang perlu dicetak ulang (1)"
    dialog.make()  # InlineTasks: made and logged at once
    assert dialog.pdf is not None
    dialog.close()
    # The new card carries HQ's number: nothing left to print again.
    screen.refresh()
    assert t.rowCount() == 0
    assert screen.no_reprints.isVisible()
    assert not screen.reprint_button.isEnabled()


def test_sync_now_and_its_report(qtbot, session, tasks, db, saved):
    register(db)
    fakes = Fakes(report=FakeReport(sent=9, accepted=9, pending=0))
    screen = make_screen(qtbot, session, tasks, fakes)
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    assert fakes.syncs == 1
    assert screen.status.text() == "Selesai: 9 dikirim, 0 masih menunggu."
    assert screen.progress.isHidden()

    fakes.report = FakeReport(sent=2, pending=3, error="offline")
    screen.sync_now()
    assert screen.status.text().startswith("Kantor pusat tidak terjangkau")


def test_unregistered_and_stopped_say_so_and_offer_registration(qtbot, session, tasks, db):
    screen = make_screen(qtbot, session, tasks)
    assert screen.banner.isVisible()
    assert screen.banner_text.text().startswith("Laptop ini belum didaftarkan")
    assert screen.values["hq_url"].text() == "belum diisi"
    assert screen.values["connection"].text() == "Luring (perangkat belum didaftarkan)"
    assert not screen.sync_button.isEnabled()

    register(db)
    set_setting(db, "sync_stopped", "auth")
    screen.controller.refresh_summary()
    assert screen.banner_text.text().startswith("Kantor pusat tidak mengenali laptop ini lagi")
    assert screen.banner_register.isVisible()
    dialog = screen.open_register()
    assert dialog.hq_url.text() == "http://hq.test"  # the address kept, for a new code
    dialog.close()

    set_setting(db, "sync_stopped", "revoked")
    screen.controller.refresh_summary()
    assert screen.banner_text.text().startswith("Laptop ini dicabut")
    assert not screen.banner_register.isVisible()  # a new code will not help


def test_the_main_window_reaches_the_sync_screen(qtbot, session, tasks, db):
    register(db)
    fakes = Fakes()
    controller = SyncController(session, tasks, probe=fakes.probe, run_sync=fakes.run_sync)
    window = MainWindow(session, tasks, controller)
    qtbot.addWidget(window)
    window.show()
    assert window.nav.item(4).text() == "Sinkron"
    actions = {a.shortcut().toString(): a for a in window.actions()}
    actions["Ctrl+5"].trigger()
    assert window.current_screen() is window.sync_screen
    window.show_screen(window.events)
    qtbot.mouseClick(window.sync_indicator, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.sync_screen

    sync_now = actions["Ctrl+Shift+S"]
    assert [k.toString() for k in sync_now.shortcuts()] == ["Ctrl+Shift+S", "F5"]
    sync_now.trigger()
    assert fakes.syncs == 1
    # No other action of the window uses those keys.
    keys = [k.toString() for a in window.actions() for k in a.shortcuts()]
    assert len(keys) == len(set(keys))

    controller.start()
    assert window.sync_indicator.connection.text() == "Daring"
    window.close()
    assert not controller.active
    assert not controller.probe_timer.isActive()


def test_record_history_says_hq_gave_the_member_number(qtbot, session, db, saved):
    from models.sync_state import SYNCED, Outcome, apply_outcomes

    eid = saved["ayu"].enrolment_id
    apply_outcomes(db, [Outcome(eid, SYNCED, member_number="10000000999")],
                   "2026-11-22T10:00:00+07:00")  # fmt: skip
    dialog = RecordDialog(session, eid)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.values["member_number"].text() == "10000000999"
    history = cells(dialog.history, 2)
    assert "Nomor peserta diberikan kantor pusat" in history


class HeldTasks(InlineTasks):
    """Work handed to the thread pool, held until the test lets it run (as a background
    thread would answer later)."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[object, ...]] = []

    def run_on_db(self, connect, fn, on_done, on_error=None, on_progress=None):  # type: ignore[override]
        self.held.append((connect, fn, on_done, on_error, on_progress))
        return Progress(lambda _n: None)

    def release(self) -> None:
        held, self.held = self.held, []
        for connect, fn, on_done, on_error, on_progress in held:
            InlineTasks.run_on_db(self, connect, fn, on_done, on_error, on_progress)  # type: ignore[arg-type]


def test_the_screen_opens_before_its_lists_are_read(qtbot, session, db, hq_answered):
    """The window's thread reads the counts (tallies) and settings only; the problem records
    and the cards to print again are read off it, and shown when read."""
    register(db, "https://hq.bpjs.example.id")
    tasks = HeldTasks()
    read: list[str] = []
    db.conn.set_trace_callback(read.append)
    try:
        screen = make_screen(qtbot, session, tasks)
    finally:
        db.conn.set_trace_callback(None)
    listed = [
        sql
        for sql in read
        if re.search(r"\b(outbox|print_log)\b", sql)
        # the numbers left: HQ's numbers inside the block's unused part, by index
        or ("enrolments" in sql and "member_number BETWEEN" not in sql)
    ]
    assert read and not listed
    assert screen.counts["rejected"].text() == "2"
    assert screen.problem_table.rowCount() == 0 and screen.no_problems.isHidden()
    assert len(tasks.held) == 1
    tasks.release()
    assert screen.problems_box.title() == "Perlu tindakan (4)"
    assert screen.reprints_box.title() == "Kartu perlu dicetak ulang (1)"
    # A refresh answered after a newer one was asked is dropped.
    screen.refresh()
    stale = tasks.held
    screen.refresh()
    tasks.held = stale + tasks.held[len(stale) :]
    set_state(db, hq_answered["dewi"].payment_id, "synced")
    tasks.release()
    assert screen.problems_box.title() == "Perlu tindakan (3)"


def vm_steps(db, fn) -> int:
    """SQLite virtual-machine steps `fn` makes on `db`: what it reads, whatever the clock."""
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    db.conn.set_progress_handler(tick, 1)
    try:
        fn()
    finally:
        db.conn.set_progress_handler(None, 1)
    return steps[0]


def test_the_lists_read_nothing_per_enrolment_or_queue_row(db, ref, event, officer, hq_answered):
    """The few problem rows and printed cards are found by index: 40 more enrolments waiting
    for HQ (80 more pending queue rows) cost the lists' reads nothing more."""
    set_state(db, hq_answered["dewi"].enrolment_id, "pending", last_error="retry")
    before = read_lists(db)
    few = vm_steps(db, lambda: read_lists(db))
    born = date(1990, 8, 17)
    for i in range(100, 140):
        en.enrol(db, ref, event.id, person(nik=make_nik("357701", born, True, i)), officer,
                 fixed_clock)  # fmt: skip
    many = vm_steps(db, lambda: read_lists(db))
    assert read_lists(db) == before and len(before.problems) == 5 and len(before.reprints) == 1
    assert many - few < 40, (few, many)


def test_lists_that_cannot_be_read_say_so_without_a_traceback(
    qtbot, session, tasks, db, monkeypatch
):
    def broken(_db):
        raise OSError("disk gone")

    monkeypatch.setattr("ui.screens.sync_screen.read_lists", broken)
    screen = make_screen(qtbot, session, tasks)
    assert screen.status.text() == "Daftar catatan tidak bisa dibaca: OSError"
    assert screen.problem_table.rowCount() == 0
