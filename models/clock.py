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


def system_clock() -> datetime:
    """Now, in the laptop's current UTC offset (read each time: officers cross time zones)."""
    return datetime.now(_zone(time.localtime().tm_gmtoff)).replace(microsecond=0)


def rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
