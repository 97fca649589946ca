"""A full disk while saving, simulated with `PRAGMA max_page_count` held at the file's
current size: the save fails with words the officer understands (`disk_full`), nothing of
it is left behind, the records already there are untouched, and once there is room again
the very same save goes through."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.db import OperationalError, SigapDatabase, storage_problem
from models.enrolments import enrol
from models.errors import SigapError
from models.events import Event
from models.reference import ReferenceData
from tests.helpers import fixed_clock, person
from tests.models.helpers_import import MADIUN, make_nik
from tests.models.save_forever import applicant

TABLES = ("enrolments", "heirs", "payments", "outbox", "audit", "counters", "settings")


def snapshot(db: SigapDatabase) -> dict[str, list[Any]]:
    """Every row of the tables a save writes, in a stable order (heirs have no rowid: they
    are kept in their key's order)."""
    return {
        t: db.execute(f"SELECT * FROM {t}" + ("" if t == "heirs" else " ORDER BY rowid")).fetchall()
        for t in TABLES
    }


def no_room_left(db: SigapDatabase) -> int:
    """The file may not grow any more: as if the disk were full. Returns the size allowed."""
    pages = int(db.execute("PRAGMA page_count").fetchone()[0])
    db.execute(f"PRAGMA max_page_count = {pages}")
    return pages


def test_a_save_on_a_full_disk_says_so_and_leaves_nothing(
    db: SigapDatabase, ref: ReferenceData, event: Event, officer: str
) -> None:
    # Records already there before the disk fills up.
    for n in range(3):
        enrol(db, ref, event.id, applicant(n), officer, fixed_clock)

    # Each save that still fits in the pages left over is an earlier record too; the first
    # that needs a new page meets the full disk.
    failure: OperationalError | None = None
    for n in range(3, 200):
        pages = no_room_left(db)
        before = snapshot(db)
        try:
            enrol(db, ref, event.id, applicant(n), officer, fixed_clock)
        except OperationalError as exc:
            failure = exc
            break
    assert failure is not None, "some save should have needed a new page"
    failed = applicant(n)

    problem = storage_problem(failure)
    assert isinstance(problem, SigapError) and problem.code == "disk_full"
    assert "NOT saved" in problem.message("en")
    assert not db.conn.in_transaction
    assert int(db.execute("PRAGMA page_count").fetchone()[0]) == pages
    assert snapshot(db) == before, "the failed save left something behind"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert (
        db.execute("SELECT COUNT(*) FROM enrolments WHERE nik = ?", [failed.nik]).fetchone()[0] == 0
    )

    # Still full: the same save fails the same way again, and still leaves nothing.
    with pytest.raises(OperationalError) as again:
        enrol(db, ref, event.id, failed, officer, fixed_clock)
    assert storage_problem(again.value).code == "disk_full"
    assert snapshot(db) == before

    # Room again: the same save works, with the next receipt number.
    db.execute(f"PRAGMA max_page_count = {pages + 10_000}")
    saved = enrol(db, ref, event.id, failed, officer, fixed_clock)
    receipts = len(before["payments"])
    assert saved.receipt_number is not None and saved.receipt_number.endswith(
        f"-{receipts + 1:06d}"
    )
    after = snapshot(db)
    for table in ("enrolments", "heirs", "payments", "audit"):
        assert after[table][: len(before[table])] == before[table], table
    assert len(after["enrolments"]) == len(before["enrolments"]) + 1
    assert len(after["outbox"]) == len(before["outbox"]) + 2
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_full_disk_on_a_reopened_desk_keeps_the_records(
    db: SigapDatabase, ref: ReferenceData, event: Event, officer: str
) -> None:
    """The desk closes with the disk still full; the records are there when it reopens."""
    from tests.helpers import open_desk

    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    nik = make_nik(MADIUN, date(1990, 8, 17), True, 2)  # person()'s birth date, another NIK
    for n in range(200):
        no_room_left(db)
        try:
            enrol(db, ref, event.id, applicant(1000 + n), officer, fixed_clock)
        except OperationalError as exc:
            assert storage_problem(exc).code == "disk_full"
            break
    else:
        pytest.fail("some save should have needed a new page")
    before = snapshot(db)
    folder = db.data_dir
    db.close()

    reopened = open_desk(folder)
    try:
        assert reopened.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert snapshot(reopened) == before
        assert reopened.execute(
            "SELECT id FROM enrolments WHERE nik = ?", [person().nik]
        ).fetchone() == (saved.enrolment_id,)
        # max_page_count belongs to a connection: a new one has room again.
        enrol(reopened, ref, event.id, person(nik=nik), officer, fixed_clock)
    finally:
        reopened.close()
