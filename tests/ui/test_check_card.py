"""The check-a-card box, fed as a USB scanner feeds it (text, then Enter)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.cards import card_data
from models.enrolments import enrol
from tests.helpers import fixed_clock, person
from ui.screens.check_card import CheckCardDialog


def test_scanned_card_is_checked(qtbot, session, db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    qr = card_data(db, ref, saved.enrolment_id, "id", fixed_clock).qr_text
    dialog = CheckCardDialog(session)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.text, qr)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.result is not None and dialog.result.genuine
    assert dialog.name.text() == "Ni Luh Putu Ayu Regapu’u Saraswati"
    assert dialog.nik.text() == "3577********0001"
    assert dialog.paid.text() == "November 2026"  # one month paid from November 2026
    # The next scan replaces the selected text: a changed character is not genuine.
    tampered = qr[:-3] + ("x" if qr[-3] != "x" else "y") + qr[-2:]
    qtbot.keyClicks(dialog.text, tampered)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.result is not None and not dialog.result.genuine
    assert dialog.name.text() == "-"
    assert dialog.verdict.text()
