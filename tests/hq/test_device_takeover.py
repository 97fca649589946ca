"""Issue 14, finding 2: a device id cannot be taken over. Registering an id HQ already
holds needs proof: the device's current token, or a registration code the branch office
issued for that id. Anything else is 409 and changes nothing (the real laptop keeps
syncing, and the code is not used up)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.testclient import TestClient

from hq.store import Store
from tests.hq import helpers as h
from tests.hq.helpers import Device


def _register(
    client: TestClient, device_id: str, code: str, token: str | None = None
) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        "/api/v1/devices",
        json={
            "device_id": device_id,
            "registration_code": code,
            "device_name": "Laptop Lain",
            "app_version": "0.1.0",
        },
        headers=headers,
    )


def test_a_fresh_code_cannot_take_over_a_registered_device_id(
    client: TestClient, store: Store, device: Device
) -> None:
    code = store.create_code("MDN01")
    taken = _register(client, device.id, code)
    assert taken.status_code == 409
    assert taken.json()["error"] == "device_id_taken"
    # The real laptop is not locked out, and its pushes still land under it.
    assert device.get("/sync/changes", since="0").status_code == 200
    assert device.results([h.event()])[0]["status"] == "accepted"
    # The code was not used up: it still registers a new laptop.
    assert _register(client, h.new_id(), code).status_code == 201


def test_the_device_itself_may_register_again_with_its_current_token(
    client: TestClient, store: Store, device: Device
) -> None:
    again = _register(client, device.id, store.create_code("MDN01"), token=device.token)
    assert again.status_code == 201
    new_token = again.json()["device_token"]
    assert new_token != device.token
    old = client.get("/api/v1/sync/changes", headers=device.headers)
    assert old.status_code == 401
    assert client.get(
        "/api/v1/sync/changes", headers={"Authorization": f"Bearer {new_token}"}
    ).status_code == 200


def test_a_code_issued_for_the_device_id_lets_it_register_again(
    client: TestClient, store: Store, device: Device
) -> None:
    store.revoke_device(device.id)
    code = store.create_code("MDN01", device_id=device.id)
    again = _register(client, device.id, code)  # the token was lost with the old disk
    assert again.status_code == 201
    assert client.get(
        "/api/v1/sync/changes",
        headers={"Authorization": f"Bearer {again.json()['device_token']}"},
    ).status_code == 200


def test_a_code_for_one_device_id_registers_no_other(
    client: TestClient, store: Store, new_device: Callable[[], Device]
) -> None:
    owner = new_device()
    code = store.create_code("MDN01", device_id=owner.id)
    assert _register(client, h.new_id(), code).status_code == 403
    assert _register(client, owner.id, code).status_code == 201


def test_a_revoked_device_cannot_lift_its_revocation_with_its_old_token(
    client: TestClient, store: Store, device: Device
) -> None:
    store.revoke_device(device.id)
    again = _register(client, device.id, store.create_code("MDN01"), token=device.token)
    assert again.status_code == 409
    assert device.get("/sync/changes", since="0").status_code == 403
