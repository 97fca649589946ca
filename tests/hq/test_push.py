"""POST /sync/push: every answer per record and for the whole request."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from hq.app import create_app
from hq.store import Store
from models.corrections import correct_enrolment
from models.database import Database
from models.enrolments import enrol, void_payment
from models.events import Event
from models.ids import new_id
from models.outbox import payload_sha256
from models.reference import ReferenceData
from tests.helpers import fixed_clock, person
from tests.hq import helpers as h
from tests.hq.conftest import MovableClock
from tests.hq.helpers import Device, register


def stored(store: Store, rid: str) -> tuple[Any, ...] | None:
    return store.one(
        "SELECT type, status, member_number, code, field FROM records WHERE id = ?", [rid]
    )  # noqa: E501


# ------------------------------------------------------ the app's records


def test_records_the_app_makes_are_accepted(
    db: Database,
    ref: ReferenceData,
    officer: str,
    supervisor: str,
    event: Event,
    device: Device,
) -> None:
    """The app's own payloads (event, enrolments with and without a reserved number,
    payments, a void, a correction) pass HQ's checks: one set of rules on both sides."""
    block = device.blocks[0]
    first = enrol(db, ref, event.id, person(), officer, clock=fixed_clock)
    db.execute(
        "INSERT INTO member_number_blocks (first, last, next) VALUES (?, ?, ?)",
        [block["first"], block["last"], block["first"]],
    )
    db.conn.commit()
    second = enrol(
        db, ref, event.id, person(nik="3577015708900002", phone=""), officer, clock=fixed_clock
    )
    void_payment(db, second.payment_id or "", "Salah ketik", officer, supervisor, fixed_clock)
    correct_enrolment(
        db,
        ref,
        first.enrolment_id,
        {"address.rt": "9", "phone": "0812 1111 2222"},
        "Pindah",
        officer,
        fixed_clock,  # noqa: E501
    )
    rows = db.execute(
        "SELECT id, type, schema, recorded_at, sha256, payload FROM outbox ORDER BY seq"
    ).fetchall()
    records = [
        {
            "id": i,
            "type": t,
            "schema": s,
            "recorded_at": at,
            "sha256": sha,
            "payload": json.loads(p),
        }  # noqa: E501
        for i, t, s, at, sha, p in rows
    ]
    assert [r["type"] for r in records] == [
        "event", "enrolment", "payment", "enrolment", "payment", "payment_void",
        "enrolment_correction",
    ]  # fmt: skip
    results = device.results(records)
    assert [r["status"] for r in results] == ["accepted"] * len(records), results
    assert first.member_number is None and second.member_number == block["first"]
    assert results[1]["member_number"] == "10000000501"  # HQ's, after the device's block
    assert results[3]["member_number"] == block["first"]
    assert results[6]["member_number"] == "10000000501"


# ----------------------------------------------------------- idempotence


def test_resending_gives_the_same_answers(device: Device, store: Store) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    pay = h.payment(en["id"])
    first = device.results([ev, en, pay])
    assert [r["status"] for r in first] == ["accepted"] * 3
    number = first[1]["member_number"]
    again = device.results([ev, en, pay])
    assert [r["status"] for r in again] == ["already_received"] * 3
    assert again[1]["member_number"] == number
    assert "member_number" not in again[0]
    assert store.one("SELECT COUNT(*) FROM records") == (3,)
    assert store.one("SELECT COUNT(*) FROM enrolments") == (1,)


def test_the_same_id_twice_in_one_batch(device: Device, store: Store) -> None:
    ev = h.event()
    assert [r["status"] for r in device.results([ev, ev])] == ["accepted", "already_received"]


def test_a_changed_record_under_a_kept_id_is_a_conflict(device: Device, store: Store) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    device.results([ev, en])
    changed = h.record("enrolment", {**en["payload"], "full_name": "Siti Aminah"}, en["id"])
    [result] = device.results([changed])
    assert result["status"] == "conflict"
    kept = store.one("SELECT payload FROM records WHERE id = ?", [en["id"]])
    assert kept is not None and json.loads(kept[0]) == en["payload"]
    [status] = device.get("/sync/status", ids=en["id"]).json()["records"]
    assert status["status"] == "conflict"


def test_an_id_another_device_sent_is_a_conflict(new_device: Callable[[], Device]) -> None:
    a, b = new_device(), new_device()
    ev = h.event()
    a.results([ev])
    assert b.results([ev])[0]["status"] == "conflict"


