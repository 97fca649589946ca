"""Time as Sigap records it: local wall time with its UTC offset (RFC 3339), injectable."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in the laptop's current UTC offset (read each time: officers cross time zones)."""
    offset = timezone(timedelta(seconds=time.localtime().tm_gmtoff))
    return datetime.now(offset).replace(microsecond=0)


def rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
