"""The command line's protected commands: signing in, supervisor-only commands, the audit
log check and export, the USB bundle."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import main
from models import vault
from models.desk import sign_in
from models.messages import text

SUPERVISOR, SUPERVISOR_PASS = "budi.s", "kopi-tubruk-88"
OFFICER, OFFICER_PASS = "sari", "pasar-pagi-77"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data_dir = tmp_path / "data"
    monkeypatch.delenv("SIGAP_OFFICER", raising=False)

    def _run(*args: str, who: tuple[str, str] = (SUPERVISOR, SUPERVISOR_PASS),
             stdin: str | None = None) -> tuple[int, str, str]:  # fmt: skip
        monkeypatch.setenv("SIGAP_PASSPHRASE", who[1])
        old = sys.stdin
        sys.stdin = io.StringIO(stdin or "")
        try:
            code = main.main([*args, "--officer", who[0], "--data-dir", str(data_dir),
                              "--lang", "en"])  # fmt: skip
        finally:
            sys.stdin = old
        out, err = capsys.readouterr()
        return code, out, err

    code, _, err = _run("officer", "add", "--id", SUPERVISOR, "--name", "Budi Santoso",
                        "--role", "supervisor", stdin=SUPERVISOR_PASS + "\n")  # fmt: skip
    assert (code, err) == (0, "")
    code, _, err = _run("officer", "add", "--id", OFFICER, "--name", "Sari Wulandari",
                        stdin=OFFICER_PASS + "\n")  # fmt: skip
    assert (code, err) == (0, "")
    _run.data_dir = data_dir  # type: ignore[attr-defined]
    return _run


def test_a_wrong_passphrase_opens_nothing(run: Callable[..., Any]) -> None:
    code, out, err = run("status", who=(OFFICER, "salah-sandi-123"))
    assert (code, out) == (1, "")
    assert err.strip() == text("passphrase_wrong", "en")


def test_an_officer_cannot_add_officers_or_export(run: Callable[..., Any], tmp_path) -> None:
    code, out, err = run("officer", "add", "--id", "eko", "--name", "Eko", stdin="x" * 12 + "\n",
                         who=(OFFICER, OFFICER_PASS))  # fmt: skip
    assert (code, err.strip()) == (1, text("needs_supervisor", "en"))
    code, out, err = run("audit", "export", "--out", str(tmp_path / "a.csv"),
                         who=(OFFICER, OFFICER_PASS))  # fmt: skip
    assert (code, err.strip()) == (1, text("needs_supervisor", "en"))
    code, out, err = run("bundle", "--out", str(tmp_path / "b.sigap"), who=(OFFICER, OFFICER_PASS))
    assert (code, err.strip()) == (1, text("needs_supervisor", "en"))


def test_an_officer_changes_their_own_passphrase(run: Callable[..., Any]) -> None:
    code, out, err = run("officer", "passphrase", stdin="becak-malam-55\n",
                         who=(OFFICER, OFFICER_PASS))  # fmt: skip
    assert (code, err) == (0, "")
    assert run("status", who=(OFFICER, OFFICER_PASS))[0] == 1
    assert run("status", who=(OFFICER, "becak-malam-55"))[0] == 0


def test_deactivating_removes_access_and_unlock_lifts_a_lock(
    run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1_800_000_000.0]
    monkeypatch.setattr(vault, "now", lambda: clock[0])
    waits = []
    for _ in range(vault.LOCK_AFTER):
        code, _, err = run("status", who=(OFFICER, "salah-sandi-123"))
        waits.append(err.strip())
        clock[0] += 61  # past any wait: each try counts
    assert waits[0] == text("passphrase_wrong", "en")
    assert waits[3] == text("passphrase_wrong_wait", "en", seconds=4)
    code, _, err = run("status", who=(OFFICER, OFFICER_PASS))
    assert (code, err.strip()) == (1, text("officer_locked", "en"))
    assert run("officer", "unlock", "--id", OFFICER)[0] == 0
    assert run("status", who=(OFFICER, OFFICER_PASS))[0] == 0
    assert run("officer", "deactivate", "--id", OFFICER)[0] == 0
    code, _, err = run("status", who=(OFFICER, OFFICER_PASS))
    assert (code, err.strip()) == (1, text("passphrase_wrong", "en"))


def test_audit_verify_and_export_and_a_broken_chain(run: Callable[..., Any], tmp_path) -> None:
    code, out, err = run("audit", "verify")
    assert code == 0 and json.loads(out)["ok"] is True and json.loads(out)["entries"] >= 2
    code, out, err = run("audit", "export", "--out", str(tmp_path / "audit.csv"))
    assert code == 0 and json.loads(out)["rows"] >= 2
    db, _ = sign_in(run.data_dir, SUPERVISOR, SUPERVISOR_PASS)  # type: ignore[attr-defined]
    db.execute("DROP TRIGGER audit_never_changed")
    db.execute("UPDATE audit SET officer_id = 'orang-lain' WHERE id = 1")
    db.conn.commit()
    db.close()
    code, out, err = run("audit", "verify")
    assert code == 1 and json.loads(out) == {
        "ok": False,
        "entries": json.loads(out)["entries"],
        "first_bad_id": 1,
        "reason": "hash_mismatch",
    }
    assert "#1" in err


def test_bundle_needs_a_registered_device(run: Callable[..., Any], tmp_path) -> None:
    code, out, err = run("bundle", "--out", str(tmp_path / "b.sigap"))
    assert (code, out) == (1, "")
    assert err.strip() == text("bundle_not_registered", "en")
    assert not (tmp_path / "b.sigap").exists()
