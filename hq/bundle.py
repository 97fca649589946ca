"""Importing a device's bundle (a USB stick instead of the internet): check its signature,
decrypt it, and decide its records exactly as POST /sync/push would, so importing twice, or
the same records arriving online later, stores nothing twice. Format: docs/sync.md."""

from __future__ import annotations

import base64
import binascii
import hmac
import zlib
from collections.abc import Callable
from typing import Any, NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hq import records as decisions
from hq.app import ApiError, parse_push
from hq.guards import parse_json
from hq.rules import is_record_id
from hq.store import Store
from models.bundle import (
    COMPRESSION,
    FORMAT,
    GCM_TAG_SIZE,
    MAC_SIZE,
    MAGIC_PREFIX,
    MAX_HEADER,
    NONCE_SIZE,
    SALT_SIZE,
    derive_keys,
    mac,
)
from models.reference import ReferenceData

#: Every answer POST /sync/push can give a record; the import summary counts each.
STATUSES = ("accepted", "already_received", "duplicate_person", "rejected", "conflict", "retry")

_DAMAGED = (
    "The bundle is damaged or was changed: its signature does not match. Nothing was "
    "imported. Copy the file from the device again, or export a new bundle there (a bundle "
    "made before the device was registered again cannot be opened either)."
)


class BundleError(Exception):
    """A bundle HQ cannot import; `message` says why and what to do, without personal data.
    Codes: not_a_bundle, unsupported_version, unknown_device, damaged, malformed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Bundle(NamedTuple):
    device_id: str
    records: list[dict[str, Any]]  # as in POST /sync/push, in recorded order
    bundle_id: str
    created_at: str


def _b64(value: object, size: int) -> bytes:
    if not isinstance(value, str):
        raise ValueError("not base64 text")
    raw = base64.b64decode(value.encode("ascii"), validate=True)
    if len(raw) != size:
        raise ValueError("wrong length")
    return raw


def read_bundle(data: bytes, token_sha256_for: Callable[[str], str | None]) -> Bundle:
    """The device and records of a bundle, or BundleError. `token_sha256_for(device_id)` is
    the hex SHA-256 of the device's current token, None when HQ does not know the device or
    revoked it. The signature is checked before anything is decrypted."""
    if not data.startswith(MAGIC_PREFIX):
        raise BundleError(
            "not_a_bundle",
            "This file is not a Sigap bundle (it does not start with SIGAP-BUNDLE). "
            "Check that the right file was chosen.",
        )
    magic_end = data.find(b"\n", 0, 32)
    version = data[len(MAGIC_PREFIX) : magic_end] if magic_end > 0 else b""
    if not (version.isdigit() and len(version) <= 6):
        raise BundleError(
            "not_a_bundle", "This file is not a Sigap bundle (its first line is not one)."
        )
    if int(version) != FORMAT:
        raise BundleError(
            "unsupported_version",
            f"This bundle is format {int(version)}; this HQ reads format {FORMAT} only. "
            "Update HQ, then import it again.",
        )
    # Until the signature is checked the header is only a hint; anything unreadable in it
    # is damage.
    header_end = data.find(b"\n", magic_end + 1, magic_end + 1 + MAX_HEADER)
    if header_end < 0:
        raise BundleError("damaged", _DAMAGED)
    try:
        header = parse_json(data[magic_end + 1 : header_end])
        if not isinstance(header, dict):
            raise ValueError("header is not an object")
        salt = _b64(header.get("salt"), SALT_SIZE)
        nonce = _b64(header.get("nonce"), NONCE_SIZE)
    except (UnicodeDecodeError, ValueError, binascii.Error):
        raise BundleError("damaged", _DAMAGED) from None
    device = header.get("device_id")
    if not is_record_id(device) or len(data) < header_end + 1 + GCM_TAG_SIZE + MAC_SIZE:
        raise BundleError("damaged", _DAMAGED)

    token_sha256 = token_sha256_for(device)
    if token_sha256 is None:
        raise BundleError(
            "unknown_device",
            f"HQ does not know device {device}, or the branch office revoked it. Nothing "
            "was imported. Register the device again with a code from the branch office, "
            "then export a new bundle (or check that the file was copied whole).",
        )
    enc_key, mac_key = derive_keys(bytes.fromhex(token_sha256), salt)
    signed, signature = data[:-MAC_SIZE], data[-MAC_SIZE:]
    if not hmac.compare_digest(mac(mac_key, signed), signature):
        raise BundleError("damaged", _DAMAGED)

    # Signed by the device from here on: what is wrong now is the device's making.
    def malformed(detail: str) -> BundleError:
        return BundleError(
            "malformed",
            f"The bundle of device {device} is signed but its contents cannot be read "
            f"({detail}). Nothing was imported; report this with the app's version.",
        )

    if header.get("format") != FORMAT or header.get("compression") != COMPRESSION:
        raise malformed("format or compression")
    try:
        packed = AESGCM(enc_key).decrypt(
            nonce, data[header_end + 1 : -MAC_SIZE], signed[: header_end + 1]
        )
    except InvalidTag:
        raise BundleError("damaged", _DAMAGED) from None
    try:
        body = parse_json(zlib.decompress(packed))
    except (zlib.error, ValueError):
        raise malformed("the body is not compressed JSON") from None
    if not isinstance(body, dict) or body.get("device_id") != device:
        raise malformed("the body names another device")
    recs = body.get("records")
    if not isinstance(recs, list) or len(recs) != header.get("records"):
        raise malformed("the record count differs from the header")
    bundle_id, created_at = header.get("bundle_id"), header.get("created_at")
    if not isinstance(bundle_id, str) or not isinstance(created_at, str):
        raise malformed("bundle_id or created_at")
    return Bundle(device, recs, bundle_id, created_at)


def active_token_sha256(store: Store) -> Callable[[str], str | None]:
    """The lookup `read_bundle` needs: the hex of a device's bundle material (SHA-256 of its
    token, kept sealed under HQ's key: hq/keys.py), None if unknown or revoked."""

    def lookup(device_id: str) -> str | None:
        material = store.bundle_material(device_id)
        return None if material is None else material.hex()

    return lookup


def import_bundle(store: Store, ref: ReferenceData, data: bytes) -> dict[str, Any]:
    """Read a bundle and decide its records through the same code as POST /sync/push (one
    transaction, request order, the bundle's id as the batch id). A summary: the bundle,
    its device, how many records, and how many got each answer."""
    bundle = read_bundle(data, active_token_sha256(store))
    try:
        batch_id, recs = parse_push(
            {
                "device_id": bundle.device_id,
                "batch_id": bundle.bundle_id,
                "records": bundle.records,
            },
            bundle.device_id,
            max(1, len(bundle.records)),
        )
    except ApiError as exc:
        raise BundleError(
            "malformed",
            f"The bundle of device {bundle.device_id} is signed but its records are not as "
            f"/sync/push takes them: {exc.message} Nothing was imported; report this with "
            "the app's version.",
        ) from None
    results = decisions.push(store, ref, bundle.device_id, batch_id, recs)
    counts = dict.fromkeys(STATUSES, 0)
    for r in results:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    return {
        "bundle_id": bundle.bundle_id,
        "device_id": bundle.device_id,
        "created_at": bundle.created_at,
        "records": len(results),
        **counts,
    }
