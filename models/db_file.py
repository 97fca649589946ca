"""Where the database lives, its file's name, whether it is plain SQLite, and the driver's
errors, without loading the driver (`models/db.py` holds the rest): the window's start asks
before the sign-in's Argon2 hash, and SQLCipher is loaded after it (docs/start-up.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_FILE = "sigap.db"
PLAIN_HEADER = b"SQLite format 3\x00"


def is_plain_sqlite(path: Path) -> bool:
    """Whether the file on disk is readable SQLite (an unencrypted database)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir`, else `SIGAP_DATA_DIR`, else the user data folder of this OS."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("SIGAP_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # only when asked: 5 ms of every start otherwise

    return Path(user_data_dir("Sigap", appauthor=False))


def driver_errors() -> tuple[type[Exception], ...]:
    """The driver's error class (`models.db.Error`) once the driver is loaded, else none:
    before it is, none of its errors can be raised. For `except driver_errors() as exc:`
    and `isinstance(exc, driver_errors())` in code that runs before the sign-in."""
    driver = sys.modules.get("sqlcipher3.dbapi2")
    return () if driver is None else (driver.Error,)
