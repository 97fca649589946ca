"""`backup create | list | restore` on the command line, in-process through `main.main`:
restoring works without opening the database, so it mends a damaged one."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

import main
from models import vault
from models.messages import text
from tests.models.helpers_import import COLUMNS, MADIUN, make_nik, person, write_csv
from tests.models.test_backup import damage

SUPERVISOR, PASSPHRASE = "budi.s", "kopi-tubruk-88"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGAP_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.delenv("SIGAP_OFFICER", raising=False)
    monkeypatch.delenv("SIGAP_LANG", raising=False)
    monkeypatch.setenv("SIGAP_PASSPHRASE", PASSPHRASE)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Run:
    """One command in-process against `data_dir`, as the supervisor unless told."""

    def _run(
        *args: str, officer: str = SUPERVISOR, stdin: str | None = None
    ) -> tuple[int, str, str]:
        old = sys.stdin
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            code = main.main(
                [*args, "--data-dir", str(data_dir), "--lang", "en", "--officer", officer]
            )
        finally:
            sys.stdin = old
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def desk(run: Run, tmp_path: Path) -> Iterator[None]:
    """A supervisor, an event and two members enrolled from a partner's list."""
    code, _, err = run(
        "officer", "add", "--id", SUPERVISOR, "--name", "Budi Santoso", "--role", "supervisor",
        stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert (code, err) == (0, "")
    code, out, err = run(
        "event", "create", "--name", "Sosialisasi Pasar Besar", "--location", "Pasar Besar",
        "--region", "35.77.01", "--branch", "MDN01", "--starts", "2026-11-22",
    )  # fmt: skip
    assert (code, err) == (0, "")
    people = tmp_path / "daftar.csv"
    write_csv(
        people,
        COLUMNS,
        COLUMNS,
        [
            person(
                make_nik(MADIUN, date(1980, 8, 17), False, 1), "Agus Santoso", "17/08/1980", "L"
            ),
            person(make_nik(MADIUN, date(1985, 3, 2), True, 2), "Dewi Lestari", "02/03/1985", "P"),
        ],
    )
    code, _, err = run("import", "enrolments", str(people), "--event", json.loads(out)["event_id"])
    assert (code, err) == (0, "")
    yield


def status(run: Run) -> dict[str, object]:
    code, out, err = run("status")
    assert (code, err) == (0, ""), err
    return json.loads(out)  # type: ignore[no-any-return]


def add_event(run: Run) -> None:
    code, _, err = run(
        "event", "create", "--name", "Sosialisasi Terminal", "--location", "Terminal",
        "--region", "35.77.01", "--starts", "2026-11-23",
    )  # fmt: skip
    assert (code, err) == (0, ""), err


def test_create_and_list(run: Run, desk: None, data_dir: Path) -> None:
    code, out, err = run("backup", "create")
    assert (code, err) == (0, "")
    made = json.loads(out)
    assert made["reason"] == "manual"
    assert made["file"].startswith("sigap-") and made["file"].endswith("-manual.db")
    assert (data_dir / "backups" / made["file"]).stat().st_size == made["bytes"]

    code, out, err = run("backup", "list", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [made]

    code, out, err = run("backup", "list")
    assert (code, err) == (0, "")
    header, row = out.splitlines()
    assert header.split() == ["file", "made_at", "reason", "bytes"]
    assert row.split()[0] == made["file"]


def test_restore_a_file_keeps_the_current_database(run: Run, desk: None) -> None:
    code, out, _ = run("backup", "create")
    made = json.loads(out)["file"]
    add_event(run)
    assert status(run)["events"] == 2

    code, out, err = run("backup", "restore", made)

    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["restored"] == made
    assert result["damaged_kept"] is None
    assert result["before_restore"].endswith("-before_restore.db")
    assert status(run)["events"] == 1
    code, out, _ = run("backup", "list", "--format", "json")
    assert [b["reason"] for b in json.loads(out)] == ["before_restore", "manual"]


def test_a_damaged_database_is_restored_from_the_newest_good_backup(
    run: Run, desk: None, data_dir: Path
) -> None:
    code, out, _ = run("backup", "create")
    made = json.loads(out)["file"]
    counts = status(run)
    add_event(run)
    damage(data_dir / "sigap.db", vault.unlock(data_dir, SUPERVISOR, PASSPHRASE))

    # The full check is a supervisor's command (and runs in the window's background); a
    # command that only reads does not wait for it (tests/test_integrity.py).
    code, out, err = run("check")
    assert (code, out) == (1, "")
    assert err.splitlines() == [text("database_damaged", "en"), text("backup_restore_hint", "en")]
    assert "Traceback" not in err

    code, out, err = run("backup", "restore", "--latest")

    assert (code, err) == (0, ""), err
    result = json.loads(out)
    assert result["restored"] == made
    assert result["before_restore"] is None
    assert result["damaged_kept"].startswith("sigap.db.damaged-")
    assert (data_dir / result["damaged_kept"]).exists()
    assert status(run) == counts


def test_restore_needs_a_supervisor(run: Run, desk: None, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(
        "officer", "add", "--id", "sari", "--name", "Sari Wulandari", stdin="pasar-pagi-77\n"
    )
    assert (code, err) == (0, "")
    monkeypatch.setenv("SIGAP_PASSPHRASE", "pasar-pagi-77")
    code, out, err = run("backup", "create", officer="sari")  # any officer may make one
    assert (code, err) == (0, "")
    made = json.loads(out)["file"]

    code, out, err = run("backup", "restore", made, officer="sari")
    assert (code, out) == (1, "")
    assert err.strip() == text("needs_supervisor", "en")

    monkeypatch.setenv("SIGAP_PASSPHRASE", "not-her-passphrase")
    code, out, err = run("backup", "restore", made, officer=SUPERVISOR)
    assert (code, out) == (1, "")
    assert err.strip() == text("passphrase_wrong", "en")


def test_restore_says_what_is_missing(run: Run, desk: None) -> None:
    code, out, err = run("backup", "restore", "--latest")
    assert (code, out) == (1, "")
    assert err.strip() == text("backup_none", "en")

    code, out, err = run("backup", "restore", "sigap-20261122-091500-manual.db")
    assert (code, out) == (1, "")
    assert err.strip() == text("backup_not_found", "en", name="sigap-20261122-091500-manual.db")

    with pytest.raises(SystemExit) as usage:
        main.main(["backup", "restore"])
    assert usage.value.code == 2


def test_restore_waits_for_a_running_sync(run: Run, desk: None, data_dir: Path) -> None:
    from sync.lock import LOCK_FILE, sync_lock

    code, out, _ = run("backup", "create")
    made = json.loads(out)["file"]
    with sync_lock(data_dir / LOCK_FILE):
        code, out, err = run("backup", "restore", made)
    assert (code, out) == (1, "")
    assert err.strip() == text("sync_busy", "en")
    code, out, err = run("backup", "restore", made)
    assert (code, err) == (0, "")
