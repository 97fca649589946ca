"""The desk-to-HQ end-to-end tests (tests/sync/test_e2e.py), a representative part of them,
against HQ on PostgreSQL with two worker processes. The tests are the same functions; only
the HQ they are given differs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hq_server import HQProcess, backend, run_hq
from tests.sync import test_e2e as e2e
from tests.sync.conftest import signed_in_officer  # noqa: F401 (an autouse fixture)

pytestmark = pytest.mark.slow  # the HQ server and `main.py sync` run as processes


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQProcess]:
    with backend("postgresql"), run_hq(tmp_path_factory.mktemp("hq"), workers=2) as server:
        yield server


@pytest.fixture(autouse=True)
def on_postgresql() -> Iterator[None]:
    """HQs the tests start themselves (run_hq) are on PostgreSQL too."""
    with backend("postgresql"):
        yield


test_demo_data_reaches_hq_once_with_its_member_numbers = (
    e2e.test_demo_data_reaches_hq_once_with_its_member_numbers
)
test_small_batches_and_a_byte_limit = e2e.test_small_batches_and_a_byte_limit
test_a_person_enrolled_on_two_devices_gets_one_member_number = (
    e2e.test_a_person_enrolled_on_two_devices_gets_one_member_number
)
test_hqs_review_reaches_the_device_and_a_correction_brings_it_back = (
    e2e.test_hqs_review_reaches_the_device_and_a_correction_brings_it_back
)
test_two_processes_syncing_at_once_leave_every_record_at_hq_once = (
    e2e.test_two_processes_syncing_at_once_leave_every_record_at_hq_once
)