def test_a_damaged_record_is_refused_and_not_kept(device: Device, store: Store) -> None:
    ev = h.event()
    damaged = {**ev, "sha256": payload_sha256({**ev["payload"], "name": "Other"})}
    [result] = device.results([damaged])
    assert result == {
        "id": ev["id"],
        "status": "rejected",
        "code": "sha256_mismatch",
        "message": "The payload does not match its sha256.",
    }
    assert stored(store, ev["id"]) is None
    assert device.results([ev])[0]["status"] == "accepted"


def test_a_rejected_record_resent_is_rejected_the_same_way(device: Device) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"], phone="0812345")
    first = device.results([ev, en])[1]
    assert first["status"] == "rejected"
    assert (first["code"], first["field"]) == ("invalid_field", "phone")
    again = device.results([en])[0]
    assert again == first


def test_a_duplicate_resent_is_a_duplicate_again(new_device: Callable[[], Device]) -> None:
    a, b = new_device(), new_device()
    ev_a, ev_b = h.event(), h.event()
    en_a = h.enrolment(ev_a["id"], serial=7)
    number = a.results([ev_a, en_a])[1]["member_number"]
    en_b = h.enrolment(ev_b["id"], serial=7, member_number=b.blocks[0]["first"])
    first = b.results([ev_b, en_b])[1]
    assert first == {"id": en_b["id"], "status": "duplicate_person", "member_number": number}
    assert b.results([en_b]) == [first]
    # The device's reserved number is not kept by a duplicate.
    assert (
        b.results([h.enrolment(ev_b["id"], serial=8, member_number=b.blocks[0]["first"])])[0][
            "status"
        ]
        == "accepted"
    )


# ------------------------------------------------------------ references


def test_a_reference_not_seen_yet_is_retry_and_nothing_is_kept(
    device: Device, store: Store
) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    pay = h.payment(en["id"])
    void = h.payment_void(pay["id"])
    cor = h.correction(en["id"], {"address.rt": "009"})
    results = device.results([en, pay, void, cor])
    assert [r["status"] for r in results] == ["retry"] * 4
    assert all(r["message"] for r in results)
    assert store.one("SELECT COUNT(*) FROM records") == (0,)
    assert store.one("SELECT COUNT(*) FROM enrolments") == (0,)
    assert store.one("SELECT value FROM counters") == (10000000501,)
    # Sent in order later (or in one batch), they are all accepted.
    assert [r["status"] for r in device.results([ev, en, pay, void, cor])] == ["accepted"] * 5


def test_a_reference_to_the_wrong_kind_of_record_is_refused(device: Device) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    results = device.results([ev, en, h.payment(ev["id"]), h.payment_void(en["id"])])
    assert [(r["status"], r.get("code"), r.get("field")) for r in results[2:]] == [
        ("rejected", "unknown_reference", "enrolment_id"),
        ("rejected", "unknown_reference", "payment_id"),
    ]


def test_an_enrolment_at_a_refused_event_is_refused(device: Device) -> None:
    ev = h.event(region_code="99.99.99")
    en = h.enrolment(ev["id"])
    results = device.results([ev, en])
    assert (results[0]["code"], results[0]["field"]) == ("unknown_reference", "region_code")
    assert (results[1]["code"], results[1]["field"]) == ("unknown_reference", "event_id")


# --------------------------------------------------------- member numbers


def test_a_reserved_number_is_kept(device: Device, store: Store) -> None:
    ev = h.event()
    number = device.blocks[0]["last"]
    [_, result] = device.results([ev, h.enrolment(ev["id"], member_number=number)])
    assert result["member_number"] == number
    assert store.one("SELECT value FROM counters") == (10000000501,)


def test_hq_assigns_a_number_from_the_one_counter(device: Device, store: Store) -> None:
    ev = h.event()
    results = device.results([ev, h.enrolment(ev["id"], 1), h.enrolment(ev["id"], 2)])
    assert [r["member_number"] for r in results[1:]] == ["10000000501", "10000000502"]
    assert device.post("/member-numbers", {"count": 10}).json()["member_number_blocks"] == [
        {"first": "10000000503", "last": "10000000512"}
    ]
    assert store.db.execute(
        "SELECT first, last, device_id FROM member_number_blocks WHERE kind = 'hq' ORDER BY 1"
    ).fetchall() == [("10000000501", "10000000501", None), ("10000000502", "10000000502", None)]


