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
def app(tmp_path: Path, clock: MovableClock) -> Starlette:
    return create_app(tmp_path / "hq.db", clock=clock)


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
