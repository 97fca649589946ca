"""Backups of the encrypted database, and putting one back in its place.

A backup is a copy of the live database made with SQLite's online backup API, page by page
(`PAGES_PER_STEP` at a time, so a background thread copying it never holds a lock for long
and the window keeps working), into a new SQLCipher file keyed with the database's own key.
It is encrypted exactly like the database; nothing else is copied. So a backup opens with
the same officers' passphrases on this laptop (their copies of the key live in
`sigap.keys`); to open one on another laptop, `sigap.keys` has to go with it.

Where and what: `data_dir/backups/sigap-YYYYMMDD-HHMMSS-<reason>.db` (local wall time;
`-2`, `-3` … when two are made in the same second). Each is written under a `.partial`
name, checked (`PRAGMA quick_check`), flushed to disk and only then renamed into place, so
a crash or a full disk never leaves a half backup under a real name.

Made before a sync (at most one every `backup_sync_minutes`, default 15: the window syncs
shortly after every save, and a backup per enrolment would be churn, not safety), at day
closing, and on demand. Kept: the newest `backup_keep` (default 10) of each reason, so
frequent sync backups never push out the day-closing or manual ones. `before_restore`
backups are never removed by the count: each is the only copy of what a restore replaced.

Restoring never needs to open the live database: if it still reads, it is first kept as a
`before_restore` backup; if not, its files are renamed `sigap.db.damaged-<time>` and kept.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlite

from models import audit, files, folder, vault
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import (
    DB_FILE,
    SigapDatabase,
    cipher_format,
    connect,
    get_setting,
    is_plain_sqlite,
    open_keyed,
    quick_check,
    storage_problem,
)
from models.enrolments.numbering import keep_marks, reserved_as_given
from models.errors import SigapError
from models.schema import MIGRATIONS

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
SYNC, DAY_CLOSE, MANUAL, BEFORE_RESTORE = "sync", "day_close", "manual", "before_restore"
REASONS = (SYNC, DAY_CLOSE, MANUAL, BEFORE_RESTORE)
KEEP_SETTING = "backup_keep"
DEFAULT_KEEP = 10
SYNC_MINUTES_SETTING = "backup_sync_minutes"  # 0: a backup before every sync
DEFAULT_SYNC_MINUTES = 15
#: Pages copied per step of the backup API: 1 MiB of 2 KiB pages (see models.db.CIPHER_FORMAT).
PAGES_PER_STEP = 512
RESTORING = DB_FILE + ".restoring"
DAMAGED = DB_FILE + ".damaged-"
_SIDE_FILES = ("-wal", "-shm", "-journal")
#: Held while a backup is written (in the data folder), so a start that finds `.partial`
#: files knows whether someone is still writing them or they were cut off.
MAKING_LOCK = "sigap.backups.lock"
MAKING_WAIT_S = 600

_NAME = re.compile(r"^sigap-(\d{8})-(\d{6})-(sync|day_close|manual|before_restore)(?:-(\d+))?\.db$")

Progress = Callable[[int, int], None]  # pages copied, pages in all


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime  # local wall time, from the file name
    reason: str  # one of REASONS
    size: int  # bytes

    @property
    def name(self) -> str:
        return self.path.name

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "made_at": self.made_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "bytes": self.size,
        }


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    before_restore: BackupInfo | None  # the database as it was, when it still read
    damaged_kept: Path | None  # the database as it was, when it did not

    def as_dict(self) -> dict[str, Any]:
        return {
            "restored": self.restored_from.name,
            "before_restore": self.before_restore.name if self.before_restore else None,
            "damaged_kept": self.damaged_kept.name if self.damaged_kept else None,
        }


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


# ------------------------------------------------------------------ making


def make_backup(
    db: SigapDatabase,
    reason: str,
    keep: int | None = None,
    clock: Clock = system_clock,
    progress: Progress | None = None,
) -> BackupInfo:
    """Copy the live database into a new backup, check it, then keep the newest `keep` (the
    `backup_keep` setting unless given) of this reason. Raises on any failure (a full disk
    says `disk_full`); the database itself is never changed."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    where = folder.private_dir(backups_dir(db.data_dir))
    made_at = clock().replace(tzinfo=None, microsecond=0)
    with _making(where, MAKING_WAIT_S):
        target = _free_name(where, made_at, reason)
        with files.replacing(target, remove=_remove_with_sides) as partial:
            _copy(db.conn, partial, db.key, progress)
    if reason != BEFORE_RESTORE:
        prune(db.data_dir, reason, keep if keep is not None else keep_setting(db), target)
    return _info(target, reason, made_at)


