"""Card signatures: the device's own Ed25519 key, the signed text in a card's QR code, and
checking a card offline (is it genuine, whose is it, are they paid up).

The QR text is `SIGAP1|<member number or P-XXXXXXXX>|<enrolment id>|<signature>`, the
signature being Ed25519 over everything before the last `|`, in unpadded base64url. It is
142 characters, a version 8 QR code at error correction M (49 modules a side).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from models.database import Database
from models.db import get_setting, set_setting, write_transaction
from models.member_numbers import provisional_number as provisional_number
from models.messages import text as message_text
from models.nik import mask_nik
from models.rates import add_months
from models.reference import ReferenceData, default_reference

VERSION = "SIGAP1"
SEPARATOR = "|"
PRIVATE_KEY_SETTING = "device_signing_key"
PUBLIC_KEY_SETTING = "device_public_key"
_SIGNATURE_CHARS = 86  # 64 bytes in unpadded base64url


# ------------------------------------------------------------------ the device's key


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def private_key(db: Database) -> Ed25519PrivateKey:
    """This device's signing key, made on first use and kept in the settings table (the
    encryption at rest that arrives later covers it with the rest of the database).
    Made inside a write transaction, so two Sigaps on one folder never make two keys."""
    stored = get_setting(db, PRIVATE_KEY_SETTING)
    if stored is None:
        with write_transaction(db):
            stored = get_setting(db, PRIVATE_KEY_SETTING)
            if stored is None:
                key = Ed25519PrivateKey.generate()
                stored = _b64(key.private_bytes_raw())
                set_setting(db, PRIVATE_KEY_SETTING, stored)
                set_setting(db, PUBLIC_KEY_SETTING, _b64(_raw_public(key.public_key())))
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))


def public_key_bytes(db: Database) -> bytes:
    """The raw 32 bytes of this device's public key (made with the key pair if needed)."""
    return _raw_public(private_key(db).public_key())


# ------------------------------------------------------------------ signing and verifying


def card_payload(member_ref: str, enrolment_id: str) -> str:
    """The signed part of a card's QR text; `member_ref` is the member number or the
    provisional number (see `provisional_number`)."""
    for part in (member_ref, enrolment_id):
        if not part or SEPARATOR in part or part != part.strip():
            raise ValueError("a card payload part is empty or contains the separator")
    return SEPARATOR.join((VERSION, member_ref, enrolment_id))


def _signature_text(signature: bytes) -> str:
    return base64.urlsafe_b64encode(signature).decode("ascii").rstrip("=")


def sign_with(key: Ed25519PrivateKey, payload: str) -> str:
    """The QR text: the payload, the separator, the signature (for batches: one key read)."""
    return payload + SEPARATOR + _signature_text(key.sign(payload.encode("utf-8")))


@dataclass(frozen=True)
class CardVerification:
    ok: bool
    why: str  # a message code: card_genuine | card_not_sigap | card_signature_invalid
    member_ref: str | None = None
    enrolment_id: str | None = None
    key_index: int | None = None  # which of the public keys signed it

    def message(self, lang: str = "id") -> str:
        return message_text(self.why, lang)


def _decode_signature(sig: str) -> bytes | None:
    """Strict: only the one canonical spelling of 64 bytes. Base64's last character
    carries 4 spare bits, and a lenient decoder would accept it changed."""
    if len(sig) != _SIGNATURE_CHARS:
        return None
    try:
        raw = base64.urlsafe_b64decode(sig + "==")
    except (binascii.Error, ValueError):
        return None
    if len(raw) != 64 or _signature_text(raw) != sig:
        return None
    return raw