def test_a_number_of_another_device_is_not_allocated(new_device: Callable[[], Device]) -> None:
    a, b = new_device(), new_device()
    ev = h.event()
    [_, result] = a.results([ev, h.enrolment(ev["id"], member_number=b.blocks[0]["first"])])
    assert (result["status"], result["code"], result["field"]) == (
        "rejected",
        "member_number_not_allocated",
        "member_number",
    )
    [result] = a.results([h.enrolment(ev["id"], 2, member_number="10000000501")])  # HQ's next
    assert result["code"] == "member_number_not_allocated"


def test_a_number_used_twice_is_refused(device: Device) -> None:
    ev = h.event()
    number = device.blocks[0]["first"]
    results = device.results(
        [
            ev,
            h.enrolment(ev["id"], 1, member_number=number),
            h.enrolment(ev["id"], 2, member_number=number),
        ]  # noqa: E501
    )
    assert results[1]["member_number"] == number
    assert (results[2]["status"], results[2]["code"]) == ("rejected", "member_number_used")


# ------------------------------------------------------------ the checks

ENROLMENT_REFUSALS: list[tuple[dict[str, Any], str, str]] = [
    ({"nik": "3577015708900000"}, "invalid_nik", "nik"),
    ({"nik": "357701570890001"}, "invalid_nik", "nik"),
    ({"nik": "9999995708900001"}, "invalid_nik", "nik"),
    ({"nik": "3577017208900001"}, "invalid_nik", "nik"),
    ({"birth_date": "1990-08-18"}, "invalid_nik", "birth_date"),
    ({"gender": "M"}, "invalid_nik", "gender"),
    ({"gender": "P"}, "invalid_field", "gender"),
    ({"birth_date": "17-08-1990"}, "invalid_field", "birth_date"),
    ({"full_name": ""}, "invalid_field", "full_name"),
    ({"full_name": "R2D2"}, "invalid_field", "full_name"),
    ({"mother_maiden_name": None}, "invalid_field", "mother_maiden_name"),
    ({"birth_place": ""}, "invalid_field", "birth_place"),
    ({"phone": "081234567890"}, "invalid_field", "phone"),
    ({"phone": "+1555123456"}, "invalid_field", "phone"),
    (
        {"address": {"street": "", "rt": "1234", "rw": "", "village_code": None}},
        "invalid_field",
        "address.rt",
    ),  # noqa: E501
    (
        {"address": {"street": "", "rt": "", "rw": "", "village_code": "35.77.01.9999"}},
        "unknown_reference",
        "address.village_code",
    ),  # noqa: E501
    ({"address": None}, "invalid_field", "address"),
    ({"occupation_code": "K999"}, "unknown_reference", "occupation_code"),
    ({"declared_income": 999_999}, "invalid_field", "declared_income"),
    ({"declared_income": 1_500_000.0}, "invalid_field", "declared_income"),
    ({"programmes": ["JKK"]}, "invalid_field", "programmes"),
    ({"programmes": ["JKK", "JKM", "JP"]}, "invalid_field", "programmes"),
    ({"payer": {"type": "boss", "scheme_code": None}}, "invalid_field", "payer"),
    (
        {"payer": {"type": "sponsor", "scheme_code": "NOPE"}},
        "unknown_reference",
        "payer.scheme_code",
    ),  # noqa: E501
    (
        {"payer": {"type": "self", "scheme_code": "SIAGA-KITA-MADIUN"}},
        "invalid_field",
        "payer.scheme_code",
    ),  # noqa: E501
    (
        {"payer": {"type": "sponsor", "scheme_code": "GN-LINGKARAN-WOM"}},
        "invalid_field",
        "occupation_code",
    ),  # noqa: E501
    ({"heirs": []}, "invalid_field", "heirs"),
    (
        {"heirs": [{"name": "Made", "relationship": "boss", "nik": None, "phone": None}]},
        "invalid_field",
        "heirs.0.relationship",
    ),  # noqa: E501
    (
        {
            "heirs": [
                {"name": "Made", "relationship": "spouse", "nik": "3577015708900001", "phone": None}
            ]
        },
        "invalid_field",
        "heirs.0.nik",
    ),  # noqa: E501
    (
        {
            "heirs": [
                {"name": "Made", "relationship": "spouse", "nik": "3577015708900000", "phone": None}
            ]
        },
        "invalid_nik",
        "heirs.0.nik",
    ),  # noqa: E501
    (
        {"heirs": [{"name": "Made", "relationship": "spouse", "nik": None, "phone": "12"}]},
        "invalid_field",
        "heirs.0.phone",
    ),  # noqa: E501
    ({"consent_at": None}, "invalid_field", "consent_at"),
    ({"recorded_at": "2026-11-22 09:15"}, "invalid_field", "recorded_at"),
    ({"birth_date": "1960-08-17", "nik": "3577015708600001"}, "invalid_field", "birth_date"),
    ({"officer_id": ""}, "invalid_field", "officer_id"),
    ({"member_number": "123"}, "invalid_field", "member_number"),
]


