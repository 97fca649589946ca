"""Opening the desk: what state a data folder is in, setting up a new one, signing in
(which unlocks the database key), encrypting a database left plain by an earlier version,
and holding the folder so that only one Sigap works on it at a time."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from models import files, folder, officer_names, vault
from models.clock import Clock, system_clock
from models.db_file import DB_FILE, is_plain_sqlite
from models.errors import SigapError, raise_if_errors

# The database driver (SQLCipher) and what needs it are loaded inside the functions that
# open the database, after the passphrase's Argon2 hash: not resident while it runs.
if TYPE_CHECKING:
    from sqlcipher3 import dbapi2 as sqlite

    from models.db import SigapDatabase
    from models.officers import Officer

ENCRYPTING = DB_FILE + ".encrypting"
INSTANCE_LOCK = "sigap.instance.lock"

NEW = "new"  # nothing here yet: set up the first supervisor
PLAIN = "plain"  # a database from before encryption: encrypted at the first sign-in
READY = "ready"
KEYS_MISSING = "keys_missing"
DB_MISSING = "db_missing"


def folder_state(data_dir: Path) -> str:
    has_keys = vault.exists(data_dir)
    db = data_dir / DB_FILE
    if not has_keys and is_plain_sqlite(db):
        return PLAIN
    if has_keys and (db.exists() or (data_dir / ENCRYPTING).exists()):
        return READY
    if has_keys:
        return DB_MISSING
    if db.exists():
        return KEYS_MISSING
    return NEW


def officer_ids(data_dir: Path) -> list[str]:
    """Who may sign in, for the sign-in screen (ids only: the names are encrypted)."""
    state = folder_state(data_dir)
    if state == PLAIN:
        from sqlcipher3 import dbapi2 as sqlite

        plain = sqlite.connect(str(data_dir / DB_FILE))
        try:
            return [str(r[0]) for r in plain.execute("SELECT id FROM officers WHERE active = 1")]
        finally:
            plain.close()
    return vault.officer_ids(data_dir) if state == READY else []


@contextlib.contextmanager
def hold_folder(data_dir: Path) -> Iterator[None]:
    """One Sigap per data folder: a second start is told so (`already_running`). The
    folder is also held shared (`models.folder`) for as long, so no restore runs under it."""
    folder.private_dir(data_dir)
    with contextlib.ExitStack() as holding:
        try:
            holding.enter_context(folder.held_alone(data_dir / INSTANCE_LOCK, 0))
        except TimeoutError:
            raise SigapError("already_running") from None
        holding.enter_context(folder.shared(data_dir))
        yield


def set_up(
    data_dir: Path,
    officer_id: str,
    name: str,
    passphrase: str,
    role: str = "supervisor",
    clock: Clock = system_clock,
) -> tuple[SigapDatabase, Officer]:
    """A new desk: a new key, wrapped for the first account (a supervisor), and a new
    encrypted database."""
    from models.db import open_database
    from models.officers import add_officer, check_officer

    if folder_state(data_dir) != NEW:
        raise SigapError("keys_exist")
    raise_if_errors(check_officer(officer_id, name, role, passphrase))
    folder.private_dir(data_dir)
    key = vault.create(data_dir)
    db = open_database(data_dir, key, create=True)
    try:
        officer = add_officer(db, officer_id, name, role, passphrase, clock=clock)
    except BaseException:
        db.close()
        raise
    officer_names.remember(db, data_dir)
    return db, officer


def sign_in(
    data_dir: Path, officer_id: str, passphrase: str, check: bool = False, only_reads: bool = False
) -> tuple[SigapDatabase, Officer]:
    """The database, open, and the officer whose passphrase unlocked it. `check` runs the
    full integrity check first (a command that writes after an unclean end); signing in
    does not, by itself: `models/integrity.py` says when it runs. A command that
    `only_reads` leaves raising the number marks to the next one that writes (nothing it
    does gives a number)."""
    officer_id = officer_id.strip()
    state = folder_state(data_dir)
    if state == NEW:
        raise SigapError("desk_not_set_up")
    if state == KEYS_MISSING:
        raise SigapError("keys_missing")
    if state == DB_MISSING:
        raise SigapError("database_missing")
    if state == PLAIN:
        key = _encrypt_plain(data_dir, officer_id, passphrase)
        granted = bool(vault.counts_as_supervisor(data_dir, officer_id))
        opened = vault.Opened(key, supervisor=granted)
    else:
        opened = vault.open_copy(data_dir, officer_id, passphrase)
        key = opened.key
    # Loaded once the key is unlocked (not resident while the hash runs): the driver and
    # what needs it.
    from models.db import open_database
    from models.enrolments.numbering import keep_marks
    from models.officers import get_officer, signed_in

    if (data_dir / ENCRYPTING).exists():
        _finish_encrypting(data_dir, key)
    folder.private_dir(data_dir)
    from models import backup

    backup.clean_stale(data_dir)  # what a backup or restore cut off halfway left behind
    db = open_database(data_dir, key, check=check)
    if not only_reads:
        keep_marks(db)  # the numbers given so far, kept where a restore cannot take them back
    officer = get_officer(db, officer_id)
    if officer is None or not officer.active:
        db.close()
        raise SigapError("passphrase_wrong")
    if not only_reads:
        officer_names.remember(db, data_dir)  # for the next sign-in's list
    return db, signed_in(db, officer, opened)  # the role their copy grants (models/grants.py)


def _encrypt_plain(data_dir: Path, officer_id: str, passphrase: str) -> bytes:
    """The first sign-in after the upgrade: check the passphrase against the hash the earlier
    version kept, copy everything into a new encrypted file with SQLCipher's
    `sqlcipher_export`, check the copy, wrap the new key for this officer, then put the
    copy in place of the plain file, which is overwritten before it is removed.

    Each step can be cut off: until the key file is written the plain database is simply
    still there; after it, `sigap.db.encrypting` is finished at the next sign-in."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError
    from sqlcipher3 import dbapi2 as sqlite

    from models.db import CIPHER_FORMAT

    path, target = data_dir / DB_FILE, data_dir / ENCRYPTING
    plain = sqlite.connect(str(path))
    try:
        row = plain.execute(
            "SELECT passphrase_hash, role FROM officers WHERE id = ? AND active = 1", [officer_id]
        ).fetchone()
        try:
            if row is None:
                raise VerificationError
            PasswordHasher().verify(row[0], passphrase)
        except (VerificationError, InvalidHashError):
            raise SigapError("passphrase_wrong") from None
        role = str(row[1])
        others = [str(r[0]) for r in plain.execute("SELECT id FROM officers WHERE active = 1")]
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        target.unlink(missing_ok=True)
        key = secrets.token_bytes(vault.KEY_BYTES)
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", [str(target)])
        for name, value in CIPHER_FORMAT.items():
            plain.execute(f"PRAGMA encrypted.{name} = {value}")
        plain.execute("SELECT sqlcipher_export('encrypted')")
        version = plain.execute("PRAGMA main.user_version").fetchone()[0]
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        counts = _row_counts(plain, "main")
        if _row_counts(plain, "encrypted") != counts:
            raise SigapError("database_damaged")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    files.fsync_file(target)
    # Checks the passphrase rules too late to refuse: the earlier version accepted it.
    vault.create(data_dir, key=key, pending=others)
    vault.add(data_dir, key, officer_id, role, passphrase)
    return key


