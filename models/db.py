"""Opening Sigap's database: the one place that knows where it lives and how it is set up.

Encryption at rest will wrap the connection made here; nothing else opens the file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

from platformdirs import user_data_dir
from sqlite_utils import Database

from models.schema import MIGRATIONS

DB_FILE = "sigap.db"
BUSY_TIMEOUT_MS = 5000


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir`, else `SIGAP_DATA_DIR`, else the user data folder of this OS."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("SIGAP_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("Sigap", appauthor=False))


def connect(path: Path) -> Database:
    """A connection with Sigap's durability settings, schema not touched."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return db


def open_database(data_dir: Path, migrate: bool = True) -> Database:
    """Open (creating if needed) the database in `data_dir` and bring its schema up to date."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = connect(data_dir / DB_FILE)
    if migrate:
        MIGRATIONS.apply(db)
        ensure_device_identity(db)
    return db


def ensure_device_identity(db: Database) -> None:
    """Each data folder is one device: a UUID made once, used in receipt numbers and sync."""
    with db.atomic():
        db.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES ('device_id', ?)",
            [str(uuid.uuid4())],
        )


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock at once (BEGIN IMMEDIATE), so the checks made
    inside it (NIK not enrolled yet, quota left, event still open) still hold when its rows
    are written, even with a second Sigap process on the same data folder; and the checks
    and writes share one snapshot instead of each starting its own. Nested, it is a
    savepoint through sqlite-utils' `db.atomic()`."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def get_setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_setting(db: Database, key: str, value: str) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def device_id(db: Database) -> str:
    value = get_setting(db, "device_id")
    if value is None:
        raise LookupError("device identity missing: open the database with open_database()")
    return value


_device_codes: dict[int, tuple[sqlite3.Connection, str]] = {}


def device_code(db: Database) -> str:
    """Eight upper-case hex digits of the device id, printed on receipts. The id never
    changes once made, so it is read once per connection, not on every save."""
    cached = _device_codes.get(id(db.conn))
    if cached is not None and cached[0] is db.conn:
        return cached[1]
    code = device_id(db).replace("-", "")[:8].upper()
    _device_codes[id(db.conn)] = (db.conn, code)
    return code
