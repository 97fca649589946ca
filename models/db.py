"""Opening Sigap's database: the one place that knows where it lives, how it is set up and
how it is encrypted. Nothing else opens the file.

The database is SQLCipher (AES-256, an HMAC on every page), including its -wal file; the
key is 32 random bytes unlocked from `sigap.keys` by an officer's passphrase
(`models/vault.py`) and given to SQLCipher raw, so opening a connection costs no key
derivation. A file that is plain SQLite, or a driver without SQLCipher, stops Sigap: it
never falls back to writing personal data in the clear.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite

from models.database import Database
from models.db_file import DB_FILE as DB_FILE
from models.db_file import PLAIN_HEADER as PLAIN_HEADER
from models.db_file import is_plain_sqlite as is_plain_sqlite
from models.db_file import resolve_data_dir as resolve_data_dir
from models.errors import SigapError
from models.errors import storage_problem as storage_problem
from models.folder import private_dir, private_file
from models.schema import MIGRATIONS

BUSY_TIMEOUT_MS = 5000

# The driver's exception classes: SQLCipher's module is a twin of the standard sqlite3, but
# its classes are its own, so code that catches database errors catches these.
Error = sqlite.Error
DatabaseError = sqlite.DatabaseError
IntegrityError = sqlite.IntegrityError
OperationalError = sqlite.OperationalError

# The page format of every encrypted file Sigap writes: the database, its -wal, backups.
# SQLCipher encrypts and signs each page it writes, and a save writes about 26 pages (one or
# two per table and index it touches), so the cost of a save follows the bytes per page and
# the HMAC's speed: 2 KiB pages and HMAC-SHA256 keep a save within 1.3x of an unencrypted
# one where SQLCipher's defaults (4 KiB, HMAC-SHA512) made it 1.5x (bench_encryption.py).
# The format is not written in the file: it is given again on every open.
CIPHER_FORMAT = {"cipher_page_size": "2048", "cipher_hmac_algorithm": "HMAC_SHA256"}
# Desks and backups encrypted before that choice use SQLCipher's defaults; they still open
# (and their backups are made in their own format).
EARLIER_FORMAT = {"cipher_page_size": "4096", "cipher_hmac_algorithm": "HMAC_SHA512"}


class SigapDatabase(Database):
    """A Database (models/database.py) that also knows its folder and key, so a second connection
    (a background thread, a backup) or a new officer's copy of the key can be made from it."""

    def __init__(self, conn: sqlite.Connection, path: Path, key: bytes) -> None:
        super().__init__(conn)
        self.path = path
        self.data_dir = path.parent
        self.key = key


def cipher_format(conn: sqlite.Connection) -> dict[str, str]:
    """The page format an open SQLCipher connection uses (see CIPHER_FORMAT)."""
    return {name: str(conn.execute(f"PRAGMA {name}").fetchone()[0]) for name in CIPHER_FORMAT}


def open_keyed(
    path: Path, key: bytes, read_only: bool = False, fmt: dict[str, str] | None = None
) -> sqlite.Connection:
    """A raw SQLCipher connection with the key and the page format set, and its schema read:
    a wrong key (or a damaged first page) raises `DatabaseError` here. A new file gets
    `fmt`, by default CIPHER_FORMAT; an existing one is read in CIPHER_FORMAT or else
    EARLIER_FORMAT, unless `fmt` says which."""
    if len(key) != 32:
        raise ValueError("the database key is 32 bytes")
    formats = [fmt] if fmt else [CIPHER_FORMAT, EARLIER_FORMAT]
    for n, settings in enumerate(formats, 1):
        if read_only:
            conn = sqlite.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        else:
            conn = sqlite.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            # A wrong key or a file that is no database is told in the officer's words;
            # SQLCipher's own log lines on standard error would only be noise beside them.
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            for name, value in settings.items():
                conn.execute(f"PRAGMA {name} = {value}")
            # Sorts and temporary indexes stay in memory: no scratch file on disk at all.
            conn.execute("PRAGMA temp_store=MEMORY")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite.DatabaseError:
            conn.close()
            if n == len(formats):
                raise
            continue
        except BaseException:
            conn.close()
            raise
        return conn
    raise AssertionError("unreachable")


