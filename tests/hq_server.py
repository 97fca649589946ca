"""A real reference HQ process on loopback, for tests that need HQ over HTTP.

    from tests.hq_server import run_hq
    with run_hq(tmp_path / "hq") as hq:
        code = hq.create_code("MDN01")      # then POST {hq.url}/api/v1/devices
        hq.query("SELECT id, status, member_number FROM records")

or the function-scoped fixture: `from tests.hq_server import hq_server  # noqa: F401`.
Keyword arguments of `run_hq` are environment variables for the server process, e.g.
`HQ_MAX_BATCH_RECORDS="5"` or `HQ_MAX_BATCH_BYTES="20000"`. The tables are described at
the top of hq/store.py; the server's log is `hq.log` in the folder.

HQ runs on SQLite unless told otherwise: `run_hq(folder, database=...)`, `workers=N`, or
`with backend("postgresql"):` around it, which gives each HQ a new PostgreSQL database.
PostgreSQL for tests is `$SIGAP_TEST_POSTGRES` (a DSN whose user may CREATE DATABASE), or
else a throwaway server this module starts with Debian's initdb/pg_ctl (tests/pg.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.hq.pg import drop_database, new_database, pg_query

_BACKEND = ["sqlite"]


@contextmanager
def backend(name: str) -> Iterator[None]:
    """HQs started inside get a new database of this engine (`sqlite` or `postgresql`)."""
    before = _BACKEND[0]
    _BACKEND[0] = name
    try:
        yield
    finally:
        _BACKEND[0] = before


def current_backend() -> str:
    return _BACKEND[0]


def database_for(folder: Path) -> str:
    """A new, empty HQ database of the current engine."""
    if _BACKEND[0] == "postgresql":
        return new_database()
    return str(Path(folder) / "hq.db")

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0


class HQProcess:
    """`python -m hq --port 0` in its own process, with its database in `folder`."""

    def __init__(
        self,
        folder: Path,
        env: dict[str, str] | None = None,
        database: str | None = None,
        workers: int = 1,
    ) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._made = database is None
        self.database = database or database_for(self.folder)
        self.postgres = self.database.startswith("postgresql://")
        self.db_path = self.folder / "hq.db"  # the SQLite file, when on SQLite
        self.workers = workers
        self.log_path = self.folder / "hq.log"
        self.url = ""
        self._env = {**os.environ, **(env or {})}
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def api(self) -> str:
        """The base URL with /api/v1."""
        return self.url + "/api/v1"

    def start(self) -> None:
        port_file = self.folder / "hq.port"
        port_file.unlink(missing_ok=True)
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "hq",
                    "--port",
                    "0",
                    "--port-file",
                    str(port_file),
                    "--database",
                    self.database,
                    "--workers",
                    str(self.workers),
                ],
                cwd=ROOT,
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not port_file.exists():
            self._check_alive(deadline)
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{port_file.read_text(encoding='utf-8').strip()}"
        while True:
            self._check_alive(deadline)
            try:
                if httpx.get(self.api + "/hello", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)

    def _check_alive(self, deadline: float) -> None:
        assert self._process is not None
        if self._process.poll() is not None or time.monotonic() > deadline:
            self.stop()
            log = self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"HQ did not start:\n{log}")

    def _admin(self, *args: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "hq", *args, "--database", self.database],
            cwd=ROOT,
            env=self._env,
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            raise RuntimeError(f"python -m hq {' '.join(args)} failed: {out.stderr.strip()}")
        return out.stdout

    def create_code(self, branch: str = "MDN01", device: str | None = None) -> str:
        """A new single-use registration code (`python -m hq code create`); with `device`,
        one that registers that device id only (a known device registering again)."""
        extra = ["--device", device] if device else []
        return self._admin("code", "create", "--branch", branch, *extra).strip()

    def stats(self) -> dict[str, Any]:
        """`python -m hq stats`: records by type and status, enrolments by status, devices."""
        result: dict[str, Any] = json.loads(self._admin("stats"))
        return result

    def admin(self, *args: str) -> str:
        """Any other admin command, e.g. `hq.admin("review", "reject", rid, "--message", m)`."""
        return self._admin(*args)

    def query(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL on HQ's database (`?` placeholders), for assertions."""
        if self.postgres:
            return pg_query(self.database, sql, params)
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        try:
            return [tuple(row) for row in conn.execute(sql, params).fetchall()]
        finally:
            conn.close()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def run_hq(
    folder: Path, database: str | None = None, workers: int = 1, **env: str
) -> Iterator[HQProcess]:
    """Start HQ, wait until /api/v1/hello answers, stop it on exit."""
    hq = HQProcess(folder, env, database, workers)
    hq.start()
    try:
        yield hq
    finally:
        hq.stop()
        if hq.postgres and hq._made:
            drop_database(hq.database)


@pytest.fixture
def hq_server(tmp_path: Path) -> Iterator[HQProcess]:
    with run_hq(tmp_path / "hq") as hq:
        yield hq
