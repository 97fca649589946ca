"""A member of another desk pays here: found by their card's QR, kept with what the officer
typed from the card, KTP and last receipt; the receipt and day closing show the payment.
Made-up people."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from models import enrolments
from models.errors import SigapError, ValidationError
from models.receipts import receipt_data
from models.report_data import day_close_data
from models.signing import card_payload, sign_with
from models.visitors import VisitorInput, read_card
from services import payments as pay_service
from tests.helpers import WIB, fixed_clock, person

VISITOR_ID = "0190b5e2-7c1a-7d3e-9f00-4a5b6c7d8e9f"
JANUARY = datetime(2027, 1, 5, 10, 0, tzinfo=WIB)


def other_desks_card(member_ref: str = "10000000777", enrolment_id: str = VISITOR_ID) -> str:
    return sign_with(Ed25519PrivateKey.generate(), card_payload(member_ref, enrolment_id))


def typed(**overrides: object) -> VisitorInput:
    values: dict[str, object] = {
        "nik": "3577014708850003",
        "full_name": "Sri Handayani",
        "occupation_code": "K002",
        "declared_income": 1_500_000,
        "programmes": ["JKK", "JKM"],
        "paid_until": "2026-11",
    }
    values.update(overrides)
    return VisitorInput(**values)  # type: ignore[arg-type]


def test_reading_a_card_without_its_key() -> None:
    assert read_card(other_desks_card()).enrolment_id == VISITOR_ID
    assert read_card(other_desks_card()).member_number == "10000000777"
    assert read_card(other_desks_card("P-ABCDEF12")).member_number is None
    for text in ("", "hello", "SIGAP1|1|2|sig", "SIGAP1|10000000777|" + VISITOR_ID):
        with pytest.raises(SigapError) as exc:
            read_card(text)
        assert exc.value.code == "card_not_sigap"


def test_a_visitor_pays_after_the_months_on_the_card(db, ref, event, officer) -> None:
    card = other_desks_card()
    assert not pay_service.card_held_here(db, card)
    paid, changes = pay_service.pay_visitor(
        db, ref, card, typed(), event.id, 3, officer, clock=lambda: JANUARY
    )
    assert changes.records == frozenset({VISITOR_ID})
    # paid until November 2026 (card): December 2026 (relief), January, February 2027
    assert paid.quote.period_start == date(2026, 12, 1)
    assert paid.quote.amount == 10_900 + 2 * 21_800
    assert paid.quote.member_number == "10000000777"
    payload = json.loads(
        db.execute("SELECT payload FROM outbox WHERE id = ?", [paid.payment_id]).fetchone()[0]
    )
    assert payload["enrolment_id"] == VISITOR_ID and payload["amount"] == paid.quote.amount
    receipt = receipt_data(db, ref, paid.receipt_number)
    assert receipt.payer_name == "Sri Handayani" and receipt.nik_masked == "3577********0003"
    assert receipt.event_name == event.name and receipt.member_number == "10000000777"
    day = day_close_data(db, ref, officer, date(2027, 1, 5), "id", fixed_clock)
    assert [p.receipt_number for p in day.payments] == [paid.receipt_number]
    # she comes back: the next payment continues after February, typed details kept
    again = pay_service.quote(db, ref, VISITOR_ID, 1, lambda: JANUARY)
    assert again.period_start == date(2027, 3, 1)


def test_a_lapsed_visitor_starts_again_this_month(db, ref, event, officer) -> None:
    paid, _ = pay_service.pay_visitor(
        db, ref, other_desks_card(), typed(paid_until="2026-08"), event.id, 1, officer,
        clock=lambda: JANUARY,
    )  # fmt: skip
    assert paid.quote.restarted and paid.quote.period_start == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nik": "3577014708850000"}, "nik"),
        ({"full_name": ""}, "full_name"),
        ({"occupation_code": "X999"}, "occupation_code"),
        ({"declared_income": 500_000}, "declared_income"),
        ({"declared_income": None}, "declared_income"),
        ({"paid_until": "11-2026"}, "paid_until"),
        ({"programmes": ["JHT"]}, "programmes"),
    ],
)
def test_what_the_officer_types_is_checked(db, ref, event, officer, overrides, field) -> None:
    with pytest.raises(ValidationError) as exc:
        pay_service.pay_visitor(db, ref, other_desks_card(), typed(**overrides), event.id, 1,
                                officer, clock=lambda: JANUARY)  # fmt: skip
    assert field in {p.field for p in exc.value.problems}
    assert db.execute("SELECT COUNT(*) FROM visiting_members").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 0


def test_a_nik_enrolled_here_is_not_a_visitor(db, ref, event, officer) -> None:
    enrolments.enrol(db, ref, event.id, person(), officer, clock=fixed_clock)
    with pytest.raises(ValidationError) as exc:
        pay_service.pay_visitor(db, ref, other_desks_card(), typed(nik="3577015708900001"),
                                event.id, 1, officer, clock=lambda: JANUARY)  # fmt: skip
    assert [p.code for p in exc.value.problems] == ["visitor_nik_elsewhere"]


def test_a_payment_names_a_member_the_desk_knows(db, officer) -> None:
    from models.db import Error as DbError

    with pytest.raises(DbError, match="names an enrolment or a visiting member"):
        db.execute(
            "INSERT INTO payments (id, enrolment_id, receipt_seq, receipt_number, amount, "
            "months, period_start, jkk, jkm, jht, method, payer_type, received_at, officer_id) "
            "VALUES ('p1', 'nobody', 1, 'KW-X-000001', 16800, 1, '2027-01', 10000, 6800, 0, "
            "'cash', 'self', '2027-01-05T10:00:00+07:00', ?)",
            [officer],
        )


def test_a_visitor_who_paid_here_before_is_found_by_member_number_and_nik(
    db, ref, event, officer
) -> None:
    pay_service.pay_visitor(
        db, ref, other_desks_card(), typed(), event.id, 1, officer, clock=lambda: JANUARY
    )
    assert pay_service.member_by_number(db, "100 0000 0777", "3577014708850003") == VISITOR_ID
    with pytest.raises(SigapError) as exc:
        pay_service.member_by_number(db, "10000000777", "3577014708850011")
    assert exc.value.code == "member_not_found"
