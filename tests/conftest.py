"""Shared fixtures: a real database file in a temporary folder, the shipped reference data,
a fixed clock, an officer and events. Widget tests draw offscreen.

Officers' key copies cost Argon2's quick setting here (`vault.QUICK_KDF`), in this process and
in the processes the tests start; a test marked `real_kdf` runs on the real cost."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models import vault  # noqa: E402
from models.db import SigapDatabase, set_setting  # noqa: E402
from models.events import Event, create_event  # noqa: E402
from models.officers import add_officer  # noqa: E402
from models.reference import ReferenceData, default_reference  # noqa: E402
from tests.helpers import fixed_clock, open_desk  # noqa: E402

if TYPE_CHECKING:  # Qt only for the widget tests that ask for these
    from ui.session import Session
    from ui.tasks import InlineTasks


def pytest_configure(config: pytest.Config) -> None:
    vault.use_quick_cost()
    os.environ[vault.QUICK_COST_ENV] = "1"  # honoured by a child only under a test run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """HQ tests on PostgreSQL need its server, a process of its own: `slow` like the rest."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("hq_backend") == "postgresql":
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _argon2_cost(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The real Argon2 cost for a test marked `real_kdf`, the quick one for all others."""
    if request.node.get_closest_marker("real_kdf") is None:
        yield
        return
    monkeypatch.delenv(vault.QUICK_COST_ENV, raising=False)
    vault.use_quick_cost(False)
    try:
        yield
    finally:
        vault.use_quick_cost(True)


@pytest.fixture(scope="session")
def ref() -> ReferenceData:
    return default_reference()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(data_dir: Path) -> Iterator[SigapDatabase]:
    """A new encrypted desk with no officer yet (officers are added by the fixtures below)."""
    database = open_desk(data_dir)
    set_setting(database, "branch_code", "MDN01")
    yield database
    database.close()


@pytest.fixture
def officer(db: SigapDatabase) -> str:
    add_officer(db, "sari", "Sari Wulandari", "officer", "pasar-pagi-77", clock=fixed_clock)
    return "sari"


@pytest.fixture
def supervisor(db: SigapDatabase) -> str:
    add_officer(db, "budi.s", "Budi Santoso", "supervisor", "kopi-tubruk-88", clock=fixed_clock)
    return "budi.s"


@pytest.fixture
def event(db: SigapDatabase, ref: ReferenceData, officer: str) -> Event:
    return create_event(
        db,
        ref,
        name="Sosialisasi Pasar Besar",
        starts_on=date(2026, 11, 22),
        ends_on=date(2026, 11, 23),
        location="Pasar Besar Madiun",
        region_code="35.77.01",
        officer_id=officer,
        clock=fixed_clock,
    )


@pytest.fixture
def tasks() -> InlineTasks:
    from ui.tasks import InlineTasks

    return InlineTasks()


@pytest.fixture
def session(
    qapp: object, db: SigapDatabase, ref: ReferenceData, data_dir: Path, officer: str, event: Event
) -> Session:
    """A signed-in officer with the self-paid test event open, on the fixed clock."""
    from models.officers import get_officer
    from ui.session import Session

    signed_in = get_officer(db, officer)
    assert signed_in is not None
    s = Session(db, ref, data_dir, "id", fixed_clock)
    s.sign_in(signed_in)
    s.set_event(event)
    return s
