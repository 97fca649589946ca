"""One sync at a time per data folder, across threads and processes: an OS file lock on
`sync.lock` beside the database. The OS lets go of it when the process dies."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from models.database import Database
from models.folder import held_alone
from models.sync_state import database_file

LOCK_FILE = "sync.lock"


class Busy(Exception):
    """Another sync holds the lock for this data folder."""


def lock_path_for(db: Database) -> Path:
    """`sync.lock` in the folder of the database file (an in-memory database gets one of
    its own in the temporary folder)."""
    path = database_file(db)
    if path is None:
        return Path(tempfile.gettempdir()) / f"sigap-memory-{id(db.conn):x}.{LOCK_FILE}"
    return path.parent / LOCK_FILE


@contextlib.contextmanager
def sync_lock(path: Path) -> Iterator[None]:
    """Hold the lock for the block, or raise `Busy` at once if someone else holds it. Each
    call opens its own lock (not thread-local, not shared), so a second thread of this
    process is refused like a second process."""
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(held_alone(path, 0))
        except TimeoutError:
            raise Busy(str(path)) from None
        yield
