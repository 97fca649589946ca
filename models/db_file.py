"""The database file's name and whether it is plain SQLite, without loading the driver
(`models/db.py` holds the rest): a sign-in asks before its Argon2 hash, and SQLCipher is
loaded after it (docs/start-up.md)."""

from __future__ import annotations

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
