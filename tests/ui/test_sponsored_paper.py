"""A sponsored payment's paper is a registration slip (Bukti pendaftaran), not a kwitansi:
the record view's prints and history and the void dialog name it so; money taken at the desk
keeps its kwitansi. Made-up people only."""

from __future__ import annotations

import pytest

from models import enrolments as en
from models.prints import log_print
from tests.helpers import fixed_clock, person, sponsored_event
from ui.screens.record_view import RecordDialog


@pytest.fixture
def sponsored(db, ref, officer):
    ev = sponsored_event(db, ref, officer)  # Kowantara pays
    return en.enrol(db, ref, ev.id, person(occupation_code="K006"), officer, fixed_clock)


def record(qtbot, session, enrolment_id) -> RecordDialog:
    dialog = RecordDialog(session, enrolment_id)
    qtbot.addWidget(dialog)
    return dialog


def texts(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_the_record_names_a_sponsored_payments_slip(qtbot, session, db, sponsored, officer):
    assert sponsored.sponsored and sponsored.receipt_number
    log_print(db, "receipt", sponsored.payment_id, officer, fixed_clock, {"format": "a6"})
    view = record(qtbot, session, sponsored.enrolment_id)
    number = sponsored.receipt_number
    assert texts(view.prints_table, 0) == [f"Bukti pendaftaran {number}"]
    history = texts(view.history, 2)
    assert f"Dibayar sponsor, bukti pendaftaran {number}" in history
    assert not any("uitansi" in t.casefold() or "witansi" in t.casefold() for t in history)


def test_voiding_a_sponsored_payment_names_its_slip(qtbot, session, sponsored, supervisor):
    view = record(qtbot, session, sponsored.enrolment_id)
    dialog = view.open_void(sponsored.payment_id)
    assert dialog is not None
    about = dialog.about.text()
    assert about.startswith(f"Bukti pendaftaran {sponsored.receipt_number}")
    assert "uitansi" not in about and "witansi" not in about


def test_money_taken_at_the_desk_keeps_its_kwitansi(qtbot, session, db, event, officer):
    saved = en.enrol(db, session.ref, event.id, person(), officer, fixed_clock)
    view = record(qtbot, session, saved.enrolment_id)
    assert f"Pembayaran diterima, kwitansi {saved.receipt_number}" in texts(view.history, 2)
    dialog = view.open_void(saved.payment_id)
    assert dialog is not None and dialog.about.text().startswith("Kwitansi ")


def test_the_preview_of_a_slip_is_titled_and_saved_as_one(qtbot, session, db, sponsored, event):
    from ui.screens.print_preview import receipt_preview

    preview = receipt_preview(session, sponsored.receipt_number)
    qtbot.addWidget(preview)
    assert preview.windowTitle() == f"Bukti pendaftaran {sponsored.receipt_number}"
    assert preview.file_name.startswith("bukti-pendaftaran-")
    paid = en.enrol(db, session.ref, event.id, person(nik="3577015708900002"), "sari", fixed_clock)
    kwitansi = receipt_preview(session, paid.receipt_number)
    qtbot.addWidget(kwitansi)
    assert kwitansi.windowTitle() == f"Kwitansi {paid.receipt_number}"
    assert kwitansi.file_name.startswith("kwitansi-")
