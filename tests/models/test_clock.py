"""The desk's clock: local time with the laptop's UTC offset, the offset read again when the
laptop's time zone changes (officers travel between WIB, WITA and WIT)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from models import clock


def test_a_changed_time_zone_shows_within_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    offsets = [7 * 3600]
    real_localtime = time.localtime

    class Zoned:
        def __init__(self) -> None:
            self.tm_gmtoff = offsets[-1]

    monkeypatch.setattr(
        clock.time, "localtime", lambda *a: Zoned() if not a else real_localtime(*a)
    )
    ticks = [1000.0]
    monkeypatch.setattr(clock.time, "monotonic", lambda: ticks[-1])
    monkeypatch.setattr(clock, "_offset_read", (float("-inf"), 0))
    assert clock.system_clock().utcoffset() == timedelta(hours=7)  # WIB
    offsets.append(8 * 3600)  # the officer flew to Makassar (WITA)
    ticks.append(1000.5)
    assert clock.system_clock().utcoffset() == timedelta(hours=7)  # the same second
    ticks.append(1000.0 + clock.OFFSET_KEPT_S)
    assert clock.system_clock().utcoffset() == timedelta(hours=8)


def test_the_clock_reads_the_zone_at_most_once_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[int] = []
    real_localtime = time.localtime

    def counting(*args: float) -> time.struct_time:
        if not args:
            reads.append(1)
        return real_localtime(*args)

    monkeypatch.setattr(clock.time, "localtime", counting)
    monkeypatch.setattr(clock, "_offset_read", (float("-inf"), 0))
    monkeypatch.setattr(clock.time, "monotonic", lambda: 50.0)
    stamps = {clock.rfc3339(clock.system_clock())[19:] for _ in range(100)}
    assert len(reads) == 1
    assert stamps == {clock.rfc3339(clock.datetime.now().astimezone())[19:]}
