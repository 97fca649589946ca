"""Golden vectors: bytes and SHA-256 digests written out by hand, never computed by the code
under test. The desk and the reference HQ share `canonical_json`, so a change to it would
still let them agree with each other; these literals are what any HQ (hq-api.md) agrees on.

How they were checked: canonical JSON has its keys sorted at every level (by code point, so
"" < "A" < "a"), no spaces, literal UTF-8 for non-ASCII (’ is e2 80 99, é is c3 a9), `null`
and `true` as JSON spells them; each digest was recomputed with `sha256sum` from the bytes
as written here. Changing a value here is changing the wire protocol: HQ must agree first.
"""

from __future__ import annotations

from typing import Any

RECORDED_AT = "2026-11-22T09:15:00+07:00"
EVENT_ID = "0190a4c2-5b1e-7c3d-8e4f-0a1b2c3d4e5f"
ENROLMENT_ID = "0190a4c2-5b1f-7a10-9b20-c30d40e50f60"
DEVICE_ID = "6f1c2b3a-4d5e-4f60-8a71-92b3c4d5e6f7"
BATCH_ID = "0190a4c2-6000-7000-8000-000000000001"

# ---------------------------------------------------------------- canonical JSON

MIXED: dict[str, Any] = {
    "z": 1,
    "a": {"y": None, "b": True},
    "name": "Ni Luh Putu Ayu Regapu\u2019u Saraswati",
    "list": [3, "\u00e9", {"k": "v", "a": 0}],
    "amount": 16800,
    "": "",
    "A": -1,
}
MIXED_CANONICAL = (
    b'{"":"","A":-1,"a":{"b":true,"y":null},"amount":16800,'
    b'"list":[3,"\xc3\xa9",{"a":0,"k":"v"}],'
    b'"name":"Ni Luh Putu Ayu Regapu\xe2\x80\x99u Saraswati","z":1}'
)
MIXED_SHA256 = "c8acb637389cd13a49340f3cedbfd566143bfa6bdfba542942e32e82c981634d"

# ---------------------------------------------------------------- records (hq-api.md payloads)

EVENT_PAYLOAD: dict[str, Any] = {
    "event_id": EVENT_ID,
    "name": "Sosialisasi Pasar Besar",
    "starts_on": "2026-11-22",
    "ends_on": "2026-11-23",
    "location": "Pasar Besar Madiun",
    "region_code": "35.77.01",
    "branch_code": "MDN01",
    "scheme_code": None,
    "officer_id": "sari",
}
EVENT_CANONICAL = (
    b'{"branch_code":"MDN01","ends_on":"2026-11-23",'
    b'"event_id":"0190a4c2-5b1e-7c3d-8e4f-0a1b2c3d4e5f","location":"Pasar Besar Madiun",'
    b'"name":"Sosialisasi Pasar Besar","officer_id":"sari","region_code":"35.77.01",'
    b'"scheme_code":null,"starts_on":"2026-11-22"}'
)
EVENT_SHA256 = "48bfc51ee37bf48251cb37adaa0e6dd65751caa4e59c756e9aaba39e6cdaaf9e"

ENROLMENT_PAYLOAD: dict[str, Any] = {
    "enrolment_id": ENROLMENT_ID,
    "event_id": EVENT_ID,
    "member_number": None,
    "nik": "3577015708900001",
    "full_name": "Ni Luh Putu Ayu Regapu\u2019u Saraswati",
    "birth_place": "Madiun",
    "birth_date": "1990-08-17",
    "gender": "F",
    "mother_maiden_name": "Sumirah",
    "phone": "+6281234567890",
    "address": {
        "street": "Jl. Pahlawan 5",
        "rt": "003",
        "rw": "007",
        "village_code": "35.77.01.1001",
    },
    "occupation_code": "K002",
    "declared_income": 1_000_000,
    "programmes": ["JKK", "JKM"],
    "payer": {"type": "self", "scheme_code": None},
    "heirs": [{"name": "Made Wirawan", "relationship": "spouse", "nik": None, "phone": None}],
    "consent_at": RECORDED_AT,
    "officer_id": "sari",
    "recorded_at": RECORDED_AT,
}
ENROLMENT_CANONICAL = (
    b'{"address":{"rt":"003","rw":"007","street":"Jl. Pahlawan 5",'
    b'"village_code":"35.77.01.1001"},"birth_date":"1990-08-17","birth_place":"Madiun",'
    b'"consent_at":"2026-11-22T09:15:00+07:00","declared_income":1000000,'
    b'"enrolment_id":"0190a4c2-5b1f-7a10-9b20-c30d40e50f60",'
    b'"event_id":"0190a4c2-5b1e-7c3d-8e4f-0a1b2c3d4e5f",'
    b'"full_name":"Ni Luh Putu Ayu Regapu\xe2\x80\x99u Saraswati","gender":"F",'
    b'"heirs":[{"name":"Made Wirawan","nik":null,"phone":null,"relationship":"spouse"}],'
    b'"member_number":null,"mother_maiden_name":"Sumirah","nik":"3577015708900001",'
    b'"occupation_code":"K002","officer_id":"sari","payer":{"scheme_code":null,"type":"self"},'
    b'"phone":"+6281234567890","programmes":["JKK","JKM"],'
    b'"recorded_at":"2026-11-22T09:15:00+07:00"}'
)
ENROLMENT_SHA256 = "d664f30ccfceaa52f745ad609d9e5d45bea352d4c10bdf0c8a303a8ba72c4419"

