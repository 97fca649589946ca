"""Record ids: UUID version 7, so ids made later sort later. Consecutive records then land
on neighbouring index pages instead of random ones, which keeps saves and imports fast."""

from __future__ import annotations

from uuid6 import uuid7


def new_id() -> str:
    """A lowercase UUID string, made once when a record is saved (hq-api.md)."""
    return str(uuid7())