@pytest.mark.parametrize(("overrides", "code", "field"), ENROLMENT_REFUSALS)
def test_enrolment_refusals(
    device: Device, store: Store, overrides: dict[str, Any], code: str, field: str
) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"], **overrides)
    [_, result] = device.results([ev, en])
    assert (result["status"], result["code"], result["field"]) == ("rejected", code, field)
    assert result["message"]
    # Messages never carry what was sent.
    for value in overrides.values():
        if isinstance(value, str) and len(value) > 3:
            assert value not in result["message"]
    # Kept with its outcome, its id kept for ever.
    assert stored(store, en["id"]) == ("enrolment", "rejected", None, code, field)
    assert store.one("SELECT status, member_number FROM enrolments WHERE id = ?", [en["id"]]) == (
        "rejected",
        None,
    )


def test_an_enrolment_must_carry_its_own_id(device: Device) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    wrong = h.record("enrolment", en["payload"], new_id())
    [_, result] = device.results([ev, wrong])
    assert (result["code"], result["field"]) == ("invalid_field", "enrolment_id")


def test_a_sponsored_enrolment_is_accepted(device: Device) -> None:
    ev = h.event("SIAGA-KITA-MADIUN")
    en = h.enrolment(ev["id"], payer={"type": "sponsor", "scheme_code": "SIAGA-KITA-MADIUN"})
    assert [r["status"] for r in device.results([ev, en])] == ["accepted", "accepted"]


EVENT_REFUSALS: list[tuple[dict[str, Any], str, str]] = [
    ({"region_code": "35.77"}, "unknown_reference", "region_code"),
    ({"scheme_code": "NOPE"}, "unknown_reference", "scheme_code"),
    ({"ends_on": "2026-11-21"}, "invalid_field", "ends_on"),
    ({"starts_on": None}, "invalid_field", "starts_on"),
    ({"name": ""}, "invalid_field", "name"),
    ({"branch_code": "M"}, "invalid_field", "branch_code"),
]


@pytest.mark.parametrize(("overrides", "code", "field"), EVENT_REFUSALS)
def test_event_refusals(device: Device, overrides: dict[str, Any], code: str, field: str) -> None:
    [result] = device.results([h.event(**overrides)])
    assert (result["status"], result["code"], result["field"]) == ("rejected", code, field)


PAYMENT_REFUSALS: list[tuple[dict[str, Any], str]] = [
    ({"amount": -1}, "amount"),
    ({"amount": "16800"}, "amount"),
    ({"amount": 16_801}, "breakdown"),
    ({"breakdown": {"JKK": 10_000, "JKM": 6_800, "JP": 0}}, "breakdown"),
    ({"method": "card"}, "method"),
    ({"months": 0}, "months"),
    ({"period_start": "2026-13"}, "period_start"),
    ({"received_at": "yesterday"}, "received_at"),
    ({"receipt_number": ""}, "receipt_number"),
]


@pytest.mark.parametrize(("overrides", "field"), PAYMENT_REFUSALS)
def test_payment_refusals(device: Device, overrides: dict[str, Any], field: str) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    [*_, result] = device.results([ev, en, h.payment(en["id"], **overrides)])
    assert (result["status"], result["code"], result["field"]) == (
        "rejected",
        "invalid_field",
        field,
    )  # noqa: E501


def test_a_payment_of_a_refused_enrolment_is_still_kept(device: Device, store: Store) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"], phone="12")
    pay = h.payment(en["id"])
    assert [r["status"] for r in device.results([ev, en, pay])] == [
        "accepted",
        "rejected",
        "accepted",
    ]  # noqa: E501
    assert store.one("SELECT amount FROM payments WHERE id = ?", [pay["id"]]) == (16_800,)


