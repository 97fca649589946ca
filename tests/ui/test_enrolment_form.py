"""The enrolment form, driven by keyboard as an officer drives it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from models.enrolments import find_by_nik
from ui.screens.enrolment_form import EnrolmentForm


def make_form(qtbot, session, tasks) -> EnrolmentForm:
    form = EnrolmentForm(session, tasks)
    qtbot.addWidget(form)
    form.show()
    form.nik.setFocus()
    return form


def type_into(qtbot, widget, text: str) -> None:
    """Type as a keyboard does. QTest cannot type characters beyond Latin-1, so those go in as
    key events carrying their text, as an input method delivers them."""
    widget.setFocus()
    for ch in text:
        if ord(ch) < 256:
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )


def fill_valid(qtbot, form) -> None:
    """A made-up woman born 17-08-1990 in Kartoharjo, Madiun."""
    type_into(qtbot, form.nik, "3577015708900001")
    type_into(qtbot, form.full_name, "Ni Luh Putu Ayu Regapu’u")
    type_into(qtbot, form.birth_place, "Madiun")
    type_into(qtbot, form.mother, "Sumirah")
    type_into(qtbot, form.phone, "081234567890")
    type_into(qtbot, form.occupation, "Pedagang Kaki Lima (Street Food and Goods Vendor)")
    type_into(qtbot, form.income, "1500000")
    row = form.heir_rows[0]
    type_into(qtbot, row.name, "Made Wirawan")
    row.relationship.setFocus()
    row.relationship.setCurrentIndex(row.relationship.findData("spouse"))
    row.relationship.activated.emit(row.relationship.currentIndex())
    form.consent.setFocus()
    qtbot.keyClick(form.consent, Qt.Key.Key_Space)


def test_nik_fills_birth_date_sex_and_district(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    qtbot.keyClicks(form.nik, "3577015708900001")
    assert form.birth_date.text() == "17-08-1990"
    assert form.gender.currentData() == "P"
    assert form.district.currentData() == "35.77.01"
    assert form.village.count() > 1  # the district's villages are offered


def test_typing_a_whole_enrolment_by_keyboard_and_saving(qtbot, session, tasks, db):
    form = make_form(qtbot, session, tasks)
    fill_valid(qtbot, form)
    assert form.income.text() == "1.500.000"
    # Nov 2026, trade sector: JKK 1% of 1.5M = 15,000 → 7,500; JKM 6,800 → 3,400 (PP 50/2025)
    assert form.contribution.text() == "Rp10.900 / bulan · 1 bulan · Rp10.900"
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.keyClick(form.consent, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    result = saved.args[0]
    assert result.receipt_number.endswith("-000001")
    stored = find_by_nik(db, "3577015708900001")
    assert stored is not None and stored.full_name == "Ni Luh Putu Ayu Regapu’u"
    # Ready for the next person at once.
    assert form.nik.text() == "" and form.full_name.text() == "" and not form.consent.isChecked()
    assert form.focusWidget() is form.nik
    assert "Kwitansi" in form.result.text() and form.receipt_button.isVisible()
    with qtbot.waitSignal(form.print_receipt) as printed:
        form.receipt_button.click()
    assert printed.args == [result.payment_id]


def test_contribution_shows_as_soon_as_income_and_occupation_are_known(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    assert form.contribution.text() == "—"
    type_into(qtbot, form.occupation, "Tukang Becak (Pedicab Driver)")
    type_into(qtbot, form.income, "1000000")
    form.months.setCurrentIndex(form.months.findData(3))
    form.months.activated.emit(form.months.currentIndex())
    # Transport workers: JKK+JKM halved through March 2027 (PP 50/2025), 3 months from Nov.
    assert form.contribution.text() == "Rp8.400 / bulan · 3 bulan · Rp25.200"
    form.jht.setChecked(True)
    assert form.contribution.text() == "Rp28.400 / bulan · 3 bulan · Rp85.200"


def test_enter_moves_to_the_next_field(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    qtbot.keyClicks(form.nik, "3577015708900001")
    qtbot.keyClick(form.nik, Qt.Key.Key_Return)
    assert form.focusWidget() is form.full_name
    qtbot.keyClicks(form.full_name, "Ani")
    qtbot.keyClick(form.full_name, Qt.Key.Key_Return)
    assert form.focusWidget() is form.birth_place


def test_tab_order_follows_the_form(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    order = form.tab_order()
    expected = [
        form.nik, form.full_name, form.birth_place, form.birth_date, form.gender, form.mother,
        form.phone, form.street, form.rt, form.rw, form.district, form.village, form.occupation,
        form.income, form.jht, form.months, form.payer,
    ]  # fmt: skip
    assert order[: len(expected)] == expected
    heir = form.heir_rows[0]
    assert order[len(expected) : len(expected) + 4] == heir.fields
    assert order.index(form.consent) < order.index(form.save_button)


def test_each_message_appears_next_to_its_field(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    qtbot.keyClicks(form.nik, "35770157089")
    assert "NIK harus 16 angka" in form.errors["nik"].text()
    assert form.errors["full_name"].text() == ""  # untouched fields stay quiet
    form.nik.clear()
    qtbot.keyClicks(form.nik, "3577015708900001")
    assert form.errors["nik"].text() == ""
    form.birth_date.clear()
    qtbot.keyClicks(form.birth_date, "18-08-1990")
    assert "Tanggal lahir tidak cocok dengan NIK" in form.errors["birth_date"].text()
    qtbot.keyClicks(form.phone, "12345")
    assert "Nomor HP tidak dikenali" in form.errors["phone"].text()
    qtbot.keyClicks(form.income, "900000")
    assert "paling sedikit Rp1.000.000" in form.errors["declared_income"].text()


def test_save_on_an_invalid_form_moves_to_the_first_problem(qtbot, session, tasks, db):
    form = make_form(qtbot, session, tasks)
    fill_valid(qtbot, form)
    form.birth_place.clear()
    form.birth_place.textEdited.emit("")
    form.save_button.click()
    assert form.focusWidget() is form.birth_place
    assert form.errors["birth_place"].text() == "Wajib diisi."
    assert find_by_nik(db, "3577015708900001") is None
    assert form.full_name.text() == "Ni Luh Putu Ayu Regapu’u"  # nothing typed is lost


def test_existing_nik_is_shown_at_once(qtbot, session, tasks, db, ref, event, officer):
    from models.enrolments import enrol
    from tests.helpers import fixed_clock, person

    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    form = make_form(qtbot, session, tasks)
    qtbot.keyClicks(form.nik, "3577015708900001")
    assert form.banner.isVisible()
    assert "sudah terdaftar" in form.banner.text()
    with qtbot.waitSignal(form.open_record) as opened:
        form.open_existing.click()
    assert opened.args == [saved.enrolment_id]
    assert "sudah terdaftar di laptop ini" in form.errors["nik"].text()


def test_half_filled_form_asks_before_leaving(qtbot, session, tasks, monkeypatch):
    form = make_form(qtbot, session, tasks)
    assert form.can_leave()  # empty: nothing to lose
    qtbot.keyClicks(form.full_name, "Budi")
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert not form.can_leave()
    assert form.full_name.text() == "Budi"
    assert "belum disimpan" in asked[0]


def test_any_typed_field_counts_as_unsaved_and_clear_empties_it(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    type_into(qtbot, form.birth_date, "17-08-1990")
    assert form.is_dirty()
    form.clear()
    assert form.birth_date.text() == "" and not form.is_dirty()


def test_occupation_found_by_part_of_its_english_name(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    completer = form.occupation.completer()
    completer.setCompletionPrefix("pedicab")
    assert completer.currentCompletion() == "Tukang Becak (Pedicab Driver)"
    type_into(qtbot, form.occupation, "Tukang Becak (Pedicab Driver)")
    assert form._occupation_code() == "K020"


def test_more_heirs_can_be_added(qtbot, session, tasks, db):
    form = make_form(qtbot, session, tasks)
    fill_valid(qtbot, form)
    form.add_heir.click()
    second = form.heir_rows[1]
    type_into(qtbot, second.name, "Kadek Ayu")
    second.relationship.setCurrentIndex(second.relationship.findData("child"))
    second.relationship.activated.emit(second.relationship.currentIndex())
    with qtbot.waitSignal(form.saved):
        form.save()
    heirs = db.execute("SELECT name, relationship FROM heirs ORDER BY position").fetchall()
    assert heirs == [("Made Wirawan", "spouse"), ("Kadek Ayu", "child")]
