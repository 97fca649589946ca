"""Role grants: who counts as a supervisor, in a way an officer cannot forge.

Each officer's passphrase unwraps a copy of the database key (`models/vault.py`), so an
officer who knows their own passphrase can wrap their *own* copy again for any role.
Anything keyed by the database key alone is forgeable by them. A supervisor's role
therefore needs something only a supervisor holds:

- **The desk's grant key**, an Ed25519 key pair. Its private half is kept in `sigap.keys`
  wrapped under each holding supervisor's passphrase-derived key (beside their copy of the
  database key); officers never get it. Its public half is `grant_key` in the file.
- **A grant** per key copy: the grant key's signature over the desk (vault id), the
  officer id, the role and the copy's id (`sigap-grant|…`). It cannot be moved to another
  officer, another desk or another role; a supervisor's is sealed to their copy (below).
- **A pin** per key copy: the grant key's public half and the copy's id are part of the
  authenticated data of the copy's AES-GCM wrapping. Changing the pin of someone else's
  copy (without their passphrase) makes that copy open nothing.

A copy that says "supervisor" counts (`counts_as_supervisor`) only when its grant verifies
under the desk's grant key and *every* pinned copy in the file pins that same key. An
officer who makes a key pair of their own and wraps their copy again for it is out of line
with the others, and nobody counts as a supervisor until the file is in line again; to get
in line they would have to change every other copy's pin, which locks every other officer
and supervisor out: evident, never a silent gain. What a sign-in changes (`settle`), and
what is left open, is in docs/security.md, "Officers, supervisors, and what each can do".

A file with no grant key and no pins is a desk from before grants: the role sealed into
each copy's wrapping counts, as it did then, until its first supervisor signs in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.errors import SigapError

# `cryptography` is loaded where it is used: a sign-in reads this module before its Argon2
# hash and needs the library only after it (docs/start-up.md).
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

log = logging.getLogger(__name__)

DESK_KEY = "grant_key"  # top level: the desk's grant public key; in an entry: its wrapped copy
SUPERVISOR = "supervisor"


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class GrantKey:
    """The desk's grant signing key, unwrapped by a holding supervisor's passphrase."""

    private: Ed25519PrivateKey

    @staticmethod
    def new() -> GrantKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return GrantKey(Ed25519PrivateKey.generate())

    @property
    def public(self) -> str:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        raw = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return _b64(raw)

    def sign(
        self, vault_id: str, officer_id: str, role: str, copy: str, sealed: bool = False
    ) -> dict[str, Any]:
        sig = self.private.sign(_message(vault_id, officer_id, role, copy, sealed))
        grant: dict[str, Any] = {"copy": copy, "sig": _b64(sig)}
        if sealed:
            grant["sealed"] = True
        return grant


@dataclass(frozen=True)
class Opened:
    """A copy opened by its owner's passphrase: the database key, the grant key when this
    supervisor holds it, whether they count as a supervisor, whether their copy says so,
    and what their sign-in changed in the file (for the audit trail)."""

    key: bytes
    grant_key: GrantKey | None = None
    supervisor: bool = False
    claims_supervisor: bool = False
    notes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    seal: bytes | None = None  # the copy's seal (`seal_id`), to keep it under a new passphrase


def new_copy_id() -> str:
    return secrets.token_hex(16)


def _message(vault_id: str, officer_id: str, role: str, copy: str, sealed: bool) -> bytes:
    kind = "sealed" if sealed else "open"
    return f"sigap-grant|{vault_id}|{officer_id}|{role}|{copy}|{kind}".encode()


def valid(public: object, vault_id: str, officer_id: str, role: str, grant: object) -> bool:
    """Whether `grant` is the signature of the grant key `public` for this officer and role."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not isinstance(public, str) or not isinstance(grant, dict):
        return False
    copy = grant.get("copy")
    if not isinstance(copy, str):
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(_unb64(public))
        sealed = grant.get("sealed") is True
        key.verify(_unb64(grant.get("sig")), _message(vault_id, officer_id, role, copy, sealed))
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


def _private_aad(vault_id: str, officer_id: str, public: str) -> bytes:
    return f"sigap-grant-key|{vault_id}|{officer_id}|{public}".encode()


