"""HQ's own secret, kept outside its database, and what it protects: the key material of
each device's USB bundles.

A bundle is keyed from SHA-256 of the device's token (`models.bundle`). HQ must be able to
open bundles, so it keeps that material, but only sealed (AES-GCM, the device id bound in)
under a 32-byte key in a file of its own: someone reading HQ's database (a copy, a replica,
a backup, a stray SQL query) finds a login hash that is another derivation of the token
and a sealed blob, and can open no bundle. Logins are checked against
`login_hash(token)`, which says nothing of the bundle material.

The file is `$SIGAP_HQ_KEY_FILE`, else beside an SQLite database (`hq.db.key`), else
`~/.config/sigap-hq/bundle.key`; it is made (0600) on first use. Every process of one HQ
(workers, admin commands, other hosts) must read the same file: docs/hq.md."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_FILE_ENV = "SIGAP_HQ_KEY_FILE"
_LOGIN = b"sigap-hq-login\0"
_AAD = b"sigap-hq-bundle-key\0"


def token_material(token: str) -> bytes:
    """What a device's bundles are keyed from: SHA-256 of its token (models.bundle)."""
    return hashlib.sha256(token.encode("utf-8")).digest()


def login_hash(material: bytes) -> str:
    """What HQ keeps to check a token: a second, separate hash of the token's material."""
    return hashlib.sha256(_LOGIN + material).hexdigest()


def key_path(database: str) -> Path:
    configured = os.environ.get(KEY_FILE_ENV)
    if configured:
        return Path(configured)
    if not database.startswith(("postgresql://", "postgres://")):
        return Path(database).with_name(Path(database).name + ".key")
    return Path.home() / ".config" / "sigap-hq" / "bundle.key"


def load_key(path: Path) -> bytes:
    """HQ's key, made on first use (written whole, then linked into place, so two
    processes starting together end up with the same key)."""
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_hex(32) + "\n")
    try:
        os.link(tmp, path)  # fails if another process made it first: then read theirs
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def seal(key: bytes, device_id: str, material: bytes) -> str:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, material, _AAD + device_id.encode("utf-8"))
    return base64.b64encode(nonce + sealed).decode("ascii")


def unseal(key: bytes, device_id: str, text: str) -> bytes | None:
    """The material, or None when it was sealed under another key (or changed)."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
        return AESGCM(key).decrypt(raw[:12], raw[12:], _AAD + device_id.encode("utf-8"))
    except (ValueError, InvalidTag):
        return None
