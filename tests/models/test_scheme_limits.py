"""A sponsor scheme's quota and budget are checked inside the save's write lock, imports
included: two imports at once on one laptop never overspend a scheme (issue 14, item 8).
Every person here is made up."""

from __future__ import annotations

import dataclasses
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models import enrolments as en
from models.database import Database
from models.db import open_database
from models.enrolments import SchemeLedger
from models.errors import ValidationError
from models.imports import import_enrolments
from models.imports import lists as imports
from models.reference import ReferenceData
from tests.helpers import desk_key
from tests.helpers import person as desk_person
from tests.models.helpers_import import (
    COLUMNS,
    MADIUN,
    OFFICER,
    clock,
    make_event,
    make_nik,
    open_desk,
    person,
    write_csv,
)

KOWANTARA = "KOWANTARA-WARTEG"  # quota 100, budget Rp5,040,000 (resources/schemes.json)
# Its 3 months from November 2026: November and December at the PP 50/2025 relief, January
# at the full price.
PRICE = 8_400 + 8_400 + 16_800


def warteg_rows(count: int, first_serial: int) -> list[dict[str, Any]]:
    return [
        person(
            make_nik(MADIUN, date(1980, 1, 1), False, first_serial + i),
            "Warsito Pekerja",
            "01/01/1980",
            "L",
            occupation_code="K006",
            declared_income="1000000",
        )
        for i in range(count)
    ]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def desk(folder: Path) -> Any:
    db = open_desk(folder)
    yield db
    db.close()


class _MeetingLedger(SchemeLedger):
    """A ledger that, once counted, waits (at most a while) for the other import to have
    counted too: the moment two imports started together would both have read the scheme
    as unused."""

    meeting: threading.Barrier

    def __init__(self, db: Database, scheme: Any) -> None:
        super().__init__(db, scheme)
        try:
            self.meeting.wait(timeout=1.5)
        except threading.BrokenBarrierError:
            pass  # the other import waits for the write lock: nothing to meet


def test_two_imports_at_once_do_not_overspend_a_scheme(
    desk: Database, ref: ReferenceData, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = make_event(desk, ref, scheme=KOWANTARA, name="Kumpul Warteg")
    files = []
    for i in range(2):
        path = folder / f"warteg-{i}.csv"
        write_csv(path, COLUMNS, COLUMNS, warteg_rows(80, 1 + i * 1000))
        files.append(path)
    _MeetingLedger.meeting = threading.Barrier(2)
    monkeypatch.setattr(imports, "SchemeLedger", _MeetingLedger)
    reports: list[Any] = []
    failures: list[BaseException] = []

    def run(path: Path) -> None:
        db = open_database(folder, desk_key(folder))  # each import on its own connection
        try:
            reports.append(
                import_enrolments(db, ref, path, event.id, OFFICER, lang="en", clock=clock)
            )
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=run, args=(p,)) for p in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert failures == []
    assert sorted(r.imported for r in reports) == [20, 80]
    assert desk.execute(
        "SELECT COUNT(*), SUM(amount) FROM payments WHERE scheme_code = ? AND method = 'sponsor'",
        [KOWANTARA],
    ).fetchone() == (100, 100 * PRICE)


def with_budget(ref: ReferenceData, budget: int) -> ReferenceData:
    """The shipped reference data with Kowantara's budget made `budget` rupiah."""
    schemes = [
        dataclasses.replace(s, budget=budget) if s.code == KOWANTARA else s
        for s in ref.schemes.values()
    ]
    return ReferenceData(list(ref.occupations.values()), ref.rates, schemes, ref.version)


def test_the_budget_is_counted_at_the_save_as_well_as_the_quota(
    desk: Database, ref: ReferenceData, folder: Path
) -> None:
    small = with_budget(ref, 40 * PRICE + PRICE // 2)  # room for 40 and a half
    event = make_event(desk, small, scheme=KOWANTARA, name="Kumpul Warteg")
    # Another Sigap process on this laptop imports 30 first, on its own connection.
    other = open_database(folder, desk_key(folder))
    try:
        path = folder / "first.csv"
        write_csv(path, COLUMNS, COLUMNS, warteg_rows(30, 1))
        first = import_enrolments(other, small, path, event.id, OFFICER, lang="en", clock=clock)
    finally:
        other.close()
    assert first.imported == 30
    path = folder / "second.csv"
    write_csv(path, COLUMNS, COLUMNS, warteg_rows(20, 5000))
    second = import_enrolments(desk, small, path, event.id, OFFICER, lang="en", clock=clock)
    assert second.imported == 10
    assert {e["code"] for r in second.rejected for e in r["errors"]} == {"scheme_budget_short"}
    assert SchemeLedger(desk, small.schemes[KOWANTARA]).spent == 40 * PRICE
    # The desk form is refused the same way.
    inp = desk_person(
        nik=make_nik(MADIUN, date(1980, 1, 1), False, 9999),
        birth_date=date(1980, 1, 1),
        gender="L",
        occupation_code="K006",
    )
    with pytest.raises(ValidationError) as caught:
        en.enrol(desk, small, event.id, inp, OFFICER, clock)
    assert [p.code for p in caught.value.problems] == ["scheme_budget_short"]
