"""HQ's schema as numbered migrations, one text for both engines.

The differences are three words: a 64-bit integer (`INTEGER` is 64-bit in SQLite, `BIGINT` in
PostgreSQL), the changes log's generated key, and where the list of applied migrations lives
(sqlite-utils' `_sqlite_migrations`, which older HQ files already have, or `hq_migrations`).
On PostgreSQL all pending migrations run in one transaction under an advisory lock, so
workers starting at once apply them once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from hq.db import Connection, Engine

MIGRATION_SET = "sigap-hq"
_PG_LOCK = 7_710_017  # any fixed number: pg_advisory_xact_lock's key for migrations

_M001 = """
CREATE TABLE counters (name TEXT PRIMARY KEY, value {bigint} NOT NULL);
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
    cursor {serial},
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
)
"""

# A scheme's places and money as one counter row each, taken with a conditional UPDATE
# (`used < quota`), instead of counting the scheme's members on every enrolment. Filled from
# the members HQ already holds. `devices.changes_written` is bumped by every transaction
# that writes a change for the device: its row lock orders those transactions, so a
# device's cursors commit in the order they were given.
_M002 = """
CREATE TABLE scheme_usage (
    code TEXT PRIMARY KEY,
    used {bigint} NOT NULL DEFAULT 0,
    budget_used {bigint} NOT NULL DEFAULT 0
);
INSERT INTO scheme_usage (code, used)
    SELECT scheme_code, COUNT(*) FROM enrolments
    WHERE status = 'active' AND payer_type = 'sponsor' AND scheme_code IS NOT NULL
    GROUP BY scheme_code;
ALTER TABLE devices ADD COLUMN changes_written {bigint} NOT NULL DEFAULT 0
"""

# A scheme's money as its counter row: `budget_used` filled from the sponsored payments HQ
# already holds (not void), before HQ took budgets from it.
_M003 = """
INSERT INTO scheme_usage (code, used)
    SELECT DISTINCT e.scheme_code, 0 FROM payments p JOIN enrolments e ON e.id = p.enrolment_id
    WHERE p.method = 'sponsor' AND e.payer_type = 'sponsor' AND e.scheme_code IS NOT NULL
    ON CONFLICT (code) DO NOTHING;
UPDATE scheme_usage SET budget_used = (
    SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN enrolments e ON e.id = p.enrolment_id
    WHERE p.method = 'sponsor' AND e.payer_type = 'sponsor' AND e.scheme_code = scheme_usage.code
    AND p.void_id IS NULL
)
"""

# Revision 2's `event_correction` records. SQLite cannot change a CHECK in place and
# `records` is referenced by other tables, so its stored definition is edited (SQLite's
# documented way for a CHECK that only grows); PostgreSQL swaps the constraint.
_M005 = "{records_type_check}"
_TYPES = (
    "'event', 'enrolment', 'payment', 'payment_void', 'enrolment_correction', 'event_correction'"
)
_SQLITE_M005 = (
    "PRAGMA writable_schema = ON; "
    "UPDATE sqlite_master SET sql = replace(sql, "
    "'''enrolment_correction'')', '''enrolment_correction'', ''event_correction'')') "
    "WHERE type = 'table' AND name = 'records'; "
    "PRAGMA writable_schema = RESET"
)
_PG_M005 = (
    "ALTER TABLE records DROP CONSTRAINT IF EXISTS records_type_check; "
    f"ALTER TABLE records ADD CONSTRAINT records_type_check CHECK (type IN ({_TYPES}))"
)

# Payments of revision 2: the payer's transaction reference, and what the branch decided of
# a transfer or QRIS (`waiting` until then; NULL for cash and sponsor payments).
_M004_PAYMENTS = """
ALTER TABLE payments ADD COLUMN reference TEXT;
ALTER TABLE payments ADD COLUMN verification TEXT;
UPDATE payments SET verification = 'waiting' WHERE method = 'transfer'
"""

# How often a client registered or topped up (hq/guards.py), counted where every worker
# sees it. And the payments' amounts and months as 64-bit integers on PostgreSQL (SQLite's
# INTEGER is 64-bit already): HQ reads integers up to 2**53, and none may overflow a column.
_M006_LIMITS = {
    "sqlite": """
