"""Storage errors by kind, read from SQLite's own result codes, never from the wording of the
exception; the officer's message never carries the exception's text."""

from __future__ import annotations

import errno

import pytest
from sqlcipher3 import dbapi2 as sqlite

from models.errors import (
    SQLITE_CONSTRAINT,
    is_constraint_violation,
    sqlite_code,
    storage_problem,
)


def _raised(sql: str, conn: sqlite.Connection) -> sqlite.Error:
    with pytest.raises(sqlite.Error) as caught:
        conn.execute(sql)
    return caught.value


@pytest.fixture
def conn():
    c = sqlite.connect(":memory:")
    c.execute("CREATE TABLE t (a TEXT UNIQUE)")
    c.execute("INSERT INTO t VALUES ('Saraswati')")
    yield c
    c.close()


def test_a_unique_violation_is_a_constraint_by_its_code(conn):
    exc = _raised("INSERT INTO t VALUES ('Saraswati')", conn)
    assert sqlite_code(exc) == SQLITE_CONSTRAINT
    assert is_constraint_violation(exc)


def test_a_full_database_says_disk_full(conn):
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite.Error) as caught:
        for _ in range(1000):
            conn.execute("INSERT INTO t VALUES (randomblob(2000))")
    assert storage_problem(caught.value).code == "disk_full"


def test_a_locked_database_says_busy(tmp_path):
    path = tmp_path / "x.db"
    first = sqlite.connect(str(path), timeout=0)
    first.execute("CREATE TABLE t (a)")
    first.commit()
    first.execute("BEGIN IMMEDIATE")
    second = sqlite.connect(str(path), timeout=0)
    try:
        exc = _raised("BEGIN IMMEDIATE", second)
        assert storage_problem(exc).code == "database_busy"
    finally:
        first.rollback()
        first.close()
        second.close()


def test_other_errors_are_named_not_quoted(conn):
    exc = _raised("SELECT * FROM no_such_table_Saraswati", conn)
    problem = storage_problem(exc)
    assert problem.code == "database_problem"
    assert problem.params == {"reason": "SQLITE_ERROR"}
    assert "Saraswati" not in problem.message("en")


def test_os_errors_by_errno():
    assert storage_problem(OSError(errno.ENOSPC, "No space left on device")).code == "disk_full"
    denied = storage_problem(PermissionError(errno.EACCES, "Permission denied: /x/Saraswati"))
    assert denied.params == {"reason": "EACCES"}


def test_errors_without_a_code_are_never_matched_by_their_text():
    """A message that merely says "full" is not a full disk."""
    exc = sqlite.OperationalError("database or disk is full")
    assert sqlite_code(exc) is None
    assert storage_problem(exc).code == "database_problem"