def _keyed(path: Path, key: bytes) -> sqlite.Connection:
    """A raw SQLCipher connection with the key set and checked."""
    if is_plain_sqlite(path):
        raise SigapError("database_not_encrypted")
    try:
        conn = open_keyed(path, key)
    except sqlite.DatabaseError:
        raise SigapError("database_key_wrong") from None
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
        if not row or not row[0]:
            raise SigapError("encryption_unavailable")
        # Every page read from disk is decrypted and its HMAC checked: a cache that holds a
        # busy desk's pages (up to 64 MiB, grown only as pages are used) keeps searches at
        # plain SQLite's speed (bench/bench_encryption.py).
        conn.execute("PRAGMA cache_size=-65536")
    except BaseException:
        conn.close()
        raise
    return conn


def connect(path: Path, key: bytes) -> SigapDatabase:
    """A connection with Sigap's durability settings, schema not touched."""
    db = SigapDatabase(_keyed(path, key), path, key)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if not is_plain_sqlite(path):
        return db
    db.close()  # created plain by something other than SQLCipher: never write to it
    raise SigapError("database_not_encrypted")


def database_exists(data_dir: Path) -> bool:
    return (data_dir / DB_FILE).exists()


def open_database(
    data_dir: Path, key: bytes, migrate: bool = True, create: bool = False, check: bool = False
) -> SigapDatabase:
    """Open the encrypted database in `data_dir` and bring its schema up to date.

    A missing database is made only when `create` says this is a new desk: if the file has
    gone from a folder that has keys, Sigap stops instead of starting empty. `check` runs
    `PRAGMA quick_check` (at start); a damaged file raises `database_damaged`."""
    path = data_dir / DB_FILE
    if not path.exists() and not create:
        raise SigapError("database_missing")
    private_dir(data_dir)
    db = connect(path, key)
    # SQLite gives its -wal and -shm the database file's mode: 0600 for all three.
    for name in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm"):
        private_file(data_dir / name)
    try:
        if check:
            quick_check(db)
        if migrate:
            if MIGRATIONS.pending(db):
                MIGRATIONS.apply(db)
                # A connection that has dropped and re-made indexes and tables (m008) goes
                # on re-preparing the inserts into them on every call, for as long as it
                # lives (SQLite 3.53; measured 2.4x on the enrolment insert). A new
                # connection prepares them once.
                db.close()
                db = connect(path, key)
            ensure_device_identity(db)
    except BaseException:
        db.close()
        raise
    return db


def reconnect(db: Database) -> SigapDatabase:
    """Another connection to the same database (SQLite connections stay in the thread that
    made them)."""
    if not isinstance(db, SigapDatabase):
        raise TypeError("open the database with open_database()")
    return connect(db.path, db.key)


def quick_check(db: Database) -> None:
    try:
        rows = [str(r[0]) for r in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite.DatabaseError:
        raise SigapError("database_damaged") from None
    if rows != ["ok"]:
        raise SigapError("database_damaged")


def ensure_device_identity(db: Database) -> None:
    """Each data folder is one device: a UUID made once, used in receipt numbers and sync.
    Read first: once made, opening the database takes no write lock for it."""
    if db.execute("SELECT 1 FROM settings WHERE key = 'device_id'").fetchone() is not None:
        return
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
    savepoint through `db.atomic()`."""
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


_device_codes: dict[int, tuple[sqlite.Connection, str]] = {}


def device_code(db: Database) -> str:
    """Eight upper-case hex digits of the device id, printed on receipts. The id never
    changes once made, so it is read once per connection, not on every save."""
    cached = _device_codes.get(id(db.conn))
    if cached is not None and cached[0] is db.conn:
        return cached[1]
    code = device_id(db).replace("-", "")[:8].upper()
    _device_codes[id(db.conn)] = (db.conn, code)
    return code
