"""The reference HQ against the golden vectors (tests/golden.py): the push body written out
byte for byte is accepted, kept in canonical form, and one changed byte is refused."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from hq.store import Store
from tests import golden as g
from tests.hq.helpers import Device, register


def push(device: Device, body: bytes) -> list[dict[str, Any]]:
    response = device.client.post(
        "/api/v1/sync/push",
        content=body,
        headers={**device.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def test_hq_accepts_the_golden_push_and_keeps_the_canonical_bytes(
    client: TestClient, store: Store
) -> None:
    device = register(client, store.create_code("MDN01"), device_id=g.DEVICE_ID)
    results = push(device, g.PUSH_BODY)
    assert [(r["id"], r["status"]) for r in results] == [
        (g.EVENT_ID, "accepted"),
        (g.ENROLMENT_ID, "accepted"),
    ]
    kept = store.db.execute(
        "SELECT id, sha256, payload FROM records ORDER BY recorded_at, id"
    ).fetchall()
    assert [tuple(r) for r in kept] == [
        (g.EVENT_ID, g.EVENT_SHA256, g.EVENT_CANONICAL.decode("utf-8")),
        (g.ENROLMENT_ID, g.ENROLMENT_SHA256, g.ENROLMENT_CANONICAL.decode("utf-8")),
    ]
    again = g.PUSH_BODY.replace(g.BATCH_ID.encode(), b"0190a4c2-6000-7000-8000-000000000002")
    assert [r["status"] for r in push(device, again)] == ["already_received"] * 2


def test_hq_refuses_a_golden_record_with_one_byte_changed(client: TestClient, store: Store) -> None:
    device = register(client, store.create_code("MDN01"), device_id=g.DEVICE_ID)
    damaged = g.PUSH_BODY.replace(
        b'"mother_maiden_name":"Sumirah"', b'"mother_maiden_name":"Sumiran"'
    )
    assert damaged != g.PUSH_BODY
    results = push(device, damaged)
    assert [r["status"] for r in results] == ["accepted", "rejected"]
    assert results[1]["code"] == "sha256_mismatch"
