"""What deciding an enrolment asks besides its own row: a NIK's active holder and a new
member number. A review asks a query each; a push asks once for its whole batch."""

from __future__ import annotations

from typing import Any

from hq.db import Connection
from hq.store import Store


class Lookups:
    """What deciding an enrolment asks besides its own row: a NIK's active holder and a new
    member number, a query each (a review; the default)."""

    def __init__(self, store: Store, db: Connection) -> None:
        self.store = store
        self.db = db

    def holder(self, nik: str | None, eid: str) -> tuple[Any, ...] | None:
        """(member number,) of the active enrolment of this NIK other than `eid`."""
        return self.db.execute(
            "SELECT member_number FROM enrolments WHERE nik = ? AND status = 'active' "
            "AND id != ?",
            [nik, eid],
        ).fetchone()

    def number(self) -> str:
        return self.store.assign_number(self.db)

    def activated(self, nik: str | None, number: str) -> None:
        pass


class BatchLookups(Lookups):
    """A push's lookups: the active holders of all its enrolments' NIKs in one query (taken
    after their locks, so no other push decides them meanwhile; a correction or review
    that does meets the unique index), kept up to date as the push activates people, and
    HQ's numbers for it as one block."""

    def __init__(self, store: Store, db: Connection) -> None:
        super().__init__(store, db)
        self._holders: dict[str, str] = {}
        self._known: set[str] = set()
        self._wanted = 1
        self._spare: list[str] = []

    def prefetch(self, niks: set[str], numbers_wanted: int) -> None:
        self._wanted = max(1, numbers_wanted)
        wanted = sorted(niks)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            if self.store.backend == "sqlite":
                marks = ",".join("?" * len(chunk))
                sql = f"nik IN ({marks})"
                params: list[Any] = list(chunk)
            else:
                sql, params = "nik = ANY(?::text[])", [chunk]
            for nik, number in self.db.execute(
                f"SELECT nik, member_number FROM enrolments WHERE status = 'active' AND {sql}",
                params,
            ).fetchall():
                self._holders[nik] = number
            self._known.update(chunk)

    def holder(self, nik: str | None, eid: str) -> tuple[Any, ...] | None:
        if nik is None or nik not in self._known:
            return super().holder(nik, eid)
        number = self._holders.get(nik)
        return None if number is None else (number,)

    def number(self) -> str:
        if not self._spare:
            self._spare = self.store.hq_numbers(self.db, self._wanted)
            self._wanted = 1  # past the push's estimate (corrections), one at a time
        return self._spare.pop(0)

    def activated(self, nik: str | None, number: str) -> None:
        if nik is not None and nik in self._known:
            self._holders[nik] = number
