"""The Argon2 cost of the officers' key copies: the real one on a desk, the quick one only
under a test run, and never the quick one by accident."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models import vault
from tests.helpers import desk_key

ROOT = Path(__file__).resolve().parents[2]
REAL = {"t": 3, "m": 65536, "p": 4}
QUICK = {"t": 1, "m": 1024, "p": 1}


def stored_cost(data_dir: Path, officer_id: str) -> dict[str, int]:
    entry = json.loads(vault.keys_path(data_dir).read_text("utf-8"))["officers"][officer_id]
    return {k: entry["kdf"][k] for k in ("t", "m", "p")}


def test_the_real_cost_is_rfc_9106s_second_recommendation() -> None:
    assert vault.DEFAULT_KDF == vault.KdfParams(time_cost=3, memory_kib=65536, parallelism=4)
    assert vault.QUICK_KDF == vault.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


def test_the_suite_runs_on_the_quick_cost(data_dir: Path, officer: str) -> None:
    assert vault.new_key_cost() == vault.QUICK_KDF
    assert stored_cost(data_dir, officer) == QUICK


@pytest.mark.real_kdf
def test_a_desk_makes_key_copies_at_the_real_cost(data_dir: Path, officer: str, db: object) -> None:
    assert vault.new_key_cost() == vault.DEFAULT_KDF
    assert stored_cost(data_dir, officer) == REAL
    assert vault.unlock(data_dir, officer, "pasar-pagi-77") == desk_key(data_dir)


@pytest.mark.real_kdf
def test_the_variable_alone_does_not_make_the_cost_quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(vault.QUICK_COST_ENV, "1")
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    assert vault.new_key_cost() == vault.DEFAULT_KDF
    for value in ("", "0", "yes", "true"):
        monkeypatch.setenv(vault.QUICK_COST_ENV, value)
        monkeypatch.setenv("PYTEST_CURRENT_TEST", "tests/x.py::t (call)")
        assert vault.new_key_cost() == vault.DEFAULT_KDF
    monkeypatch.setenv(vault.QUICK_COST_ENV, "1")
    assert vault.new_key_cost() == vault.QUICK_KDF


@pytest.mark.real_kdf
def test_a_quick_copy_on_a_real_desk_is_wrapped_again_at_the_real_cost(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "desk"
    key = vault.create(folder)
    vault.add(folder, key, "sari", "officer", "pasar-pagi-77", kdf=vault.QUICK_KDF)
    assert stored_cost(folder, "sari") == QUICK
    with caplog.at_level(logging.WARNING, logger="models.vault"):
        assert vault.unlock(folder, "sari", "pasar-pagi-77") == key
    assert stored_cost(folder, "sari") == REAL
    assert "below the real Argon2 cost" in caplog.text
    assert vault.unlock(folder, "sari", "pasar-pagi-77") == key
    assert json.loads(vault.keys_path(folder).read_text("utf-8"))["officers"]["sari"]["role"] == (
        "officer"
    )


def test_a_quick_copy_stays_quick_under_a_test_run(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    key = vault.create(folder)
    vault.add(folder, key, "sari", "officer", "pasar-pagi-77")
    assert vault.unlock(folder, "sari", "pasar-pagi-77") == key
    assert stored_cost(folder, "sari") == QUICK


@pytest.mark.slow
def test_a_child_takes_the_quick_cost_only_under_a_test_run() -> None:
    var = vault.QUICK_COST_ENV
    code = "from models import vault; print(vault.new_key_cost() == vault.QUICK_KDF)"

    def child(**env: str) -> str:
        bare = {k: v for k, v in os.environ.items() if k not in ("PYTEST_CURRENT_TEST", var)}
        run = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**bare, **env},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return run.stdout.strip()

    assert os.environ[var] == "1"  # the suite passes it on to every child
    assert child(**{var: "1", "PYTEST_CURRENT_TEST": "tests/x.py::t (call)"}) == "True"
    assert child(**{var: "1"}) == "False"  # the variable without a test run
    assert child(PYTEST_CURRENT_TEST="tests/x.py::t (call)") == "False"