def backup_quietly(db: Database, reason: str, clock: Clock = system_clock) -> str | None:
    """A backup that must not stop what asked for it (a sync, the day closing): any failure
    is logged, by its message code only, and returned. None when the backup was made or
    there is nothing to back up (a database that is not Sigap's own file)."""
    if not isinstance(db, SigapDatabase):
        return None
    try:
        make_backup(db, reason, clock=clock)
    except Exception as exc:  # a backup failing is reported, never raised
        code = _failure_code(exc)
        log.warning("%s backup not made (%s); carrying on without it", reason, code)
        return code
    return None


def backup_before_sync(db: Database, clock: Clock = system_clock) -> str | None:
    """The backup before a sync cycle, unless a sync backup was made in the last
    `backup_sync_minutes`. Never raises: returns the failure's message code, or None."""
    if not isinstance(db, SigapDatabase):
        return None
    try:
        minutes = _int_setting(db, SYNC_MINUTES_SETTING, DEFAULT_SYNC_MINUTES, lowest=0)
        if minutes:
            now = clock().replace(tzinfo=None)
            newest = next((b for b in list_backups(db.data_dir) if b.reason == SYNC), None)
            if newest is not None and abs(now - newest.made_at) < timedelta(minutes=minutes):
                return None
    except Exception as exc:
        code = _failure_code(exc)
        log.warning("sync backup not made (%s); carrying on without it", code)
        return code
    return backup_quietly(db, SYNC, clock)


def keep_setting(db: Database) -> int:
    return _int_setting(db, KEEP_SETTING, DEFAULT_KEEP, lowest=1)


def prune(data_dir: Path, reason: str, keep: int, spare: Path | None = None) -> list[Path]:
    """Remove all but the newest `keep` (at least one) backups of `reason`; never
    `before_restore` ones, nor `spare` (the one just made: with the laptop's clock set
    back, its name would sort it among the oldest). The files removed."""
    if reason == BEFORE_RESTORE:
        return []
    same = [b for b in list_backups(data_dir) if b.reason == reason and b.path != spare]
    gone = []
    for old in same[max(1, keep) - (spare is not None) :]:
        old.path.unlink(missing_ok=True)
        gone.append(old.path)
    return gone


def _copy(source: Any, partial: Path, key: bytes, progress: Progress | None) -> None:
    """The backup API from `source` into a new keyed file at `partial`, in steps; then a
    single-file journal (no -wal beside a backup) and the check. The caller flushes it to
    disk and removes it on failure (`files.replacing`)."""
    _remove_with_sides(partial)

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    # The copy is written in the source's own page format: the backup API copies pages.
    target = open_keyed(partial, key, fmt=cipher_format(source))
    folder.private_file(partial)  # before any page is copied into it
    try:
        source.backup(target, pages=PAGES_PER_STEP, progress=step)
        target.execute("PRAGMA journal_mode=DELETE")
        _require_ok(target, "quick_check")
    finally:
        target.close()
    if is_plain_sqlite(partial):  # never a backup in the clear
        raise SigapError("database_not_encrypted")


def _making(where: Path, wait_s: float) -> contextlib.AbstractContextManager[None]:
    """One backup written at a time (TimeoutError after `wait_s`)."""
    return folder.held_alone(where.parent / MAKING_LOCK, wait_s)


