"""Record ids: UUID version 7, so ids made later sort later. Consecutive records then land
on neighbouring index pages instead of random ones, which keeps saves and imports fast.

Made here rather than with the `uuid6` package: the same layout (RFC 9562: 48 bits of Unix
milliseconds, the version, 74 random bits, the variant) and the same rule that a later id
never has an earlier time (a second id in the same millisecond takes the next one), written
straight to text without building a `uuid.UUID` (a third of the time), and without the
package's import of `importlib.metadata` at start."""

from __future__ import annotations

import os
import threading
import time

_lock = threading.Lock()
_last_ms = 0
_VERSION = 0x7 << 76
_VARIANT = 0b10 << 62
_RAND_A = 0xFFF << 64
_RAND_B = (1 << 62) - 1


# The operating system's random bytes, drawn a page at a time: one system call for 400 ids
# instead of one for each. A process made by fork starts with an empty pool of its own, so
# two processes never share bytes.
_pool = b""
_at = 0


def _forget_pool() -> None:
    global _pool, _at
    _pool, _at = b"", 0


os.register_at_fork(after_in_child=_forget_pool)


def new_id() -> str:
    """A lowercase UUID string, made once when a record is saved (hq-api.md)."""
    global _last_ms, _pool, _at
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms + 1
        _last_ms = ms
        if _at + 10 > len(_pool):
            _pool, _at = os.urandom(4000), 0
        r = int.from_bytes(_pool[_at : _at + 10], "big")  # 12 bits for rand_a, 62 for rand_b
        _at += 10
    value = (ms & 0xFFFFFFFFFFFF) << 80 | _VERSION | (r & _RAND_A) | _VARIANT | (r & _RAND_B)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
