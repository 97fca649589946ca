"""Officer accounts: id, name, role, active. The passphrase itself is never kept: it wraps the
officer's copy of the database key (`models/vault.py`), so checking it means unwrapping."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

from models import audit, vault
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.errors import Problem, SigapError, raise_if_errors
from models.validation import clean_name

log = logging.getLogger(__name__)

ROLES = ("officer", "supervisor")
PASSPHRASE_MIN = 10
PASSPHRASE_DISTINCT = 6
_OFFICER_ID = re.compile(r"^[A-Za-z0-9._-]{2,32}$")
# Passwords that lists of leaked passwords start with, and this desk's obvious words.
_COMMON = {
    "1234567890", "12345678910", "0123456789", "qwertyuiop", "password123", "passw0rd123",
    "iloveyou123", "sayangkamu", "bismillah", "bismillah123", "indonesia", "indonesia45",
    "merdeka1945", "jakarta123", "bpjsketenagakerjaan", "bpjstk12345", "sigapsigap",
    "katasandi123", "rahasia123", "petugas123", "supervisor",
}  # fmt: skip


@dataclass(frozen=True)
class Officer:
    id: str
    name: str
    role: str
    active: bool

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def _row(row: tuple[object, ...], db: Database | None = None) -> Officer:
    officer = Officer(str(row[0]), str(row[1]), str(row[2]), bool(row[3]))
    if officer.is_supervisor and db is not None and not _key_says_supervisor(db, officer.id):
        # The database says supervisor, the officer's copy of the key does not: the role was
        # written into the database by hand (anyone who can open it can), so it counts for
        # nothing. The key copy's role is sealed with it (vault._aad). docs/security.md
        log.warning("officer %s: supervisor in the database only; treated as an officer",
                    officer.id)  # fmt: skip
        return replace(officer, role="officer")
    return officer


def _key_says_supervisor(db: Database, officer_id: str) -> bool:
    data_dir = getattr(db, "data_dir", None)
    if not isinstance(data_dir, Path) or not vault.exists(data_dir):
        return True  # not an encrypted desk's database (a plain one being upgraded)
    role = vault.role_of(data_dir, officer_id)
    return role is None or role == "supervisor"  # None: no key here yet, cannot sign in


def check_officer(officer_id: str, name: str, role: str, passphrase: str) -> list[Problem]:
    """Every problem with a new officer's details, each on its field."""
    problems: list[Problem] = []
    if not _OFFICER_ID.match(officer_id.strip()):
        problems.append(Problem("officer_id", "officer_id_invalid"))
    problems += clean_name(name, "name")[1]
    if role not in ROLES:
        problems.append(Problem("role", "role_invalid"))
    problems += check_passphrase(officer_id, passphrase)
    return problems


def check_passphrase(officer_id: str, passphrase: str) -> list[Problem]:
    """Long enough, varied enough, not the id, not a common password."""
    if len(passphrase) < PASSPHRASE_MIN:
        return [Problem("passphrase", "passphrase_too_short", {"min": PASSPHRASE_MIN})]
    folded = passphrase.casefold()
    bare = re.sub(r"[\W_]+", "", folded)
    oid = officer_id.strip().casefold()
    if (
        len(set(folded)) < PASSPHRASE_DISTINCT
        or (len(oid) >= 3 and oid in folded)
        or folded in _COMMON
        or bare in _COMMON
    ):
        return [Problem("passphrase", "passphrase_too_simple", {"distinct": PASSPHRASE_DISTINCT})]
    return []


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
    data_dir, key = _keyring(db)
    at = rfc3339(clock())
    with db.atomic():
        db.execute(
            "INSERT INTO officers (id, name, role, passphrase_hash, created_at, created_by) "
            "VALUES (?, ?, ?, '', ?, ?)",
            [oid, clean, role, at, created_by],
        )
        audit.log(db, at, created_by, "create", "officer", oid, {"role": role})
        # Inside the transaction: if wrapping fails (disk full), the account is not made.
        vault.add(data_dir, key, oid, role, passphrase)
    return Officer(oid, clean, role, True)


def _keyring(db: Database) -> tuple[Path, bytes]:
    data_dir, key = getattr(db, "data_dir", None), getattr(db, "key", None)
    if not isinstance(data_dir, Path) or not isinstance(key, bytes):
        raise TypeError("open the database with models.db.open_database()")
    return data_dir, key