def clean_stale(data_dir: Path) -> list[Path]:
    """Remove what a backup or a restore cut off halfway left behind (a power cut, a killed
    process): `.partial` backups and their side files, when no backup is being written now,
    and a `sigap.db.restoring` copy, when no restore is running now. Called at every sign-in;
    the files removed (never a finished backup, never the database)."""
    gone: list[Path] = []
    where = backups_dir(data_dir)
    if where.is_dir():
        try:
            with _making(where, 0):
                for path in where.iterdir():
                    if files.PARTIAL in path.name and path.is_file():
                        path.unlink(missing_ok=True)
                        gone.append(path)
        except TimeoutError:
            pass  # a backup is being written right now: its .partial is no orphan
        except OSError as exc:
            log.warning("stale backup files not removed (%s)", type(exc).__name__)
    staged = data_dir / RESTORING
    if any(p.exists() for p in _with_sides(staged)) and not folder.restore_running(data_dir):
        for path in _with_sides(staged):
            if path.exists():
                path.unlink(missing_ok=True)
                gone.append(path)
    if gone:
        log.info("removed %d file(s) left by a backup or restore cut off halfway", len(gone))
    return gone


# ------------------------------------------------------------------ finding, checking


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in `data_dir/backups`, newest first (unfinished `.partial` ones left
    out)."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    found: list[tuple[datetime, int, int, BackupInfo]] = []
    for path in folder.iterdir():
        m = _NAME.match(path.name)
        if m is None:
            continue
        try:
            made = datetime.strptime(m[1] + m[2], "%Y%m%d%H%M%S")
            info = _info(path, m[3], made)
            # Two kinds made in the same second: the file written last is the newer.
            written = path.stat().st_mtime_ns
        except (ValueError, OSError):
            continue
        found.append((made, int(m[4] or 1), written, info))
    found.sort(key=lambda t: (t[0], t[1], t[2]), reverse=True)
    return [info for _, _, _, info in found]


def check_backup(path: Path, key: bytes) -> bool:
    """Whether `path` is a whole backup this key opens (`PRAGMA integrity_check` says ok).
    False for a wrong key, a damaged or unencrypted file, or no file. Read-only: checking
    never changes a backup."""
    if not path.is_file() or is_plain_sqlite(path):
        return False
    try:
        conn = open_keyed(path, key, read_only=True)
    except (sqlite.Error, ValueError, OSError):
        return False
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite.Error:
        return False
    finally:
        conn.close()
    return rows == ["ok"]


def newest_good_backup(data_dir: Path, key: bytes) -> BackupInfo | None:
    """The newest backup that passes `check_backup`, whatever its reason."""
    for info in list_backups(data_dir):
        if check_backup(info.path, key):
            return info
    return None


def resolve_backup(data_dir: Path, name: str | os.PathLike[str]) -> Path:
    """A backup named by its path, or by its file name in `data_dir/backups`."""
    path = Path(name).expanduser()
    if path.is_file():
        return path
    inside = backups_dir(data_dir) / path.name
    if inside.is_file():
        return inside
    raise SigapError("backup_not_found", name=path.name)


# ------------------------------------------------------------------ restoring


def restore(
    data_dir: Path,
    backup_path: Path,
    key: bytes,
    *,
    officer_id: str | None = None,
    clock: Clock = system_clock,
) -> RestoreResult:
    """Put the backup at `backup_path` in place of the database in `data_dir`.

    Refuses a backup that fails `check_backup` (`backup_damaged`). The backup is copied
    (backup API) to `sigap.db.restoring` and checked first. Then the current database, if
    it still reads, is kept as a `before_restore` backup; if it does not, its files are
    renamed `sigap.db.damaged-<time>` (never deleted). The audit entry `restore` is written
    in the restored copy, which then replaces `sigap.db`. Nothing must have the database
    open (the window closes its connection first; the command line never opens it).
    Until the last rename, a failure leaves the current database where it was."""
    if not check_backup(backup_path, key):
        raise SigapError("backup_damaged", name=backup_path.name)
    live, staged = data_dir / DB_FILE, data_dir / RESTORING
    try:
        source = open_keyed(backup_path, key, read_only=True)
        try:
            _copy(source, staged, key, None)
        finally:
            source.close()

        before: BackupInfo | None = None
        damaged: Path | None = None
        if any(p.exists() for p in _with_sides(live)):
            before = _keep_readable(live, key, clock)
            if before is None:
                damaged = _free_damaged_name(data_dir, clock())
        if before is None:
            reserved_as_given(data_dir)  # what the database gave cannot be read back

        restored = connect(staged, key)
        try:
            MIGRATIONS.apply(restored)  # a backup made by an earlier version
            audit.log(
                restored,
                rfc3339(clock()),
                officer_id,
                "restore",
                "database",
                backup_path.name,
                {
                    "backup": backup_path.name,
                    "before_restore": before.name if before else None,
                    "damaged_kept": damaged.name if damaged else None,
                },
            )
            restored.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            quick_check(restored)
        finally:
            restored.close()
        files.fsync_file(staged)
    except BaseException:
        _remove_with_sides(staged)
        raise

    if damaged is not None:
        if live.exists():
            os.replace(live, damaged)
        for suffix in ("-wal", "-shm"):
            side = live.with_name(live.name + suffix)
            if side.exists():
                os.replace(side, damaged.with_name(damaged.name + suffix))
    else:
        # Kept as a before_restore backup: an old -wal must never be replayed onto the copy.
        for suffix in _SIDE_FILES:
            live.with_name(live.name + suffix).unlink(missing_ok=True)
    os.replace(staged, live)
    files.fsync_dir(data_dir)
    log.info("database restored from %s", backup_path.name)
    return RestoreResult(backup_path, before, damaged)


