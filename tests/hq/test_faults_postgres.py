"""The desk's fault tests (tests/sync/test_faults.py), a representative part of them:
lost answers, resets after commit, late requests and 413s, against HQ on PostgreSQL with
two worker processes. The tests and their fixtures are the same; only the HQ differs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hq_server import HQProcess, backend, run_hq
from tests.sync import test_faults as faults
from tests.sync.conftest import signed_in_officer  # noqa: F401 (an autouse fixture)
from tests.sync.test_faults import clock, device, module_proxy, proxy  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow  # the HQ server runs as a process


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQProcess]:
    with backend("postgresql"), run_hq(
        tmp_path_factory.mktemp("hq"), workers=2, HQ_MAX_BATCH_RECORDS=str(faults.BATCH)
    ) as server:
        yield server


test_clean_sync_puts_every_record_at_hq_once = faults.test_clean_sync_puts_every_record_at_hq_once
test_reset_after_commit_is_learnt_from_status_not_resent = (
    faults.test_reset_after_commit_is_learnt_from_status_not_resent
)
test_reset_after_every_push_marks_exactly_what_hq_holds = (
    faults.test_reset_after_every_push_marks_exactly_what_hq_holds
)
test_request_reaching_hq_after_the_retry_is_kept_once = (
    faults.test_request_reaching_hq_after_the_retry_is_kept_once
)
test_413_halves_the_batch_until_it_passes = faults.test_413_halves_the_batch_until_it_passes
