"""HQ's database: schema, connections and the single writer; devices, codes, member numbers.

Tables other tests may query (read-only):
  devices(id, name, app_version, branch_code, login_hash, bundle_key, registered_at,
          revoked_at, last_push_at)   -- login_hash and bundle_key: hq/keys.py
  registration_codes(code_sha256, branch_code, created_at, expires_at, used_at, used_by,
                     device_id)   -- device_id: the one id the code may register, or NULL
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
  scheme_usage(code, used, budget_used)   -- a sponsored scheme's active members and money
Member numbers are 11-digit strings, so comparing them as text orders them as numbers.
The same SQL runs on SQLite and PostgreSQL (hq/db.py, hq/schema.py).
"""

from __future__ import annotations

import hashlib
import random
import re
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from hq.db import Busy, Connection, Engine, PostgresEngine, Rows, open_engine
from hq.guards import count_request, over_limit
from hq.keys import key_path, load_key, login_hash, seal, token_material, unseal
from hq.schema import migrate

T = TypeVar("T")
_NIK = re.compile(r"^[0-9]{16}$")
WRITE_ATTEMPTS = 3  # a transaction PostgreSQL ended (deadlock) is run again, then 503
FIRST_MEMBER_NUMBER = 10_000_000_001
LAST_MEMBER_NUMBER = 99_999_999_999
REGISTRATION_BLOCK = 500
MAX_CODE_DAYS = 365  # a code is handed to one person for one laptop, not kept for years
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone

Clock = Callable[[], datetime]

class StoreError(Exception):
    """An admin command that cannot be done; the text names ids, never personal data."""


class DeviceTaken(Exception):
    """A registration for a device id HQ holds, without proof it is that device."""


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


