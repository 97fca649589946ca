"""Officer accounts: id, name, role, active. The passphrase itself is never kept: it wraps the
officer's copy of the database key (`models/vault.py`), so checking it means unwrapping."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from models import audit, vault
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.errors import Problem, SigapError, raise_if_errors
from models.grants import GrantKey
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
    # The desk's grant key, when this is a supervisor who holds it and whose passphrase was
    # just checked (sign-in, approval): what makes a new supervisor (`models/grants.py`).
    grant_key: GrantKey | None = field(default=None, compare=False, repr=False)
    # Their copy's seal, so a new passphrase of their own keeps their grant (models/grants.py).
    seal: bytes | None = field(default=None, compare=False, repr=False)

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def _row(row: tuple[object, ...], db: Database | None = None) -> Officer:
    officer = Officer(str(row[0]), str(row[1]), str(row[2]), bool(row[3]))
    if officer.is_supervisor and db is not None and not _key_says_supervisor(db, officer.id):
        # The database says supervisor, the officer's copy of the key does not make them one
        # (no grant, or out of line: models/grants.py): a role written by hand (anyone who
        # can open the database, or wrap their own copy again, can) counts for nothing.
        # docs/security.md
        log.warning("officer %s: supervisor without a grant; treated as an officer",
                    officer.id)  # fmt: skip
        return replace(officer, role="officer")
    return officer


def _key_says_supervisor(db: Database, officer_id: str) -> bool:
    data_dir = getattr(db, "data_dir", None)
    if not isinstance(data_dir, Path) or not vault.exists(data_dir):
        return True  # not an encrypted desk's database (a plain one being upgraded)
    counts = vault.counts_as_supervisor(data_dir, officer_id)
    return counts is None or counts  # None: no key here yet, cannot sign in


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
    grant_key: GrantKey | None = None,
) -> Officer:
    """A new account. A supervisor needs `grant_key` (the approving supervisor's,
    `Officer.grant_key`) once the desk has one; the desk's first supervisor starts it."""
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
        vault.add(data_dir, key, oid, role, passphrase, grant_key=grant_key)
    return Officer(oid, clean, role, True)


def _keyring(db: Database) -> tuple[Path, bytes]:
    data_dir, key = getattr(db, "data_dir", None), getattr(db, "key", None)
    if not isinstance(data_dir, Path) or not isinstance(key, bytes):
        raise TypeError("open the database with models.db.open_database()")
    return data_dir, key


def set_passphrase(
    db: Database,
    officer_id: str,
    passphrase: str,
    by: str,
    clock: Clock = system_clock,
    grant_key: GrantKey | None = None,
    seal: bytes | None = None,
) -> None:
    """A new passphrase for an officer (their own change, or a supervisor's reset): their
    copy of the key is wrapped again and their wrong-passphrase count cleared. A
    supervisor keeps their grant on their own change (`seal`: theirs, `Officer.seal`); a
    reset grants them anew with `grant_key` (the approver's; SigapError `grant_key_needed`
    without it). They hold the grant key afterwards when `grant_key` is given."""
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
        vault.add(data_dir, key, officer_id, officer.role, passphrase, grant_key=grant_key,
                  seal=seal)  # fmt: skip


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
    opened = vault.check_copy(data_dir, officer_id, passphrase, key)
    return None if opened is None else signed_in(db, officer, opened)


def signed_in(
    db: Database, officer: Officer, opened: vault.Opened, clock: Clock = system_clock
) -> Officer:
    """The officer whose copy `opened` is, as their passphrase makes them: a supervisor only
    when their copy is granted (read again: the sign-in may have settled it), holding the
    grant key when they do. What the sign-in changed in `sigap.keys`, and a copy that says
    supervisor without counting as one, go to the audit trail."""
    at = rfc3339(clock())
    for action, ids in opened.notes:  # the grant key started: the copies it granted
        log.warning("officer %s: %s; granted: %s", officer.id, action, list(ids))
        audit.log(db, at, officer.id, action, "officer", officer.id, {"granted": list(ids)})
    if opened.claims_supervisor and not opened.supervisor:
        log.warning("officer %s: copy says supervisor without a grant that counts", officer.id)
        audit.log(db, at, officer.id, "role_not_granted", "officer", officer.id)
    fresh = get_officer(db, officer.id) or officer
    if not (fresh.is_supervisor and opened.supervisor):
        return replace(fresh, role="officer") if fresh.is_supervisor else fresh
    return replace(fresh, grant_key=opened.grant_key, seal=opened.seal)


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