def test_a_payment_is_voided_once(device: Device, store: Store) -> None:
    ev = h.event()
    en = h.enrolment(ev["id"])
    pay = h.payment(en["id"])
    void = h.payment_void(pay["id"])
    results = device.results([ev, en, pay, void, h.payment_void(pay["id"], reason="Lagi")])
    assert results[3]["status"] == "accepted"
    assert (results[4]["status"], results[4]["field"]) == ("rejected", "payment_id")
    assert store.one("SELECT void_id FROM payments") == (void["id"],)


def test_an_unknown_schema_is_refused(device: Device) -> None:
    ev = {**h.event(), "schema": 2}
    [result] = device.results([ev])
    assert (result["status"], result["code"], result["field"]) == (
        "rejected",
        "invalid_field",
        "schema",
    )  # noqa: E501


# ------------------------------------------------------------------ quota


def test_a_scheme_quota_counts_every_device(
    tmp_path: Path, clock: MovableClock, database: str
) -> None:
    app = create_app(database, h.reference_folder(tmp_path, quota=3), clock=clock)
    client = TestClient(app)
    a = register(client, app.state.store.create_code("MDN01"))
    b = register(client, app.state.store.create_code("MDN01"))
    payer = {"type": "sponsor", "scheme_code": "GN-LINGKARAN-WOM"}
    ev_a, ev_b = h.event("GN-LINGKARAN-WOM"), h.event("GN-LINGKARAN-WOM")
    results = a.results(
        [ev_a, *(h.enrolment(ev_a["id"], i, payer=payer, occupation_code="K045") for i in (1, 2))]
    )  # noqa: E501
    assert [r["status"] for r in results] == ["accepted"] * 3
    self_paid = h.enrolment(ev_b["id"], 9)
    results = b.results(
        [
            ev_b,
            *(h.enrolment(ev_b["id"], i, payer=payer, occupation_code="K045") for i in (3, 4)),
            self_paid,
        ]
    )  # noqa: E501
    assert [r["status"] for r in results] == ["accepted", "accepted", "rejected", "accepted"]
    assert (results[2]["code"], results[2]["field"]) == ("quota_exceeded", "payer")


# ----------------------------------------------------------------- budget

WARTEG = "KOWANTARA-WARTEG"  # a scheme of its own, so the quota tests do not touch it


MONTH = 16_800  # one month of JKK+JKM at the lowest income, at full price (2027)


def _sponsored_payment(
    enrolment_id: str, months: int, period_start: str = "2027-01", method: str = "sponsor"
) -> dict[str, Any]:
    """`months` months from `period_start` at the price HQ recomputes."""
    return h.payment(
        enrolment_id,
        amount=MONTH * months,
        months=months,
        period_start=period_start,
        breakdown={"JKK": 10_000 * months, "JKM": 6_800 * months, "JHT": 0},
        method=method,
    )


def _warteg_members(device: Device, serials: range) -> list[dict[str, Any]]:
    payer = {"type": "sponsor", "scheme_code": WARTEG}
    ev = h.event(WARTEG)
    members = [h.enrolment(ev["id"], i, payer=payer, occupation_code="K006") for i in serials]
    results = device.results([ev, *members])
    assert [r["status"] for r in results] == ["accepted"] * (len(members) + 1), results
    return members