# ---------------------------------------------------------------- wire form (POST /sync/push)

EVENT_WIRE = (
    b'{"id":"0190a4c2-5b1e-7c3d-8e4f-0a1b2c3d4e5f","type":"event","schema":1,'
    b'"recorded_at":"2026-11-22T09:15:00+07:00",'
    b'"sha256":"48bfc51ee37bf48251cb37adaa0e6dd65751caa4e59c756e9aaba39e6cdaaf9e",'
    b'"payload":' + EVENT_CANONICAL + b"}"
)
ENROLMENT_WIRE = (
    b'{"id":"0190a4c2-5b1f-7a10-9b20-c30d40e50f60","type":"enrolment","schema":1,'
    b'"recorded_at":"2026-11-22T09:15:00+07:00",'
    b'"sha256":"d664f30ccfceaa52f745ad609d9e5d45bea352d4c10bdf0c8a303a8ba72c4419",'
    b'"payload":' + ENROLMENT_CANONICAL + b"}"
)
PUSH_BODY = (
    b'{"device_id":"6f1c2b3a-4d5e-4f60-8a71-92b3c4d5e6f7",'
    b'"batch_id":"0190a4c2-6000-7000-8000-000000000001",'
    b'"records":[' + EVENT_WIRE + b"," + ENROLMENT_WIRE + b"]}"
)
PUSH_BODY_SHA256 = "32bae7a8e4b3edbf7499d25c8d383155e8f1426b40d55f271552f4e8bb480f17"
PUSH_BODY_BYTES = 1487

# ---------------------------------------------------------------- audit chain

GENESIS = "0" * 64
# (id, at, officer_id, action, record_type, record_id, detail as stored, prev_hash, hash).
# An entry's hash is SHA-256 over prev_hash followed by the compact JSON array
# [id, at, officer_id, action, record_type, record_id, detail], non-ASCII kept as UTF-8;
# the stored detail is `json.dumps(detail, sort_keys=True)` (spaces, ASCII escapes).
AUDIT_CHAIN: list[tuple[Any, ...]] = [
    (
        1,
        "2026-11-22T09:15:00+07:00",
        "sari",
        "create",
        "enrolment",
        ENROLMENT_ID,
        '{"source": "form"}',
        GENESIS,
        "67663efe1e17ad476f70b2dc040d33d79a7053af4154026e7c294de12ddf2d20",
    ),
    (
        2,
        "2026-11-22T09:20:00+07:00",
        "budi.s",
        "void",
        "payment",
        "0190a4c2-7000-7000-8000-000000000002",
        '{"fields": ["amount", "months"], "note": "Salah ketik \\u2019", "reason_given": true}',
        "67663efe1e17ad476f70b2dc040d33d79a7053af4154026e7c294de12ddf2d20",
        "b66780f76b227bec6439b9f73c42cadd040607456cfce448c9ec16aa4863c6ad",
    ),
    (
        3,
        "2026-11-22T09:21:00+07:00",
        None,
        "sign_in_failed",
        "officer",
        None,
        "{}",
        "b66780f76b227bec6439b9f73c42cadd040607456cfce448c9ec16aa4863c6ad",
        "683661c5300ca6ee948a08fed0241fb49e9a9ab70bf9417241d1d46adbb8524a",
    ),
]
# The details those entries were written with (before `json.dumps`).
AUDIT_DETAILS: list[dict[str, Any] | None] = [
    {"source": "form"},
    {"reason_given": True, "fields": ["amount", "months"], "note": "Salah ketik \u2019"},
    None,
]
# What hashes entry 1 (written out, so a change of the formula shows too).
AUDIT_FIRST_HASHED = (
    b"0000000000000000000000000000000000000000000000000000000000000000"
    b'[1,"2026-11-22T09:15:00+07:00","sari","create","enrolment",'
    b'"0190a4c2-5b1f-7a10-9b20-c30d40e50f60","{\\"source\\": \\"form\\"}"]'
)
