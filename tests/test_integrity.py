# ruff: noqa: F811  (the command-line fixtures are imported from test_cli_backup)
"""The full integrity check off the sign-in path (issue 16): signing in and commands that only
read never wait for it; a command that writes runs it after an unclean end; a supervisor
runs it on demand; a damaged page read anyway still says "damaged" with the restore hint."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import models.db
from models import desk, integrity, vault
from models.db import DB_FILE
from models.messages import text
from tests.models.test_backup import damage
from tests.test_cli_backup import PASSPHRASE, SUPERVISOR, Run, environment, run  # noqa: F401
from tests.test_cli_backup import desk as cli_desk  # noqa: F401


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every full check run, counted (and still run)."""
    seen: list[object] = []
    real = models.db.quick_check

    def counted(db: object) -> None:
        seen.append(db)
        real(db)  # type: ignore[arg-type]

    monkeypatch.setattr(models.db, "quick_check", counted)
    monkeypatch.setattr(integrity, "quick_check", counted)
    return seen


def left_behind(data_dir: Path) -> Path:
    """A marker as a process that died while working leaves it: there, and not locked."""
    marker = data_dir / f"{integrity.MARKER_PREFIX}0123456789abcdef"
    marker.write_bytes(b"")
    return marker


def test_signing_in_runs_no_full_check(db, data_dir, officer, checks) -> None:
    db.close()
    opened, who = desk.sign_in(data_dir, officer, "pasar-pagi-77")
    opened.close()
    assert who.id == officer
    assert checks == []


def test_a_marker_tells_an_unclean_end_until_a_check_passes(db, data_dir, checks) -> None:
    assert not integrity.unclean_shutdown(data_dir)
    with integrity.InUse(data_dir) as live:
        assert live.path.exists()
        assert not integrity.unclean_shutdown(data_dir)  # held: a Sigap working right now
    assert not live.path.exists()  # closed cleanly: nothing left
    marker = left_behind(data_dir)
    assert integrity.unclean_shutdown(data_dir)
    integrity.check_file(data_dir, db.key)
    assert len(checks) == 1
    assert not marker.exists()
    assert not integrity.unclean_shutdown(data_dir)


def test_a_failed_check_keeps_the_unclean_marker(db, data_dir) -> None:
    key = db.key
    db.close()
    marker = left_behind(data_dir)
    damage(data_dir / DB_FILE, key)
    with pytest.raises(models.db.SigapError) as caught:
        integrity.check_file(data_dir, key)
    assert caught.value.code == "database_damaged"
    assert marker.exists()


@pytest.fixture
def cli(run: Run, cli_desk: None, data_dir: Path) -> Iterator[Path]:
    yield data_dir


def test_read_only_commands_skip_the_check_even_after_an_unclean_end(
    run: Run,
    cli: Path,
    checks: list[object],
) -> None:
    left_behind(cli)
    for command in (("status",), ("event", "list"), ("officer", "list"), ("audit", "verify")):
        code, _, err = run(*command)
        assert (code, err) == (0, ""), command
    assert checks == []
    assert integrity.unclean_shutdown(cli)  # still to be settled by a check


def test_a_writing_command_checks_after_an_unclean_end_only(
    run: Run,
    cli: Path,
    checks: list[object],
) -> None:
    code, _, err = run("settings", "set", "lock_minutes", "7")
    assert (code, err) == (0, "")
    assert checks == []  # the last process closed cleanly
    left_behind(cli)
    code, _, err = run("settings", "set", "lock_minutes", "8")
    assert (code, err) == (0, "")
    assert len(checks) == 1
    assert not integrity.unclean_shutdown(cli)
    assert not list(cli.glob(integrity.MARKER_PREFIX + "*"))  # this command's own is gone too


def test_a_writing_command_after_an_unclean_end_finds_the_damage(
    run: Run,
    cli: Path,
) -> None:
    damage(cli / DB_FILE, vault.unlock(cli, SUPERVISOR, PASSPHRASE))
    left_behind(cli)
    code, out, err = run("settings", "set", "lock_minutes", "9")
    assert (code, out) == (1, "")
    assert err.splitlines() == [text("database_damaged", "en"), text("backup_restore_hint", "en")]


def test_the_supervisors_check_command(run: Run, cli: Path, monkeypatch) -> None:
    code, out, err = run("check")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"integrity": "ok"}
    code, _, err = run(
        "officer", "add", "--id", "sari", "--name", "Sari Wulandari", stdin="pasar-pagi-77\n"
    )
    assert code == 0, err
    monkeypatch.setenv("SIGAP_PASSPHRASE", "pasar-pagi-77")
    code, out, err = run("check", officer="sari")
    assert (code, out) == (1, "")
    assert err.strip() == text("needs_supervisor", "en")


def test_a_damaged_page_read_by_any_command_says_damaged(run: Run, cli: Path) -> None:
    damage(cli / DB_FILE, vault.unlock(cli, SUPERVISOR, PASSPHRASE), table="events")
    code, out, err = run("event", "list")
    assert (code, out) == (1, "")
    assert err.splitlines() == [text("database_damaged", "en"), text("backup_restore_hint", "en")]
    assert "Traceback" not in err