CREATE TABLE rate_limits (
    name TEXT NOT NULL,
    client TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (name, client, window_start)
)
""",
    "postgresql": """
CREATE TABLE rate_limits (
    name TEXT NOT NULL,
    client TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (name, client, window_start)
);
ALTER TABLE payments ALTER COLUMN amount TYPE BIGINT, ALTER COLUMN months TYPE BIGINT
""",
}

# A registration code may be issued for one device id: the only way, besides the device's
# current token, to register an id HQ already holds (a device id cannot be taken over).
_M007_CODES = "ALTER TABLE registration_codes ADD COLUMN device_id TEXT"

# Logins checked against a hash of their own, not SHA-256(token), which keys the device's
# USB bundles; that material sealed under HQ's key file (hq/keys.py; the rows are converted
# when HQ opens the database, since the key is not in it).
_M008_LOGIN = """
ALTER TABLE devices RENAME COLUMN token_sha256 TO login_hash;
ALTER TABLE devices ADD COLUMN bundle_key TEXT
"""

MIGRATIONS: list[tuple[str, str | dict[str, str]]] = [
    ("m001_initial", _M001),
    ("m002_counters", _M002),
    ("m003_budgets", _M003),
    ("m004_payment_status", _M004_PAYMENTS),
    ("m005_event_corrections", _M005),
    ("m006_limits", _M006_LIMITS),
    ("m007_codes_for_a_device", _M007_CODES),
    ("m008_login_hash", _M008_LOGIN),
]

_WORDS = {
    "sqlite": {
        "bigint": "INTEGER",
        "serial": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "records_type_check": _SQLITE_M005,
    },
    "postgresql": {
        "bigint": "BIGINT",
        "serial": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        "records_type_check": _PG_M005,
    },
}


def statements(sql: str | dict[str, str], engine_name: str) -> list[str]:
    if isinstance(sql, dict):  # a migration written for each engine
        sql = sql[engine_name]
    text = sql.format(**_WORDS[engine_name])
    return [s.strip() for s in text.split(";") if s.strip()]


def _applied(conn: Connection, engine_name: str) -> set[str]:
    if engine_name == "sqlite":
        conn.execute(
            "CREATE TABLE IF NOT EXISTS _sqlite_migrations (id INTEGER PRIMARY KEY, "
            "migration_set TEXT, name TEXT, applied_at TEXT)"
        )
        conn.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS idx__sqlite_migrations_migration_set_name "
            "ON _sqlite_migrations (migration_set, name)"
        )
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        ).fetchall()
    else:
        conn.execute("SELECT pg_advisory_xact_lock(?)", [_PG_LOCK])
        conn.execute(
            "CREATE TABLE IF NOT EXISTS hq_migrations (name TEXT PRIMARY KEY, "
            "applied_at TEXT NOT NULL)"
        )
        rows = conn.execute("SELECT name FROM hq_migrations").fetchall()
    return {str(r[0]) for r in rows}


def migrate(
    engine: Engine,
    stop_before: str | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> list[str]:
    """Apply what is pending (in one transaction); the names applied."""
    done: list[str] = []
    with engine.transaction() as conn:
        applied = _applied(conn, engine.name)
        for name, sql in _pending(applied, stop_before):
            for statement in statements(sql, engine.name):
                conn.execute(statement)
            table = "_sqlite_migrations" if engine.name == "sqlite" else "hq_migrations"
            columns = "migration_set, name, applied_at" if engine.name == "sqlite" else (
                "name, applied_at"
            )
            values = [MIGRATION_SET] if engine.name == "sqlite" else []
            marks = ", ".join("?" * (len(values) + 2))
            conn.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                [*values, name, str(clock())],
            )
            done.append(name)
    return done


def _pending(
    applied: set[str], stop_before: str | None
) -> Iterable[tuple[str, str | dict[str, str]]]:
    for name, sql in MIGRATIONS:
        if name == stop_before:
            return
        if name not in applied:
            yield name, sql
