"""`settings` and `--version` on the command line; an unexpected error in a real process
reaches the log and a plain message, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from models.demo import DEMO_OFFICER, DEMO_PASSPHRASE
from models.version import app_version

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_settings_list_and_set(tmp_path, capsys, monkeypatch) -> None:
    d = str(tmp_path / "desk")
    assert run(capsys, "demo", "--data-dir", d)[0] == 0
    monkeypatch.setenv("SIGAP_OFFICER", DEMO_OFFICER)
    monkeypatch.setenv("SIGAP_PASSPHRASE", DEMO_PASSPHRASE)
    code, out, _ = run(capsys, "settings", "--data-dir", d)
    assert code == 0 and json.loads(out)["lock_minutes"] == "5"
    code, out, _ = run(capsys, "settings", "set", "lock_minutes", "12", "--data-dir", d)
    assert code == 0 and json.loads(out)["lock_minutes"] == "12"
    code, out, _ = run(capsys, "settings", "set", "hq_url", "https://hq.contoh.id/api/v1",
                       "--data-dir", d)  # fmt: skip
    assert code == 0 and json.loads(out)["hq_url"] == "https://hq.contoh.id"
    code, _, err = run(capsys, "settings", "set", "lock_minutes", "0", "--data-dir", d)
    assert code == 1 and "lock_minutes" in err and "Traceback" not in err
    code, _, err = run(capsys, "settings", "set", "colour", "red", "--data-dir", d)
    assert code == 1 and "colour" in err


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main.main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"Sigap {app_version()}"


@pytest.mark.slow
def test_an_unexpected_error_is_logged_not_shown(tmp_path) -> None:
    """main.py as a process, with a command that fails in a way nobody planned for."""
    logs = tmp_path / "logs"
    code = (
        "import runpy, sys, cli.status as c\n"
        "def boom(args, desk): raise RuntimeError('nik=3577015708900001 broke')\n"
        "c.status = boom\n"
        "sys.argv = ['main.py', 'status', '--data-dir', sys.argv[1]]\n"
        "runpy.run_path('main.py', run_name='__main__')\n"
    )
    env = dict(os.environ, SIGAP_LOG_DIR=str(logs), SIGAP_OFFICER=DEMO_OFFICER,
               SIGAP_PASSPHRASE=DEMO_PASSPHRASE)  # fmt: skip
    desk = tmp_path / "desk"
    subprocess.run([sys.executable, "main.py", "demo", "--data-dir", str(desk)], cwd=ROOT,
                   env=env, check=True, capture_output=True)  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code, str(desk)], cwd=ROOT, env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode != 0
    assert "Terjadi kesalahan" in result.stderr and str(logs) in result.stderr
    assert "Traceback" not in result.stderr
    text = (logs / "sigap.log").read_text(encoding="utf-8")
    assert "RuntimeError" in text and "Traceback" in text
    assert "3577015708900001" not in text
    assert (logs / "crash.log").is_file()
