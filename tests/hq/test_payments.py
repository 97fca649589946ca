"""HQ's payment rules (hq-api.md revision 2), with made-up members: every amount recomputed
from the enrolment and the rates of each month paid (`amount_mismatch`, also against a desk
whose rates file was altered), 1 to 12 months a payment, never a month twice, a payment
naming another desk's active member, and `payment_status` for transfers and QRIS."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from hq import payments as hq_payments
from hq.__main__ import main as hq_main
from hq.store import Store, StoreError
from models.db import SigapDatabase
from models.events import Event
from models.reference import ReferenceData
from services import payments as desk_payments
from tests.helpers import WIB
from tests.hq import helpers as h
from tests.hq.helpers import Device

MONTH = 16_800  # JKK+JKM at the lowest income, full price


def _member(device: Device, serial: int = 1, **overrides: Any) -> dict[str, Any]:
    ev = h.event()
    member = h.enrolment(ev["id"], serial, **overrides)
    assert [r["status"] for r in device.results([ev, member])] == ["accepted", "accepted"]
    return member


def _months(enrolment_id: str, start: str, months: int, **overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "amount": MONTH * months,
        "months": months,
        "period_start": start,
        "breakdown": {"JKK": 10_000 * months, "JKM": 6_800 * months, "JHT": 0},
    }
    fields.update(overrides)
    return h.payment(enrolment_id, **fields)


def _refusal(result: dict[str, Any]) -> tuple[str, str | None, str | None]:
    return result["status"], result.get("code"), result.get("field")


# ------------------------------------------------------------------ amounts


def test_the_amount_is_recomputed_month_by_month(device: Device) -> None:
    member = _member(device)
    # December 2026 under the PP 50/2025 relief for her trade, January at the full price
    mixed = h.payment(
        member["id"], amount=8_400 + MONTH, months=2, period_start="2026-12",
        breakdown={"JKK": 5_000 + 10_000, "JKM": 3_400 + 6_800, "JHT": 0},
        discount={"rule": "PP50-2025-OTHERS", "amount": 8_400},
    )  # fmt: skip
    full_price = _months(member["id"], "2027-02", 2)
    assert [r["status"] for r in device.results([mixed, full_price])] == ["accepted"] * 2
    # October and November 2026 sent at the full price: both are relief months
    no_relief = _months(member["id"], "2026-10", 2)
    wrong = device.results([no_relief])[0]
    assert _refusal(wrong) == ("rejected", "amount_mismatch", "amount")
    assert "HQ computes 16800 rupiah" in wrong["message"]


def test_a_breakdown_that_moves_money_between_programmes_is_a_mismatch(device: Device) -> None:
    member = _member(device)
    moved = _months(member["id"], "2027-01", 1, breakdown={"JKK": 6_800, "JKM": 10_000, "JHT": 0})
    assert _refusal(device.results([moved])[0]) == ("rejected", "amount_mismatch", "amount")
    jht = _months(member["id"], "2027-01", 1, amount=MONTH + 20_000,
                  breakdown={"JKK": 10_000, "JKM": 6_800, "JHT": 20_000})  # fmt: skip
    # she chose JKK and JKM only: HQ does not charge a programme the enrolment lacks
    assert _refusal(device.results([jht])[0]) == ("rejected", "amount_mismatch", "amount")


@pytest.mark.parametrize(
    ("months", "amount", "field"),
    [
        (100_000, 999_999_999_999_999, "months"),
        (13, 13 * MONTH, "months"),
        (0, 0, "months"),
        (12, 999_999_999_999_999, "amount"),
    ],
)
def test_payments_have_sane_bounds(device: Device, months: int, amount: int, field: str) -> None:
    member = _member(device)
    bad = h.payment(member["id"], months=months, amount=amount, period_start="2027-01",
                    breakdown={"JKK": amount, "JKM": 0, "JHT": 0})  # fmt: skip
    status, code, got_field = _refusal(device.results([bad])[0])
    assert (status, got_field) == ("rejected", field)
    assert code in ("invalid_field", "amount_mismatch")
    year = _months(member["id"], "2027-01", 12)
    assert device.results([year])[0]["status"] == "accepted"


def test_a_month_is_never_paid_twice_at_hq(device: Device) -> None:
    member = _member(device)
    assert device.results([_months(member["id"], "2027-01", 3)])[0]["status"] == "accepted"
    overlap = device.results([_months(member["id"], "2027-03", 1)])[0]
    assert _refusal(overlap) == ("rejected", "invalid_field", "period_start")
    assert "2027-03" in overlap["message"]
    assert device.results([_months(member["id"], "2027-04", 1)])[0]["status"] == "accepted"


def test_amount_mismatch_from_a_desk_whose_rates_file_was_altered(
    device: Device,
    db: SigapDatabase,
    ref: ReferenceData,
    officer: str,
    event: Event,
) -> None:
    """The desk's own records, as it queues them: the enrolment priced with the shipped
    rates, then a renewal priced by a rates file someone edited (JKM Rp3,000 a month)."""
    from models.enrolments import enrol
    from models.reference import ReferenceData as Ref
    from tests.helpers import fixed_clock, person

    saved = enrol(db, ref, event.id, person(), officer, clock=fixed_clock)
    rates = copy.deepcopy(ref.rates)
    for period in rates["periods"]:
        period["programmes"]["JKM"] = {"flat": 3_000}
    altered = Ref(list(ref.occupations.values()), rates, list(ref.schemes.values()), ref.version)
    january = datetime(2027, 1, 5, 10, 0, tzinfo=WIB)
    tampered, _ = desk_payments.pay(db, altered, saved.enrolment_id, 1, officer,
                                    clock=lambda: january)  # fmt: skip
    honest, _ = desk_payments.pay(db, ref, saved.enrolment_id, 1, officer,
                                  clock=lambda: january)  # fmt: skip
    # December 2026 (relief, half of Rp13,000 instead of half of Rp16,800), then January
    assert tampered.quote.amount == 6_500 and honest.quote.amount == MONTH
    queued = [
        h.record(type_, json.loads(payload), rid)
        for rid, type_, payload in db.execute(
            "SELECT id, type, payload FROM outbox ORDER BY seq"
        ).fetchall()
    ]
    results = {r["id"]: r for r in device.results(queued)}
    assert _refusal(results[tampered.payment_id]) == ("rejected", "amount_mismatch", "amount")
    assert "HQ computes 8400 rupiah" in results[tampered.payment_id]["message"]
    assert results[honest.payment_id]["status"] == "accepted"
    assert results[saved.enrolment_id]["status"] == "accepted"
    assert saved.payment_id is not None and results[saved.payment_id]["status"] == "accepted"


# ------------------------------------------------------- another desk's member


def test_a_member_pays_at_another_desk(new_device: Callable[[], Device]) -> None:
    home, other = new_device(), new_device()
    member = _member(home)
    renewal = _months(member["id"], "2027-01", 3)
    assert other.results([renewal])[0]["status"] == "accepted"
    # the other desk still cannot void what it did not record... its own payment it can
    assert other.results([h.payment_void(renewal["id"])])[0]["status"] == "accepted"


def test_a_payment_for_another_desks_refused_enrolment_is_refused(
    new_device: Callable[[], Device],
) -> None:
    home, other = new_device(), new_device()
    ev = h.event()
    refused = h.enrolment(ev["id"], 2, nik="3577015708900000")  # serial 0000: invalid NIK
    results = home.results([ev, refused])
    assert results[1]["status"] == "rejected"
    got = other.results([_months(refused["id"], "2027-01", 1)])[0]
    assert _refusal(got) == ("rejected", "unknown_reference", "enrolment_id")


# ------------------------------------------------------------ payment_status


def _changes(device: Device) -> list[dict[str, Any]]:
    response = device.get("/sync/changes", since="0")
    assert response.status_code == 200
    return list(response.json()["changes"])


def test_qris_is_verified_later_and_the_desk_hears_of_it(store: Store, device: Device) -> None:
    member = _member(device)
    qris = _months(member["id"], "2027-01", 1, method="qris", reference="QR-20270105-0042")
    cash = _months(member["id"], "2027-02", 1)
    assert [r["status"] for r in device.results([qris, cash])] == ["accepted"] * 2
    [waiting] = hq_payments.waiting_payments(store)
    assert (waiting["payment_id"], waiting["reference"]) == (qris["id"], "QR-20270105-0042")
    change = hq_payments.set_payment_status(store, qris["id"], "verified")
    assert hq_payments.waiting_payments(store) == []
    [seen] = [c for c in _changes(device) if c["kind"] == "payment_status"]
    assert seen == {**change, "member_number": None}
    assert (seen["record_id"], seen["status"]) == (qris["id"], "verified")
    with pytest.raises(StoreError):
        hq_payments.set_payment_status(store, cash["id"], "verified")  # cash needs no check
    with pytest.raises(StoreError):
        hq_payments.set_payment_status(store, qris["id"], "verified")  # decided already


def test_qris_not_received_frees_its_months(store: Store, device: Device) -> None:
    member = _member(device)
    qris = _months(member["id"], "2027-01", 3, method="qris", reference="QR-1")
    assert device.results([qris])[0]["status"] == "accepted"
    hq_payments.set_payment_status(store, qris["id"], "not_received", "Dana tidak masuk.")
    [seen] = [c for c in _changes(device) if c["kind"] == "payment_status"]
    assert (seen["status"], seen["message"]) == ("not_received", "Dana tidak masuk.")
    # the member pays those months again, in cash
    assert device.results([_months(member["id"], "2027-01", 3)])[0]["status"] == "accepted"


def test_the_operator_decides_from_the_command_line(
    tmp_path: Any, capsys: pytest.CaptureFixture[str], store: Store, device: Device, database: str
) -> None:
    member = _member(device)
    transfer = _months(member["id"], "2027-01", 1, method="transfer", reference="TRF-77")
    assert device.results([transfer])[0]["status"] == "accepted"
    assert hq_main(["review", "payments", "--database", database]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["payment_id"] for p in listed] == [transfer["id"]]
    code = hq_main(["review", "payment", transfer["id"], "--status", "not_received",
                    "--message", "Tidak ada di rekening", "--database", database])  # fmt: skip
    assert code == 0
    assert json.loads(capsys.readouterr().out)["status"] == "not_received"
    assert hq_main(["review", "payment", transfer["id"], "--status", "verified",
                    "--database", database]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["status"] == "verified"


# ------------------------------------------------- a visitor paying at this desk


def test_a_member_of_another_desk_pays_here_by_card(
    new_device: Callable[[], Device],
    db: SigapDatabase,
    ref: ReferenceData,
    officer: str,
    event: Event,
) -> None:
    """Device A enrolled her (HQ holds her as active); she shows her card at this desk,
    which never saw her enrolment: the payment names the card's enrolment and HQ accepts
    it. A declared income typed wrong comes back as amount_mismatch."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from models.signing import card_payload, sign_with
    from models.visitors import VisitorInput
    from services.payments import card_held_here, pay_visitor

    home = new_device()
    member = _member(home, 31)
    card = sign_with(Ed25519PrivateKey.generate(), card_payload("10000000031", member["id"]))
    assert not card_held_here(db, card)
    january = datetime(2027, 1, 5, 10, 0, tzinfo=WIB)
    typed = VisitorInput(
        nik=member["payload"]["nik"], full_name="Ni Luh Putu Ayu", occupation_code="K002",
        declared_income=1_000_000, programmes=["JKK", "JKM"], paid_until="2026-12",
    )  # fmt: skip
    paid, _ = pay_visitor(db, ref, card, typed, event.id, 3, officer, clock=lambda: january)
    assert (paid.quote.period_start.isoformat(), paid.quote.amount) == ("2027-01-01", 3 * MONTH)
    # a second visitor whose income was typed wrong (HQ holds Rp1,000,000 for her)
    other = _member(home, 32)
    card2 = sign_with(Ed25519PrivateKey.generate(), card_payload("10000000032", other["id"]))
    wrong = VisitorInput(
        nik=other["payload"]["nik"], full_name="Sekar", occupation_code="K002",
        declared_income=2_000_000, paid_until="2026-12",
    )  # fmt: skip
    mistaken, _ = pay_visitor(db, ref, card2, wrong, event.id, 1, officer, clock=lambda: january)
    queued = [
        h.record(type_, json.loads(payload), rid)
        for rid, type_, payload in db.execute(
            "SELECT id, type, payload FROM outbox WHERE type = 'payment' ORDER BY seq"
        ).fetchall()
    ]
    assert [r["payload"]["enrolment_id"] for r in queued] == [member["id"], other["id"]]
    here = new_device()  # this desk, registered with HQ
    results = {r["id"]: r for r in here.results(queued)}
    assert results[paid.payment_id]["status"] == "accepted"
    assert _refusal(results[mistaken.payment_id]) == ("rejected", "amount_mismatch", "amount")
