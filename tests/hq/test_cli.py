"""`python -m hq` admin commands, called in-process: output, errors, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hq.__main__ import main
from hq.app import create_app
from tests.hq import helpers as h
from tests.hq.helpers import register


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_code_create_prints_a_single_use_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # noqa: E501
    db = str(tmp_path / "hq.db")
    code, out, _ = run(capsys, "code", "create", "--branch", "mdn01", "--days", "3", "--db", db)
    assert code == 0
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n", out)
    client = TestClient(create_app(Path(db)))
    assert register(client, out.strip()).blocks[0]["first"] == "10000000001"


@pytest.mark.parametrize(
    "args",
    [
        ("code", "create"),
        ("code", "create", "--branch", "x"),
        ("code", "create", "--branch", "MDN01", "--days", "0"),
        ("code",),
        ("device", "revoke"),
        ("review", "reject", "abc"),
        ("nonsense",),
        ("--port", "70000"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:  # noqa: E501
    code, _, err = run(capsys, *args, "--db", str(tmp_path / "hq.db"))
    assert code == 2
    assert "usage" in err


def test_commands_need_an_existing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # noqa: E501
    for args in (("stats",), ("device", "list")):
        code, _, err = run(capsys, *args, "--db", str(tmp_path / "none.db"))
        assert (code, err.startswith("error: no HQ database")) == (1, True)
    assert not (tmp_path / "none.db").exists()


def test_devices_reviews_and_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "hq.db")
    app = create_app(Path(db))
    client = TestClient(app)
    device = register(client, app.state.store.create_code("MDN01"))
    ev = h.event()
    good, bad = h.enrolment(ev["id"], 1), h.enrolment(ev["id"], 2, phone="1")
    device.results([ev, good, bad, h.payment(good["id"])])

    code, out, _ = run(capsys, "device", "list", "--db", db)
    assert code == 0
    header, row = out.splitlines()
    assert header.split("\t")[0] == "id"
    assert row.split("\t")[0] == device.id and row.split("\t")[-2:] == ["active", "4"]

    code, out, _ = run(capsys, "review", "reject", good["id"], "--message", "KTP palsu", "--db", db)  # noqa: E501
    assert code == 0
    assert json.loads(out)["status"] == "rejected_after_review"
    code, out, _ = run(capsys, "review", "activate", bad["id"], "--db", db)
    assert (code, json.loads(out)["status"]) == (0, "active")
    code, _, err = run(capsys, "review", "activate", "no-such-id", "--db", db)
    assert (code, err) == (1, "error: no enrolment with id no-such-id\n")

    code, out, _ = run(capsys, "stats", "--db", db)
    stats = json.loads(out)
    assert stats["records"] == {
        "enrolment": {"accepted": 1, "rejected": 1},
        "event": {"accepted": 1},
        "payment": {"accepted": 1},
    }
    assert stats["records_total"] == 4
    assert stats["enrolments"] == {"active": 1, "rejected_after_review": 1}
    assert stats["devices"] == {"registered": 1, "revoked": 0}

    code, out, _ = run(capsys, "device", "revoke", device.id, "--db", db)
    assert code == 0
    assert device.get("/sync/changes", since="0").status_code == 403
    code, _, err = run(capsys, "device", "revoke", "nope", "--db", db)
    assert (code, err) == (1, "error: no device with id nope\n")
    assert json.loads(run(capsys, "stats", "--db", db)[1])["devices"]["revoked"] == 1
