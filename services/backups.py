"""Backups from the window: one made now, on a connection of its own (a background task),
and a restore approved by a supervisor, with no sync running on the file it replaces."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from models import folder
from models.backup import (
    MANUAL,
    BackupInfo,
    Progress,
    RestoreResult,
    list_backups,
    make_backup,
    newest_good_backup,
    resolve_backup,
    restore,
    same_key,
    unlock_supervisor,
)
from models.clock import Clock, system_clock
from models.database import Database
from models.desk import hold_folder
from models.errors import SigapError
from sync.lock import LOCK_FILE, Busy, lock_path_for, sync_lock

__all__ = [
    "Busy",
    "back_up_now",
    "back_up_on",
    "list_backups",
    "check_restore_approval",
    "restore_backup",
    "restore_folder",
    "restore_unopened",
]


def back_up_now(
    connect: Callable[[], Database],
    clock: Clock = system_clock,
    progress: Progress | None = None,
) -> BackupInfo:
    """A manual backup; `progress(done, total)` as pages are copied."""
    db = connect()  # SQLite connections stay in their thread
    try:
        return back_up_on(db, clock, progress)
    finally:
        db.close()


def back_up_on(
    db: Database, clock: Clock = system_clock, progress: Progress | None = None
) -> BackupInfo:
    """`back_up_now` on a connection the caller owns (the command line's)."""
    return make_backup(db, MANUAL, clock=clock, progress=progress)  # type: ignore[arg-type]


def restore_backup(
    db: Database,
    data_dir: Path,
    backup_path: Path,
    key: bytes,
    approver_id: str,
    clock: Clock = system_clock,
) -> RestoreResult:
    """Close `db` (the window's connection) and restore the backup at `backup_path` over
    the database of `data_dir`, approved by `approver_id`. Raises `Busy` (nothing done,
    `db` still open) while a sync runs; any other failure leaves `db` closed."""
    # No command may be writing to the file being replaced (models/folder.py), nor a sync.
    with folder.exclusive(data_dir), sync_lock(lock_path_for(db)):
        db.close()
        return restore(data_dir, backup_path, key, officer_id=approver_id, clock=clock)


def check_restore_approval(data_dir: Path, supervisor_id: str, passphrase: str, key: bytes) -> None:
    """A restore approved before the database is open (it may be damaged): the supervisor's
    passphrase unlocks their copy of the key, which must be this database's. Raises
    SigapError (`passphrase_wrong`, `needs_supervisor`, `database_key_wrong`)."""
    if not same_key(unlock_supervisor(data_dir, supervisor_id, passphrase), key):
        raise SigapError("database_key_wrong")


def restore_unopened(
    data_dir: Path, backup_path: Path, key: bytes, approver_id: str, clock: Clock = system_clock
) -> RestoreResult:
    """Restore a backup over a database the window could not open."""
    with folder.exclusive(data_dir):
        return restore(data_dir, backup_path, key, officer_id=approver_id, clock=clock)


def restore_folder(
    data_dir: Path,
    supervisor_id: str | None,
    passphrase: Callable[[], str],
    backup_name: str | None,
    latest: bool = False,
    clock: Clock = system_clock,
) -> RestoreResult:
    """The command line's restore, without signing in (the database may be damaged, so it
    is never opened): the supervisor's `passphrase()` unlocks their copy of the key, which
    is also their approval (the restore itself is audited under their id). Nothing else
    runs on the folder meanwhile: no window, no sync writing to the file being replaced.
    `latest` takes the newest backup that checks out, else `backup_name`."""
    with hold_folder(data_dir):
        if not supervisor_id:
            raise SigapError("officer_missing")
        key = unlock_supervisor(data_dir, supervisor_id, passphrase())
        if latest:
            chosen = newest_good_backup(data_dir, key)
            if chosen is None:
                raise SigapError("backup_none")
            path = chosen.path
        else:
            path = resolve_backup(data_dir, backup_name or "")
        try:
            # waits for the commands working on the folder, or refuses: their writes would
            # vanish with the file replaced under them
            with folder.exclusive(data_dir), sync_lock(data_dir / LOCK_FILE):
                return restore(data_dir, path, key, officer_id=supervisor_id.strip(), clock=clock)
        except Busy:
            raise SigapError("sync_busy") from None
