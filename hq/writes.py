"""A push's new rows, written together: one multi-row INSERT per table when the push ends,
instead of a statement (a round trip, on PostgreSQL) for every row as it is decided.

`WriteBehind` wraps the push's connection. Rows are kept here until a statement needs them:
any statement naming a table that has rows waiting writes them first (as an ORM's autoflush
does), so what the push reads always includes what it decided. The tables are written in
the order of their foreign keys (a record's row before its enrolment's or payment's)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from hq.db import Connection, Rows

# table -> ((column, SQL type), ...), in the order they are written
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "records": (
        ("id", "text"),
        ("device_id", "text"),
        ("batch_id", "text"),
        ("type", "text"),
        ("schema", "bigint"),
        ("recorded_at", "text"),
        ("received_at", "text"),
        ("sha256", "text"),
        ("payload", "text"),
        ("status", "text"),
        ("member_number", "text"),
        ("code", "text"),
        ("message", "text"),
        ("field", "text"),
        ("updated_at", "text"),
    ),
    "enrolments": (
        ("id", "text"),
        ("device_id", "text"),
        ("event_id", "text"),
        ("nik", "text"),
        ("status", "text"),
        ("member_number", "text"),
        ("requested_number", "text"),
        ("payer_type", "text"),
        ("scheme_code", "text"),
        ("data", "text"),
        ("updated_at", "text"),
    ),
    "payments": (
        ("id", "text"),
        ("enrolment_id", "text"),
        ("device_id", "text"),
        ("amount", "bigint"),
        ("method", "text"),
        ("months", "bigint"),
        ("period_start", "text"),
        ("reference", "text"),
        ("verification", "text"),
    ),
}
_NAMES = {table: re.compile(rf"\b{table}\b", re.IGNORECASE) for table in TABLES}


class WriteBehind:
    """The push's connection, with its new rows kept until they are needed or it ends."""

    def __init__(self, db: Connection) -> None:
        self.inner = db
        self._rows: dict[str, list[list[Any]]] = {table: [] for table in TABLES}
        self._waiting: set[int] = set()  # id() of each row not written yet

    def add(self, table: str, row: list[Any]) -> list[Any]:
        """A row to write (a list, filled in until it is written); the same list back."""
        assert len(row) == len(TABLES[table])
        self._rows[table].append(row)
        self._waiting.add(id(row))
        return row

    def waiting(self, row: list[Any]) -> bool:
        """Whether `row` is still here (it can still be changed or taken back)."""
        return id(row) in self._waiting

    def take_back(self, table: str, row: list[Any]) -> bool:
        """Drop a row not written yet; False when it was written already."""
        if id(row) not in self._waiting:
            return False
        self._waiting.discard(id(row))
        self._rows[table] = [r for r in self._rows[table] if r is not row]
        return True

    def flush(self) -> None:
        for table, spec in TABLES.items():
            rows, self._rows[table] = self._rows[table], []
            if rows:
                self._waiting.difference_update(id(r) for r in rows)
                self.inner.insert_rows(table, [c for c, _ in spec], [t for _, t in spec], rows)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        if self._waiting and any(
            self._rows[table] and name.search(sql) for table, name in _NAMES.items()
        ):
            self.flush()
        return self.inner.execute(sql, params)

    def insert_rows(
        self, table: str, columns: Sequence[str], types: Sequence[str], rows: list[list[Any]]
    ) -> None:
        self.flush()
        self.inner.insert_rows(table, columns, types, rows)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        self.flush()
        with self.inner.savepoint():
            yield