def _row_counts(conn: sqlite.Connection, schema: str) -> dict[str, int]:
    tables = [
        str(r[0])
        for r in conn.execute(
            # Virtual tables (the name search) hold no rows of their own; their shadow
            # tables are counted. Right after the export they are not visible yet anyway.
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND rootpage > 0 "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        t: int(conn.execute(f'SELECT count(*) FROM {schema}."{t}"').fetchone()[0]) for t in tables
    }


def _finish_encrypting(data_dir: Path, key: bytes) -> None:
    from models.db import connect, quick_check

    path, target = data_dir / DB_FILE, data_dir / ENCRYPTING
    copy = connect(target, key)
    try:
        quick_check(copy)
        copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        copy.close()
    for name in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", DB_FILE + "-journal"):
        shred(data_dir / name)
    os.replace(target, path)
    for suffix in ("-wal", "-shm"):
        side = data_dir / (ENCRYPTING + suffix)
        if side.exists():
            os.replace(side, data_dir / (DB_FILE + suffix))
    files.fsync_dir(data_dir)


def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush, then remove it. On a journalling or flash disk
    old blocks may survive elsewhere; the README asks for full-disk encryption as well."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as f:
        chunk = b"\0" * 65536
        left = size
        while left > 0:
            f.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
        f.flush()
        os.fsync(f.fileno())
    path.unlink()
