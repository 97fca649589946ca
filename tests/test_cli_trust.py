"""The command line asks for what the window asks for: the demo only on an empty folder, a
supervisor for registering, exports, bundles, restores, officer changes and whole NIKs, and
no plain http:// HQ address on the network unless a supervisor allowed it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models import vault
from models.desk import sign_in
from models.messages import text
from tests.test_cli_security import OFFICER, OFFICER_PASS, SUPERVISOR, SUPERVISOR_PASS, run

__all__ = ["run"]  # the fixture, shared with tests/test_cli_security.py

AS_OFFICER = (OFFICER, OFFICER_PASS)


def _event(run: Callable[..., Any]) -> str:
    code, out, err = run("event", "create", "--name", "Sosialisasi Pasar", "--location",
                         "Pasar", "--region", "35.77.01", "--starts", "2026-11-22",
                         "--branch", "MDN01")  # fmt: skip
    assert (code, err) == (0, "")
    return str(json.loads(out)["event_id"])


def test_demo_never_fills_a_desk_that_has_officers(run: Callable[..., Any]) -> None:
    code, out, err = run("demo")
    assert (code, out) == (1, "")
    assert err.strip() == text("demo_not_empty", "en")
    assert vault.officer_ids(run.data_dir) == sorted([SUPERVISOR, OFFICER])  # type: ignore[attr-defined]
    db, _ = sign_in(run.data_dir, SUPERVISOR, SUPERVISOR_PASS)  # type: ignore[attr-defined]
    try:
        assert db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM officers WHERE id = 'demo'").fetchone()[0] == 0
    finally:
        db.close()


def test_an_officer_cannot_register_the_desk_with_hq(run: Callable[..., Any]) -> None:
    code, out, err = run("register", "--hq", "https://127.0.0.1:9", "--code", "ABC",
                         who=AS_OFFICER)  # fmt: skip
    assert (code, out, err.strip()) == (1, "", text("needs_supervisor", "en"))


def test_an_officer_cannot_show_whole_niks_or_export(run: Callable[..., Any], tmp_path) -> None:
    event_id = _event(run)
    code, out, err = run("list", "--event", event_id, "--show-nik", who=AS_OFFICER)
    assert (code, out, err.strip()) == (1, "", text("needs_supervisor", "en"))
    assert run("list", "--event", event_id, who=AS_OFFICER)[0] == 0  # masked: fine
    assert run("list", "--event", event_id, "--show-nik")[0] == 0  # a supervisor may
    code, out, err = run("export", "--event", event_id, "--out", str(tmp_path / "e.csv"),
                         who=AS_OFFICER)  # fmt: skip
    assert (code, err.strip()) == (1, text("needs_supervisor", "en"))
    assert not (tmp_path / "e.csv").exists()


def test_an_officer_cannot_change_other_officers_or_restore(run: Callable[..., Any]) -> None:
    for action in ("deactivate", "unlock"):
        code, _, err = run("officer", action, "--id", SUPERVISOR, who=AS_OFFICER)
        assert (code, err.strip()) == (1, text("needs_supervisor", "en"))
    code, _, err = run("officer", "passphrase", "--id", SUPERVISOR, stdin="becak-malam-55\n",
                       who=AS_OFFICER)  # fmt: skip
    assert (code, err.strip()) == (1, text("needs_supervisor", "en"))
    assert run("backup", "create")[0] == 0
    code, _, err = run("backup", "restore", "--latest", who=AS_OFFICER)
    assert (code, err.strip()) == (1, text("needs_supervisor", "en"))


def test_plain_http_hq_on_the_network_is_refused(run: Callable[..., Any]) -> None:
    code, out, err = run("register", "--hq", "http://hq.contoh.id", "--code", "ABC")
    assert (code, out, err.strip()) == (1, "", text("hq_url_plain_http", "en"))
    code, _, err = run("settings", "set", "hq_url", "http://10.1.2.3:8080")
    assert (code, err.strip()) == (1, text("hq_url_plain_http", "en"))
    # loopback is this computer itself: nothing crosses a network
    assert run("settings", "set", "hq_url", "http://127.0.0.1:8080")[0] == 0
    assert run("settings", "set", "hq_url", "http://localhost:8080")[0] == 0
    # an officer cannot allow it; a supervisor can, and it is audited
    assert run("settings", "set", "allow_plain_http", "1", who=AS_OFFICER)[0] == 1
    assert run("settings", "set", "allow_plain_http", "1")[0] == 0
    code, out, _ = run("settings", "set", "hq_url", "http://10.1.2.3:8080")
    assert code == 0 and json.loads(out)["hq_url"] == "http://10.1.2.3:8080"


def test_plain_http_check_itself() -> None:
    from sync.transport import plain_http

    for url in ("http://hq.contoh.id", "http://10.0.0.1", "http://[fe80::1]:80",
                "http://127.evil.id"):  # fmt: skip
        assert plain_http(url), url
    for url in ("https://hq.contoh.id", "http://127.0.0.1:8080", "http://[::1]:80",
                "http://localhost", "http://127.5.6.7"):  # fmt: skip
        assert not plain_http(url), url


def test_supervisor_still_registers_over_https(run: Callable[..., Any], tmp_path: Path) -> None:
    # nothing listens there: the refusal is "offline", not "needs a supervisor"
    code, out, err = run("register", "--hq", "https://127.0.0.1:9", "--code", "ABC")
    assert (code, out) == (1, "")
    assert err.strip() == text("sync_offline", "en")
