"""Managing the officers of this laptop: adding one, a supervisor setting a passphrase
(also to bring an inactive account back), an officer changing their own, deactivating an
account and lifting a lock after wrong tries. Everything but an officer's own passphrase
is approved by a supervisor, checked beforehand (`services.approvals.check_supervisor`)."""

from __future__ import annotations

from models import officer_names
from models.clock import Clock, system_clock
from models.database import Database
from models.db import SigapDatabase
from models.errors import SigapError
from models.officers import (
    Officer,
    add_officer,
    deactivate_officer,
    set_passphrase,
    unlock_officer,
    verify_passphrase,
)
from services.changes import Changes

OFFICERS = Changes(officers=True)


def _names_changed(db: Database) -> None:
    """The sign-in's list of names follows the accounts (models/officer_names.py)."""
    if isinstance(db, SigapDatabase):
        officer_names.remember(db, db.data_dir)


def add(
    db: Database,
    officer_id: str,
    name: str,
    role: str,
    passphrase: str,
    approver: Officer,
    clock: Clock = system_clock,
) -> Officer:
    """A new account. A new supervisor is granted by the approver's grant key, which their
    approval (or sign-in) unwrapped (`Officer.grant_key`, models/grants.py)."""
    officer = add_officer(db, officer_id, name, role, passphrase, created_by=approver.id,
                          clock=clock, grant_key=approver.grant_key)  # fmt: skip
    _names_changed(db)
    return officer


def reset_passphrase(
    db: Database, officer_id: str, passphrase: str, approver: Officer, clock: Clock = system_clock
) -> Changes:
    own = approver.seal if approver.id == officer_id else None  # a supervisor's own change
    set_passphrase(db, officer_id, passphrase, approver.id, clock=clock,
                   grant_key=approver.grant_key, seal=own)  # fmt: skip
    _names_changed(db)  # a reset brings an inactive account back
    return OFFICERS


def change_own_passphrase(
    db: Database, officer_id: str, old: str, new: str, clock: Clock = system_clock
) -> Changes:
    """The officer's own passphrase, the old one first; SigapError `passphrase_wrong` when
    the old one is not theirs (and nothing changed)."""
    me = verify_passphrase(db, officer_id, old)
    if me is None:
        raise SigapError("passphrase_wrong")
    # A supervisor who holds the grant key keeps holding it under the new passphrase.
    set_passphrase(db, officer_id, new, officer_id, clock=clock, grant_key=me.grant_key,
                   seal=me.seal)  # fmt: skip
    return OFFICERS


def deactivate(
    db: Database, officer_id: str, approver: Officer, clock: Clock = system_clock
) -> Changes:
    deactivate_officer(db, officer_id, approver.id, clock=clock)
    _names_changed(db)
    return OFFICERS


def unlock(
    db: Database, officer_id: str, approver: Officer, clock: Clock = system_clock
) -> Changes:
    unlock_officer(db, officer_id, approver.id, clock=clock)
    return OFFICERS
