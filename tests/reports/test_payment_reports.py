"""Payments after enrolment in the paperwork: the day closing counts them and lists
transfers and QRIS apart from cash with their references and HQ's word; the event report
counts them by method."""

from __future__ import annotations

from datetime import date, datetime

from models import enrolments, payments
from models.db import write_transaction
from models.payments import PaymentStatus
from models.report_data import MoneyLine, day_close_data, event_report_data
from services import payments as pay_service
from services.reports import day_close_pdf
from tests.helpers import WIB, fixed_clock, person
from tests.reports.test_reports import flat, pdf_text

DEC = datetime(2026, 12, 10, 9, 0, tzinfo=WIB)


def _two_members(db, ref, event, officer):
    a = enrolments.enrol(db, ref, event.id, person(), officer, clock=fixed_clock)
    b = enrolments.enrol(
        db, ref, event.id, person(nik="3577015708900002", full_name="Sekar Arum"), officer,
        clock=fixed_clock,
    )  # fmt: skip
    return a, b


def test_day_close_counts_later_payments_and_lists_qris_apart(db, ref, event, officer) -> None:
    a, b = _two_members(db, ref, event, officer)
    cash, _ = pay_service.pay(db, ref, a.enrolment_id, 1, officer, clock=lambda: DEC)
    qris, _ = pay_service.pay(db, ref, b.enrolment_id, 3, officer, "qris", "QR-1210-01",
                              clock=lambda: DEC)  # fmt: skip
    day = day_close_data(db, ref, officer, date(2026, 12, 10), "id", fixed_clock)
    assert day.cash == MoneyLine("cash", "cash", 1, cash.quote.amount)
    assert day.qris == MoneyLine("qris", "qris", 1, qris.quote.amount)
    [waiting] = day.unverified
    assert (waiting.receipt_number, waiting.reference, waiting.verification) == (
        qris.receipt_number, "QR-1210-01", "waiting",
    )  # fmt: skip
    text = flat("\n".join(pdf_text(day_close_pdf(db, ref, officer, date(2026, 12, 10), "id"))))
    assert f"Uang tunai yang harus ada di kas Rp{cash.quote.amount:,}".replace(",", ".") in text
    assert "Transfer dan QRIS" in text and "QR-1210-01" in text
    assert "Menunggu verifikasi" in text and "lunas" not in text.lower()

    with write_transaction(db):
        payments.apply_payment_statuses(
            db, [PaymentStatus(qris.payment_id, "not_received", None)], "2026-12-11T08:00:00+07:00"
        )
    day = day_close_data(db, ref, officer, date(2026, 12, 10), "en", fixed_clock)
    assert [x.verification for x in day.unverified] == ["not_received"]
    english = flat("\n".join(pdf_text(day_close_pdf(db, ref, officer, date(2026, 12, 10), "en"))))
    assert "Not received" in english and "QRIS (not in the box)" in english


def test_event_report_counts_later_payments_by_method(db, ref, event, officer) -> None:
    a, b = _two_members(db, ref, event, officer)
    pay_service.pay(db, ref, a.enrolment_id, 1, officer, clock=lambda: DEC)
    later, _ = pay_service.pay(db, ref, b.enrolment_id, 1, officer, "qris", "QR-9",
                               clock=lambda: DEC)  # fmt: skip
    report = event_report_data(db, ref, event.id, "id", fixed_clock)
    by_method = {m.key: (m.payments, m.amount) for m in report.money_by_method}
    assert by_method["cash"] == (3, a_amount(a) + a_amount(b) + 8_400)
    assert by_method["qris"] == (1, later.quote.amount)
    assert report.money_total == sum(amount for _, amount in by_method.values())


def a_amount(saved: enrolments.SavedEnrolment) -> int:
    return saved.amount
