"""Time as Sigap records it: local wall time with its UTC offset (RFC 3339), injectable."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

Clock = Callable[[], datetime]


@functools.lru_cache(maxsize=8)
def _zone(offset_seconds: int) -> timezone:
    return timezone(timedelta(seconds=offset_seconds))


# The laptop's UTC offset as last read, and when (monotonic seconds). Reading it costs a
# look at the zone file on every call (the C library checks whether it changed), more than
# the rest of a timestamp; a second-old reading is as good.
_offset_read: tuple[float, int] = (float("-inf"), 0)
OFFSET_KEPT_S = 1.0


def _local_offset() -> int:
    global _offset_read
    now = time.monotonic()
    read_at, offset = _offset_read
    if now - read_at >= OFFSET_KEPT_S or now < read_at:
        offset = time.localtime().tm_gmtoff
        _offset_read = (now, offset)
    return offset


def system_clock() -> datetime:
    """Now, in the laptop's current UTC offset (read again every second at most: officers
    cross time zones, and a zone changed shows in the next second's times)."""
    return datetime.now(_zone(_local_offset())).replace(microsecond=0)


def rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
