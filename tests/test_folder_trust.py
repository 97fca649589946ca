"""The data folder: private to its user (item 20), a restore never pulls the database out
from under a command still writing to it (item 9), and what a backup cut off halfway left
behind is cleaned at the next start (item 21)."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import main
from models import backup, desk, folder
from models.bundle import export_bundle
from models.db import set_setting
from models.messages import text
from tests.helpers import fixed_clock

SUPERVISOR, PASSPHRASE = "budi.s", "kopi-tubruk-88"
ROOT = Path(__file__).resolve().parents[1]

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """One command in-process (output captured by hand: some run in threads)."""
    monkeypatch.setenv("SIGAP_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("SIGAP_OFFICER", raising=False)

    def _run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        old = sys.stdin, sys.stdout, sys.stderr
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
        try:
            code = main.main([*args, "--data-dir", str(data_dir), "--lang", "en",
                              "--officer", SUPERVISOR])  # fmt: skip
        finally:
            sys.stdin, sys.stdout, sys.stderr = old
        return code, out.getvalue(), err.getvalue()

    code, _, err = _run("officer", "add", "--id", SUPERVISOR, "--name", "Budi Santoso",
                        "--role", "supervisor", stdin=PASSPHRASE + "\n")  # fmt: skip
    assert (code, err) == (0, "")
    return _run


def _create_event(run: Run, name: str) -> None:
    code, _, err = run("event", "create", "--name", name, "--location", "Pasar", "--region",
                       "35.77.01", "--starts", "2026-11-22", "--branch", "MDN01")  # fmt: skip
    assert (code, err) == (0, ""), err


def _events(run: Run) -> list[str]:
    code, out, _ = run("event", "list", "--format", "json")
    assert code == 0
    return sorted(e["name"] for e in json.loads(out))


# ------------------------------------------------------------------ item 9


def test_restore_refuses_while_a_command_is_writing(run: Run, monkeypatch) -> None:
    """A command half way through (here: between two writes) when a restore is asked for:
    the restore refuses at once, and the command's writes are all kept."""
    assert run("backup", "create")[0] == 0
    started, go = threading.Event(), threading.Event()
    import cli.event

    real = cli.event.event

    def slow_event(args, the_desk):  # writes, then more work, then writes again
        code = real(args, the_desk)
        started.set()
        go.wait(10)
        args.name = args.name + " (lanjutan)"
        return code or real(args, the_desk)

    monkeypatch.setattr(cli.event, "event", slow_event)
    result: list[tuple[int, str, str]] = []
    worker = threading.Thread(target=lambda: result.append(run(
        "event", "create", "--name", "Pasar Pagi", "--location", "Pasar", "--region", "35.77.01",
        "--starts", "2026-11-22", "--branch", "MDN01")))  # fmt: skip
    worker.start()
    try:
        assert started.wait(10), result
        monkeypatch.setattr(folder, "RESTORE_WAIT_S", 0.3)
        code, out, err = run("backup", "restore", "--latest")
    finally:
        go.set()
        worker.join(10)
    assert (code, out) == (1, "")
    assert err.strip() == text("folder_busy_restore", "en")
    assert result and result[0][0] == 0
    monkeypatch.setattr(cli.event, "event", real)
    assert _events(run) == ["Pasar Pagi", "Pasar Pagi (lanjutan)"]


@pytest.fixture
def holder(data_dir: Path) -> Iterator[Callable[[str, float], subprocess.Popen[str]]]:
    """Another process holding the folder `shared` or `exclusive` for some seconds."""
    started: list[subprocess.Popen[str]] = []

    def hold(how: str, seconds: float) -> subprocess.Popen[str]:
        code = (
            "import sys, time\nfrom pathlib import Path\nfrom models import folder\n"
            f"with folder.{how}(Path(sys.argv[1])):\n"
            "    print('held', flush=True)\n    time.sleep(float(sys.argv[2]))\n"
        )
        p = subprocess.Popen([sys.executable, "-c", code, str(data_dir), str(seconds)],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)  # fmt: skip
        started.append(p)
        assert p.stdout is not None and p.stdout.readline().strip() == "held"
        return p

    yield hold
    for p in started:
        p.kill()
        p.wait()


