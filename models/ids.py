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


def new_id() -> str:
    """A lowercase UUID string, made once when a record is saved (hq-api.md)."""
    global _last_ms
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms + 1
        _last_ms = ms
    r = int.from_bytes(os.urandom(10), "big")  # 80 bits: 12 for rand_a, 62 for rand_b
    value = (ms & 0xFFFFFFFFFFFF) << 80 | _VERSION | (r & _RAND_A) | _VARIANT | (r & _RAND_B)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
