"""`Bayar iuran` in the window, from the keyboard: Ctrl+B on the participants list or in a
record, the amount and period shown before saving, then the receipt. Made-up people."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from models.db import write_transaction
from models.payments import PaymentStatus, apply_payment_statuses
from tests.helpers import WIB
from tests.ui.test_participants import enrol_three, retype
from ui.screens.participants import ParticipantsScreen
from ui.screens.pay_dialog import PayDialog


def _screen(qtbot, session, tasks) -> ParticipantsScreen:
    screen = ParticipantsScreen(session, tasks)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()  # a shortcut reaches the window the officer is in
    qtbot.waitUntil(screen.isActiveWindow)
    return screen


def test_ctrl_b_on_the_list_quotes_then_saves_and_offers_the_receipt(
    qtbot, db, ref, event, officer, session, tasks
) -> None:
    saved = enrol_three(db, ref, event, officer)
    screen = _screen(qtbot, session, tasks)
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    qtbot.keyClick(screen.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.pay_dialog
    assert isinstance(dialog, PayDialog)
    assert dialog.enrolment_id == saved["ayu"].enrolment_id
    # November 2026 was paid at enrolment: the renewal starts in December (the relief month)
    assert "November 2026" in dialog.who.text()
    assert dialog.period.text() == "Desember 2026"
    assert dialog.amount.text() == "1 bulan: Rp8.400 × 1 (keringanan PP 50/2025) = Rp8.400"
    dialog.months.setCurrentIndex(dialog.months.findData(3))
    assert dialog.period.text() == "Desember 2026 – Februari 2027"
    assert "Rp42.000" in dialog.amount.text()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.months, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text() == ""
    assert dialog.saved is not None and dialog.saved.quote.amount == 42_000
    assert dialog.saved_note.isVisible() and dialog.saved.receipt_number in dialog.saved_note.text()
    assert dialog.receipt_button.isVisible() and not dialog.save_button.isEnabled()
    opened: list[str] = []
    dialog.print_receipt.disconnect()
    dialog.print_receipt.connect(opened.append)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert opened == [dialog.saved.receipt_number]
    dialog.close()


def test_qris_needs_a_reference_and_is_shown_waiting_in_the_record(
    qtbot, db, ref, event, officer, session, tasks
) -> None:
    saved = enrol_three(db, ref, event, officer)
    screen = _screen(qtbot, session, tasks)
    record = screen.open_record(saved["joko"].enrolment_id)
    qtbot.waitExposed(record)
    record.activateWindow()
    qtbot.waitUntil(record.isActiveWindow)
    qtbot.keyClick(record, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = record.pay_dialog
    assert isinstance(dialog, PayDialog)
    assert not dialog.reference.isEnabled()
    dialog.method.setCurrentIndex(dialog.method.findData("qris"))
    assert dialog.reference.isEnabled()
    dialog.save_button.click()
    assert dialog.saved is None and dialog.reference_error.isVisible()
    retype(qtbot, dialog.reference, "QR-20261122-55")
    dialog.save_button.click()
    assert dialog.saved is not None and "Menunggu verifikasi" in dialog.saved_note.text()
    dialog.close()  # the record reads itself again
    statuses = [record.payments.item(r, 5).text() for r in range(record.payments.rowCount())]
    assert statuses == ["Sah", "Menunggu verifikasi"]
    # HQ later says the money never came: the record and the next payment say so
    with write_transaction(db):
        apply_payment_statuses(
            db, [PaymentStatus(dialog.saved.payment_id, "not_received", None)], "2026-11-23"
        )
    record.reload()
    assert record.payments.item(1, 5).text() == "Tidak diterima kantor pusat: bayar lagi"
    again = record.open_pay()
    assert again is not None and again.pay_again.isVisible()
    assert dialog.saved.receipt_number in again.pay_again.text()
    assert again.period.text() == "Desember 2026"  # the months are owed again
    again.close()


def test_a_lapsed_member_is_told_in_plain_words(qtbot, db, ref, event, officer, session) -> None:
    saved = enrol_three(db, ref, event, officer)
    session.clock = lambda: datetime(2027, 4, 2, 9, 0, tzinfo=WIB)
    dialog = PayDialog(session, saved["noman"].enrolment_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.notice.isVisible()
    assert "sudah tidak aktif" in dialog.notice.text() and "tidak ada denda" in dialog.notice.text()
    assert dialog.period.text() == "April 2027"


def test_a_card_of_another_desk_is_paid_from_the_check_card_box(
    qtbot, db, ref, event, officer, session
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from models.signing import card_payload, sign_with
    from ui.screens.check_card import CheckCardDialog

    session.clock = lambda: datetime(2027, 1, 5, 10, 0, tzinfo=WIB)
    visitor = "0190b5e2-7c1a-7d3e-9f00-4a5b6c7d8e91"
    card = sign_with(Ed25519PrivateKey.generate(), card_payload("10000000999", visitor))
    box = CheckCardDialog(session)
    qtbot.addWidget(box)
    box.show()
    box.text.setText(card)
    box.check()
    assert box.pay_button.isVisible()
    dialog = box.open_pay()
    assert isinstance(dialog, PayDialog) and dialog.card_text == card
    assert not dialog.save_button.isEnabled()  # nothing typed yet: no price, no save
    retype(qtbot, dialog.v_nik, "3577014708850003")
    retype(qtbot, dialog.v_name, "Sri Handayani")
    dialog.v_occupation.setCurrentIndex(dialog.v_occupation.findData("K002"))
    retype(qtbot, dialog.v_income, "1.500.000")
    retype(qtbot, dialog.v_until, "2026-11")
    dialog.refresh()
    assert dialog.period.text() == "Desember 2026"
    assert dialog.amount.text().endswith("Rp10.900")
    assert db.execute("SELECT COUNT(*) FROM visiting_members").fetchone()[0] == 0  # a quote
    dialog.save_button.click()
    assert dialog.saved is not None and dialog.saved.quote.enrolment_id == visitor
    assert db.execute("SELECT nik FROM visiting_members").fetchall() == [("3577014708850003",)]
    dialog.close()
    # a card of this desk's own member: Bayar iuran for that enrolment
    box.text.setText("not a card")
    box.check()
    assert not box.pay_button.isVisible() and box.open_pay() is None
