"""HQ's database: schema, connections and the single writer; devices, codes, member numbers.

Tables other tests may query (read-only):
  devices(id, name, app_version, branch_code, token_sha256, registered_at, revoked_at,
          last_push_at)
  registration_codes(code_sha256, branch_code, created_at, expires_at, used_at, used_by)
  member_number_blocks(first, last, device_id, kind 'device' | 'hq', created_at)
  records(id, device_id, batch_id, type, schema, recorded_at, received_at, sha256, payload,
          status 'accepted' | 'rejected' | 'duplicate_person', member_number, code, message,
          field, updated_at)   -- every record HQ kept, one row per id, current outcome
  enrolments(id, device_id, event_id, nik, status 'active' | 'rejected' | 'duplicate_person'
             | 'rejected_after_review', member_number, requested_number, payer_type,
             scheme_code, data, updated_at)   -- the members; `data` is the payload with
             corrections applied; member_number is the number this enrolment holds
  payments(id, enrolment_id, device_id, amount, method, months, period_start, void_id,
           voided_at)
  changes(cursor, device_id, record_id, kind, member_number, status, message, created_at)
  conflicts(record_id, device_id, sha256, received_at)   -- pushes of a kept id, changed
Member numbers are 11-digit strings, so comparing them as text orders them as numbers.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_MS = 10_000
FIRST_MEMBER_NUMBER = 10_000_000_001
LAST_MEMBER_NUMBER = 99_999_999_999
REGISTRATION_BLOCK = 500
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone

Clock = Callable[[], datetime]

MIGRATIONS = Migrations("sigap-hq")


@MIGRATIONS(name="m001_initial")
def _m001_initial(db: Database) -> None:
    statements = """
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO counters (name, value) VALUES ('member_number', 10000000001);

    CREATE TABLE registration_codes (
        code_sha256 TEXT PRIMARY KEY,
        branch_code TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        used_by TEXT
    );

    CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        app_version TEXT NOT NULL,
        branch_code TEXT NOT NULL,
        token_sha256 TEXT NOT NULL UNIQUE,
        registered_at TEXT NOT NULL,
        revoked_at TEXT,
        last_push_at TEXT
    );

    CREATE TABLE member_number_blocks (
        first TEXT PRIMARY KEY,
        last TEXT NOT NULL UNIQUE,
        device_id TEXT REFERENCES devices(id),
        kind TEXT NOT NULL CHECK (kind IN ('device', 'hq')),
        created_at TEXT NOT NULL,
        CHECK (length(first) = 11 AND length(last) = 11 AND first <= last)
    );
    CREATE INDEX member_number_blocks_device ON member_number_blocks(device_id, first);

    CREATE TABLE records (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES devices(id),
        batch_id TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN
            ('event', 'enrolment', 'payment', 'payment_void', 'enrolment_correction')),
        schema INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'duplicate_person')),
        member_number TEXT,
        code TEXT,
        message TEXT,
        field TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX records_device ON records(device_id, type, status);

    CREATE TABLE enrolments (
        id TEXT PRIMARY KEY REFERENCES records(id),
        device_id TEXT NOT NULL REFERENCES devices(id),
        event_id TEXT,
        nik TEXT,
        status TEXT NOT NULL CHECK (status IN
            ('active', 'rejected', 'duplicate_person', 'rejected_after_review')),
        member_number TEXT,
        requested_number TEXT,
        payer_type TEXT,
        scheme_code TEXT,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    -- One active membership per person, and a member number is never given twice.
    CREATE UNIQUE INDEX enrolments_active_nik ON enrolments(nik) WHERE status = 'active';
    CREATE UNIQUE INDEX enrolments_member_number ON enrolments(member_number)
        WHERE member_number IS NOT NULL;
    CREATE INDEX enrolments_scheme ON enrolments(scheme_code, status);

    CREATE TABLE payments (
        id TEXT PRIMARY KEY REFERENCES records(id),
        enrolment_id TEXT NOT NULL,
        device_id TEXT NOT NULL REFERENCES devices(id),
        amount INTEGER NOT NULL,
        method TEXT NOT NULL,
        months INTEGER NOT NULL,
        period_start TEXT NOT NULL,
        void_id TEXT UNIQUE,
        voided_at TEXT
    );
    CREATE INDEX payments_enrolment ON payments(enrolment_id);

    CREATE TABLE changes (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL REFERENCES devices(id),
        record_id TEXT NOT NULL REFERENCES records(id),
        kind TEXT NOT NULL,
        member_number TEXT,
        status TEXT NOT NULL,
        message TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX changes_device ON changes(device_id, cursor);

    CREATE TABLE conflicts (
        record_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (record_id, device_id, sha256)
    );
    """
    for statement in statements.split(";"):
        if statement.strip():
            db.execute(statement)


class StoreError(Exception):
    """An admin command that cannot be done; the text names ids, never personal data."""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def stamp(moment: datetime) -> str:
    """UTC, fixed width, so stamps compare as text."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def number_text(n: int) -> str:
    return f"{n:011d}"


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class Store:
    """One HQ database file. Reads use a connection per thread; writes go one at a time
    through `write()` (a lock for the threads of this process, BEGIN IMMEDIATE for other
    processes such as the admin commands), so concurrent pushes never interleave."""

    def __init__(self, path: Path, clock: Clock = utc_now) -> None:
        self.path = Path(path)
        self.clock = clock
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        MIGRATIONS.apply(self.db)

    # ------------------------------------------------------------ connections

    @property
    def db(self) -> Database:
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            # check_same_thread off only so close() can close it; each is used by one thread.
            conn = sqlite3.connect(
                str(self.path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            db = Database(conn)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._local.db = db
            with self._connections_lock:
                self._connections.append(conn)
        return db

    def close(self) -> None:
        with self._connections_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    @contextmanager
    def write(self) -> Iterator[Database]:
        """The one way to write: all of the block commits, or none of it."""
        with self._write_lock:
            db = self.db
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.conn.rollback()
                raise
            try:
                db.execute("COMMIT")
            except BaseException:
                # A failed COMMIT leaves the transaction open on this thread's connection.
                db.conn.rollback()
                raise

    def now(self) -> str:
        return stamp(self.clock())

    def one(self, sql: str, params: Any = ()) -> tuple[Any, ...] | None:
        row = self.db.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    # ------------------------------------------------------ registration codes

    def create_code(self, branch_code: str, days: int = 14) -> str:
        """A single-use code for registering one device; only its hash is kept."""
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        now = self.clock()
        with self.write() as db:
            db.execute(
                "INSERT INTO registration_codes (code_sha256, branch_code, created_at, "
                "expires_at) VALUES (?, ?, ?, ?)",
                [
                    sha256_hex(normalise_code(code)),
                    branch_code,
                    stamp(now),
                    stamp(now + timedelta(days=days)),
                ],
            )
        return code

    def register_device(
        self, device_id: str, code: str, name: str, app_version: str
    ) -> dict[str, Any] | None:
        """Use the code (once, before it expires) and give the device a new token and a
        block of member numbers. None when the code is unknown, used or expired. A device
        registering again gets a new token; the old one stops working."""
        token = secrets.token_urlsafe(32)
        now = self.now()
        with self.write() as db:
            # The UPDATE is the check: two devices racing for one code cannot both win.
            row = db.execute(
                "UPDATE registration_codes SET used_at = ?, used_by = ? WHERE code_sha256 = ? "
                "AND used_at IS NULL AND expires_at > ? RETURNING branch_code",
                [now, device_id, sha256_hex(normalise_code(code)), now],
            ).fetchone()
            if row is None:
                return None
            branch = str(row[0])
            db.execute(
                "INSERT INTO devices (id, name, app_version, branch_code, token_sha256, "
                "registered_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "name = excluded.name, app_version = excluded.app_version, "
                "branch_code = excluded.branch_code, token_sha256 = excluded.token_sha256, "
                "registered_at = excluded.registered_at, revoked_at = NULL",
                [device_id, name, app_version, branch, sha256_hex(token), now],
            )
            block = self._reserve(db, device_id, REGISTRATION_BLOCK, "device")
        return {"device_token": token, "branch_code": branch, "member_number_blocks": [block]}

    # ------------------------------------------------------------------ devices

    def device_for_token(self, token: str) -> tuple[str, bool] | None:
        """(device id, revoked) for a bearer token, None when no device holds it."""
        row = self.one(
            "SELECT id, revoked_at FROM devices WHERE token_sha256 = ?", [sha256_hex(token)]
        )
        return None if row is None else (str(row[0]), row[1] is not None)

    def list_devices(self) -> list[dict[str, Any]]:
        cur = self.db.execute(
            "SELECT d.id, d.branch_code, d.name, d.app_version, d.registered_at, "
            "d.last_push_at, d.revoked_at, (SELECT COUNT(*) FROM records r "
            "WHERE r.device_id = d.id) AS records FROM devices d ORDER BY d.registered_at, d.id"
        )
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def revoke_device(self, device_id: str) -> None:
        with self.write() as db:
            cur = db.execute(
                "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                [self.now(), device_id],
            )
            if cur.rowcount != 1:
                raise StoreError(f"no device with id {device_id}")

    # ----------------------------------------------------------- member numbers

    def reserve_block(self, device_id: str, count: int) -> dict[str, str]:
        with self.write() as db:
            return self._reserve(db, device_id, count, "device")

    def _reserve(
        self, db: Database, device_id: str | None, count: int, kind: str
    ) -> dict[str, str]:
        """The next `count` numbers of the one counter; the caller holds the write."""
        end = int(
            db.execute(
                "UPDATE counters SET value = value + ? WHERE name = 'member_number' "
                "RETURNING value",
                [count],
            ).fetchone()[0]
        )
        first, last = end - count, end - 1
        if last > LAST_MEMBER_NUMBER:
            raise StoreError("member numbers are exhausted")
        db.execute(
            "INSERT INTO member_number_blocks (first, last, device_id, kind, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [number_text(first), number_text(last), device_id, kind, self.now()],
        )
        return {"first": number_text(first), "last": number_text(last)}

    def assign_number(self, db: Database) -> str:
        """One number HQ gives an enrolment that came without one (or lost its own)."""
        return self._reserve(db, None, 1, "hq")["first"]

    # -------------------------------------------------------------------- stats

    def stats(self) -> dict[str, Any]:
        records: dict[str, dict[str, int]] = {}
        for type_, status, n in self.db.execute(
            "SELECT type, status, COUNT(*) FROM records GROUP BY type, status ORDER BY 1, 2"
        ).fetchall():
            records.setdefault(type_, {})[status] = n
        enrolments = {
            str(status): int(n)
            for status, n in self.db.execute(
                "SELECT status, COUNT(*) FROM enrolments GROUP BY status ORDER BY 1"
            ).fetchall()
        }
        devices = self.one(
            "SELECT COUNT(*), COUNT(revoked_at) FROM devices",
        ) or (0, 0)
        next_number = self.one("SELECT value FROM counters WHERE name = 'member_number'")
        return {
            "records": records,
            "records_total": sum(sum(v.values()) for v in records.values()),
            "enrolments": enrolments,
            "devices": {"registered": devices[0], "revoked": devices[1]},
            "next_member_number": number_text(int(next_number[0])) if next_number else None,
        }
