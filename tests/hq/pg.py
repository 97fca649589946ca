"""PostgreSQL for the tests: `$SIGAP_TEST_POSTGRES` (a DSN whose user may CREATE DATABASE),
or a throwaway server started here once per test session with Debian's initdb and pg_ctl
(in a temporary folder, on a free port, as an unprivileged user when the tests run as root,
since PostgreSQL refuses to run as root). Each test gets a database of its own.

When neither is available the tests that need PostgreSQL are skipped with the install hint,
except under CI (`CI=true`), where they fail: CI must never skip them."""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

ENV = "SIGAP_TEST_POSTGRES"
HINT = (
    "PostgreSQL is needed for these tests: install it (Debian/Ubuntu: "
    "`sudo apt-get install postgresql`), or set SIGAP_TEST_POSTGRES to a DSN whose user "
    "may create databases, e.g. postgresql://hq@127.0.0.1:5432/postgres"
)


class _Server:
    dsn: str | None = None
    folder: Path | None = None
    pg_ctl: str | None = None
    user: str | None = None
    error: str | None = None


_SERVER = _Server()


def _unavailable(reason: str) -> None:
    message = f"{reason}. {HINT}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _binaries() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return str(Path(found[-1]).parent)
    initdb = shutil.which("initdb")
    return str(Path(initdb).parent) if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user(user: str | None, *command: str) -> list[str]:
    if user is None:
        return list(command)
    return ["runuser", "-u", user, "--", *command]


def _start() -> None:
    bindir = _binaries()
    if bindir is None:
        _SERVER.error = "initdb and pg_ctl were not found"
        return
    user = None
    if os.geteuid() == 0:
        for name in ("postgres", "nobody"):
            try:
                pwd.getpwnam(name)
            except KeyError:
                continue
            user = name
            break
    folder = Path(tempfile.mkdtemp(prefix="sigap-pg-"))
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    data = folder / "data"
    port = _free_port()
    steps = [
        _as_user(
            user,
            f"{bindir}/initdb",
            "-D",
            str(data),
            "-U",
            "hq",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ),
        _as_user(
            user,
            f"{bindir}/pg_ctl",
            "-D",
            str(data),
            "-l",
            str(folder / "postgres.log"),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start",
        ),
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, cwd=folder)
        if done.returncode != 0:
            _SERVER.error = f"{Path(step[-1]).name}: {done.stderr.strip()[-500:]}"
            shutil.rmtree(folder, ignore_errors=True)
            return
    _SERVER.dsn = f"postgresql://hq@127.0.0.1:{port}/postgres"
    _SERVER.folder, _SERVER.pg_ctl, _SERVER.user = folder, f"{bindir}/pg_ctl", user
    atexit.register(_stop)


def _stop() -> None:
    folder, _SERVER.folder = _SERVER.folder, None
    if folder is None or _SERVER.pg_ctl is None:
        return
    subprocess.run(
        _as_user(_SERVER.user, _SERVER.pg_ctl, "-D", str(folder / "data"), "-m", "immediate",
                 "stop"),
        capture_output=True,
    )
    shutil.rmtree(folder, ignore_errors=True)


def server_dsn() -> str:
    """The DSN of a PostgreSQL server the tests may create databases on (skip/fail if none)."""
    external = os.environ.get(ENV)
    if external:
        return external
    if _SERVER.dsn is None and _SERVER.error is None:
        _start()
    if _SERVER.dsn is None:
        _unavailable(f"PostgreSQL could not be started ({_SERVER.error})")
    assert _SERVER.dsn is not None
    return _SERVER.dsn


def _admin(sql: str) -> None:
    import psycopg

    try:
        with psycopg.connect(server_dsn(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)
    except psycopg.OperationalError as exc:
        _unavailable(f"cannot reach PostgreSQL at {ENV} ({exc})")


def new_database() -> str:
    """A new, empty HQ database on the test server: a schema of its own (made in a
    millisecond, where CREATE DATABASE takes a few hundred); its DSN (postgresql://…)."""
    from psycopg.conninfo import conninfo_to_dict

    name = "hq_test_" + uuid.uuid4().hex[:16]
    _admin(f"CREATE SCHEMA {name}")
    info = conninfo_to_dict(server_dsn())
    info["options"] = f"-csearch_path={name}"
    params = "&".join(f"{k}={quote(str(v), safe='')}" for k, v in info.items() if k not in (
        "host", "port", "user", "dbname"))
    user = f"{quote(str(info['user']), safe='')}@" if info.get("user") else ""
    host = str(info.get("host", "localhost"))
    if host.startswith("/"):  # a Unix socket folder
        return f"postgresql://{user}/{info.get('dbname', '')}?host={quote(host, safe='')}&{params}"
    return f"postgresql://{user}{host}:{info.get('port', 5432)}/{info.get('dbname', '')}?{params}"


def drop_database(dsn: str) -> None:
    from psycopg.conninfo import conninfo_to_dict

    options = str(conninfo_to_dict(dsn).get("options", ""))
    name = options.removeprefix("-csearch_path=")
    if name.startswith("hq_test_"):
        _admin(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def pg_query(dsn: str, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    """Read-only SQL with `?` placeholders, for assertions."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        text = sql.replace("%", "%%").replace("?", "%s")
        return [tuple(r) for r in conn.execute(text, list(params) or None).fetchall()]