def test_restore_waits_for_a_running_command_to_finish(run: Run, holder) -> None:
    assert run("backup", "create")[0] == 0
    _create_event(run, "Sesudah cadangan")
    other = holder("shared", 1.0)
    began = time.monotonic()
    code, out, err = run("backup", "restore", "--latest")
    waited = time.monotonic() - began
    assert (code, err) == (0, "")
    assert other.wait(5) == 0  # it finished its work first
    assert waited >= 0.5
    # what the restore replaced is kept as a before_restore backup
    assert json.loads(out)["before_restore"] is not None


def test_a_command_waits_out_a_restore_or_refuses(run: Run, holder, monkeypatch) -> None:
    holder("exclusive", 5.0)
    monkeypatch.setattr(folder, "SHARED_WAIT_S", 0.3)
    code, out, err = run("status")
    assert (code, out) == (1, "")
    assert err.strip() == text("folder_restoring", "en")


# ------------------------------------------------------------------ item 20


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="Windows: the user's profile is private")
def test_data_folder_and_its_files_are_private_to_the_user(run: Run, data_dir: Path,
                                                           tmp_path: Path) -> None:  # fmt: skip
    old = os.umask(0o022)  # a laptop's usual umask: files readable by every account
    try:
        _create_event(run, "Pasar Pagi")
        assert run("backup", "create")[0] == 0
        db, _ = desk.sign_in(data_dir, SUPERVISOR, PASSPHRASE)
        try:
            set_setting(db, "hq_url", "https://hq.test")
            set_setting(db, "device_token", "token-for-the-test")
            stick = tmp_path / "stick"
            stick.mkdir()
            bundle = export_bundle(db, stick / "desk.sigap", SUPERVISOR, clock=fixed_clock).path
            wal = data_dir / "sigap.db-wal"
            assert wal.exists() and _mode(wal) == 0o600
        finally:
            db.close()
    finally:
        os.umask(old)
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "backups") == 0o700
    for path in (data_dir / "sigap.db", data_dir / "sigap.keys", bundle,
                 *backup.backups_dir(data_dir).iterdir()):  # fmt: skip
        assert _mode(path) == 0o600, path


@pytest.mark.skipif(os.name != "posix", reason="Windows: the user's profile is private")
def test_an_existing_open_folder_is_made_private_at_sign_in(run: Run, data_dir: Path) -> None:
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "sigap.db", 0o644)
    db, _ = desk.sign_in(data_dir, SUPERVISOR, PASSPHRASE)
    db.close()
    assert (_mode(data_dir), _mode(data_dir / "sigap.db")) == (0o700, 0o600)


# ------------------------------------------------------------------ item 21


def test_a_backup_cut_off_halfway_leaves_nothing_at_the_next_start(run: Run, data_dir) -> None:
    assert run("backup", "create")[0] == 0
    kept = sorted(p.name for p in backup.backups_dir(data_dir).iterdir())
    orphans = [backup.backups_dir(data_dir) / "sigap-20261122-101010-sync.db.partial",
               backup.backups_dir(data_dir) / "sigap-20261122-101010-sync.db.partial-journal",
               data_dir / "sigap.db.restoring", data_dir / "sigap.db.restoring-wal"]  # fmt: skip
    for path in orphans:
        path.write_bytes(os.urandom(4096))  # what a killed backup or restore leaves
    assert run("status")[0] == 0  # the next start
    assert [p for p in orphans if p.exists()] == []
    assert sorted(p.name for p in backup.backups_dir(data_dir).iterdir()) == kept


def test_a_backup_being_written_now_is_not_taken_for_an_orphan(run: Run, data_dir) -> None:
    partial = backup.backups_dir(data_dir) / "sigap-20261122-101010-manual.db.partial"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(b"x")
    with backup._making(backup.backups_dir(data_dir), 5):  # another process copying it now
        assert backup.clean_stale(data_dir) == []
    assert partial.exists()
    assert backup.clean_stale(data_dir) == [partial]