def _keep_readable(live: Path, key: bytes, clock: Clock) -> BackupInfo | None:
    """The current database as a `before_restore` backup, when it opens with `key` and
    passes `quick_check`; None when it does not (damaged, another key, missing main file).
    A failure to write the backup (a full disk) raises: then nothing is restored."""
    try:
        db = connect(live, key)
    except (SigapError, sqlite.Error, OSError):
        return None
    try:
        try:
            quick_check(db)
        except SigapError:
            return None
        keep_marks(db)  # numbers it gave stay given after the older copy is back
        return make_backup(db, BEFORE_RESTORE, clock=clock)
    finally:
        db.close()


# ------------------------------------------------------------------ who may restore


def supervisor_ids(data_dir: Path) -> list[str]:
    """Supervisors with a copy of the key on this laptop (read from `sigap.keys`, so it
    works while the database cannot be opened): copies granted the role (models/grants.py)."""
    return vault.supervisor_ids(data_dir)


def unlock_supervisor(data_dir: Path, officer_id: str, passphrase: str) -> bytes:
    """The database key, when `passphrase` is this supervisor's, without opening the
    database (it may be damaged). Raises as `vault.unlock`, or `needs_supervisor`."""
    officer_id = officer_id.strip()
    opened = vault.open_copy(data_dir, officer_id, passphrase)
    if not opened.supervisor:
        raise SigapError("needs_supervisor")
    return opened.key


def same_key(a: bytes, b: bytes) -> bool:
    return secrets.compare_digest(a, b)


# ------------------------------------------------------------------ helpers


def _require_ok(conn: Any, pragma: str) -> None:
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    if rows != ["ok"]:
        raise SigapError("backup_check_failed")


def _info(path: Path, reason: str, made_at: datetime) -> BackupInfo:
    return BackupInfo(path, made_at, reason, path.stat().st_size)


def _free_name(folder: Path, when: datetime, reason: str) -> Path:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    name, n = f"sigap-{stamp}-{reason}.db", 2
    while (folder / name).exists() or (folder / (name + ".partial")).exists():
        name, n = f"sigap-{stamp}-{reason}-{n}.db", n + 1
    return folder / name


def _free_damaged_name(data_dir: Path, when: datetime) -> Path:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    path, n = data_dir / (DAMAGED + stamp), 2
    while any(p.exists() for p in _with_sides(path)):
        path, n = data_dir / f"{DAMAGED}{stamp}-{n}", n + 1
    return path


def _with_sides(path: Path) -> list[Path]:
    return [path] + [path.with_name(path.name + s) for s in _SIDE_FILES]


def _remove_with_sides(path: Path) -> None:
    for p in _with_sides(path):
        p.unlink(missing_ok=True)


def _int_setting(db: Database, key: str, default: int, lowest: int) -> int:
    value = get_setting(db, key)
    try:
        n = int(value) if value is not None else default
    except ValueError:
        return default
    return n if n >= lowest else default


def _failure_code(exc: BaseException) -> str:
    if isinstance(exc, SigapError):
        return exc.code
    if isinstance(exc, (OSError, sqlite.Error)):
        return storage_problem(exc).code
    return "backup_failed"
