"""What deciding an enrolment asks besides its own row: a NIK's active holder, whether a
member number the device sent is its own and free, and a new member number. A review asks a
query each; a push asks once for its whole batch."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hq.db import Connection
from hq.payments import STANDING, PaymentFacts
from hq.rules import Refusal
from hq.store import Store

_CHUNK = 500


def number_refusal(db: Connection, device_id: str, eid: str, number: str) -> Refusal | None:
    """Why enrolment `eid` of `device_id` cannot hold `number`, or None."""
    own = db.execute(
        "SELECT 1 FROM member_number_blocks WHERE device_id = ? AND kind = 'device' "
        "AND first <= ? AND last >= ?",
        [device_id, number, number],
    ).fetchone()
    if own is None:
        return NOT_ALLOCATED
    taken = db.execute(
        "SELECT 1 FROM enrolments WHERE member_number = ? AND id != ?", [number, eid]
    ).fetchone()
    return USED if taken is not None else None


NOT_ALLOCATED = Refusal(
    "member_number_not_allocated",
    "member_number",
    "This member number is not in a block reserved for this device.",
)
USED = Refusal(
    "member_number_used", "member_number", "Another enrolment holds this member number."
)


class Lookups:
    """A query each (a review; the default)."""

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

    def number_refusal(self, device_id: str, eid: str, number: str) -> Refusal | None:
        return number_refusal(self.db, device_id, eid, number)

    def number(self) -> str:
        return self.store.assign_number(self.db)

    def activated(self, eid: str, nik: str | None, number: str) -> None:
        pass


class BatchLookups(Lookups):
    """A push's lookups, asked once for the whole batch after its NIKs are locked (so no
    other push decides those people meanwhile; a correction or review that does meets the
    unique index, and the push runs again), kept up to date as the push activates people:
    the active holders of its NIKs, the device's blocks, which of the numbers it sent are
    held already, and HQ's numbers for it as one block. The device's own pushes are decided
    one at a time (its row lock), and only it may use numbers of its blocks."""

    def __init__(self, store: Store, db: Connection, device_id: str) -> None:
        super().__init__(store, db)
        self.device_id = device_id
        self._holders: dict[str, str] = {}  # NIK -> member number of its active enrolment
        self._known: set[str] = set()
        self._wanted = 1
        self._spare: list[str] = []
        self._blocks: list[tuple[str, str]] | None = None
        self._numbers: dict[str, str] = {}  # member number -> the enrolment holding it
        self._numbers_known: set[str] = set()

    def _select_in(self, sql: str, values: list[str]) -> Iterable[tuple[Any, ...]]:
        """`sql` with `IN_LIST` standing for a list of values, in chunks."""
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            params: list[Any]
            if self.store.backend == "sqlite":
                condition, params = f"IN ({','.join('?' * len(chunk))})", list(chunk)
            else:
                condition, params = "= ANY(?::text[])", [chunk]
            yield from self.db.execute(sql.replace("IN_LIST", condition), params).fetchall()

    def prefetch(self, niks: set[str], numbers: set[str], numbers_wanted: int) -> None:
        self._wanted = max(1, numbers_wanted)
        wanted = sorted(niks)
        for nik, number in self._select_in(
            "SELECT nik, member_number FROM enrolments WHERE status = 'active' AND nik IN_LIST",
            wanted,
        ):
            self._holders[nik] = number
        self._known.update(wanted)
        sent = sorted(numbers)
        for number, eid in self._select_in(
            "SELECT member_number, id FROM enrolments WHERE member_number IN_LIST", sent
        ):
            self._numbers[number] = eid
        self._numbers_known.update(sent)

    def records(self, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
        """What HQ keeps of these record ids: id -> (device_id, type, sha256, status,
        member_number, code, message, field)."""
        return {
            row[0]: tuple(row[1:])
            for row in self._select_in(
                "SELECT id, device_id, type, sha256, status, member_number, code, message, "
                "field FROM records WHERE id IN_LIST",
                sorted(set(ids)),
            )
        }

    def holder(self, nik: str | None, eid: str) -> tuple[Any, ...] | None:
        if nik is not None and nik in self._holders:
            return (self._holders[nik],)
        if nik is None or nik not in self._known:
            return super().holder(nik, eid)
        return None

    def number_refusal(self, device_id: str, eid: str, number: str) -> Refusal | None:
        if device_id != self.device_id or number not in self._numbers_known:
            return super().number_refusal(device_id, eid, number)
        if self._blocks is None:
            self._blocks = [
                (str(first), str(last))
                for first, last in self.db.execute(
                    "SELECT first, last FROM member_number_blocks WHERE device_id = ? "
                    "AND kind = 'device'",
                    [device_id],
                ).fetchall()
            ]
        if not any(first <= number <= last for first, last in self._blocks):
            return NOT_ALLOCATED
        holder = self._numbers.get(number)
        return USED if holder is not None and holder != eid else None

    def number(self) -> str:
        if not self._spare:
            self._spare = self.store.hq_numbers(self.db, self._wanted)
            self._wanted = 1  # past the push's estimate (corrections), one at a time
        return self._spare.pop(0)

    def activated(self, eid: str, nik: str | None, number: str) -> None:
        if nik is not None:
            self._holders[nik] = number
        self._numbers[number] = eid



class BatchPaymentFacts(PaymentFacts):
    """A push's answers for its payments: the enrolments they name and the months already
    paid for them, read once for the batch, plus what this push enrolled and paid. After a
    correction of an enrolment, or any void, in this push, those answers come from the
    database again (which then holds everything the push wrote: hq/writes.py)."""

    def __init__(self, lookups: BatchLookups) -> None:
        super().__init__(lookups.db)
        self._lookups = lookups
        self._enrolments: dict[str, tuple[Any, ...]] = {}
        self._paid: dict[str, list[tuple[Any, ...]]] = {}
        self._known: set[str] = set()
        self._changed: set[str] = set()
        self._voided = False

    def prefetch(self, enrolment_ids: set[str]) -> None:
        wanted = sorted(enrolment_ids)
        if not wanted:
            return
        for eid, *row in self._lookups._select_in(
            "SELECT id, device_id, status, data FROM enrolments WHERE id IN_LIST", wanted
        ):
            self._enrolments[eid] = tuple(row)
        for eid, *row in self._lookups._select_in(
            f"SELECT enrolment_id, period_start, months FROM payments WHERE {STANDING} "
            "AND enrolment_id IN_LIST",
            wanted,
        ):
            self._paid.setdefault(eid, []).append(tuple(row))
        self._known.update(wanted)

    def enrolled(self, eid: str, device_id: str, status: str, data: str) -> None:
        self._enrolments[eid] = (device_id, status, data)
        self._known.add(eid)

    def paying(self, eid: str, period_start: str, months: int) -> None:
        self._paid.setdefault(eid, []).append((period_start, months))

    def changed(self, eid: str) -> None:
        self._changed.add(eid)

    def voided(self) -> None:
        self._voided = True

    def enrolment(self, enrolment_id: str) -> tuple[Any, ...] | None:
        if enrolment_id in self._changed or enrolment_id not in self._known:
            return super().enrolment(enrolment_id)
        return self._enrolments.get(enrolment_id)

    def paid(self, enrolment_id: str) -> list[tuple[Any, ...]]:
        if self._voided or enrolment_id not in self._known:
            return super().paid(enrolment_id)
        return list(self._paid.get(enrolment_id, []))
