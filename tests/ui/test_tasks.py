"""Background tasks: the test runner behaves exactly like the real one (results, errors
with and without a handler, progress, cancel), every failure is logged with its traceback,
and a task on the database gets a connection of its own, closed when it ends."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

from ui.tasks import InlineTasks, Progress, Tasks


class Boom(Exception):
    pass


def fails(_progress: Progress) -> Any:
    raise Boom("made-up failure")


@pytest.fixture(params=["real", "inline"])
def runner(request: pytest.FixtureRequest, qapp: object) -> Any:
    runner = Tasks() if request.param == "real" else InlineTasks()
    yield runner
    runner.wait()


def settle(qtbot: Any, runner: Tasks, until: Any) -> None:
    runner.wait()
    qtbot.waitUntil(until, timeout=3000)


def test_a_result_comes_back(qtbot, runner):
    got: list[Any] = []
    runner.run(lambda _p: 42, got.append)
    settle(qtbot, runner, lambda: got == [42])


def test_a_failure_reaches_on_error_and_the_log(qtbot, runner, caplog):
    errors: list[BaseException] = []
    with caplog.at_level(logging.ERROR, logger="ui.tasks"):
        runner.run(fails, lambda _r: pytest.fail("no result"), errors.append)
        settle(qtbot, runner, lambda: len(errors) == 1)
    assert isinstance(errors[0], Boom)
    failures = [r for r in caplog.records if r.name == "ui.tasks"]
    assert len(failures) == 1 and failures[0].exc_info is not None
    assert failures[0].exc_info[0] is Boom  # the traceback is in the log


def test_a_failure_without_on_error_is_logged_and_dropped(qtbot, runner, caplog):
    """The real runner has nobody to raise to; the test runner does the same."""
    with caplog.at_level(logging.ERROR, logger="ui.tasks"):
        runner.run(fails, lambda _r: pytest.fail("no result"))
        runner.wait()
        qtbot.waitUntil(lambda: any(r.name == "ui.tasks" for r in caplog.records), timeout=3000)
    assert [r.exc_info[0] for r in caplog.records if r.name == "ui.tasks"] == [Boom]


def test_progress_and_cancel(qtbot, runner):
    seen: list[int] = []
    carried_on: list[bool] = []
    done: list[Any] = []

    def work(progress: Progress) -> str:
        carried_on.append(progress.report(1))
        progress.cancel()
        carried_on.append(progress.report(2))
        return "stopped" if progress.cancelled else "finished"

    runner.run(work, done.append, on_progress=seen.append)
    settle(qtbot, runner, lambda: done == ["stopped"] and seen == [1, 2])
    assert carried_on == [True, False]


def test_a_database_task_gets_its_own_connection(qtbot, runner):
    made: list[Any] = []

    class Connection:
        closed = False
        thread = ""

        def close(self) -> None:
            self.closed = True

    def connect() -> Any:
        c = Connection()
        c.thread = threading.current_thread().name
        made.append(c)
        return c

    got: list[Any] = []
    runner.run_on_db(connect, lambda conn, _p: conn, got.append)
    settle(qtbot, runner, lambda: len(got) == 1)
    assert got[0] is made[0] and made[0].closed
    if isinstance(runner, InlineTasks):
        assert made[0].thread == threading.current_thread().name
    else:  # opened in the worker, not on the GUI thread
        assert made[0].thread != threading.current_thread().name


def test_a_failing_database_task_still_closes_its_connection(qtbot, runner):
    closed: list[bool] = []

    class Connection:
        def close(self) -> None:
            closed.append(True)

    def work(_db: Any, _p: Progress) -> None:
        raise Boom("made-up failure")

    errors: list[BaseException] = []
    runner.run_on_db(Connection, work, lambda _r: None, errors.append)
    settle(qtbot, runner, lambda: len(errors) == 1)
    assert closed == [True]
