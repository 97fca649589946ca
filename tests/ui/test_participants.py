"""The participants screen, the record view, corrections and voids, driven like an officer
would (offscreen). Every person here is made up."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from models import enrolments as en
from models.messages import text
from models.officers import add_officer
from models.participants import ParticipantFilter
from tests.helpers import fixed_clock, person, sponsored_event
from ui.models.participants_model import ID_ROLE, ParticipantsModel
from ui.screens.participants import ParticipantsScreen


def nik_for(born: date, female: bool, serial: int) -> str:
    day = born.day + (40 if female else 0)
    return f"357701{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def someone(name: str, born: date, female: bool, serial: int, **overrides: object):
    return person(
        nik=nik_for(born, female, serial),
        full_name=name,
        birth_date=born,
        gender="P" if female else "L",
        **overrides,
    )


def enrol_three(db, ref, event, officer) -> dict:
    """Ayu, Wayan Ñoman and Joko, with member numbers from a reserved block."""
    with db.atomic():
        db.execute(
            "INSERT INTO member_number_blocks VALUES ('10000000001', '10000000099', '10000000001')"
        )
    return {
        "ayu": en.enrol(db, ref, event.id, person(), officer, fixed_clock),
        "noman": en.enrol(db, ref, event.id, someone("Wayan Ñoman", date(1990, 1, 1), False, 2),
                          officer, fixed_clock),
        "joko": en.enrol(db, ref, event.id,
                         someone("Joko Santoso", date(1979, 12, 31), False, 3), officer,
                         fixed_clock),
    }  # fmt: skip


@pytest.fixture
def saved(db, ref, event, officer):
    return enrol_three(db, ref, event, officer)


@pytest.fixture
def screen(qtbot, session, tasks, saved):
    s = ParticipantsScreen(session, tasks)
    qtbot.addWidget(s)
    s.show()
    return s


def names(screen) -> list[str]:
    model = screen.model
    return [model.index(r, 2).data() for r in range(model.rowCount())]


def column_text(screen, column: int) -> list[str]:
    model = screen.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def test_the_list_shows_the_events_enrolments_with_masked_niks(screen, saved):
    assert names(screen) == ["Ni Luh Putu Ayu Regapu’u Saraswati", "Wayan Ñoman", "Joko Santoso"]
    assert column_text(screen, 1)[0] == "3577********0001"
    assert column_text(screen, 0)[0] == saved["ayu"].member_number
    assert column_text(screen, 3) == ["P", "L", "L"]
    assert column_text(screen, 4)[0] == "17-08-1990"
    assert column_text(screen, 5)[0] == "Pedagang Kaki Lima"
    assert column_text(screen, 6)[0] == "Bayar sendiri"
    assert column_text(screen, 7)[0] == "Sari Wulandari"
    assert column_text(screen, 8)[0] == "22-11-2026 09:15"
    assert column_text(screen, 9)[0] == "Menunggu"
    assert column_text(screen, 10)[0] == saved["ayu"].receipt_number
    assert column_text(screen, 11)[0] == "Lunas"
    assert screen.count.text() == "3 peserta"
    assert screen.model.headerData(2, Qt.Orientation.Horizontal) == "Nama"
    assert screen.model.index(0, 0).data(ID_ROLE) == saved["ayu"].enrolment_id


def test_typing_in_the_search_box_filters_the_table(qtbot, screen, saved):
    qtbot.keyClicks(screen.search, "noman")
    qtbot.waitUntil(lambda: names(screen) == ["Wayan Ñoman"])
    assert screen.count.text() == "1 peserta"

    retype(qtbot, screen.search, "3577015708900001")
    qtbot.waitUntil(lambda: names(screen) == ["Ni Luh Putu Ayu Regapu’u Saraswati"])

    retype(qtbot, screen.search, saved["joko"].member_number)
    qtbot.waitUntil(lambda: names(screen) == ["Joko Santoso"])

    retype(qtbot, screen.search, "jo")  # one or two letters: the start of the name
    qtbot.waitUntil(lambda: names(screen) == ["Joko Santoso"])

    retype(qtbot, screen.search, "tidak ada orangnya")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0)
    assert screen.count.text() == "0 peserta"

    screen.search.clear()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)


def test_enter_in_the_search_box_searches_at_once_and_goes_to_the_table(qtbot, screen):
    qtbot.keyClicks(screen.search, "santoso")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert names(screen) == ["Joko Santoso"]  # no wait: Enter does not debounce
    assert not screen._debounce.isActive()


def test_filters_by_payer_officer_sync_state_and_all_events(
    qtbot, db, ref, session, screen, saved, officer
):
    # A second officer and a sponsored event, both in the same list when "all events".
    add_officer(db, "rina", "Rina Kartika", "officer", "tahu-tempe-99", clock=fixed_clock)
    other = sponsored_event(db, ref, officer)
    en.enrol(
        db,
        ref,
        other.id,
        someone("Dewi Lestari", date(1995, 5, 6), True, 4, occupation_code="K006"),
        "rina",
        fixed_clock,
    )
    with db.atomic():
        db.execute("UPDATE outbox SET state = 'synced' WHERE id = ?", [saved["noman"].enrolment_id])
    session.records_saved()  # the screen reads the list and the filter choices again
    assert screen.model.rowCount() == 3

    screen.all_events.setChecked(True)
    assert screen.model.rowCount() == 4
    assert screen.scope.text() == "Semua acara di laptop ini"

    screen.payer_filter.setCurrentIndex(screen.payer_filter.findData("KOWANTARA-WARTEG"))
    assert names(screen) == ["Dewi Lestari"]
    assert column_text(screen, 6) == ["Kowantara Warteg Terlindungi"]
    screen.payer_filter.setCurrentIndex(screen.payer_filter.findData("self"))
    assert screen.model.rowCount() == 3
    screen.payer_filter.setCurrentIndex(0)

    screen.officer_filter.setCurrentIndex(screen.officer_filter.findData("rina"))
    assert names(screen) == ["Dewi Lestari"]
    screen.officer_filter.setCurrentIndex(0)

    screen.sync_filter.setCurrentIndex(screen.sync_filter.findData("synced"))
    assert names(screen) == ["Wayan Ñoman"]
    assert column_text(screen, 9) == ["Terkirim"]
    screen.sync_filter.setCurrentIndex(screen.sync_filter.findData("pending"))
    assert screen.model.rowCount() == 3

    screen.sync_filter.setCurrentIndex(0)
    screen.all_events.setChecked(False)
    assert screen.model.rowCount() == 3
    session.set_event(other)  # the open event changes: the list follows it
    assert names(screen) == ["Dewi Lestari"]
    assert screen.scope.text() == "Acara: Acara Warteg"


def test_a_new_enrolment_appears_when_records_change(db, ref, event, officer, session, screen):
    en.enrol(
        db, ref, event.id, someone("Rudi Hartono", date(1988, 7, 8), False, 5), officer, fixed_clock
    )
    assert screen.model.rowCount() == 3
    session.records_saved()
    assert screen.model.rowCount() == 4
    assert screen.count.text() == "4 peserta"


def _open(qtbot, screen, row: int):
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(row, 0))
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    dialog = screen.record_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_opens_the_record_with_its_payment(qtbot, screen, saved):
    record = _open(qtbot, screen, 0)
    assert record.enrolment_id == saved["ayu"].enrolment_id
    assert record.values["full_name"].text() == "Ni Luh Putu Ayu Regapu’u Saraswati"
    assert record.values["nik"].text() == "3577********0001"
    record.show_nik.click()
    assert record.values["nik"].text() == "3577015708900001"
    assert record.values["birth"].text() == "Madiun, 17 Agustus 1990"
    assert record.payments.rowCount() == 1
    assert record.payments.item(0, 0).text() == saved["ayu"].receipt_number
    assert record.payments.item(0, 1).text() == "Rp8.400"
    assert record.payments.item(0, 3).text() == "11-2026"
    assert record.payments.item(0, 5).text() == "Sah"
    assert record.prints.text() == "Belum ada cetakan kwitansi atau kartu."
    assert record.heirs.item(0, 0).text() == "Made Wirawan"
    assert record.heirs.item(0, 1).text() == "Suami/istri"
    assert [record.history.item(r, 2).text() for r in range(record.history.rowCount())] == [
        "Pendaftaran dicatat",
        f"Pembayaran diterima, kwitansi {saved['ayu'].receipt_number}",
    ]


def test_double_click_opens_the_record(qtbot, screen, saved):
    qtbot.waitExposed(screen)
    rect = screen.table.visualRect(screen.model.index(2, 2))
    viewport = screen.table.viewport()
    # An item view acts on a double-click that follows a press on the same row.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.record_dialog is not None
    assert screen.record_dialog.enrolment_id == saved["joko"].enrolment_id


def test_a_correction_through_the_dialog_lands(qtbot, db, screen, saved):
    record = _open(qtbot, screen, 1)
    record.correct_button.click()
    dialog = record.correction_dialog
    assert dialog is not None
    assert dialog.full_name.text() == "Wayan Ñoman"
    assert dialog.changes() == {}

    # A wrong phone and no reason: each message next to its field, nothing saved.
    retype(qtbot, dialog.phone, "12345")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["phone"].isVisible()
    assert dialog.errors["phone"].text().startswith("Nomor HP tidak dikenali")
    assert dialog.errors["reason"].text() == (
        "Tulis alasan koreksi, misalnya salah ketik saat pendaftaran."
    )
    assert not dialog.errors["full_name"].isVisible()
    assert db.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0

    # A birth date that disagrees with the NIK is refused too, next to the date: it needs a
    # supervisor who saw the KTP (asked for once the other problems are fixed).
    dialog.birth_date.setDate(date(1990, 1, 2))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["birth_date"].text() == text("nik_birth_date_needs_approval", "id")
    assert dialog.birth_date_dialog is None
    dialog.birth_date.setDate(date(1990, 1, 1))

    retype(qtbot, dialog.full_name, "Wayan Noman Sukerta")
    retype(qtbot, dialog.phone, "0813 1111 2222")
    qtbot.keyClicks(dialog.reason, "Sesuai KTP")
    with qtbot.waitSignal(screen.session.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.correction_id is not None
    row = db.execute("SELECT type FROM outbox WHERE id = ?", [dialog.correction_id]).fetchone()
    assert row == ("enrolment_correction",)
    assert record.values["full_name"].text() == "Wayan Noman Sukerta"
    assert record.values["phone"].text() == "+6281311112222"
    last = record.history.rowCount() - 1
    assert record.history.item(last, 2).text() == "Data dikoreksi"
    assert record.history.item(last, 3).text() == "Nama lengkap, Nomor HP"
    assert record.history.item(last, 4).text() == "Sesuai KTP"
    assert "Wayan Noman Sukerta" in names(screen)  # the list was read again


def test_changing_the_heirs_in_the_dialog(qtbot, db, screen, saved):
    record = _open(qtbot, screen, 0)
    dialog = record.open_correction()
    dialog.add_heir(None)
    dialog.heirs.item(1, 0).setText("Kadek Ayu")
    combo = dialog.heirs.cellWidget(1, 1)
    combo.setCurrentIndex(combo.findData("child"))
    qtbot.keyClicks(dialog.reason, "Tambah anak")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [h.name for h in en.get_enrolment(db, saved["ayu"].enrolment_id).heirs] == [
        "Made Wirawan",
        "Kadek Ayu",
    ]
    assert record.heirs.rowCount() == 2


def test_void_needs_the_right_supervisor_passphrase(qtbot, db, screen, saved, supervisor):
    record = _open(qtbot, screen, 2)
    payment_id = saved["joko"].payment_id
    record.void_buttons[payment_id].click()
    dialog = record.void_dialog
    assert dialog is not None
    assert dialog.supervisor.currentData() == supervisor
    qtbot.keyClicks(dialog.reason, "Uang dikembalikan")
    qtbot.keyClicks(dialog.passphrase, "kopi-tubruk-00")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Kata sandi supervisor salah. Pembayaran tidak dibatalkan."
    assert dialog.passphrase.text() == ""
    assert dialog.isVisible()
    voided = "SELECT voided_at FROM payments WHERE id = ?"
    assert db.execute(voided, [payment_id]).fetchone() == (None,)
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE type = 'payment_void'").fetchone()[0] == 0

    qtbot.keyClicks(dialog.passphrase, "kopi-tubruk-88")
    with qtbot.waitSignal(screen.session.changed):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert db.execute(voided, [payment_id]).fetchone() == ("2026-11-22T09:15:00+07:00",)
    assert record.payments.item(0, 5).text() == (
        "Dibatalkan 22-11-2026 09:15: Uang dikembalikan (disetujui budi.s)"
    )
    assert not record.void_buttons[payment_id].isEnabled()
    assert record.history.item(record.history.rowCount() - 1, 4).text() == "Uang dikembalikan"
    assert column_text(screen, 11)[2] == "Dibatalkan"


def test_void_without_a_reason_is_refused_next_to_the_reason(qtbot, db, screen, saved, supervisor):
    record = _open(qtbot, screen, 0)
    dialog = record.open_void(saved["ayu"].payment_id)
    qtbot.keyClicks(dialog.passphrase, "kopi-tubruk-88")
    dialog.confirm()
    assert dialog.reason_error.text() == "Wajib diisi."
    assert db.execute("SELECT COUNT(*) FROM payments WHERE voided_at IS NOT NULL").fetchone() == (
        0,
    )


def test_no_supervisor_no_void(qtbot, screen, saved):
    record = _open(qtbot, screen, 0)
    dialog = record.open_void(saved["ayu"].payment_id)
    assert not dialog.confirm_button.isEnabled()
    assert "supervisor" in dialog.message.text()


def test_the_model_reads_pages_lazily_and_keeps_a_few(qtbot, db, ref, event, officer):
    born = date(1992, 3, 4)
    checked = []
    for i in range(130):
        name = "Peserta " + "".join(chr(ord("a") + int(d)) for d in f"{i:03d}")
        c, problems = en.validate(
            someone(name, born, False, i + 1), event, ref, fixed_clock().date()
        )
        assert c is not None, problems
        checked.append(c)
    with db.atomic():
        en.write_enrolments(db, checked, officer, fixed_clock())
    model = ParticipantsModel(db, ref, "id")
    model.PAGE = 20
    model.PAGES_KEPT = 2
    model.set_filter(ParticipantFilter(event_id=event.id))
    assert model.rowCount() == 130
    assert model.pages_cached() == 0  # nothing read until a row is shown
    assert model.index(129, 2).data() == "Peserta bcj"
    assert model.index(0, 2).data() == "Peserta aaa"
    assert model.index(45, 2).data() == "Peserta aef"
    assert model.pages_cached() == 2
    model.set_filter(ParticipantFilter(event_id=event.id, text="Peserta bc"))
    assert model.rowCount() == 10
    assert model.pages_cached() == 0


def test_the_list_stays_on_the_record_after_a_change(qtbot, db, session, screen, saved):
    screen.table.setCurrentIndex(screen.model.index(2, 0))
    session.records_saved()
    assert screen.table.currentIndex().row() == 2
    qtbot.keyClicks(screen.search, "noman")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert screen.table.currentIndex().row() == 0


def test_the_last_nik_digits_as_the_list_shows_them_find_and_enter_opens(qtbot, screen, saved):
    """The list shows 3577************0003: those four digits find the person, and Enter
    opens the one match at once."""
    qtbot.keyClicks(screen.search, "0003")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert names(screen) == ["Joko Santoso"]
    dialog = screen.record_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.enrolment is not None and dialog.enrolment.id == saved["joko"].enrolment_id