def set_passphrase(
    db: Database, officer_id: str, passphrase: str, by: str, clock: Clock = system_clock
) -> None:
    """A new passphrase for an officer (their own change, or a supervisor's reset): their
    copy of the key is wrapped again and their wrong-passphrase count cleared."""
    officer = get_officer(db, officer_id)
    if officer is None:
        raise SigapError("officer_unknown", officer_id=officer_id)
    raise_if_errors(check_passphrase(officer_id, passphrase))
    data_dir, key = _keyring(db)
    at = rfc3339(clock())
    with db.atomic():
        if not officer.active:
            db.execute("UPDATE officers SET active = 1 WHERE id = ?", [officer_id])
            audit.log(db, at, by, "reactivate", "officer", officer_id)
        audit.log(db, at, by, "set_passphrase", "officer", officer_id)
        vault.add(data_dir, key, officer_id, officer.role, passphrase)


def deactivate_officer(db: Database, officer_id: str, by: str, clock: Clock = system_clock) -> None:
    """The account stays (records name it) but its copy of the key is removed: its
    passphrase opens nothing any more."""
    officer = get_officer(db, officer_id)
    if officer is None:
        raise SigapError("officer_unknown", officer_id=officer_id)
    if officer_id == by:
        raise SigapError("officer_not_self")
    others = [o for o in list_officers(db) if o.is_supervisor and o.active and o.id != officer_id]
    if officer.is_supervisor and not others:
        raise SigapError("last_supervisor")
    data_dir, _ = _keyring(db)
    with db.atomic():
        db.execute("UPDATE officers SET active = 0 WHERE id = ?", [officer_id])
        audit.log(db, rfc3339(clock()), by, "deactivate", "officer", officer_id)
        vault.remove(data_dir, officer_id)


def unlock_officer(db: Database, officer_id: str, by: str, clock: Clock = system_clock) -> None:
    """A supervisor lifts the lock left by wrong passphrases."""
    data_dir, _ = _keyring(db)
    with db.atomic():
        audit.log(db, rfc3339(clock()), by, "unlock", "officer", officer_id)
        vault.reset_attempts(data_dir, officer_id)


def officer_has_key(db: Database, officer_id: str) -> bool:
    return vault.has_key(_keyring(db)[0], officer_id)


def get_officer(db: Database, officer_id: str) -> Officer | None:
    row = db.execute(
        "SELECT id, name, role, active FROM officers WHERE id = ?", [officer_id]
    ).fetchone()
    return None if row is None else _row(row, db)


def list_officers(db: Database) -> list[Officer]:
    rows = db.execute("SELECT id, name, role, active FROM officers ORDER BY id").fetchall()
    return [_row(r, db) for r in rows]


def require_officer(db: Database, officer_id: str | None) -> Officer:
    """The active officer a record is attributed to, or an error saying what to do."""
    if not officer_id:
        raise SigapError("officer_missing")
    officer = get_officer(db, officer_id)
    if officer is None or not officer.active:
        raise SigapError("officer_unknown", officer_id=officer_id)
    return officer


def verify_passphrase(db: Database, officer_id: str, passphrase: str) -> Officer | None:
    """The active officer when the passphrase is theirs, else None (no hint which part was
    wrong). Raises SigapError when wrong tries have made the account wait or locked it."""
    officer = get_officer(db, officer_id)
    if officer is None or not officer.active:
        return None
    data_dir, key = _keyring(db)
    if not vault.has_key(data_dir, officer_id):
        raise SigapError("officer_no_key", officer_id=officer_id)
    return officer if vault.check(data_dir, officer_id, passphrase, key) else None


def approve(db: Database, supervisor_id: str | None, passphrase: str) -> Officer:
    """A supervisor's approval: their passphrase, checked now. Raises SigapError saying what
    is wrong, so the caller's dialog shows it and keeps what was typed elsewhere."""
    if not supervisor_id:
        raise SigapError("needs_supervisor")
    officer = verify_passphrase(db, supervisor_id, passphrase)
    if officer is None:
        raise SigapError("passphrase_wrong")
    if not officer.is_supervisor:
        raise SigapError("needs_supervisor")
    return officer
