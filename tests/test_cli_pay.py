"""`main.py pay`: a payment after enrolment from the command line, printed as JSON; a list
member found by enrolment id, or by member number and NIK; QRIS waiting for verification."""

# The command-line fixtures come from tests/test_cli.py, so their names are reused here.
# ruff: noqa: F811

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from models.db import write_transaction
from models.desk import sign_in
from models.payments import PaymentStatus, apply_payment_statuses
from tests.test_cli import (  # noqa: F401  (fixtures)
    AGUS,
    DEWI,
    OFFICER,
    PASSPHRASE,
    data_dir,
    environment,
    event_id,
    good_list,
    no_traceback,
    officer,
    run,
)


def _imported(run: Callable[..., Any], event_id: str, tmp_path: Path) -> dict[str, str]:
    code, out, err = run("import", "enrolments", str(good_list(tmp_path / "l.csv")),
                         "--event", event_id)  # fmt: skip
    assert code == 0, err
    code, out, err = run("list", "--event", event_id, "--format", "json", "--show-nik")
    return {r["nik"]: r["id"] for r in json.loads(out)}


def test_pay_by_enrolment_prints_receipt_amount_period_and_discount(
    run: Callable[..., Any], event_id: str, tmp_path: Path
) -> None:
    ids = _imported(run, event_id, tmp_path)
    code, out, err = run("pay", "--enrolment", ids[AGUS], "--months", "3")
    assert (code, err) == (0, "")
    paid = json.loads(out)
    today = date.today()
    assert paid["period_start"] == f"{today.year:04d}-{today.month:02d}"  # a first payment
    assert paid["receipt_number"].startswith("KW-")
    assert paid["months"] == 3 and paid["method"] == "cash" and paid["status"] == "paid"
    assert paid["amount"] == sum(paid["breakdown"].values()) > 0
    assert set(paid) >= {"discount", "period_end", "enrolment_id"}
    if paid["discount"] is not None:
        assert paid["discount"]["rule"].startswith("PP50-2025")
    # the renewal continues after the three months just paid
    code, out, err = run("pay", "--enrolment", ids[AGUS], "--months", "1")
    assert code == 0
    year, month = (int(x) for x in paid["period_end"].split("-"))
    after = f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    assert json.loads(out)["period_start"] == after
    # shown on the receipt command as for an enrolment
    code, out, err = run("receipt", paid["receipt_number"], "--out", str(tmp_path / "kw.pdf"))
    assert code == 0, err


def test_pay_qris_waits_for_verification(
    run: Callable[..., Any], event_id: str, tmp_path: Path
) -> None:
    ids = _imported(run, event_id, tmp_path)
    code, out, err = run("pay", "--enrolment", ids[DEWI], "--months", "1", "--method", "qris")
    assert code == 1 and out == "" and "reference: " in err
    no_traceback(err)
    code, out, err = run("pay", "--enrolment", ids[DEWI], "--months", "1", "--method", "qris",
                         "--reference", "QR-20261204-7781")  # fmt: skip
    assert code == 0
    paid = json.loads(out)
    assert paid["status"] == "waiting" and paid["reference"] == "QR-20261204-7781"
    assert "Waiting for verification" in err
    code, out, err = run("receipt", paid["receipt_number"], "--out", str(tmp_path / "q.pdf"))
    assert code == 0, err


def test_pay_by_member_number_needs_the_nik(
    run: Callable[..., Any], event_id: str, tmp_path: Path, data_dir: Path
) -> None:
    ids = _imported(run, event_id, tmp_path)
    # a desk with no number blocks yet: give Agus the number HQ would have sent
    db, _ = sign_in(data_dir, OFFICER, PASSPHRASE)
    try:
        with write_transaction(db):
            db.execute(
                "UPDATE enrolments SET member_number = '10000000077' WHERE id = ?", [ids[AGUS]]
            )
    finally:
        db.close()
    code, out, err = run("pay", "--member", "10000000077", "--nik", DEWI, "--months", "1")
    assert code == 1 and "No member with that member number and NIK" in err
    code, out, err = run("pay", "--member", "10000000077", "--months", "1")
    assert code == 1 and "--nik" in err
    code, out, err = run("pay", "--member", "10000000077", "--nik", AGUS, "--months", "1")
    assert code == 0 and json.loads(out)["enrolment_id"] == ids[AGUS]


def test_pay_refuses_months_not_allowed(
    run: Callable[..., Any], event_id: str, tmp_path: Path
) -> None:
    ids = _imported(run, event_id, tmp_path)
    code, out, err = run("pay", "--enrolment", ids[AGUS], "--months", "100000")
    assert code == 1 and "1, 3, 6, 12" in err and out == ""
    no_traceback(err)


def test_pay_for_a_member_of_another_desk_by_card(
    run: Callable[..., Any], event_id: str, tmp_path: Path
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from models.signing import card_payload, sign_with

    card = sign_with(
        Ed25519PrivateKey.generate(),
        card_payload("10000000888", "0190b5e2-7c1a-7d3e-9f00-4a5b6c7d8e90"),
    )
    code, out, err = run("pay", "--card", card, "--months", "1")
    assert code == 1 and "--event" in err and out == ""
    code, out, err = run(
        "pay", "--card", card, "--months", "1", "--event", event_id, "--nik", DEWI,
        "--name", "Dewi Lestari", "--occupation", "K007", "--income", "1000000",
    )  # fmt: skip
    assert code == 0, err
    paid = json.loads(out)
    assert paid["enrolment_id"] == "0190b5e2-7c1a-7d3e-9f00-4a5b6c7d8e90"
    assert paid["member_number"] == "10000000888"
    code, out, err = run("receipt", paid["receipt_number"], "--out", str(tmp_path / "v.pdf"))
    assert code == 0, err


def test_who_must_pay_again(
    run: Callable[..., Any], event_id: str, tmp_path: Path, data_dir: Path
) -> None:
    ids = _imported(run, event_id, tmp_path)
    code, out, err = run("pay", "--enrolment", ids[DEWI], "--months", "1", "--method", "qris",
                         "--reference", "QR-77")  # fmt: skip
    paid = json.loads(out)
    code, out, err = run("pay", "--not-received")
    assert (code, json.loads(out)) == (0, [])
    code, out, err = run("pay", "--enrolment", ids[DEWI])
    assert code == 1 and "--months" in err
    db, _ = sign_in(data_dir, OFFICER, PASSPHRASE)
    try:
        with write_transaction(db):
            apply_payment_statuses(
                db, [PaymentStatus(paid["payment_id"], "not_received", "Dana tidak masuk")],
                "2026-12-05T10:00:00+07:00",
            )  # fmt: skip
    finally:
        db.close()
    code, out, err = run("pay", "--not-received")
    [again] = json.loads(out)
    assert (again["receipt_number"], again["full_name"], again["reference"]) == (
        paid["receipt_number"], "Dewi Lestari", "QR-77",
    )  # fmt: skip
    assert again["message"] == "Dana tidak masuk"
