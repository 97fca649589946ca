"""The enrolment form by keyboard only, as an officer with a queue drives it: Enter is the
only key between fields, Space ticks a box, Ctrl+S saves."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.enrolments import find_by_nik
from tests.ui.keyboard import Keyboard
from tests.ui.test_enrolment_form import make_form

SPACE = object()  # a box ticked with Space


def test_a_whole_enrolment_with_enter_between_fields(qtbot, session, tasks, db):
    form = make_form(qtbot, session, tasks)
    keys = Keyboard(qtbot, form)
    heir = form.heir_rows[0]
    steps = [
        (form.nik, "3577015708900001"),
        (form.full_name, "Ni Luh Putu Ayu Regapu’u"),
        (form.birth_place, "Madiun"),
        (form.birth_date, ""),  # the NIK filled it
        (form.gender, ""),  # and this
        (form.mother, "Sumirah"),
        (form.phone, "081234567890"),
        (form.street, "Jl. Pahlawan 12"),
        (form.rt, "3"),
        (form.rw, "5"),
        (form.district, ""),  # from the NIK too
        (form.village, "harjo"),  # any part of the name
        (form.occupation, "kaki lima"),  # one match: Enter takes it
        (form.income, "1500000"),
        (form.jht, SPACE),
        (form.months, "3"),
        (form.payer, ""),
        (heir.name, "Made Wirawan"),
        (heir.relationship, "s"),  # Suami/istri
        (heir.nik, ""),
        (heir.phone, ""),  # Enter passes "+ Ahli waris" by
        (form.consent, SPACE),
    ]
    for widget, text in steps:
        assert form.focusWidget() is widget, f"focus on {form.focusWidget()}, not {widget}"
        if text is SPACE:
            keys.space()
        else:
            keys.type(text)
        keys.enter()
    assert form.focusWidget() is form.save_button
    assert form.village.currentData() == "35.77.01.1008"  # Kartoharjo
    assert form.occupation.text().startswith("Pedagang Kaki Lima")
    assert form.jht.isChecked() and form.consent.isChecked()
    assert form.months.currentData() == 3
    assert heir.relationship.currentData() == "spouse"
    assert form.summary.text() == "Rp133.600 · 3 bulan · Bayar sendiri, tunai"
    with qtbot.waitSignal(form.saved):
        keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert find_by_nik(db, "3577015708900001") is not None
    assert set(keys.control_keys()) == {"Enter", "Space", "Ctrl+S"}
    # Reported in the change: 22 Enters, 2 Spaces, Ctrl+S and what was typed.
    assert keys.control_keys().count("Enter") == len(steps)
    print(f"\nkeystrokes: {len(keys.pressed)}, control keys: {len(keys.control_keys())}")


def test_typing_1_in_months_paid_selects_1_month_not_12(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    keys = Keyboard(qtbot, form)
    form.months.setFocus()
    assert form.months.currentData() == 1
    keys.type("1")  # Qt's own search would move on to "12 bulan"
    assert form.months.currentData() == 1
    keys.type("3")
    assert form.months.currentData() == 3
    keys.type("x")  # names nothing: nothing changes
    assert form.months.currentData() == 3
    form.months.setCurrentIndex(0)
    keys.type("12")  # typed in one go
    assert form.months.currentData() == 12
    assert "12 bulan" in form.summary.text()


def test_letters_in_payer_choose_by_first_letters_and_show_the_choice(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    keys = Keyboard(qtbot, form)
    form.payer.setFocus()
    keys.type("tr")
    assert form.payer.currentData() == ("self", "transfer")
    assert form.summary.text().endswith("Bayar sendiri, transfer")
    keys.type("tu")
    assert form.payer.currentData() == ("self", "cash")
    keys.type("q")  # no payer has a word starting with q: nothing changes
    assert form.payer.currentData() == ("self", "cash")
    assert form.summary.text().endswith("Bayar sendiri, tunai")


def test_the_save_area_shows_amount_months_and_payer_big(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    keys = Keyboard(qtbot, form)
    keys.type("3577015708900001")
    form.occupation.setFocus()
    keys.type("kaki lima")
    keys.enter()
    keys.type("1000000")
    assert form.summary.text() == "Rp8.400 · 1 bulan · Bayar sendiri, tunai"
    assert form.summary.font().pointSizeF() >= form.save_button.font().pointSizeF() * 1.3 or (
        "font-size: 20px" in form.summary.styleSheet()
    )
    # Beside the Save button, not somewhere up the form.
    assert (
        abs(
            form.summary.mapTo(form, form.summary.rect().center()).y()
            - form.save_button.mapTo(form, form.save_button.rect().center()).y()
        )
        < 30
    )


def test_district_takes_enter_without_error_and_village_matches_any_part(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    keys = Keyboard(qtbot, form)
    form.district.setFocus()
    keys.type("harjo")  # part of "Kartoharjo — Kota Madiun"
    keys.enter()
    assert form.district.currentData() == "35.77.01"
    assert form.focusWidget() is form.village
    keys.type("rejo")  # "Rejomulyo" and "Tawangrejo": the one starting with it
    keys.enter()
    assert form.village.currentText() == "Rejomulyo"
    assert form.focusWidget() is form.occupation


def test_switching_event_or_officer_leaves_nothing_of_the_last_save(
    qtbot, session, tasks, db, ref, officer, supervisor
):
    from models.events import create_event
    from models.officers import get_officer
    from tests.helpers import fixed_clock
    from tests.ui.test_enrolment_form import fill_valid

    form = make_form(qtbot, session, tasks)
    fill_valid(qtbot, form)
    form.save()
    assert form.result.isVisible() and form.receipt_button.isVisible()
    other = create_event(
        db, ref, name="Acara Lain", starts_on=fixed_clock().date(), ends_on=fixed_clock().date(),
        location="Balai", region_code="35.77.01", officer_id=officer, clock=fixed_clock,
    )  # fmt: skip
    session.set_event(other)
    assert not form.result.isVisible() and not form.receipt_button.isVisible()
    form._print_receipt()  # Ctrl+P prints nothing of the other event
    form.save()  # an empty form: every message shows
    assert form.errors["nik"].isVisible()
    session.sign_in(get_officer(db, supervisor))
    assert not form.card_button.isVisible()
    form.nik.setFocus()
    qtbot.keyClicks(form.nik, "3")  # a new person starts: the last try's messages go
    assert not form.errors["full_name"].isVisible()
