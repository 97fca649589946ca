"""On a small laptop the form is taller than the window: wherever the form puts the keyboard
(the next person's NIK after a save, the first problem after a refused save), the officer
sees that field, and after a save the line that says what was saved."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from tests.ui.test_enrolment_form import fill_valid, make_form


def in_view(scroll: QScrollArea, widget: QWidget) -> bool:
    viewport = scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


def small_form(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    form.resize(1000, 420)  # shorter than the form: it scrolls
    form.windowHandle().requestActivate()  # the keyboard goes to the active window
    qtbot.waitUntil(form.isActiveWindow, timeout=2000)
    scroll = form.findChild(QScrollArea)
    assert scroll is not None and scroll.verticalScrollBar().maximum() > 0
    return form, scroll


def test_after_a_save_the_next_nik_and_what_was_saved_are_in_view(qtbot, session, tasks):
    form, scroll = small_form(qtbot, session, tasks)
    fill_valid(qtbot, form)  # ends on the consent box, at the bottom of the form
    assert not in_view(scroll, form.nik)
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.consent, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.focusWidget() is form.nik
    assert in_view(scroll, form.nik)
    assert in_view(scroll, form.result) and "Kwitansi" in form.result.text()


def test_a_refused_save_shows_the_field_to_fix(qtbot, session, tasks):
    form, scroll = small_form(qtbot, session, tasks)
    fill_valid(qtbot, form)
    form.nik.setFocus()
    form.birth_place.clear()
    form.birth_place.textEdited.emit("")
    form.consent.setFocus()
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    assert not in_view(scroll, form.birth_place)
    form.save_button.click()
    assert form.focusWidget() is form.birth_place
    assert in_view(scroll, form.birth_place)
