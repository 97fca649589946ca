"""HQ's two database engines behind one small interface: SQLite (embedded, the default) and
PostgreSQL (psycopg 3, for many workers). Both take the same SQL text with `?` placeholders;
a connection runs statements, transactions and savepoints, and the errors that decide an
answer (a unique violation, a busy database) come out as the same exceptions on both."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

BUSY_TIMEOUT_MS = 10_000
POOL_TIMEOUT_S = 10.0


class Duplicate(Exception):
    """A unique index refused a row (two writers decided the same NIK or number at once)."""


class Busy(Exception):
    """The database cannot take this now (locked, deadlock, no free connection): 503."""


class Rows:
    """A statement's result, read whole: `fetchone`, `fetchall`, `rowcount`, `description`."""

    def __init__(
        self, rows: list[tuple[Any, ...]], rowcount: int, description: Sequence[Any] | None
    ) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount
        self.description = description

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._next = self._rows[self._next :], len(self._rows)
        return rows


class Connection(Protocol):
    """One transaction's connection (or a single statement's, for reads)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows: ...

    def insert_rows(
        self, table: str, columns: Sequence[str], types: Sequence[str], rows: list[list[Any]]
    ) -> None:
        """Many rows into one table in one statement (`types`: each column's SQL type)."""

    def savepoint(self) -> Any: ...  # a context manager: all of the block, or none of it


def is_postgres(database: str) -> bool:
    return database.startswith(("postgresql://", "postgres://"))


def describe(database: str) -> str:
    """The database for a log line: a file name, or host/dbname without user or password."""
    if not is_postgres(database):
        return database
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(database)
    return f"postgresql://{info.get('host', 'localhost')}:{info.get('port', 5432)}/" + str(
        info.get("dbname", "")
    )


class _Savepoints:
    """SAVEPOINT / RELEASE / ROLLBACK TO, the same statements on both engines."""

    _depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        raise NotImplementedError

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        self._depth += 1
        name = f"hq_sp{self._depth}"
        self.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self.execute(f"ROLLBACK TO SAVEPOINT {name}")
            self.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            self.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._depth -= 1


# ------------------------------------------------------------------ SQLite


class SqliteConnection(_Savepoints):
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        try:
            cur = self.conn.execute(sql, params)
            return Rows([tuple(r) for r in cur.fetchall()], cur.rowcount, cur.description)
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise Duplicate(str(exc)) from exc
            raise
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise Busy(str(exc)) from exc
            raise

    def insert_rows(
        self, table: str, columns: Sequence[str], types: Sequence[str], rows: list[list[Any]]
    ) -> None:
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise Duplicate(str(exc)) from exc
            raise


class SqliteEngine:
    """One file. Reads use a connection per thread; writes go one at a time (a lock for the
    threads of this process, BEGIN IMMEDIATE across processes)."""

    name = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._write_lock = threading.Lock()

    def connection(self) -> SqliteConnection:
        conn: SqliteConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            # check_same_thread off only so close() can close it; each is used by one thread.
            raw = sqlite3.connect(
                str(self.path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            raw.execute("PRAGMA journal_mode=WAL")
            raw.execute("PRAGMA synchronous=FULL")
            raw.execute("PRAGMA foreign_keys=ON")
            raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn = SqliteConnection(raw)
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(raw)
        return conn

    @contextmanager
    def read(self) -> Iterator[SqliteConnection]:
        yield self.connection()

    @contextmanager
    def transaction(self) -> Iterator[SqliteConnection]:
        with self._write_lock:
            conn = self.connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.conn.rollback()
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                # A failed COMMIT leaves the transaction open on this thread's connection.
                conn.conn.rollback()
                raise

    def close(self) -> None:
        with self._connections_lock:
            for raw in self._connections:
                raw.close()
            self._connections.clear()
        self._local = threading.local()


# -------------------------------------------------------------- PostgreSQL


@lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    """`?` placeholders to psycopg's `%s` (our SQL has no `?` or `%` inside literals)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresConnection(_Savepoints):
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        import psycopg
        from psycopg import errors

        try:
            cur = self.conn.execute(_pg_sql(sql), list(params) or None)
            rows = [tuple(r) for r in cur.fetchall()] if cur.description is not None else []
            return Rows(rows, cur.rowcount, cur.description)
        except errors.UniqueViolation as exc:
            raise Duplicate(str(exc.diag.constraint_name)) from exc
        except (errors.DeadlockDetected, errors.SerializationFailure) as exc:
            raise Busy(type(exc).__name__) from exc
        except psycopg.OperationalError as exc:
            raise Busy("database unavailable") from exc

    def insert_rows(
        self, table: str, columns: Sequence[str], types: Sequence[str], rows: list[list[Any]]
    ) -> None:
        """One statement whatever the number of rows: each column an array, `unnest`ed.
        The arrays go in binary (`%b`): the text form escapes every element, which costs
        more than the statement itself."""
        from psycopg import errors

        arrays = ", ".join(f"%b::{t}[]" for t in types)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM unnest({arrays})"
        try:
            self.conn.execute(sql, [list(column) for column in zip(*rows, strict=True)])
        except errors.UniqueViolation as exc:
            raise Duplicate(str(exc.diag.constraint_name)) from exc
        except (errors.DeadlockDetected, errors.SerializationFailure) as exc:
            raise Busy(type(exc).__name__) from exc


class PostgresEngine:
    """A pool of connections to one PostgreSQL database, shared by this process's threads.
    Nothing about a device lives here: any worker can serve any request."""

    name = "postgresql"

    def __init__(self, dsn: str, max_connections: int = 8) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        self.dsn = dsn
        try:  # fail at once when nothing answers, rather than when the pool gives up
            psycopg.connect(dsn, connect_timeout=5).close()
        except psycopg.Error as exc:
            raise Busy(f"cannot connect to {describe(dsn)}") from exc
        self.pool = ConnectionPool(
            dsn,
            min_size=1,
            max_size=max_connections,
            kwargs={"autocommit": True},
            timeout=POOL_TIMEOUT_S,
            open=False,
            name="hq",
        )
        try:
            self.pool.open(wait=True, timeout=POOL_TIMEOUT_S)
        except Exception as exc:
            self.pool.close()
            raise Busy(f"cannot connect to {describe(dsn)}") from exc
        self._side: Any = None
        self._side_lock = threading.Lock()

    @contextmanager
    def side_connection(self) -> Iterator[PostgresConnection]:
        """This process's one side connection, in autocommit (each statement its own
        transaction), for a moment; not the pool's, so a request holding a pooled
        connection never waits for a second one."""
        import psycopg

        with self._side_lock:
            if self._side is None or self._side.closed:
                try:
                    self._side = psycopg.connect(self.dsn, autocommit=True, connect_timeout=10)
                except psycopg.Error as exc:
                    raise Busy("database unavailable") from exc
            yield PostgresConnection(self._side)

    @contextmanager
    def _borrow(self) -> Iterator[Any]:
        from psycopg_pool import PoolTimeout

        try:
            conn_cm = self.pool.connection()
            conn = conn_cm.__enter__()
        except PoolTimeout as exc:
            raise Busy("no free database connection") from exc
        try:
            yield conn
        except BaseException as exc:
            conn_cm.__exit__(type(exc), exc, exc.__traceback__)
            raise
        conn_cm.__exit__(None, None, None)

    @contextmanager
    def read(self) -> Iterator[PostgresConnection]:
        with self._borrow() as conn:
            yield PostgresConnection(conn)

    @contextmanager
    def transaction(self) -> Iterator[PostgresConnection]:
        with self._borrow() as raw:
            conn = PostgresConnection(raw)
            conn.execute("BEGIN")  # READ COMMITTED; correctness comes from the statements
            try:
                yield conn
            except BaseException:
                raw.rollback()
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                raw.rollback()
                raise

    def close(self) -> None:
        self.pool.close()
        with self._side_lock:
            if self._side is not None:
                self._side.close()


Engine = SqliteEngine | PostgresEngine


def open_engine(database: str | Path, max_connections: int = 8) -> Engine:
    text = str(database)
    if is_postgres(text):
        return PostgresEngine(text, max_connections)
    return SqliteEngine(Path(text))
