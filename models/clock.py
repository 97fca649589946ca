"""Time as Sigap records it: local wall time with its UTC offset (RFC 3339), injectable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
