"""Files written whole or not at all: written beside the target as `<name>.partial`,
flushed to disk, then renamed over it. A crash, a full disk or a stick pulled out halfway
leaves the old file (or none), never half of a new one under the real name; a failed write
removes its `.partial`.

`write_atomic` for bytes in hand, `writing_text` for text written as it is produced (CSV),
`replacing` for writers that want a path of their own (a database copy, a spreadsheet
library's `save`)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

PARTIAL = ".partial"


def partial_path(path: Path) -> Path:
    """Where a new version of `path` is written before it takes the real name."""
    return path.with_name(path.name + PARTIAL)


def fsync_file(path: Path) -> None:
    """Flush a file already written and closed to the disk."""
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable where the OS allows it (not on Windows; some file
    systems cannot sync a folder either, and then the file itself is synced)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the folder is gone (a stick pulled out); nothing more to tidy


@contextlib.contextmanager
def replacing(path: Path, *, remove: Callable[[Path], None] = _unlink_quietly) -> Iterator[Path]:
    """Yield the `.partial` path beside `path` for the caller to write and close. When the
    block ends without an error the partial is flushed, renamed over `path` and the folder
    synced; on any error it is removed with `remove` (a database copy also has side files)
    and the error goes on."""
    partial = partial_path(path)
    try:
        yield partial
        fsync_file(partial)
        os.replace(partial, path)
    except BaseException:
        remove(partial)
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def writing_text(
    path: Path, *, encoding: str = "utf-8", newline: str | None = ""
) -> Iterator[TextIO]:
    """A text file opened beside `path`; it replaces `path` once the block ends without an
    error. `newline=""` by default, as the csv module wants."""
    with replacing(path) as partial, open(partial, "w", encoding=encoding, newline=newline) as f:
        yield f


def write_atomic(path: Path, data: bytes) -> None:
    """`data` as the whole new content of `path`, or the old content if anything fails."""
    with replacing(path) as partial:
        partial.write_bytes(data)
