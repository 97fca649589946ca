"""What the audit screen and a record's history show an officer: human words, records named
by their member number, receipt or event, never a raw record id (a UUID) or an internal
code (`card_sheet`, `had_number: False`). The CSV export keeps the trail as it is stored.
Every person here is made up."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QTableWidget

from models import audit
from models.audit_words import ACTIONS, RECORD_TYPES, detail_text
from models.corrections import correct_enrolment
from models.enrolments import enrol, void_payment
from models.member_numbers import provisional_number
from models.sync_state import SYNCED, Outcome, apply_outcomes
from services import settings
from services.printing import print_card, print_cards, print_receipt
from tests.helpers import fixed_clock, person
from ui.screens.audit_screen import AuditScreen
from ui.screens.record_view import RecordDialog

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
CODE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")  # card_sheet, had_number, hq_member_number
RAW_BOOL = re.compile(r"\b(True|False|None)\b")


def leaks(texts: list[str]) -> list[str]:
    return [t for t in texts if UUID.search(t) or CODE.search(t) or RAW_BOOL.search(t)]


def every_cell(table: QTableWidget) -> list[str]:
    out = []
    for r in range(table.rowCount()):
        for c in range(table.columnCount()):
            item = table.item(r, c)
            if item is not None:
                out += [item.text(), item.toolTip()]
    return out


@pytest.fixture
def busy_day(db, ref, event, officer, supervisor):
    """A day at the desk that leaves every kind of entry: enrolments and payments, a
    correction, a void, prints of a receipt, a card and card sheets, a member number from
    HQ, a setting changed."""
    first = enrol(db, ref, event.id, person(), officer, fixed_clock)
    second = enrol(db, ref, event.id, person(nik="3577015708900002"), officer, fixed_clock)
    correct_enrolment(db, ref, first.enrolment_id, {"phone": "081234567891"}, "Salah ketik",
                      officer, fixed_clock)  # fmt: skip
    assert second.payment_id is not None and first.receipt_number is not None
    void_payment(db, second.payment_id, "Uang kurang", officer, supervisor, fixed_clock)
    print_receipt(db, ref, first.receipt_number, officer, clock=fixed_clock)
    print_card(db, ref, first.enrolment_id, officer, clock=fixed_clock)
    print_cards(db, ref, event.id, officer, enrolment_ids=[first.enrolment_id], clock=fixed_clock)
    apply_outcomes(db, [Outcome(second.enrolment_id, SYNCED, member_number="10000000999")],
                   "2026-11-22T10:00:00+07:00")  # fmt: skip
    settings.change(db, "lock_minutes", "10", supervisor, clock=fixed_clock)
    # What HQ said of a payment, and an entry a later version of the desk might write.
    at = "2026-11-22T11:00:00+07:00"
    audit.log(db, at, None, "hq_verified", "payment", first.payment_id)
    audit.log(db, at, None, "something_new", "enrolment", first.enrolment_id, {"new_key": "x_y"})
    return first, second


def test_the_audit_screen_names_records_and_speaks_in_words(qtbot, session, tasks, busy_day):
    first, _second = busy_day
    screen = AuditScreen(session, tasks)
    qtbot.addWidget(screen)
    screen.refresh()
    table = screen.findChild(QTableWidget, "entries")
    shown = every_cell(table)
    assert table.rowCount() >= 10
    assert not leaks(shown), leaks(shown)
    assert f"Peserta {provisional_number(first.enrolment_id)} (sementara)" in shown
    assert "Peserta 10000000999" in shown  # HQ's number, once it came
    assert f"Kwitansi {first.receipt_number}" in shown
    assert "Lembar kartu" in shown and "Nomor peserta dari kantor pusat" in shown
    assert "Nomor sebelumnya: belum ada; nomor pertama" in shown


def test_the_record_history_names_no_ids_and_no_codes(qtbot, session, busy_day):
    for saved in busy_day:
        dialog = RecordDialog(session, saved.enrolment_id)
        qtbot.addWidget(dialog)
        for table in (dialog.history, dialog.prints_table, dialog.payments):
            assert not leaks(every_cell(table)), leaks(every_cell(table))
    first = busy_day[0]
    dialog = RecordDialog(session, first.enrolment_id)
    qtbot.addWidget(dialog)
    said = [dialog.history.item(r, 2).text() for r in range(dialog.history.rowCount())]
    assert f"Pembayaran dipastikan kantor pusat ({first.receipt_number})" in said
    assert said[-1] == "Kejadian lain"


def test_unknown_codes_are_never_shown_as_they_are() -> None:
    assert detail_text({"had_number": False, "correction_id": "0190a4c2-6000-7000-8000-0"}) == (
        "Nomor sebelumnya: belum ada; nomor pertama"
    )
    assert detail_text({"something_new": 1}) == ""
    assert detail_text({"source": "import"}, "en") == "Source: a partner's list"
    for pair in (*ACTIONS.values(), *RECORD_TYPES.values()):
        assert not leaks(list(pair)), pair
