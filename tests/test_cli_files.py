"""The command line with files (issue 14): an import's report capped on screen and whole in
`--report`, and the argument checks and rough edges of the file commands. Every person here
is invented."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import tests.test_cli as cli_tests
from models.messages import text
from tests.models.helpers_import import COLUMNS, MADIUN, make_nik, person, write_csv
from tests.test_cli import no_traceback

# The command-line tests' fixtures, shared.
environment = cli_tests.environment
data_dir = cli_tests.data_dir
run = cli_tests.run
officer = cli_tests.officer
event_id = cli_tests.event_id


def test_a_big_import_report_is_capped_on_screen_and_whole_in_the_report_file(
    run: Callable[..., Any], event_id: str, tmp_path: Path
) -> None:
    born = date(1990, 8, 17)
    n = 1_500
    rows = [
        person(make_nik(MADIUN, born, False, s), "Bambang Pamungkas", "17/08/1990", "L",
               declared_income="500000")
        for s in range(1, n + 1)
    ]  # fmt: skip
    path = tmp_path / "buruk.csv"
    write_csv(path, COLUMNS, COLUMNS, rows)
    full = tmp_path / "laporan.csv"

    code, out, err = run("import", "enrolments", str(path), "--event", event_id,
                         "--report", str(full))  # fmt: skip

    assert code == 3, err
    shown = json.loads(out)
    assert len(shown["rejected"]) == 1_000
    assert shown["rejected_total"] == n and shown["imported"] == 0
    with open(full, encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0] == ["Row", "Kind", "Column", "Code", "Message"]  # as --lang en asks
    assert {line[1] for line in lines[1:]} == {"rejected"}
    assert sorted({int(line[0]) for line in lines[1:]}) == list(range(2, n + 2))
    assert not full.with_name(full.name + ".partial").exists()

    code, out, err = run("import", "enrolments", str(path), "--event", event_id)
    assert code == 3
    assert "--report" in err
    no_traceback(err)


def test_dates_months_and_programmes_out_of_range_are_plain_usage_errors(
    run: Callable[..., Any], officer: str, tmp_path: Path
) -> None:
    base = ("event", "create", "--name", "Sosialisasi", "--location", "Balai Desa",
            "--region", "35.77.01")  # fmt: skip
    for more in (
        ("--starts", "0001-01-01"),
        ("--starts", "9999-12-31"),
        ("--months", "0"),
        ("--months", "13"),
        ("--programmes", "JKK+JKM+JKM"),
        ("--programmes", "JKK+JKM+JHT+JHT"),
    ):
        with pytest.raises(SystemExit) as usage:
            run(*base, *more)
        assert usage.value.code == 2, more
    with pytest.raises(SystemExit) as usage:
        run("day-close", "--date", "9999-12-31", "--out", str(tmp_path / "tutup.pdf"))
    assert usage.value.code == 2
    assert not (tmp_path / "tutup.pdf").exists()


def test_output_piped_into_a_reader_that_stops_early_ends_quietly(
    data_dir: Path, officer: str
) -> None:
    env = {**os.environ, "SIGAP_PASSPHRASE": cli_tests.PASSPHRASE}
    cmd = [sys.executable, str(cli_tests.REPO_ROOT / "main.py"), "--data-dir", str(data_dir),
           "--officer", officer, "officer", "list"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # `| head -0`: the reader is gone before a line is written
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 0, err
    assert err == ""


def test_a_name_with_right_to_left_override_characters_is_refused_in_plain_words(
    run: Callable[..., Any], officer: str
) -> None:
    for name, location in (("Pasar \u202eSNEP", "Balai Desa"), ("Pasar", "Balai \u2067Desa")):
        code, out, err = run("event", "create", "--name", name, "--location", location,
                             "--region", "35.77.01", "--branch", "MDN01",
                             "--starts", "2026-11-22")  # fmt: skip
        assert (code, out) == (1, ""), err
        assert text("text_invalid_chars", "en") in err
        no_traceback(err)
    code, out, err = run("event", "list", "--format", "json")
    assert json.loads(out) == []


def test_restoring_a_file_that_is_no_backup_says_so_without_sqlcipher_noise(
    data_dir: Path, officer: str, tmp_path: Path
) -> None:
    not_a_backup = tmp_path / "passwd"
    not_a_backup.write_text("root:x:0:0:root:/root:/bin/bash\n" * 50)
    env = {**os.environ, "SIGAP_PASSPHRASE": cli_tests.PASSPHRASE}
    cmd = [sys.executable, str(cli_tests.REPO_ROOT / "main.py"), "--data-dir", str(data_dir),
           "--officer", officer, "--lang", "en",
           "backup", "restore", str(not_a_backup)]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "sqlcipher" not in proc.stderr.lower() and "ERROR CORE" not in proc.stderr
    no_traceback(proc.stderr)
