"""A QRIS payment taken offline, sent to the reference HQ, then verified or reported not
received by the branch (`python -m hq review payment`): the desk hears of it at the next
sync, and a payment not received leaves its months to be paid again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from models import enrolments, payments
from models.db import set_setting
from models.events import create_event
from models.officers import add_officer
from models.reference import ReferenceData
from services import payments as pay_service
from sync.engine import register_device, sync_once
from tests.helpers import WIB, fixed_clock, open_desk, person
from tests.hq_server import HQProcess, run_hq

pytestmark = pytest.mark.slow  # the HQ server runs as a process

JANUARY = datetime(2027, 1, 5, 10, 0, tzinfo=WIB)


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQProcess]:
    with run_hq(tmp_path_factory.mktemp("hq")) as server:
        yield server


def _desk_with_qris(folder: Path, hq: HQProcess, ref: ReferenceData, serial: int) -> tuple:
    db = open_desk(folder)
    set_setting(db, "branch_code", "MDN01")
    register_device(db, hq.url, hq.create_code("MDN01"), device_name=folder.name)
    add_officer(db, "sari", "Sari Wulandari", "officer", "pasar-pagi-77", clock=fixed_clock)
    event = create_event(
        db, ref, name="Sosialisasi Pasar Besar", starts_on=date(2026, 11, 22),
        ends_on=date(2026, 11, 22), location="Pasar Besar Madiun", region_code="35.77.01",
        officer_id="sari", clock=fixed_clock,
    )  # fmt: skip
    nik = f"35770157089{serial:05d}"
    saved = enrolments.enrol(db, ref, event.id, person(nik=nik), "sari", clock=fixed_clock)
    paid, _ = pay_service.pay(db, ref, saved.enrolment_id, 3, "sari", "qris", "QR-0105-77",
                              clock=lambda: JANUARY)  # fmt: skip
    report = sync_once(db)
    assert report.rejected == 0 and report.pending == 0, report
    return db, saved, paid


def _verification(db, payment_id: str) -> str | None:
    row = db.execute(
        "SELECT method, verification FROM payments WHERE id = ?", [payment_id]
    ).fetchone()
    return payments.verification_of(*row)


def test_qris_later_verified(hq: HQProcess, tmp_path: Path, ref: ReferenceData) -> None:
    db, saved, paid = _desk_with_qris(tmp_path / "desk", hq, ref, 101)
    try:
        assert _verification(db, paid.payment_id) == "waiting"
        waiting = json.loads(hq.admin("review", "payments"))
        assert paid.payment_id in [p["payment_id"] for p in waiting]
        hq.admin("review", "payment", paid.payment_id, "--status", "verified")
        sync_once(db)
        assert _verification(db, paid.payment_id) == "verified"
        assert payments.payments_not_received(db) == []
        q = pay_service.quote(db, ref, saved.enrolment_id, 1, lambda: JANUARY)
        assert q.period_start == date(2027, 3, 1)  # December to February stay paid
    finally:
        db.close()


def test_qris_later_not_received(hq: HQProcess, tmp_path: Path, ref: ReferenceData) -> None:
    db, saved, paid = _desk_with_qris(tmp_path / "desk", hq, ref, 102)
    try:
        hq.admin("review", "payment", paid.payment_id, "--status", "not_received",
                 "--message", "Dana tidak masuk")  # fmt: skip
        sync_once(db)
        assert _verification(db, paid.payment_id) == "not_received"
        [again] = payments.payments_not_received(db)
        assert (again.payment_id, again.message) == (paid.payment_id, "Dana tidak masuk")
        # the officer takes the same months again, in cash, and HQ accepts them
        q = pay_service.quote(db, ref, saved.enrolment_id, 3, lambda: JANUARY)
        assert q.period_start == date(2026, 12, 1)
        cash, _ = pay_service.pay(db, ref, saved.enrolment_id, 3, "sari", clock=lambda: JANUARY)
        report = sync_once(db)
        assert report.rejected == 0 and report.pending == 0, report
        assert hq.query("SELECT status FROM records WHERE id = ?", [cash.payment_id]) == [
            ("accepted",)
        ]
    finally:
        db.close()