def test_a_scheme_budget_last_rupiah_goes_to_one_push(
    tmp_path: Path, clock: MovableClock, database: str
) -> None:
    folder = h.reference_folder(tmp_path, quota=100, budgets={WARTEG: 3 * MONTH})
    app = create_app(database, folder, clock=clock)
    store: Store = app.state.store
    client = TestClient(app)
    a = register(client, store.create_code("MDN01"))
    b = register(client, store.create_code("MDN01"))
    [m1, m2] = _warteg_members(a, range(701, 703))
    [m3] = _warteg_members(b, range(703, 704))

    def budget_used() -> Any:
        return store.one("SELECT budget_used FROM scheme_usage WHERE code = ?", [WARTEG])

    assert a.results([_sponsored_payment(m1["id"], 2)])[0]["status"] == "accepted"
    # One month's money left; two pushes of a month each: the first takes it, the second is
    # refused.
    first = _sponsored_payment(m2["id"], 1)
    second = _sponsored_payment(m3["id"], 1)
    [got_first] = a.results([first])
    [got_second] = b.results([second])
    assert got_first["status"] == "accepted"
    assert (got_second["status"], got_second["code"], got_second["field"]) == (
        "rejected",
        "budget_exceeded",
        "amount",
    )
    assert budget_used() == (3 * MONTH,)
    assert store.one("SELECT COUNT(*) FROM payments WHERE id = ?", [second["id"]]) == (0,)
    # Money the member pays is not the scheme's.
    cash = _sponsored_payment(m3["id"], 1, "2027-02", method="cash")
    assert b.results([cash])[0]["status"] == "accepted"
    assert budget_used() == (3 * MONTH,)
    # A void of a refused payment gives nothing back; a void of a sponsored payment does.
    assert b.results([h.payment_void(second["id"])])[0]["status"] == "accepted"
    assert budget_used() == (3 * MONTH,)
    assert a.results([h.payment_void(first["id"])])[0]["status"] == "accepted"
    assert budget_used() == (2 * MONTH,)
    again = _sponsored_payment(m3["id"], 1)
    assert b.results([again])[0]["status"] == "accepted"
    assert budget_used() == (3 * MONTH,)
    # A replay answers as before and takes nothing more.
    assert b.results([again])[0]["status"] == "already_received"
    assert budget_used() == (3 * MONTH,)
    store.close()


# ------------------------------------------------------ whole-request answers


def _body(device: Device, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"device_id": device.id, "batch_id": new_id(), "records": [h.event()]}
    body.update(changes)
    return body


BAD_BODIES: list[Callable[[Device], Any]] = [
    lambda d: [],
    lambda d: _body(d, device_id=new_id()),
    lambda d: _body(d, batch_id="batch-1"),
    lambda d: _body(d, batch_id=None),
    lambda d: _body(d, records={}),
    lambda d: _body(d, records=["x"]),
    lambda d: _body(d, records=[{**h.event(), "id": "ABC"}]),
    lambda d: _body(d, records=[{**(e := h.event()), "id": e["id"].upper()}]),
    lambda d: _body(d, records=[{**h.event(), "type": "member"}]),
    lambda d: _body(d, records=[{**h.event(), "schema": "1"}]),
    lambda d: _body(d, records=[{**h.event(), "recorded_at": None}]),
    lambda d: _body(d, records=[{**h.event(), "sha256": None}]),
    lambda d: _body(d, records=[{**h.event(), "payload": "{}"}]),
    lambda d: _body(d, records=[{k: v for k, v in h.event().items() if k != "payload"}]),
]


@pytest.mark.parametrize("make", BAD_BODIES)
def test_a_malformed_push_is_400_and_nothing_is_kept(
    device: Device, store: Store, make: Callable[[Device], Any]
) -> None:
    response = device.client.post("/api/v1/sync/push", json=make(device), headers=device.headers)
    assert response.status_code == 400
    assert response.json()["error"] == "malformed_request"
    assert store.one("SELECT COUNT(*) FROM records") == (0,)


@pytest.mark.parametrize("body", [b"", b"{", b"\xff\xfe", b'{"records": NaN}'])
def test_a_body_that_is_not_json_is_400(device: Device, body: bytes) -> None:
    response = device.client.post("/api/v1/sync/push", content=body, headers=device.headers)
    assert response.status_code == 400


def test_too_many_records_or_bytes_is_413(tmp_path: Path, clock: MovableClock) -> None:
    app = create_app(tmp_path / "hq.db", clock=clock, max_batch_records=3, max_batch_bytes=4000)
    client = TestClient(app)
    device = register(client, app.state.store.create_code("MDN01"))
    assert client.get("/api/v1/hello").json()["max_batch_records"] == 3
    ev = h.event()
    too_many = device.push([ev] + [h.enrolment(ev["id"], i) for i in range(1, 4)])
    assert too_many.status_code == 413
    assert too_many.json()["error"] == "batch_too_large"
    too_big = device.push([ev, h.enrolment(ev["id"], 1, birth_place="M" * 3000)])
    assert too_big.status_code == 413
    assert app.state.store.one("SELECT COUNT(*) FROM records") == (0,)
    assert device.push([ev, h.enrolment(ev["id"], 1)]).status_code == 200


def test_an_empty_batch_is_fine(device: Device) -> None:
    assert device.results([]) == []
