"""The connection wrapper every model function takes, and the numbered migrations.

Sigap used sqlite-utils' `Database` for these two things only: `execute` (a write outside a
transaction is committed at once), `atomic` (a transaction, or a savepoint when one is
open), `rollback`, `close`, `conn`; and its `Migrations`. sqlite-utils brought click,
python-dateutil, pluggy and tabulate with it, and importing it was 40% of starting a
command. This module keeps the same behaviour and the same `_sqlite_migrations` table, so
desks set up by earlier versions open and migrate as before.
"""

from __future__ import annotations

import contextlib
import datetime
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}


def _first_keyword(sql: str) -> str:
    """The statement's first keyword, past leading blanks and comments."""
    text = sql.lstrip()
    while text.startswith(("--", "/*")):
        if text.startswith("--"):
            end = text.find("\n")
            text = "" if end < 0 else text[end + 1 :].lstrip()
        else:
            end = text.find("*/")
            text = "" if end < 0 else text[end + 2 :].lstrip()
    word = text.split(None, 1)[0] if text else ""
    return word.rstrip(";").upper()


class Database:
    """A SQLite (or SQLCipher) connection with sqlite-utils' transaction rules."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        # sqlite-utils turned recursive triggers on for every connection; kept as it was.
        self.execute("PRAGMA recursive_triggers=on;")

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """Run one statement. A write outside a transaction is committed at once; inside
        one it becomes part of it."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.execute(sql) if parameters is None else conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")  # the failed write's implicit transaction
            raise
        if (
            not was_in_transaction
            and conn.in_transaction
            and cursor.description is None
            and _first_keyword(sql) not in _TRANSACTION_CONTROL
        ):
            conn.execute("COMMIT")
        return cursor

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction; nested, a savepoint."""
        conn = self.conn
        if conn.in_transaction:
            savepoint = f"sigap_{secrets.token_hex(8)}"
            conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # a RAISE(ROLLBACK) may have ended it already
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def table_names(self) -> list[str]:
        return [
            str(r[0])
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


MigrationFunction = Callable[[Database], None]


@dataclass(frozen=True)
class Migration:
    name: str
    fn: MigrationFunction
    transactional: bool


@dataclass(frozen=True)
class AppliedMigration:
    name: str
    applied_at: str


class Migrations:
    """Numbered schema changes, each applied once, recorded in `_sqlite_migrations` as
    sqlite-utils' `Migrations` recorded them (a desk migrated by either reads the same)."""

    table = "_sqlite_migrations"

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(
        self, *, name: str | None = None, transactional: bool = True
    ) -> Callable[[MigrationFunction], MigrationFunction]:
        def register(fn: MigrationFunction) -> MigrationFunction:
            migration_name = name or fn.__name__
            if any(m.name == migration_name for m in self._migrations):
                raise ValueError(f"migration {migration_name!r} is defined twice")
            self._migrations.append(Migration(migration_name, fn, transactional))
            return fn

        return register

    def _has_table(self, db: Database) -> bool:
        row = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [self.table]
        ).fetchone()
        return row is not None

    def applied(self, db: Database) -> list[AppliedMigration]:
        if not self._has_table(db):
            return []
        rows = db.execute(
            f"SELECT name, applied_at FROM {self.table} WHERE migration_set = ? ORDER BY id",
            [self.name],
        ).fetchall()
        return [AppliedMigration(str(r[0]), str(r[1])) for r in rows]

    def pending(self, db: Database) -> list[Migration]:
        done = {m.name for m in self.applied(db)}
        return [m for m in self._migrations if m.name not in done]

    def ensure_migrations_table(self, db: Database) -> None:
        db.execute(
            f"CREATE TABLE IF NOT EXISTS [{self.table}] (\n"
            "   [id] INTEGER PRIMARY KEY,\n   [migration_set] TEXT,\n"
            "   [name] TEXT,\n   [applied_at] TEXT\n)"
        )
        db.execute(
            f"CREATE UNIQUE INDEX IF NOT EXISTS [idx_{self.table}_migration_set_name] "
            f"ON [{self.table}] ([migration_set], [name])"
        )

    def _record(self, db: Database, name: str) -> None:
        db.execute(
            f"INSERT INTO [{self.table}] (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [self.name, name, str(datetime.datetime.now(datetime.UTC))],
        )

    def apply(self, db: Database, *, stop_before: str | None = None) -> None:
        """Apply every pending migration, each in its own transaction with its record (a
        migration that raises leaves nothing behind and stays pending); with `stop_before`,
        those before that one only (an earlier version's schema, for tests)."""
        if stop_before is not None and stop_before in {m.name for m in self.applied(db)}:
            raise ValueError(f"cannot stop before {stop_before!r}: already applied")
        self.ensure_migrations_table(db)
        for migration in self.pending(db):
            if migration.name == stop_before:
                return
            if migration.transactional:
                with db.atomic():
                    migration.fn(db)
                    self._record(db, migration.name)
            else:
                migration.fn(db)
                self._record(db, migration.name)
