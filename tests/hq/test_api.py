"""HQ's HTTP basics: hello, errors, the protocol header, auth, registration, member
numbers and reference data with ETags."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hq.app import create_app
from hq.store import Store
from tests.hq.conftest import MovableClock
from tests.hq.helpers import Device, reference_folder, register


def test_hello_answers_the_protocol_shape(client: TestClient) -> None:
    response = client.get("/api/v1/hello")
    assert response.status_code == 200
    assert response.headers["x-hq-protocol"] == "1"
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["protocol"] == 1
    assert body["max_batch_records"] == 500
    assert body["max_batch_bytes"] == 5_000_000
    assert body["server_time"].endswith("+00:00")


@pytest.mark.parametrize(
    ("method", "path", "status", "error"),
    [
        ("GET", "/api/v1/nothing-here", 404, "not_found"),
        ("GET", "/", 404, "not_found"),
        ("POST", "/api/v1/hello", 405, "method_not_allowed"),
        ("GET", "/api/v1/sync/push", 405, "method_not_allowed"),
    ],
)
def test_errors_are_json_with_the_protocol_header(
    client: TestClient, method: str, path: str, status: int, error: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert response.headers["x-hq-protocol"] == "1"
    assert response.json()["error"] == error
    assert response.json()["message"]


def test_a_crash_is_a_json_500_with_the_header(tmp_path: Path, clock: MovableClock) -> None:
    app = create_app(tmp_path / "hq.db", clock=clock)
    store: Store = app.state.store
    device = register(TestClient(app), store.create_code("MDN01"))

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    store.device_for_token = broken  # type: ignore[assignment,method-assign]
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/sync/changes", headers=device.headers)
    assert response.status_code == 500
    assert response.headers["x-hq-protocol"] == "1"
    assert response.json()["error"] == "server_error"


# ------------------------------------------------------------------- auth


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/member-numbers"),
        ("GET", "/api/v1/reference"),
        ("POST", "/api/v1/sync/push"),
        ("GET", "/api/v1/sync/status?ids="),
        ("GET", "/api/v1/sync/changes?since=0"),
    ],
)
def test_every_call_but_hello_and_devices_needs_a_token(
    client: TestClient, device: Device, method: str, path: str
) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic x"}):
        response = client.request(method, path, headers=headers, json={})
        assert response.status_code == 401
        assert response.json()["error"] == "unknown_token"
        assert response.headers["x-hq-protocol"] == "1"


def test_a_revoked_device_gets_403_until_it_registers_again(
    client: TestClient, store: Store, device: Device
) -> None:
    assert device.get("/sync/changes", since="0").status_code == 200
    store.revoke_device(device.id)
    for response in (
        device.get("/sync/changes", since="0"),
        device.push([]),
        device.post("/member-numbers", {"count": 10}),
        device.get("/reference"),
    ):
        assert response.status_code == 403
        assert response.json()["error"] == "device_revoked"
    again = register(client, store.create_code("MDN01", device_id=device.id), device.id)
    assert again.get("/sync/changes", since="0").status_code == 200


# ----------------------------------------------------------- registration


def test_registration_gives_a_token_a_branch_and_a_block(client: TestClient, store: Store) -> None:
    device_id = str(uuid.uuid4())
    code = store.create_code("SBY02")
    response = client.post(
        "/api/v1/devices",
        json={
            "device_id": device_id,
            "registration_code": code.lower().replace("-", " "),  # read out over the phone
            "device_name": "Laptop 3",
            "app_version": "0.1.0",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["branch_code"] == "SBY02"
    assert body["member_number_blocks"] == [{"first": "10000000001", "last": "10000000500"}]
    assert len(body["device_token"]) >= 32
    # Only hashes are kept.
    db = store.db
    tokens = db.execute("SELECT login_hash, bundle_key FROM devices").fetchall()
    assert body["device_token"] not in json.dumps(tokens)
    assert code not in json.dumps(db.execute("SELECT * FROM registration_codes").fetchall())


def test_a_code_works_once(client: TestClient, store: Store) -> None:
    code = store.create_code("MDN01")
    register(client, code)
    response = client.post(
        "/api/v1/devices",
        json={
            "device_id": str(uuid.uuid4()),
            "registration_code": code,
            "device_name": "Laptop 2",
            "app_version": "0.1.0",
        },
    )
    assert response.status_code == 403
    assert response.json()["error"] == "invalid_registration_code"


@pytest.mark.parametrize("days_later", [14, 30])
def test_a_code_expires(
    client: TestClient, store: Store, clock: MovableClock, days_later: int
) -> None:
    code = store.create_code("MDN01")
    clock.advance(days=days_later)
    response = client.post(
        "/api/v1/devices",
        json={
            "device_id": str(uuid.uuid4()),
            "registration_code": code,
            "device_name": "Laptop",
            "app_version": "0.1.0",
        },
    )
    assert response.status_code == 403
    assert response.json()["error"] == "invalid_registration_code"


def test_a_code_is_good_until_it_expires(
    client: TestClient, store: Store, clock: MovableClock
) -> None:
    code = store.create_code("MDN01", days=2)
    clock.advance(days=1, hours=23)
    register(client, code)


def test_unknown_code_is_403(client: TestClient) -> None:
    response = client.post(
        "/api/v1/devices",
        json={
            "device_id": str(uuid.uuid4()),
            "registration_code": "AAAA-BBBB-CCCC",
            "device_name": "Laptop",
            "app_version": "0.1.0",
        },
    )
    assert response.status_code == 403
    assert response.json() == {
        "error": "invalid_registration_code",
        "message": "The registration code is unknown, used or expired.",
    }


@pytest.mark.parametrize(
    "body",
    [
        [],
        {},
        {
            "device_id": "not-a-uuid",
            "registration_code": "X",
            "device_name": "a",
            "app_version": "1",
        },  # noqa: E501
        {
            "device_id": str(uuid.uuid4()).upper(),
            "registration_code": "X",
            "device_name": "a",
            "app_version": "1",
        },  # noqa: E501
        {"device_id": str(uuid.uuid4()), "registration_code": "X", "app_version": "1"},
        {
            "device_id": str(uuid.uuid4()),
            "registration_code": 5,
            "device_name": "a",
            "app_version": "1",
        },  # noqa: E501
    ],
)
def test_registration_body_is_checked(client: TestClient, body: object) -> None:
    response = client.post("/api/v1/devices", json=body)
    assert response.status_code == 400
    assert response.json()["error"] == "malformed_request"


def test_registration_rejects_a_body_that_is_not_json(client: TestClient) -> None:
    response = client.post(
        "/api/v1/devices", content=b"<html>", headers={"content-type": "text/html"}
    )  # noqa: E501
    assert response.status_code == 400


def test_registering_again_replaces_the_token(client: TestClient, store: Store) -> None:
    first = register(client, store.create_code("MDN01"))
    second = register(client, store.create_code("MDN02", device_id=first.id), first.id)
    assert second.token != first.token
    assert first.get("/sync/changes", since="0").status_code == 401
    assert second.get("/sync/changes", since="0").status_code == 200
    assert second.blocks == [{"first": "10000000501", "last": "10000001000"}]
    assert store.db.execute("SELECT branch_code FROM devices").fetchall() == [("MDN02",)]


# --------------------------------------------------------- member numbers


def test_member_number_blocks_never_overlap(client: TestClient, new_device) -> None:  # type: ignore[no-untyped-def]
    a, b = new_device(), new_device()
    assert a.blocks == [{"first": "10000000001", "last": "10000000500"}]
    assert b.blocks == [{"first": "10000000501", "last": "10000001000"}]
    response = a.post("/member-numbers", {"count": 5000})
    assert response.status_code == 201
    assert response.json() == {
        "member_number_blocks": [{"first": "10000001001", "last": "10000006000"}]
    }
    assert b.post("/member-numbers", {"count": 1}).json()["member_number_blocks"] == [
        {"first": "10000006001", "last": "10000006001"}
    ]


@pytest.mark.parametrize(
    "body", [{"count": 0}, {"count": 5001}, {"count": "10"}, {"count": True}, {}, [500]]
)  # noqa: E501
def test_member_number_count_is_checked(device: Device, body: object) -> None:
    response = device.post("/member-numbers", body)
    assert response.status_code == 400
    assert response.json()["error"] == "malformed_request"


# -------------------------------------------------------------- reference


def test_reference_has_an_etag_and_answers_304(device: Device) -> None:
    response = device.get("/reference")
    assert response.status_code == 200
    etag = response.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 66
    body = response.json()
    assert body["version"] == body["rates"]["version"]
    assert {"code": "K002", "name_id": "Pedagang Kaki Lima"}.items() <= body["occupations"][
        1
    ].items()  # noqa: E501
    assert "name_en" in body["occupations"][0]
    siaga = next(s for s in body["schemes"] if s["code"] == "SIAGA-KITA-MADIUN")
    for key in ("name", "sponsor_type", "sponsor_name", "programmes", "months", "quota", "budget"):
        assert key in siaga

    headers = {**device.headers, "If-None-Match": etag}
    again = device.client.get("/api/v1/reference", headers=headers)
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["x-hq-protocol"] == "1"

    headers["If-None-Match"] = '"something-older"'
    assert device.client.get("/api/v1/reference", headers=headers).status_code == 200


def test_reference_comes_from_the_reference_folder(tmp_path: Path, clock: MovableClock) -> None:
    folder = reference_folder(tmp_path, quota=3)
    app = create_app(tmp_path / "hq.db", folder, clock=clock)
    client = TestClient(app)
    device = register(client, app.state.store.create_code("MDN01"))
    body = device.get("/reference").json()
    assert next(s for s in body["schemes"] if s["code"] == "GN-LINGKARAN-WOM")["quota"] == 3
