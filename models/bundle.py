"""A bundle for a USB stick: every record not yet at HQ in one encrypted, signed file, for
weeks without internet. HQ imports it (`python -m hq import-bundle FILE`) as if the records
had come by POST /sync/push; docs/sync.md, "Bundle for a USB stick", describes the format.

The format's pieces (magic line, key derivation, sealing) live here and `hq/bundle.py`
reads with them, so the two sides cannot drift apart.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from models import audit
from models import sync_state as state
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import device_id, write_transaction
from models.errors import SigapError
from models.files import write_atomic
from models.folder import private_file
from models.officers import require_officer
from models.outbox import canonical_json
from models.sync_state import QueuedRecord

FORMAT = 1
MAGIC_PREFIX = b"SIGAP-BUNDLE "
MAGIC = MAGIC_PREFIX + str(FORMAT).encode("ascii") + b"\n"
INFO = b"sigap-bundle-v1"
SALT_SIZE = 16
NONCE_SIZE = 12
MAC_SIZE = 32
GCM_TAG_SIZE = 16
#: The header line is a few hundred bytes; a reader looks no further for its end.
MAX_HEADER = 4096
COMPRESSION = "zlib"


@dataclass(frozen=True)
class BundleResult:
    count: int  # records in the bundle
    path: Path


# ------------------------------------------------------------------ the format


def token_key(token: str) -> bytes:
    """The key material both sides hold: SHA-256 of the device token (HQ keeps it sealed
    under its own key file, and checks logins against another hash: hq/keys.py)."""
    return hashlib.sha256(token.encode("utf-8")).digest()


def derive_keys(token_sha256: bytes, salt: bytes) -> tuple[bytes, bytes]:
    """(encryption key, MAC key) of one bundle: HKDF-SHA256 over the token's hash, with the
    bundle's own random salt, so no two bundles share a key."""
    okm = HKDF(algorithm=hashes.SHA256(), length=64, salt=salt, info=INFO).derive(token_sha256)
    return okm[:32], okm[32:]


def mac(mac_key: bytes, signed: bytes) -> bytes:
    return hmac.new(mac_key, signed, hashlib.sha256).digest()


def record_object(rec: QueuedRecord) -> dict[str, Any]:
    """A queue row as the record object of POST /sync/push (same id, payload, sha256)."""
    payload = json.loads(rec.payload)
    return {
        "id": rec.id,
        "type": rec.type,
        "schema": rec.schema,
        "recorded_at": rec.recorded_at,
        "sha256": rec.sha256,
        "payload": payload,
    }


def seal_bundle(
    device: str,
    records: Sequence[dict[str, Any]],
    token_sha256: bytes,
    created_at: str,
    *,
    bundle_id: str | None = None,
    salt: bytes | None = None,
    nonce: bytes | None = None,
) -> bytes:
    """The bytes of a bundle: magic line, header line, AES-256-GCM ciphertext of the
    zlib-compressed canonical body (magic and header as associated data), and HMAC-SHA256
    of everything before it as the last 32 bytes. The header carries no personal data."""
    salt = salt if salt is not None else os.urandom(SALT_SIZE)
    nonce = nonce if nonce is not None else os.urandom(NONCE_SIZE)
    enc_key, mac_key = derive_keys(token_sha256, salt)
    header = {
        "format": FORMAT,
        "bundle_id": bundle_id or str(uuid.uuid4()),
        "device_id": device,
        "created_at": created_at,
        "records": len(records),
        "compression": COMPRESSION,
        "salt": base64.b64encode(salt).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }
    head = MAGIC + canonical_json(header) + b"\n"
    body = canonical_json({"device_id": device, "records": list(records)})
    ciphertext = AESGCM(enc_key).encrypt(nonce, zlib.compress(body, 9), head)
    signed = head + ciphertext
    return signed + mac(mac_key, signed)


# ------------------------------------------------------------------ the device's side


def export_bundle(
    db: Database, path: Path, officer_id: str | None, clock: Clock = system_clock
) -> BundleResult:
    """Write every record not yet at HQ, in recorded order, as one bundle at `path`.

    The records stay pending here: nothing says HQ will get the stick. When HQ has imported
    them, the next online sync hears `already_received` and marks them synced. Personal
    data leaves the device (encrypted), so the officer doing it is required and audited."""
    officer = require_officer(db, officer_id)
    _, token = state.hq_settings(db)
    if not token:
        raise SigapError("bundle_not_registered")
    if state.stopped(db):
        # HQ no longer holds this token (401) or refuses the device (403): it could not
        # open the bundle, or would refuse it.
        raise SigapError("bundle_register_again")
    queued = state.records_not_at_hq(db)
    if not queued:
        raise SigapError("bundle_nothing_waiting")
    at = rfc3339(clock())
    data = seal_bundle(device_id(db), [record_object(r) for r in queued], token_key(token), at)
    _write_atomically(path, data)
    with write_transaction(db):
        audit.log(db, at, officer.id, "export", "bundle", None, {"records": len(queued)})
    return BundleResult(len(queued), path)


def _write_atomically(path: Path, data: bytes) -> None:
    """Written whole beside `path`, flushed to the stick, then renamed: a stick pulled out
    halfway leaves the old file or none, never half a bundle under the real name."""
    try:
        write_atomic(path, data)
        private_file(path)  # encrypted, but still only its owner's to read
    except OSError as exc:
        raise SigapError("bundle_write_failed", path=path.name) from exc
