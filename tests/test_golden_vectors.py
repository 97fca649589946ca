"""The desk's side of the wire against golden vectors (tests/golden.py): canonical JSON, the
record hash, the wire form of a record and of a push, the audit chain's hashes. A failure
here means HQ would see different bytes than before: change the contract first, not these."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from models import audit
from models import enrolments as en
from models.db import SigapDatabase
from models.events import Event
from models.outbox import canonical_json, outbox_row, payload_sha256
from models.reference import ReferenceData
from sync.protocol import push_body, push_envelope_size, record_wire
from tests import golden as g
from tests.helpers import fixed_clock, person


def test_the_vectors_agree_with_sha256_itself() -> None:
    """The literals check each other with hashlib alone: no code of the project involved."""
    for body, digest in (
        (g.MIXED_CANONICAL, g.MIXED_SHA256),
        (g.EVENT_CANONICAL, g.EVENT_SHA256),
        (g.ENROLMENT_CANONICAL, g.ENROLMENT_SHA256),
        (g.PUSH_BODY, g.PUSH_BODY_SHA256),
    ):
        assert hashlib.sha256(body).hexdigest() == digest
    assert len(g.PUSH_BODY) == g.PUSH_BODY_BYTES
    assert hashlib.sha256(g.AUDIT_FIRST_HASHED).hexdigest() == g.AUDIT_CHAIN[0][8]
    for before, after in zip(g.AUDIT_CHAIN, g.AUDIT_CHAIN[1:], strict=False):
        assert after[7] == before[8]
    assert json.loads(g.PUSH_BODY)["records"][1]["payload"] == g.ENROLMENT_PAYLOAD


def test_canonical_json_sorts_keys_has_no_spaces_and_keeps_utf8() -> None:
    assert canonical_json(g.MIXED) == g.MIXED_CANONICAL
    assert payload_sha256(g.MIXED) == g.MIXED_SHA256


def test_record_hashes() -> None:
    assert canonical_json(g.EVENT_PAYLOAD) == g.EVENT_CANONICAL
    assert payload_sha256(g.EVENT_PAYLOAD) == g.EVENT_SHA256
    assert canonical_json(g.ENROLMENT_PAYLOAD) == g.ENROLMENT_CANONICAL
    assert payload_sha256(g.ENROLMENT_PAYLOAD) == g.ENROLMENT_SHA256


def test_queue_rows_keep_the_canonical_text_and_its_hash() -> None:
    assert outbox_row(g.ENROLMENT_ID, "enrolment", g.RECORDED_AT, g.ENROLMENT_PAYLOAD) == (
        g.ENROLMENT_ID,
        "enrolment",
        1,
        g.RECORDED_AT,
        g.ENROLMENT_CANONICAL.decode("utf-8"),
        g.ENROLMENT_SHA256,
        g.RECORDED_AT,
    )


def test_wire_form_of_a_record_and_of_a_push() -> None:
    wires = [
        record_wire(rid, type_, 1, g.RECORDED_AT, sha, body.decode("utf-8"))
        for rid, type_, sha, body in (
            (g.EVENT_ID, "event", g.EVENT_SHA256, g.EVENT_CANONICAL),
            (g.ENROLMENT_ID, "enrolment", g.ENROLMENT_SHA256, g.ENROLMENT_CANONICAL),
        )
    ]
    assert wires == [g.EVENT_WIRE, g.ENROLMENT_WIRE]
    assert push_body(g.DEVICE_ID, g.BATCH_ID, wires) == g.PUSH_BODY
    empty = (
        b'{"device_id":"6f1c2b3a-4d5e-4f60-8a71-92b3c4d5e6f7",'
        b'"batch_id":"0190a4c2-6000-7000-8000-000000000001","records":[]}'
    )
    assert push_body(g.DEVICE_ID, g.BATCH_ID, []) == empty
    assert push_envelope_size(g.DEVICE_ID, g.BATCH_ID) == len(empty) == 115


def test_audit_chain_hashes() -> None:
    rows = [
        audit.audit_row(e[1], e[2], e[3], e[4], e[5], detail)
        for e, detail in zip(g.AUDIT_CHAIN, g.AUDIT_DETAILS, strict=True)
    ]
    assert [r[5] for r in rows] == [e[6] for e in g.AUDIT_CHAIN]
    assert audit.GENESIS == g.GENESIS
    assert audit.entry_hash(g.GENESIS, *g.AUDIT_CHAIN[0][:7]) == g.AUDIT_CHAIN[0][8]
    assert audit.chained_rows(0, g.GENESIS, rows) == g.AUDIT_CHAIN


def test_audit_chain_as_stored(db: SigapDatabase) -> None:
    rows = [
        audit.audit_row(e[1], e[2], e[3], e[4], e[5], detail)
        for e, detail in zip(g.AUDIT_CHAIN, g.AUDIT_DETAILS, strict=True)
    ]
    audit.write_audit(db, rows)
    stored = db.execute(
        "SELECT id, at, officer_id, action, record_type, record_id, detail, prev_hash, hash "
        "FROM audit ORDER BY id"
    ).fetchall()
    assert [tuple(r) for r in stored] == g.AUDIT_CHAIN
    assert audit.verify_chain(db).ok


# What the desk queues for the made-up applicant of tests/helpers.person(), with the ids and
# the receipt number (random per desk) left as {placeholders}. The form's "P", "3", "suami"
# and "0812…" reach HQ as "F", "003", "spouse" and "+62812…"; November 2026 is in the PP 50/2025
# relief, so the payment carries its `discount` (hq-api.md revision 2).
DESK_EVENT = (
    '{"branch_code":"MDN01","ends_on":"2026-11-23","event_id":"{event_id}",'
    '"location":"Pasar Besar Madiun","name":"Sosialisasi Pasar Besar","officer_id":"sari",'
    '"region_code":"35.77.01","scheme_code":null,"starts_on":"2026-11-22"}'
)
DESK_ENROLMENT = (
    '{"address":{"rt":"003","rw":"007","street":"Jl. Pahlawan 5",'
    '"village_code":"35.77.01.1001"},"birth_date":"1990-08-17","birth_place":"Madiun",'
    '"consent_at":"2026-11-22T09:15:00+07:00","declared_income":1000000,'
    '"enrolment_id":"{enrolment_id}","event_id":"{event_id}",'
    '"full_name":"Ni Luh Putu Ayu Regapu\u2019u Saraswati","gender":"F",'
    '"heirs":[{"name":"Made Wirawan","nik":null,"phone":"+6281298765432",'
    '"relationship":"spouse"}],"member_number":null,"mother_maiden_name":"Sumirah",'
    '"nik":"3577015708900001","occupation_code":"K002","officer_id":"sari",'
    '"payer":{"scheme_code":null,"type":"self"},"phone":"+6281234567890",'
    '"programmes":["JKK","JKM"],"recorded_at":"2026-11-22T09:15:00+07:00"}'
)
DESK_PAYMENT = (
    '{"amount":8400,"breakdown":{"JHT":0,"JKK":5000,"JKM":3400},'
    '"discount":{"amount":8400,"rule":"PP50-2025-OTHERS"},'
    '"enrolment_id":"{enrolment_id}","method":"cash","months":1,"officer_id":"sari",'
    '"payment_id":"{payment_id}","period_start":"2026-11","receipt_number":"{receipt}",'
    '"received_at":"2026-11-22T09:15:00+07:00"}'
)
# The first entry of a new desk's trail: the officer account made on the fixed clock.
DESK_FIRST_AUDIT = (
    1,
    "2026-11-22T09:15:00+07:00",
    None,
    "create",
    "officer",
    "sari",
    '{"role": "officer"}',
    g.GENESIS,
    "5b78c55804d1060055cb0a678f9c6bfe2213d03d4c7475639498322e9e993c59",
)


def fill(template: str, **values: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


def test_the_desk_queues_records_in_the_golden_shape(
    db: SigapDatabase, ref: ReferenceData, event: Event, officer: str
) -> None:
    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    ids: dict[str, Any] = {
        "event_id": event.id,
        "enrolment_id": saved.enrolment_id,
        "payment_id": str(saved.payment_id),
        "receipt": str(saved.receipt_number),
    }
    rows = db.execute(
        "SELECT id, type, schema, recorded_at, payload, sha256 FROM outbox ORDER BY rowid"
    ).fetchall()
    assert [tuple(r[:4]) for r in rows] == [
        (event.id, "event", 1, g.RECORDED_AT),
        (saved.enrolment_id, "enrolment", 1, g.RECORDED_AT),
        (saved.payment_id, "payment", 1, g.RECORDED_AT),
    ]
    assert [r[4] for r in rows] == [
        fill(DESK_EVENT, **ids),
        fill(DESK_ENROLMENT, **ids),
        fill(DESK_PAYMENT, **ids),
    ]
    for r in rows:
        assert r[5] == hashlib.sha256(r[4].encode("utf-8")).hexdigest()

    first = db.execute(
        "SELECT id, at, officer_id, action, record_type, record_id, detail, prev_hash, hash "
        "FROM audit ORDER BY id LIMIT 1"
    ).fetchone()
    assert tuple(first) == DESK_FIRST_AUDIT
