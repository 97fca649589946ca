"""Issue 14, finding 3: reading HQ's database does not open a device's USB bundles. The
bundle is keyed from SHA-256 of the token; HQ keeps another hash of it for logins, and the
bundle material only sealed under a key file of its own. Bundles made before still import,
and tokens issued before still sign in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from hq.bundle import BundleError, import_bundle
from hq.db import open_engine
from hq.schema import migrate
from hq.store import Store
from models.bundle import MAC_SIZE, derive_keys, mac, seal_bundle, token_key
from models.reference import default_reference
from tests.hq import helpers as h
from tests.hq.conftest import MovableClock
from tests.hq.helpers import Device


def _bundle(device: Device, records: list[dict[str, Any]]) -> bytes:
    return seal_bundle(device.id, records, token_key(device.token), "2026-11-22T09:15:00+07:00")


def _every_value(store: Store) -> list[str]:
    """Every text HQ's database holds about devices and codes."""
    out: list[str] = []
    for table in ("devices", "registration_codes"):
        for row in store.db.execute(f"SELECT * FROM {table}").fetchall():
            out += [str(v) for v in row if v is not None]
    return out


def _opens(bundle: bytes, material_hex: str) -> bool:
    """Whether `material_hex` (as HQ would pass it) checks the bundle's signature."""
    try:
        material = bytes.fromhex(material_hex)
    except ValueError:
        return False
    header_end = bundle.index(b"\n", bundle.index(b"\n") + 1)
    header = json.loads(bundle[bundle.index(b"\n") + 1 : header_end])
    _, mac_key = derive_keys(material, base64.b64decode(header["salt"]))
    return hmac.compare_digest(mac(mac_key, bundle[:-MAC_SIZE]), bundle[-MAC_SIZE:])


def test_hqs_database_does_not_open_a_devices_bundle(
    store: Store, device: Device
) -> None:
    ev = h.event()
    bundle = _bundle(device, [ev])
    material = hashlib.sha256(device.token.encode()).hexdigest()
    assert _opens(bundle, material)  # the test's check works
    values = _every_value(store)
    assert material not in values
    assert device.token not in values
    assert not any(_opens(bundle, v) for v in values)
    # HQ itself still imports it, and the device still signs in.
    summary = import_bundle(store, default_reference(), bundle)
    assert summary["accepted"] == 1
    assert device.get("/sync/changes", since="0").status_code == 200


def test_a_bundle_made_before_the_change_still_imports(
    database: str, tmp_path: Path, clock: MovableClock
) -> None:
    # An HQ database of the previous schema, holding a device the old way.
    token = "an-old-token-issued-before-the-change-0123456789"
    device_id = h.new_id()
    engine = open_engine(database)
    try:
        migrate(engine, stop_before="m008_login_hash")
        with engine.transaction() as db:
            db.execute(
                "INSERT INTO devices (id, name, app_version, branch_code, token_sha256, "
                "registered_at) VALUES (?, 'Laptop', '0.1.0', 'MDN01', ?, '2026-11-01')",
                [device_id, hashlib.sha256(token.encode()).hexdigest()],
            )
    finally:
        engine.close()
    ev = h.event()
    bundle = seal_bundle(device_id, [ev], token_key(token), "2026-11-22T09:15:00+07:00")

    store = Store(database, clock=clock, key_file=tmp_path / "hq.key")
    try:
        assert hashlib.sha256(token.encode()).hexdigest() not in _every_value(store)
        assert store.device_for_token(token) == (device_id, False)
        assert import_bundle(store, default_reference(), bundle)["accepted"] == 1
    finally:
        store.close()


def test_without_hqs_key_file_a_database_copy_opens_nothing(
    client: TestClient, store: Store, device: Device, tmp_path: Path
) -> None:
    """The same database with another key file (a stolen copy, or a lost key): logins
    still work, bundles cannot be opened, and HQ says so instead of failing."""
    bundle = _bundle(device, [h.event()])
    other = Store(store.database, key_file=tmp_path / "another.key")
    try:
        assert other.device_for_token(device.token) == (device.id, False)
        assert other.bundle_material(device.id) is None
        with pytest.raises(BundleError) as refused:
            import_bundle(other, default_reference(), bundle)
        assert refused.value.code == "unknown_device"
    finally:
        other.close()
