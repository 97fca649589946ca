"""HQ in-process: the Starlette app over a fresh database, a movable clock, devices."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from starlette.applications import Starlette

# Starlette 1.x prefers `httpx2` for its TestClient; httpx (already locked) works the same.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from starlette.testclient import TestClient  # noqa: E402

from hq.app import create_app  # noqa: E402
from hq.store import Store  # noqa: E402
from tests.hq.helpers import Device, register  # noqa: E402
from tests.hq.pg import drop_database  # noqa: E402
from tests.hq_server import backend, database_for  # noqa: E402

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def hq_backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every HQ test runs on both engines: the `app` fixture, and HQ processes started with
    run_hq (modules that start their own: `pytestmark = pytest.mark.usefixtures(...)`)."""
    name: str = request.param
    with backend(name):
        yield name


@pytest.fixture
def database(hq_backend: str, tmp_path: Path) -> Iterator[str]:
    """A new, empty HQ database of the test's engine: a file, or a postgresql:// DSN."""
    db = database_for(tmp_path)
    yield db
    if db.startswith("postgresql://"):
        drop_database(db)


class MovableClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 2, 15, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def app(database: str, clock: MovableClock) -> Iterator[Starlette]:
    application = create_app(database, clock=clock)
    yield application
    application.state.store.close()


@pytest.fixture
def store(app: Starlette) -> Store:
    s: Store = app.state.store
    return s


@pytest.fixture
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def new_device(client: TestClient, store: Store) -> Callable[[], Device]:
    def make(branch: str = "MDN01") -> Device:
        return register(client, store.create_code(branch))

    return make


@pytest.fixture
def device(new_device: Callable[[], Device]) -> Device:
    return new_device()
