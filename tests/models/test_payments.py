"""Payments after enrolment, with made-up members: renewals that continue the period,
overdue months, a lapsed membership that starts again, a list member's first payment, a
payment after a void, months never paid twice, transfers and QRIS awaiting HQ."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime

import pytest

from models import enrolments, payments
from models.db import DB_FILE, SigapDatabase, connect, write_transaction
from models.db import Error as DbError
from models.enrolments import EnrolmentInput, SavedEnrolment
from models.errors import SigapError, ValidationError
from models.events import Event
from models.payments import PaymentStatus
from models.reference import ReferenceData
from models.schema import MIGRATIONS
from services import payments as pay_service
from tests.helpers import WIB, desk_key, fixed_clock, open_desk, person


def at(year: int, month: int, day: int = 10) -> Callable[[], datetime]:
    moment = datetime(year, month, day, 10, 0, tzinfo=WIB)
    return lambda: moment


def enrol(
    db: SigapDatabase, ref: ReferenceData, event: Event, officer: str, **overrides: object
) -> SavedEnrolment:
    inp: EnrolmentInput = person(**overrides)
    return enrolments.enrol(db, ref, event.id, inp, officer, clock=fixed_clock)


def pay(
    db: SigapDatabase,
    ref: ReferenceData,
    enrolment_id: str,
    months: int,
    officer: str,
    clock: Callable[[], datetime],
    method: str = "cash",
    reference: str | None = None,
) -> payments.SavedPayment:
    return pay_service.pay(db, ref, enrolment_id, months, officer, method, reference, clock)[0]


def queued(db: SigapDatabase, record_id: str) -> dict[str, object]:
    row = db.execute("SELECT type, payload FROM outbox WHERE id = ?", [record_id]).fetchone()
    assert row[0] == "payment"
    return dict(json.loads(row[1]))


def test_renewal_continues_the_day_after_the_months_paid(db, ref, event, officer) -> None:
    # Enrolled 22 November 2026, one month paid (November). She comes back on 10 December
    # and pays 3 months: December (the PP 50/2025 relief still holds), January, February.
    saved = enrol(db, ref, event, officer)
    done = pay(db, ref, saved.enrolment_id, 3, officer, at(2026, 12))
    assert done.quote.period_start == date(2026, 12, 1)
    assert done.quote.period_end == date(2027, 2, 1)
    assert done.quote.amount == 8_400 + 16_800 + 16_800
    assert done.quote.discount == payments.Discount("PP50-2025-OTHERS", 8_400)
    assert not done.quote.restarted
    payload = queued(db, done.payment_id)
    assert payload["period_start"] == "2026-12"
    assert payload["amount"] == 42_000
    assert payload["breakdown"] == {"JKK": 5_000 + 20_000, "JKM": 3_400 + 13_600, "JHT": 0}
    assert payload["discount"] == {"rule": "PP50-2025-OTHERS", "amount": 8_400}
    assert payload["method"] == "cash" and "reference" not in payload
    assert payload["enrolment_id"] == saved.enrolment_id
    assert payload["receipt_number"] == done.receipt_number != saved.receipt_number
    # the next renewal continues after February, paid ahead in November
    nxt = pay_service.quote(db, ref, saved.enrolment_id, 1, at(2026, 12, 20))
    assert nxt.period_start == date(2027, 3, 1)
    assert nxt.discount is None and nxt.amount == 16_800


def test_overdue_months_are_paid_first(db, ref, event, officer) -> None:
    saved = enrol(db, ref, event, officer)  # November paid
    q = pay_service.quote(db, ref, saved.enrolment_id, 3, at(2027, 2, 3))
    # December, January owed and February current: still a member (3 months unpaid)
    assert q.unpaid_months == 3 and not q.restarted
    assert q.period_start == date(2026, 12, 1) and q.period_end == date(2027, 2, 1)
    assert q.notices() == []


def test_a_lapsed_member_starts_again_from_the_current_month(db, ref, event, officer) -> None:
    saved = enrol(db, ref, event, officer)  # November paid; nothing from December on
    q = pay_service.quote(db, ref, saved.enrolment_id, 1, at(2027, 3, 2))
    assert q.unpaid_months == 4 and q.restarted
    assert q.period_start == date(2027, 3, 1)
    assert q.amount == 16_800  # March 2027: the relief ended in December for her trade
    [notice] = q.notices()
    assert notice.code == "payment_restarts_lapsed" and notice.severity == "warning"
    assert "2026-11" in notice.message("id") and "2027-03" in notice.message("en")
    assert "tidak ada denda" in notice.message("id")
    done = pay(db, ref, saved.enrolment_id, 1, officer, at(2027, 3, 2))
    assert done.as_dict()["restarted"] is True
    assert queued(db, done.payment_id)["period_start"] == "2027-03"


def test_a_list_member_pays_for_the_first_time(db, ref, event, officer) -> None:
    saved = enrol(db, ref, event, officer, pay=False)
    assert saved.payment_id is None
    q = pay_service.quote(db, ref, saved.enrolment_id, 6, at(2027, 1, 15))
    assert q.paid_until is None and not q.restarted and q.notices() == []
    assert q.period_start == date(2027, 1, 1) and q.period_end == date(2027, 6, 1)
    done = pay(db, ref, saved.enrolment_id, 6, officer, at(2027, 1, 15))
    assert done.quote.amount == 6 * 16_800 and done.quote.discount is None


def test_a_transport_worker_pays_half_until_march_2027(db, ref, event, officer) -> None:
    saved = enrol(db, ref, event, officer, occupation_code="K021", pay=False)
    q = pay_service.quote(db, ref, saved.enrolment_id, 6, at(2027, 1, 15))
    # January to March 2027 at the transport relief, April to June at full price
    assert q.amount == 3 * 8_400 + 3 * 16_800
    assert q.discount == payments.Discount("PP50-2025-TRANSPORT", 3 * 8_400)
    assert q.full_price == 6 * 16_800


def test_a_new_payment_after_a_void(db, ref, event, officer, supervisor) -> None:
    saved = enrol(db, ref, event, officer)
    assert saved.payment_id is not None
    enrolments.void_payment(db, saved.payment_id, "uang palsu", officer, supervisor, fixed_clock)
    q = pay_service.quote(db, ref, saved.enrolment_id, 1, fixed_clock)
    assert q.paid_until is None and q.period_start == date(2026, 11, 1)
    done = pay(db, ref, saved.enrolment_id, 1, officer, fixed_clock)
    assert done.quote.period_start == date(2026, 11, 1)


def test_a_month_is_never_paid_twice(db, ref, event, officer, supervisor) -> None:
    saved = enrol(db, ref, event, officer)  # November
    later = pay(db, ref, saved.enrolment_id, 3, officer, at(2026, 12))  # Dec–Feb
    assert saved.payment_id is not None
    # the officer saw a quote starting in March; another save took March meanwhile
    shown = pay_service.quote(db, ref, saved.enrolment_id, 1, at(2026, 12))
    pay(db, ref, saved.enrolment_id, 1, officer, at(2026, 12))
    with pytest.raises(SigapError) as exc:
        pay_service.pay(
            db, ref, saved.enrolment_id, 1, officer, clock=at(2026, 12),
            expected_start=shown.period_start,
        )  # fmt: skip
    assert exc.value.code == "payment_period_changed"
    # voiding the first month leaves a hole behind later payments: it is not refilled
    enrolments.void_payment(db, saved.payment_id, "salah catat", officer, supervisor, fixed_clock)
    q = pay_service.quote(db, ref, saved.enrolment_id, 1, at(2026, 12))
    assert q.period_start == date(2027, 4, 1)
    months = [
        (r[0], r[1])
        for r in db.execute(
            "SELECT period_start, months FROM payments WHERE voided_at IS NULL"
        ).fetchall()
    ]
    assert months == [("2026-12", 3), ("2027-03", 1)]
    assert later.quote.period_start == date(2026, 12, 1)


@pytest.mark.parametrize("months", [0, 2, 13, 100_000])
def test_months_are_1_3_6_or_12(db, ref, event, officer, months) -> None:
    saved = enrol(db, ref, event, officer)
    with pytest.raises(ValidationError) as exc:
        pay(db, ref, saved.enrolment_id, months, officer, at(2026, 12))
    assert [p.code for p in exc.value.problems] == ["months_invalid"]
    assert db.execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 1


def test_an_enrolment_not_held_here_is_refused(db, ref, event, officer) -> None:
    with pytest.raises(SigapError) as exc:
        pay_service.quote(db, ref, "0190aaaa-0000-7000-8000-000000000000", 1, fixed_clock)
    assert exc.value.code == "enrolment_unknown"


def test_member_found_by_number_and_nik(db, ref, event, officer) -> None:
    saved = enrol(db, ref, event, officer)
    assert saved.member_number is None or len(saved.member_number) == 11
    db.execute(
        "UPDATE enrolments SET member_number = '10000000042' WHERE id = ?", [saved.enrolment_id]
    )
    found = pay_service.member_by_number(db, " 1000000 0042 ", "3577 0157 0890 0001")
    assert found == saved.enrolment_id
    with pytest.raises(SigapError) as exc:
        pay_service.member_by_number(db, "10000000042", "3577015708900002")
    assert exc.value.code == "member_not_found"


@pytest.mark.parametrize(
    ("method", "reference", "code"),
    [
        ("qris", "", "field_required"),
        ("transfer", "   ", "field_required"),
        ("qris", "x" * 65, "text_too_long"),
        ("cash", "QR123", "payment_reference_cash"),
        ("sponsor", None, "payment_method_unknown"),
        ("cheque", None, "payment_method_unknown"),
    ],
)
def test_methods_and_references(db, ref, event, officer, method, reference, code) -> None:
    saved = enrol(db, ref, event, officer)
    with pytest.raises(ValidationError) as exc:
        pay(db, ref, saved.enrolment_id, 1, officer, at(2026, 12), method, reference)
    assert [p.code for p in exc.value.problems] == [code]


def test_qris_waits_then_is_verified(db, ref, event, officer) -> None:
    saved = enrol(db, ref, event, officer)
    done = pay(db, ref, saved.enrolment_id, 1, officer, at(2026, 12), "qris", " QR-7781 ")
    assert done.as_dict()["status"] == "waiting" and done.reference == "QR-7781"
    payload = queued(db, done.payment_id)
    assert payload["method"] == "qris" and payload["reference"] == "QR-7781"
    row = db.execute(
        "SELECT method, verification FROM payments WHERE id = ?", [done.payment_id]
    ).fetchone()
    assert payments.verification_of(*row) == "waiting"
    with write_transaction(db):
        n = payments.apply_payment_statuses(
            db, [PaymentStatus(done.payment_id, "verified", None)], "2026-12-11T08:00:00+07:00"
        )
    assert n == 1
    row = db.execute(
        "SELECT method, verification FROM payments WHERE id = ?", [done.payment_id]
    ).fetchone()
    assert payments.verification_of(*row) == "verified"
    assert payments.payments_not_received(db) == []
    # the months stay paid
    assert pay_service.quote(db, ref, saved.enrolment_id, 1, at(2026, 12)).period_start == date(
        2027, 1, 1
    )


def test_qris_not_received_must_be_paid_again(db, ref, event, officer) -> None:
    saved = enrol(db, ref, event, officer)
    done = pay(db, ref, saved.enrolment_id, 3, officer, at(2026, 12), "qris", "QR-0001")
    with write_transaction(db):
        payments.apply_payment_statuses(
            db,
            [PaymentStatus(done.payment_id, "not_received", "Tidak ada dana masuk.")],
            "2026-12-12T08:00:00+07:00",
        )
    [again] = payments.payments_not_received(db)
    assert again.receipt_number == done.receipt_number
    assert again.enrolment_id == saved.enrolment_id and again.message == "Tidak ada dana masuk."
    assert again.reference == "QR-0001" and again.amount == done.quote.amount
    # those months are owed again: the next payment starts with December once more
    q = pay_service.quote(db, ref, saved.enrolment_id, 3, at(2026, 12, 13))
    assert q.period_start == date(2026, 12, 1)
    pay(db, ref, saved.enrolment_id, 3, officer, at(2026, 12, 13))


def test_statuses_touch_only_transfer_and_qris_payments(db, ref, event, officer) -> None:
    saved = enrol(db, ref, event, officer)
    assert saved.payment_id is not None  # a cash payment
    with write_transaction(db):
        n = payments.apply_payment_statuses(
            db,
            [
                PaymentStatus(saved.payment_id, "not_received", None),
                PaymentStatus(saved.enrolment_id, "verified", None),
                PaymentStatus("0190aaaa-0000-7000-8000-000000000000", "verified", None),
            ],
            "2026-12-12T08:00:00+07:00",
        )
    assert n == 0
    assert db.execute("SELECT verification FROM payments").fetchone()[0] is None
    assert payments.payments_not_received(db) == []


def test_payments_of_the_previous_schema_are_kept_and_stay_fixed(tmp_path) -> None:
    folder = tmp_path / "m008"
    folder.mkdir()
    old = connect(folder / DB_FILE, desk_key(folder))
    MIGRATIONS.apply(old, stop_before="m009_payments_after_enrolment")
    old.execute(
        "INSERT INTO officers (id, name, role, passphrase_hash, created_at) "
        "VALUES ('sari', 'Sari', 'officer', '', '2026-01-01T00:00:00+07:00')"
    )
    old.execute(
        "INSERT INTO events (id, name, starts_on, ends_on, location, region_code, branch_code, "
        "default_programmes, default_months, officer_id, created_at) VALUES ('ev1', 'Lama', "
        "'2026-11-22', '2026-11-23', 'Balai', '35.77.01', 'MDN01', '[\"JKK\",\"JKM\"]', 1, "
        "'sari', '2026-11-22T08:00:00+07:00')"
    )
    old.execute(
        "INSERT INTO enrolments (id, event_id, nik, full_name, birth_place, birth_date, "
        "gender, mother_maiden_name, occupation_code, declared_income, programmes, months, "
        "payer_type, consent_at, officer_id, recorded_at, name_key) VALUES ('en1', 'ev1', "
        "'3577015708900001', 'Sekar Ayu', 'Madiun', '1990-08-17', 'F', 'Ibu', 'K001', 1000000, "
        "'[\"JKK\",\"JKM\"]', 1, 'self', '2026-11-22T08:00:00+07:00', 'sari', "
        "'2026-11-22T08:00:00+07:00', 'sekar ayu')"
    )
    old.execute(
        "INSERT INTO payments (id, enrolment_id, receipt_seq, receipt_number, amount, months, "
        "period_start, jkk, jkm, jht, method, payer_type, received_at, officer_id) VALUES "
        "('pay7', 'en1', 7, 'KW-X-000007', 16800, 1, '2026-11', 10000, 6800, 0, 'transfer', "
        "'self', '2026-11-22T08:00:00+07:00', 'sari')"
    )
    old.conn.commit()
    old.close()
    db = open_desk(folder)
    try:
        assert MIGRATIONS.pending(db) == []
        row = db.execute(
            "SELECT receipt_number, amount, method, verification, discount_amount FROM payments"
        ).fetchone()
        assert row == ("KW-X-000007", 16800, "transfer", None, 0)
        assert payments.verification_of(row[2], row[3]) == "waiting"
        with pytest.raises(DbError, match="never deleted"):
            db.execute("DELETE FROM payments")
        with pytest.raises(DbError, match="cannot be changed"):
            db.execute("UPDATE payments SET reference = 'x'")
        assert [r[0] for r in db.execute("PRAGMA foreign_key_check")] == []
    finally:
        db.close()
