"""AES-256-GCM for the key file's wrapped copies (`models/vault.py`), with `cryptography`
loaded at the first use: a sign-in derives the key-encryption key (Argon2, 64 MiB) before
it, so the library is not resident while the hash runs (docs/start-up.md)."""

from __future__ import annotations


def seal(kek: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(kek).encrypt(nonce, data, aad)


def unseal(kek: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    """The data; ValueError when the tag does not hold (a wrong key-encryption key)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(nonce, sealed, aad)
    except InvalidTag:
        raise ValueError("tag") from None
