"""The database's full integrity check (`PRAGMA quick_check`), and when it runs.

SQLCipher checks the HMAC of every page it reads, so a page damaged on disk is caught the
moment it is read, with no full check. The full check reads every page of the file: 2.8 s
at 100,000 enrolments. It therefore never runs before the first screen or for a command
that only reads. It runs:

- in the window, in the background once the window is up (`check_file` on a connection of
  its own);
- for a command that writes, when the last process that used the database ended without
  closing it (a crash, a power cut, a killed process): `unclean_shutdown`;
- before a backup is kept (the copy is checked, `models.backup`);
- when a supervisor asks for it (`sigap check`).

A process that opens the database for its work marks the folder (`InUse`): a file
`sigap.open-<id>` that it holds locked while it works and removes when it closes. A marker
left behind whose lock nobody holds is the sign of an unclean end; it is removed once a full
check has passed.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

from models import folder
from models.db import DB_FILE, SigapDatabase, connect, quick_check

MARKER_PREFIX = "sigap.open-"
# The check reads every page once: a small cache of its own (2 MiB), not the 64 MiB one of
# the working connection, keeps its memory flat whatever the size of the database.
CHECK_CACHE_KIB = 2048


class InUse:
    """This process works on the database in `data_dir` until `close()`."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / f"{MARKER_PREFIX}{uuid.uuid4().hex}"
        self._held: contextlib.ExitStack | None = contextlib.ExitStack()
        self._held.enter_context(folder.held_alone(self.path, 0))

    def close(self) -> None:
        if self._held is not None:
            self._held.close()
            self._held = None
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> InUse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stale_markers(data_dir: Path) -> list[Path]:
    """Markers left by processes that ended without closing (nobody holds their lock)."""
    stale = []
    for marker in sorted(data_dir.glob(MARKER_PREFIX + "*")):
        try:
            with folder.held_alone(marker, 0):
                pass
        except TimeoutError:
            continue  # another Sigap is working on the folder right now
        except OSError:
            continue
        stale.append(marker)
    return stale


def unclean_shutdown(data_dir: Path) -> bool:
    """Whether a process that used the database ended without closing it, and no full check
    has passed since."""
    return bool(_stale_markers(data_dir))


def check_file(data_dir: Path, key: bytes) -> None:
    """The full check on a connection of its own (any thread); a damaged file raises
    SigapError("database_damaged"). Once it passes, an earlier unclean end is settled."""
    stale = _stale_markers(data_dir)
    db = connect(data_dir / DB_FILE, key)
    try:
        db.execute(f"PRAGMA cache_size=-{CHECK_CACHE_KIB}")
        quick_check(db)
    finally:
        db.close()
    for marker in stale:
        marker.unlink(missing_ok=True)


def check_open(db: SigapDatabase) -> None:
    """The full check of an open database (its own folder and key)."""
    check_file(db.data_dir, db.key)
