"""Officer accounts: id, name, role, and a passphrase kept only as an Argon2id hash."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlite_utils import Database

from models import audit
from models.clock import Clock, rfc3339, system_clock
from models.errors import Problem, SigapError, raise_if_errors
from models.validation import clean_name

ROLES = ("officer", "supervisor")
PASSPHRASE_MIN = 8
_OFFICER_ID = re.compile(r"^[A-Za-z0-9._-]{2,32}$")
# argon2-cffi's defaults are Argon2id (RFC 9106 low-memory profile).
_hasher = PasswordHasher()


@dataclass(frozen=True)
class Officer:
    id: str
    name: str
    role: str
    active: bool

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def _row(row: tuple[object, ...]) -> Officer:
    return Officer(str(row[0]), str(row[1]), str(row[2]), bool(row[3]))


def check_officer(officer_id: str, name: str, role: str, passphrase: str) -> list[Problem]:
    """Every problem with a new officer's details, each on its field."""
    problems: list[Problem] = []
    if not _OFFICER_ID.match(officer_id.strip()):
        problems.append(Problem("officer_id", "officer_id_invalid"))
    problems += clean_name(name, "name")[1]
    if role not in ROLES:
        problems.append(Problem("role", "role_invalid"))
    if len(passphrase) < PASSPHRASE_MIN:
        problems.append(Problem("passphrase", "passphrase_too_short", {"min": PASSPHRASE_MIN}))
    return problems


def add_officer(
    db: Database,
    officer_id: str,
    name: str,
    role: str,
    passphrase: str,
    created_by: str | None = None,
    clock: Clock = system_clock,
) -> Officer:
    oid = officer_id.strip()
    clean, _ = clean_name(name, "name")
    raise_if_errors(check_officer(officer_id, name, role, passphrase))
    if get_officer(db, oid) is not None:
        raise SigapError("officer_exists", officer_id=oid)
    at = rfc3339(clock())
    with db.atomic():
        db.execute(
            "INSERT INTO officers (id, name, role, passphrase_hash, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [oid, clean, role, _hasher.hash(passphrase), at, created_by],
        )
        audit.log(db, at, created_by, "create", "officer", oid, {"role": role})
    return Officer(oid, clean, role, True)


def get_officer(db: Database, officer_id: str) -> Officer | None:
    row = db.execute(
        "SELECT id, name, role, active FROM officers WHERE id = ?", [officer_id]
    ).fetchone()
    return None if row is None else _row(row)


def list_officers(db: Database) -> list[Officer]:
    return [_row(r) for r in db.execute("SELECT id, name, role, active FROM officers ORDER BY id")]


def require_officer(db: Database, officer_id: str | None) -> Officer:
    """The active officer a record is attributed to, or an error saying what to do."""
    if not officer_id:
        raise SigapError("officer_missing")
    officer = get_officer(db, officer_id)
    if officer is None or not officer.active:
        raise SigapError("officer_unknown", officer_id=officer_id)
    return officer


def verify_passphrase(db: Database, officer_id: str, passphrase: str) -> Officer | None:
    """The officer when the passphrase is right, else None (no hint which part was wrong)."""
    row = db.execute(
        "SELECT passphrase_hash FROM officers WHERE id = ? AND active = 1", [officer_id]
    ).fetchone()
    if row is None:
        return None
    try:
        _hasher.verify(row[0], passphrase)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(row[0]):
        with db.atomic():
            db.execute(
                "UPDATE officers SET passphrase_hash = ? WHERE id = ?",
                [_hasher.hash(passphrase), officer_id],
            )
    return get_officer(db, officer_id)