class _Reader:
    """`store.db`: one statement at a time outside any transaction, on either engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def execute(self, sql: str, params: Any = ()) -> Rows:
        with self._engine.read() as conn:
            return conn.execute(sql, params)


class Store:
    """HQ's database: an SQLite file (a path) or a PostgreSQL database (a postgresql://
    URL). Writes go through `write()` (all of the block or none of it); on SQLite they go
    one at a time, on PostgreSQL side by side, each correct by its own statements."""

    def __init__(
        self,
        database: str | Path,
        clock: Clock = utc_now,
        max_connections: int = 8,
        key_file: Path | None = None,
    ) -> None:
        self.database = str(database)
        self.clock = clock
        self.key_file = key_file or key_path(self.database)
        self._key: bytes | None = None
        self.engine: Engine = open_engine(database, max_connections)
        self.db = _Reader(self.engine)
        try:
            migrate(self.engine)
            self._seal_legacy_tokens()
        except BaseException:
            self.engine.close()
            raise

    @property
    def key(self) -> bytes:
        """HQ's own key (hq/keys.py), read once, made on first use."""
        if self._key is None:
            self._key = load_key(self.key_file)
        return self._key

    def _seal_legacy_tokens(self) -> None:
        """Devices registered before HQ kept a separate login hash: their column held
        SHA-256(token), the bundle material itself. It becomes the login hash, and the
        material is sealed under HQ's key (old bundles still import)."""
        if self.one("SELECT 1 FROM devices WHERE bundle_key IS NULL") is None:
            return
        with self.write() as db:
            for device_id, old in db.execute(
                "SELECT id, login_hash FROM devices WHERE bundle_key IS NULL"
            ).fetchall():
                try:
                    material = bytes.fromhex(str(old))
                except ValueError:
                    material = b""
                if len(material) != 32:  # never a token's hash: no login, no bundles
                    db.execute("UPDATE devices SET bundle_key = '' WHERE id = ?", [device_id])
                    continue
                db.execute(
                    "UPDATE devices SET login_hash = ?, bundle_key = ? WHERE id = ? "
                    "AND bundle_key IS NULL",
                    [login_hash(material), seal(self.key, device_id, material), device_id],
                )

    def bundle_material(self, device_id: str) -> bytes | None:
        """What the device's bundles are keyed from; None if HQ does not know the device,
        revoked it, or holds its material under another key."""
        row = self.one(
            "SELECT bundle_key FROM devices WHERE id = ? AND revoked_at IS NULL", [device_id]
        )
        if row is None or not row[0]:
            return None
        return unseal(self.key, device_id, str(row[0]))

    @property
    def backend(self) -> str:
        return self.engine.name

    def close(self) -> None:
        self.engine.close()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """The one way to write: all of the block commits, or none of it."""
        with self.engine.transaction() as conn:
            yield conn

    def run_write(self, work: Callable[[Connection], T]) -> T:
        """`work` in one write transaction, run again (from the start) when PostgreSQL
        ended it to break a deadlock; Busy when it keeps failing."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self.write() as conn:
                    return work(conn)
            except Busy:
                if attempt == WRITE_ATTEMPTS - 1 or self.backend == "sqlite":
                    raise
                time.sleep(random.uniform(0.05, 0.25) * (attempt + 1))  # let the other finish
        raise AssertionError("unreachable")

    def lock_people(self, db: Connection, niks: Iterable[object]) -> None:
        """On PostgreSQL, take a transaction lock on each NIK of a push, in one order (the
        NIKs sorted), before deciding any of them: two pushes holding the same people wait
        for one another at the first they share instead of meeting halfway in a deadlock.
        SQLite has one writer; nothing to do."""
        if self.backend == "sqlite":
            return
        keys = sorted({int(n) for n in niks if isinstance(n, str) and _NIK.match(n)})
        if keys:
            db.execute(
                "SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(k) "
                "FROM unnest(?::bigint[]) AS k) AS locked",
                [keys],
            )

    def now(self) -> str:
        return stamp(self.clock())

    def one(self, sql: str, params: Any = ()) -> tuple[Any, ...] | None:
        row = self.db.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    # ------------------------------------------------------ registration codes

    def create_code(self, branch_code: str, days: int = 14, device_id: str | None = None) -> str:
        """A single-use code for registering one device; only its hash is kept. With
        `device_id`, the code registers that id only, and may register it again (a laptop
        that lost its token, or was revoked)."""
        if not 1 <= days <= MAX_CODE_DAYS:
            raise StoreError(f"a code is valid from 1 to {MAX_CODE_DAYS} days")
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        now = self.clock()
        with self.write() as db:
            db.execute(
                "INSERT INTO registration_codes (code_sha256, branch_code, created_at, "
                "expires_at, device_id) VALUES (?, ?, ?, ?, ?)",
                [
                    sha256_hex(normalise_code(code)),
                    branch_code,
                    stamp(now),
                    stamp(now + timedelta(days=days)),
                    device_id,
                ],
            )
        return code

    def register_device(
        self,
        device_id: str,
        code: str,
        name: str,
        app_version: str,
        current_token: str | None = None,
    ) -> dict[str, Any] | None:
        """Use the code (once, before it expires) and give the device a new token and a
        block of member numbers. None when the code is unknown, used, expired, or issued
        for another device id. A device id HQ holds registers again only with proof: a
        code issued for that id, or the device's current token (not revoked); else
        DeviceTaken, and nothing changes (the code stays unused). The old token stops
        working."""
        token = secrets.token_urlsafe(32)
        now = self.now()
        with self.write() as db:
            # The UPDATE is the check: two devices racing for one code cannot both win.
            row = db.execute(
                "UPDATE registration_codes SET used_at = ?, used_by = ? WHERE code_sha256 = ? "
                "AND used_at IS NULL AND expires_at > ? AND (device_id IS NULL OR device_id = ?) "
                "RETURNING branch_code, device_id",
                [now, device_id, sha256_hex(normalise_code(code)), now, device_id],
            ).fetchone()
            if row is None:
                return None
            branch, issued_for = str(row[0]), row[1]
            material = token_material(token)
            values = [
                name, app_version, branch, login_hash(material),
                seal(self.key, device_id, material), now,
            ]  # fmt: skip
            if self.one_in(db, "SELECT 1 FROM devices WHERE id = ?", [device_id]) is None:
                done = db.execute(
                    "INSERT INTO devices (name, app_version, branch_code, login_hash, "
                    "bundle_key, registered_at, id) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(id) DO NOTHING",
                    [*values, device_id],
                ).rowcount
            elif issued_for == device_id or current_token:
                proof, params = "", []
                if issued_for != device_id:
                    proof = " AND login_hash = ? AND revoked_at IS NULL"
                    params = [login_hash(token_material(str(current_token)))]
                done = db.execute(
                    "UPDATE devices SET name = ?, app_version = ?, branch_code = ?, "
                    "login_hash = ?, bundle_key = ?, registered_at = ?, revoked_at = NULL "
                    f"WHERE id = ?{proof}",
                    [*values, device_id, *params],
                ).rowcount
            else:
                done = 0
            if not done:
                raise DeviceTaken(device_id)
            block = self._reserve(db, device_id, REGISTRATION_BLOCK, "device")
        return {"device_token": token, "branch_code": branch, "member_number_blocks": [block]}

    @staticmethod
    def one_in(db: Connection, sql: str, params: Any = ()) -> tuple[Any, ...] | None:
        row = db.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    def limited(self, name: str, key: str, count: bool) -> int | None:
        """None while `key` is within limit `name` (hq/guards.py), else the seconds to
        wait. `count`: this request counts against the limit."""
        now = self.clock()
        with self.write() as db:
            if count:
                count_request(db, name, key, now)
            return over_limit(db, name, key, now, counted=count)

    # ------------------------------------------------------------------ devices

    def device_for_token(self, token: str) -> tuple[str, bool] | None:
        """(device id, revoked) for a bearer token, None when no device holds it."""
        row = self.one(
            "SELECT id, revoked_at FROM devices WHERE login_hash = ?",
            [login_hash(token_material(token))],
        )
        return None if row is None else (str(row[0]), row[1] is not None)

    def list_devices(self) -> list[dict[str, Any]]:
        cur = self.db.execute(
            "SELECT d.id, d.branch_code, d.name, d.app_version, d.registered_at, "
            "d.last_push_at, d.revoked_at, (SELECT COUNT(*) FROM records r "
            "WHERE r.device_id = d.id) AS records FROM devices d ORDER BY d.registered_at, d.id"
        )
        names = [c[0] for c in cur.description or ()]
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
        self, db: Connection, device_id: str | None, count: int, kind: str
    ) -> dict[str, str]:
        """The next `count` numbers of the one counter; the caller holds the write."""
        row = db.execute(
            "UPDATE counters SET value = value + ? WHERE name = 'member_number' "
            "RETURNING value",
            [count],
        ).fetchone()
        assert row is not None
        end = int(row[0])
        first, last = end - count, end - 1
        if last > LAST_MEMBER_NUMBER:
            raise StoreError("member numbers are exhausted")
        db.execute(
            "INSERT INTO member_number_blocks (first, last, device_id, kind, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [number_text(first), number_text(last), device_id, kind, self.now()],
        )
        return {"first": number_text(first), "last": number_text(last)}

    def hq_numbers(self, db: Connection, count: int) -> list[str]:
        """`count` numbers HQ gives enrolments that came without one, in order.

        On PostgreSQL they are taken together (an `hq` row of member_number_blocks each,
        one statement) in a short transaction of its own, once a push: the counter's row is
        locked for a moment rather than until the push commits, and once a push rather
        than once a record. Numbers the push does not give (a refused enrolment), or gives and then
        rolls back, stay unused: gaps, never a number given twice. On SQLite, one number
        at a time inside the push (one writer: no gaps)."""
        if not isinstance(self.engine, PostgresEngine):
            return [self.assign_number(db)]
        with self.engine.side_connection() as side:
            row = side.execute(
                "WITH c AS (UPDATE counters SET value = value + ? "
                "WHERE name = 'member_number' RETURNING value - ? AS n, value - 1 AS m) "
                "INSERT INTO member_number_blocks (first, last, device_id, kind, created_at) "
                "SELECT lpad(CAST(g AS TEXT), 11, '0'), lpad(CAST(g AS TEXT), 11, '0'), "
                "NULL, 'hq', ? FROM c, generate_series(c.n, c.m) AS g WHERE c.m <= ? "
                "RETURNING first",
                [count, count, self.now(), LAST_MEMBER_NUMBER],
            ).fetchall()
        if not row:
            raise StoreError("member numbers are exhausted")
        return sorted(str(r[0]) for r in row)

    def assign_number(self, db: Connection) -> str:
        """One number HQ gives an enrolment that came without one (or lost its own).

        On PostgreSQL it is taken in a short transaction of its own, so the counter's row is
        locked for a moment rather than until the push commits (which would put every push
        that needs a number in one queue). A push that then rolls back leaves its number
        unused: a gap, never a number given twice."""
        if isinstance(self.engine, PostgresEngine):
            # One statement, its own transaction: the counter and the block row together.
            with self.engine.side_connection() as side:
                row = side.execute(
                    "WITH c AS (UPDATE counters SET value = value + 1 "
                    "WHERE name = 'member_number' RETURNING value - 1 AS n) "
                    "INSERT INTO member_number_blocks (first, last, device_id, kind, created_at) "
                    "SELECT lpad(CAST(n AS TEXT), 11, '0'), lpad(CAST(n AS TEXT), 11, '0'), "
                    "NULL, 'hq', ? FROM c WHERE n <= ? RETURNING first",
                    [self.now(), LAST_MEMBER_NUMBER],
                ).fetchone()
            if row is None:
                raise StoreError("member numbers are exhausted")
            return str(row[0])
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
