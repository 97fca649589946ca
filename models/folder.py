"""The data folder itself: private to the user who runs Sigap, and shared between the window
and commands but never with a restore.

**Private.** On Linux and macOS the folder is 0700 and every file Sigap writes with personal
data or keys in it (the database and its side files, `sigap.keys`, backups, bundles) 0600,
whatever the user's umask: another account on a shared laptop reads nothing. On Windows the
folder lives in the user's profile (`%LOCALAPPDATA%`), which Windows already keeps to that
user and the administrators; the mode bits mean nothing there, so nothing is changed.

**One lock, shared or exclusive** (`sigap.folder.lock`, an OS lock the OS drops when the
process dies). The window and every command hold it shared for as long as they run, so
they work side by side; a restore takes it exclusively, so it never replaces the database
under a command that is still writing to it (that command's writes would vanish with the
old file). A restore waits `RESTORE_WAIT_S` for the others to finish, then refuses with
`folder_busy_restore`; a command started during a restore waits `SHARED_WAIT_S`, then
refuses with `folder_restoring`. In one process the shared hold is counted (the window's
threads share the window's hold): a restore from the window gives up the window's own hold,
takes the lock exclusively, and takes the shared hold back afterwards.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from models.errors import SigapError

LOCK_FILE = "sigap.folder.lock"
SHARED_WAIT_S = 30.0
RESTORE_WAIT_S = 15.0
_POLL_S = 0.05
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


# ------------------------------------------------------------------ private files


def _posix() -> bool:
    return os.name == "posix"


def private_dir(folder: Path) -> Path:
    """Make `folder` (and missing parents) and keep it to its owner (0700 on POSIX)."""
    folder.mkdir(parents=True, exist_ok=True)
    if _posix() and stat.S_IMODE(folder.stat().st_mode) != PRIVATE_DIR:
        try:
            os.chmod(folder, PRIVATE_DIR)
        except PermissionError:
            pass  # a folder someone else owns (a shared mount): its owner decides
    return folder


def private_file(path: Path) -> None:
    """Keep an existing file to its owner (0600 on POSIX); a missing one is left alone."""
    if not _posix():
        return
    try:
        if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE:
            os.chmod(path, PRIVATE_FILE)
    except (FileNotFoundError, PermissionError):
        pass


# ------------------------------------------------------------------ the lock

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

    def _try_lock(fd: int, exclusive: bool) -> bool:
        flags = 0x1 | (0x2 if exclusive else 0)  # FAIL_IMMEDIATELY | EXCLUSIVE_LOCK
        handle = msvcrt.get_osfhandle(fd)
        return bool(_kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped())))

    def _unlock(fd: int) -> None:
        _kernel32.UnlockFileEx(msvcrt.get_osfhandle(fd), 0, 1, 0, ctypes.byref(_Overlapped()))

else:
    import fcntl

    def _try_lock(fd: int, exclusive: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@dataclass
class _Hold:
    fd: int
    count: int


_holds: dict[str, _Hold] = {}
_guard = threading.RLock()


def _key(data_dir: Path) -> str:
    return str(data_dir.resolve())


def _open(data_dir: Path) -> int:
    private_dir(data_dir)
    path = data_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    private_file(path)
    return fd


def _lock(fd: int, exclusive: bool, wait_s: float) -> bool:
    deadline = time.monotonic() + wait_s
    while not _try_lock(fd, exclusive):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_S)
    return True


@contextlib.contextmanager
def shared(data_dir: Path, wait_s: float | None = None) -> Iterator[None]:
    """Hold the folder shared for the block (a command, the window). Raises SigapError
    `folder_restoring` when a restore keeps it longer than `wait_s` (SHARED_WAIT_S)."""
    key = _key(private_dir(data_dir))
    with _guard:
        hold = _holds.get(key)
        if hold is None:
            fd = _open(data_dir)
            if not _lock(fd, False, SHARED_WAIT_S if wait_s is None else wait_s):
                os.close(fd)
                raise SigapError("folder_restoring")
            hold = _holds[key] = _Hold(fd, 0)
        hold.count += 1
    try:
        yield
    finally:
        with _guard:
            hold.count -= 1
            if hold.count == 0 and _holds.get(key) is hold:
                del _holds[key]
                _unlock(hold.fd)
                os.close(hold.fd)


@contextlib.contextmanager
def exclusive(data_dir: Path, wait_s: float | None = None) -> Iterator[None]:
    """Hold the folder alone for the block (a restore). When this process holds it shared
    once (the window, or the command running the restore), that hold is given up for the
    block and taken back after it. Raises SigapError `folder_busy_restore` when others
    still hold it after `wait_s` (RESTORE_WAIT_S): nothing was done."""
    key = _key(private_dir(data_dir))
    wait = RESTORE_WAIT_S if wait_s is None else wait_s
    with _guard:
        hold = _holds.get(key)
        if hold is not None and hold.count > 1:
            # Another task of this very process is working on the folder right now.
            raise SigapError("folder_busy_restore")
        fd = hold.fd if hold is not None else _open(data_dir)
        if hold is not None:
            _unlock(fd)
        if not _lock(fd, True, wait):
            if hold is not None:
                _lock(fd, False, SHARED_WAIT_S)
            else:
                os.close(fd)
            raise SigapError("folder_busy_restore")
        try:
            yield
        finally:
            _unlock(fd)
            if hold is not None:
                _lock(fd, False, SHARED_WAIT_S)
            else:
                os.close(fd)


@contextlib.contextmanager
def held_alone(path: Path, wait_s: float) -> Iterator[None]:
    """Hold the file `path` locked alone for the block (made 0600 if missing; an OS lock
    the OS drops when the process dies), waiting up to `wait_s` for whoever holds it,
    another process or another hold in this one: `TimeoutError` after that. The same lock
    as the folder's, without loading a locking library before the sign-in's hash."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        if not _lock(fd, True, wait_s):
            raise TimeoutError(f"{path.name} is held by another Sigap")
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def restore_running(data_dir: Path) -> bool:
    """Whether another process holds the folder exclusively (a restore) right now."""
    if not (data_dir / LOCK_FILE).exists():
        return False
    with _guard:
        if _key(data_dir) in _holds:
            return False  # this process holds it shared: nobody restores
        fd = os.open(data_dir / LOCK_FILE, os.O_RDWR)
        try:
            if not _try_lock(fd, False):
                return True
            _unlock(fd)
            return False
        finally:
            os.close(fd)