def wrap_private(kek: bytes, key: GrantKey, vault_id: str, officer_id: str) -> dict[str, str]:
    """The grant key's private half, wrapped under one supervisor's passphrase-derived key."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    raw = key.private.private_bytes_raw()
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(kek).encrypt(nonce, raw, _private_aad(vault_id, officer_id, key.public))
    return {"nonce": _b64(nonce), "wrapped": _b64(sealed)}


def unwrap_private(kek: bytes, entry: dict[str, Any], vault_id: str, oid: str) -> GrantKey | None:
    """The grant key this copy holds, when it holds one for the key it pins."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    held, pin = entry.get(DESK_KEY), entry.get("pin")
    if not isinstance(held, dict) or not isinstance(pin, str):
        return None
    try:
        raw = AESGCM(kek).decrypt(
            _unb64(held.get("nonce")), _unb64(held.get("wrapped")),
            _private_aad(vault_id, oid, pin),
        )  # fmt: skip
        key = GrantKey(Ed25519PrivateKey.from_private_bytes(raw))
    except (InvalidTag, ValueError, binascii.Error):
        return None
    return key if key.public == pin else None


# ------------------------------------------------------------------ seals
# A supervisor's grant is *sealed* to their own copy: its copy id is the hash of a random
# secret (the seal) kept wrapped under the owner's passphrase-derived key. Whoever puts a
# copy of their own in someone's place, carrying that person's grant, cannot unwrap the
# seal with their passphrase, so the grant does not count for them. A new passphrase keeps
# the seal (the old one unwraps it); a reset gives a new seal and grant (a holder's). The
# grants made at the upgrade for others' copies are "open" (no seal: their owners'
# passphrases were not at hand) until a holder resets them.


def new_seal() -> bytes:
    return secrets.token_bytes(32)


def seal_id(seal: bytes) -> str:
    return hashlib.sha256(b"sigap-seal|" + seal).hexdigest()[:32]


def _seal_aad(vault_id: str, officer_id: str) -> bytes:
    return f"sigap-seal|{vault_id}|{officer_id}".encode()


def wrap_seal(kek: bytes, seal: bytes, vault_id: str, officer_id: str) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    sealed = AESGCM(kek).encrypt(nonce, seal, _seal_aad(vault_id, officer_id))
    return {"nonce": _b64(nonce), "wrapped": _b64(sealed)}