def verify_card_text(text: str, public_keys: Sequence[bytes]) -> CardVerification:
    """Whether `text` (as scanned: surrounding whitespace is ignored) is a card signed by
    one of `public_keys` (raw 32-byte Ed25519 keys)."""
    scanned = text.strip()
    payload, sep, sig = scanned.rpartition(SEPARATOR)
    parts = payload.split(SEPARATOR)
    if not sep or len(parts) != 3 or parts[0] != VERSION or not parts[1] or not parts[2]:
        return CardVerification(False, "card_not_sigap")
    signature = _decode_signature(sig)
    if signature is None:
        return CardVerification(False, "card_signature_invalid")
    message = payload.encode("utf-8")
    for index, raw_key in enumerate(public_keys):
        try:
            Ed25519PublicKey.from_public_bytes(raw_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            continue
        return CardVerification(True, "card_genuine", parts[1], parts[2], index)
    return CardVerification(False, "card_signature_invalid")


# ------------------------------------------------------------------ paid until


def paid_until_for(db: Database, enrolment_ids: Iterable[str]) -> dict[str, date]:
    """Enrolment id → first day of the last month its non-voided payments cover (ids with
    no such payment are left out)."""
    ids = list(enrolment_ids)
    out: dict[str, date] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = db.execute(
            "SELECT enrolment_id, period_start, months FROM payments WHERE voided_at IS NULL "
            "AND enrolment_id IN (" + ",".join("?" * len(chunk)) + ")",
            chunk,
        ).fetchall()
        for enrolment_id, period_start, months in rows:
            year, month = (int(x) for x in str(period_start)[:7].split("-"))
            last = add_months(date(year, month, 1), int(months) - 1)
            if enrolment_id not in out or last > out[enrolment_id]:
                out[enrolment_id] = last
    return out


@dataclass(frozen=True)
class Standing:
    paid_up: bool  # today's month is paid for
    unpaid_months: int  # months after the last paid one, up to and including today's
    lapsed: bool  # more unpaid months than the lapse rule allows

    @property
    def code(self) -> str:
        if self.lapsed:
            return "card_lapsed"
        return "card_paid_up" if self.paid_up else "card_in_arrears"


def standing(paid_until: date, today: date, lapse_after_unpaid_months: int) -> Standing:
    """Paid up while today's month is covered. Membership lapses after N unpaid months:
    paid until November, with N = 3, December to February are owed but the membership
    still holds; from March it has lapsed."""
    unpaid = max(0, (today.year * 12 + today.month) - (paid_until.year * 12 + paid_until.month))
    return Standing(unpaid == 0, unpaid, unpaid > lapse_after_unpaid_months)


# ------------------------------------------------------------------ checking a card


@dataclass(frozen=True)
class CardCheck:
    """What the "check a card" box shows. `why` is the headline message code; `notes` are
    further message codes. Names and NIKs are fields here, never inside a message."""

    genuine: bool
    why: str
    enrolment_id: str | None = None
    full_name: str | None = None
    masked_nik: str | None = None
    member_number: str | None = None  # the record's, which may be newer than the card's
    card_number: str | None = None  # what the card says: member or provisional number
    paid_until: date | None = None
    paid_up: bool = False
    lapsed: bool = False
    unpaid_months: int | None = None
    notes: tuple[str, ...] = ()
    params: dict[str, Any] | None = None  # placeholders of `why` and `notes`

    def messages(self, lang: str = "id") -> list[str]:
        params = self.params or {}
        return [message_text(code, lang, **params) for code in (self.why, *self.notes)]

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        """For the command line as JSON. It holds the name and masked NIK: the officer asked
        about this card, and the caller decides where the answer goes."""
        return {
            "genuine": self.genuine,
            "why": self.why,
            "messages": self.messages(lang),
            "enrolment_id": self.enrolment_id,
            "full_name": self.full_name,
            "masked_nik": self.masked_nik,
            "member_number": self.member_number,
            "card_number": self.card_number,
            "paid_until": self.paid_until.strftime("%Y-%m") if self.paid_until else None,
            "paid_up": self.paid_up,
            "lapsed": self.lapsed,
            "unpaid_months": self.unpaid_months,
            "notes": list(self.notes),
        }


def check_card(db: Database, text: str, today: date, ref: ReferenceData | None = None) -> CardCheck:
    """Verify scanned QR text with this device's public key and, when genuine, say whose
    card it is and whether they are paid up today."""
    verification = verify_card_text(text, [public_key_bytes(db)])
    if not verification.ok or verification.enrolment_id is None:
        return CardCheck(False, verification.why)
    enrolment_id = verification.enrolment_id
    card_number = verification.member_ref
    row = db.execute(
        "SELECT full_name, nik, member_number FROM enrolments WHERE id = ?", [enrolment_id]
    ).fetchone()
    if row is None:
        return CardCheck(True, "card_enrolment_missing", enrolment_id, card_number=card_number)
    full_name, nik, member_number = row
    notes: list[str] = []
    if card_number != (member_number or provisional_number(enrolment_id)):
        notes.append("card_number_assigned" if member_number else "card_number_differs")
    paid_until = paid_until_for(db, [enrolment_id]).get(enrolment_id)
    lapse_after = int((ref or default_reference()).rates["lapse_after_unpaid_months"])
    common: dict[str, Any] = {
        "enrolment_id": enrolment_id,
        "full_name": str(full_name),
        "masked_nik": mask_nik(str(nik)),
        "member_number": member_number,
        "card_number": card_number,
    }
    if paid_until is None:
        return CardCheck(True, "card_genuine", **common, notes=("card_no_payment", *notes))
    s = standing(paid_until, today, lapse_after)
    return CardCheck(
        True,
        "card_genuine",
        **common,
        paid_until=paid_until,
        paid_up=s.paid_up,
        lapsed=s.lapsed,
        unpaid_months=s.unpaid_months,
        notes=(s.code, *notes),
        params={"months": s.unpaid_months, "lapse_after": lapse_after},
    )