def unwrap_seal(kek: bytes, entry: dict[str, Any], vault_id: str, oid: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    held = entry.get("seal")
    if not isinstance(held, dict):
        return None
    try:
        return AESGCM(kek).decrypt(
            _unb64(held.get("nonce")), _unb64(held.get("wrapped")), _seal_aad(vault_id, oid)
        )
    except (InvalidTag, ValueError, binascii.Error):
        return None


def seal_holds(kek: bytes, entry: dict[str, Any], vault_id: str, oid: str) -> bool:
    """Whether this passphrase's copy is the one its grant was sealed to (or it is open)."""
    grant = entry.get("grant")
    if not isinstance(grant, dict) or grant.get("sealed") is not True:
        return True
    seal = unwrap_seal(kek, entry, vault_id, oid)
    return seal is not None and seal_id(seal) == grant.get("copy")


def grant_for(
    data: dict[str, Any],
    officer_id: str,
    role: str,
    grant_key: GrantKey | None,
    seal: bytes | None,
    old_seal: Callable[[], bytes | None],
) -> tuple[str, dict[str, Any] | None, bytes | None]:
    """The copy id, grant and seal of a new copy (a new passphrase, a reset, a new account)
    on a desk with a grant key. The copy keeps its grant for the same role when it can: a
    sealed one with its seal (`seal`, or the one `old_seal()` unwraps with the new
    passphrase, when it is the same), an open one unless a holder can seal it. Otherwise
    `grant_key` (the approver's) makes a new grant, sealed for a supervisor; without it a
    supervisor's copy is refused (`grant_key_needed`) and an officer's has no grant."""
    vault_id, desk = data["vault_id"], desk_key(data)
    if grant_key is not None and grant_key.public != desk:
        grant_key = None  # not this desk's key: it grants nothing here
    old = data["officers"].get(officer_id) or {}
    grant = old.get("grant")
    if old.get("role") == role and valid(desk, vault_id, officer_id, role, grant):
        assert isinstance(grant, dict)
        if grant.get("sealed") is not True:
            if role != SUPERVISOR or grant_key is None:
                return str(grant["copy"]), grant, None  # open: sealed by a holder's reset
        elif seal is None or seal_id(seal) != grant["copy"]:
            seal = old_seal()
        if grant.get("sealed") is True and seal is not None and seal_id(seal) == grant["copy"]:
            return str(grant["copy"]), grant, seal
    if grant_key is None:
        if role == SUPERVISOR:
            raise SigapError("grant_key_needed")
        return new_copy_id(), None, None
    if role != SUPERVISOR:
        copy = new_copy_id()
        return copy, grant_key.sign(vault_id, officer_id, role, copy), None
    fresh = new_seal()
    return seal_id(fresh), grant_key.sign(vault_id, officer_id, role, seal_id(fresh), True), fresh


# ------------------------------------------------------------------ who counts


def pins(data: dict[str, Any]) -> set[str]:
    return {str(e["pin"]) for e in data["officers"].values() if e.get("pin")}


def desk_key(data: dict[str, Any]) -> str | None:
    """The desk's grant key: the one every pinned copy pins (None when they disagree). The
    `grant_key` written at the top of the file counts only while no copy is pinned: it is
    not authenticated, the pins are."""
    pinned = pins(data)
    if pinned:
        return next(iter(pinned)) if len(pinned) == 1 else None
    value = data.get(DESK_KEY)
    return value if isinstance(value, str) else None


def before_grants(data: dict[str, Any]) -> bool:
    """A desk from before grants (no grant key, no pin): sealed roles count as they did."""
    return desk_key(data) is None and not pins(data)


def in_line(data: dict[str, Any]) -> bool:
    """A grant key, and every pinned copy pins it."""
    return desk_key(data) is not None


def counts_as_supervisor(data: dict[str, Any], officer_id: str) -> bool:
    entry = data["officers"].get(officer_id)
    if not entry or entry.get("role") != SUPERVISOR:
        return False
    if before_grants(data):
        return True
    if not in_line(data):
        return False
    grant = entry.get("grant")
    if not valid(desk_key(data), data["vault_id"], officer_id, SUPERVISOR, grant):
        return False
    return not entry.get("pin") or entry.get("copy") == grant["copy"]


def supervisors(data: dict[str, Any]) -> set[str]:
    return {oid for oid in data["officers"] if counts_as_supervisor(data, oid)}


# ------------------------------------------------------------------ changing the file


def start(data: dict[str, Any], key: GrantKey, signer_id: str) -> None:
    """`key` becomes the desk's grant key (the first supervisor of a new desk, or the first
    supervisor's sign-in after the upgrade): every other copy gets a grant for the role
    sealed in it, and is pinned at its owner's next sign-in. Only on a file with no pin."""
    data[DESK_KEY] = key.public
    for oid, entry in data["officers"].items():
        if oid != signer_id:
            entry["grant"] = key.sign(data["vault_id"], oid, str(entry["role"]), new_copy_id())
            entry.pop("seal", None)  # an open grant: no seal of the owner's at hand


Rewrap = Callable[[str, str, "dict[str, Any] | None", "GrantKey | None", "bytes | None"], None]


def settle(
    data: dict[str, Any], officer_id: str, kek: bytes, rewrap: Rewrap
) -> tuple[GrantKey | None, bytes | None, list[tuple[str, tuple[str, ...]]]]:
    """What a right passphrase (its key `kek`) does for the grants, at a sign-in:

    - on a file with no pin yet (a desk from before grants), a copy sealed as supervisor
      and not granted starts the grant key, held by its owner: the first supervisor's
      sign-in after the upgrade (`start`);
    - a copy not yet pinned and granted by the desk's key, on a file in line, is pinned to
      that key (a copy not granted by it stays as it is, and counts as an officer's);
    - nothing else. In particular a sign-in never takes copies pinned to another key out of
      the file, nor starts a new key once any copy is pinned: an officer could do either
      with their own copy (docs/security.md says what that leaves open).

    `rewrap(pin, copy, grant, holds, seal)` wraps this officer's copy again with those.
    Returns the grant key this copy holds (or None), its seal (or None) and what changed,
    for the audit trail."""
    entry, vault_id = data["officers"][officer_id], data["vault_id"]
    role, pin, grant = str(entry["role"]), entry.get("pin"), entry.get("grant")
    desk = desk_key(data)
    held = unwrap_private(kek, entry, vault_id, officer_id) if pin else None
    seal = unwrap_seal(kek, entry, vault_id, officer_id)
    notes: list[tuple[str, tuple[str, ...]]] = []
    granted = valid(desk, vault_id, officer_id, role, grant)
    if role == SUPERVISOR and not pins(data) and not granted:
        held, seal = GrantKey.new(), new_seal()
        start(data, held, officer_id)
        grant = held.sign(vault_id, officer_id, role, seal_id(seal), True)
        rewrap(held.public, seal_id(seal), grant, held, seal)
        notes.append(("grant_key_started", tuple(sorted(set(data["officers"]) - {officer_id}))))
    elif pin is None and granted and in_line(data):
        assert desk is not None and isinstance(grant, dict)
        rewrap(desk, str(grant["copy"]), grant, None, seal)
    if len(pins(data)) > 1:  # for branch IT: which copies pin which key
        by_key: dict[str, list[str]] = {}
        for oid, e in sorted(data["officers"].items()):
            if e.get("pin"):
                by_key.setdefault(str(e["pin"])[:12], []).append(oid)
        log.warning("sigap.keys out of line: copies pin different grant keys %s; nobody "
                    "counts as a supervisor until the wrong ones are removed", by_key)  # fmt: skip
    return held, seal, notes
