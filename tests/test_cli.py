"""The command line (`main.py`): each command run in-process through `main.main([...])`, and
the ones that read standard input or must show a clean stderr also as a real process.
Errors are plain words on stderr with a non-zero exit, never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import main
from models.desk import sign_in
from models.messages import text
from models.officers import verify_passphrase
from tests.models.helpers_import import COLUMNS, MADIUN, make_nik, person, write_csv

REPO_ROOT = Path(main.__file__).resolve().parent
OFFICER = "ani.p"
PASSPHRASE = "kata-sandi-uji-1"

AGUS = make_nik(MADIUN, date(1980, 8, 17), False, 1)
DEWI = make_nik(MADIUN, date(1985, 3, 2), True, 2)


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing from the developer's shell leaks in, and nothing lands in their data folder:
    SIGAP_DATA_DIR points at a folder of its own, which tests check stays unused."""
    fallback = tmp_path / "env-data"
    monkeypatch.setenv("SIGAP_DATA_DIR", str(fallback))
    monkeypatch.delenv("SIGAP_OFFICER", raising=False)
    monkeypatch.delenv("SIGAP_LANG", raising=False)
    monkeypatch.setenv("SIGAP_PASSPHRASE", PASSPHRASE)
    return fallback


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Callable[..., Any]:
    """Run one command in-process against `data_dir`, messages in English."""

    def _run(
        *args: str,
        stdin: str | None = None,
        officer: str | None = OFFICER,
        passphrase: str = PASSPHRASE,
    ) -> tuple[int, str, str]:
        """Signed in as `officer` (None: no --officer given) unless the args name one."""
        if stdin is not None:
            old = sys.stdin
            sys.stdin = io.StringIO(stdin)
        who = ["--officer", officer] if officer and "--officer" not in args else []
        before = os.environ.get("SIGAP_PASSPHRASE")
        os.environ["SIGAP_PASSPHRASE"] = passphrase
        try:
            code = main.main([*args, *who, "--data-dir", str(data_dir), "--lang", "en"])
        finally:
            if stdin is not None:
                sys.stdin = old
            if before is not None:
                os.environ["SIGAP_PASSPHRASE"] = before
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def process(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Any:
    """Run `python main.py ARGS` as a real process."""
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def officer(run: Callable[..., Any]) -> str:
    """The first account, which sets the desk up: a supervisor."""
    code, out, err = run(
        "officer", "add", "--id", OFFICER, "--name", "Ani Purwanti", "--role", "supervisor",
        stdin=PASSPHRASE + "\n", officer=None,
    )  # fmt: skip
    assert (code, err) == (0, "")
    return OFFICER


def create_event(run: Callable[..., Any], *more: str) -> dict[str, Any]:
    code, out, err = run(
        "event",
        "create",
        "--name",
        "Sosialisasi Pasar Besar",
        "--location",
        "Pasar Besar",
        "--region",
        "35.77.01",
        "--branch",
        "MDN01",
        "--starts",
        "2026-11-22",
        "--officer",
        OFFICER,
        *more,
    )
    assert (code, err) == (0, "")
    return json.loads(out)  # type: ignore[no-any-return]


@pytest.fixture
def event_id(run: Callable[..., Any], officer: str) -> str:
    return str(create_event(run)["event_id"])


def good_list(path: Path) -> Path:
    write_csv(
        path,
        COLUMNS,
        COLUMNS,
        [
            person(AGUS, "Agus Santoso", "17/08/1980", "L", occupation_code="K006"),
            person(DEWI, "Dewi Lestari", "02/03/1985", "P", occupation_code="K007"),
        ],
    )
    return path


def no_traceback(err: str) -> None:
    assert "Traceback" not in err
    assert "Error:" not in err  # no bare exception names either


# ------------------------------------------------------------------ demo


@pytest.mark.slow
def test_demo_fills_an_empty_folder_once(run: Callable[..., Any], data_dir: Path) -> None:
    code, out, err = run("demo")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["enrolments"] == 50
    assert result["officer_id"] == "demo"
    assert result["passphrase"] == "pasar-contoh-2026"
    code, out, _ = run("status", officer="demo", passphrase="pasar-contoh-2026")
    status = json.loads(out)
    assert (status["events"], status["enrolments"], status["payments"]) == (1, 50, 50)

    again = process(
        "demo", "--officer", "demo", "--data-dir", str(data_dir), "--lang", "en",
        env={"SIGAP_PASSPHRASE": "pasar-contoh-2026"},
    )  # fmt: skip

    assert again.returncode == 1
    assert again.stdout == ""
    assert again.stderr.strip() == text("demo_not_empty", "en")
    no_traceback(again.stderr)
    code, out, _ = run("status", officer="demo", passphrase="pasar-contoh-2026")
    assert json.loads(out)["enrolments"] == 50


# ------------------------------------------------------------------ officers


@pytest.mark.slow
def test_officer_add_reads_the_passphrase_from_stdin(data_dir: Path) -> None:
    secret = "ojek-pangkalan-99"
    done = process(
        "officer",
        "add",
        "--id",
        "budi.s",
        "--name",
        "Budi Santoso",
        "--role",
        "supervisor",
        "--data-dir",
        str(data_dir),
        stdin=secret + "\n",
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"id": "budi.s", "name": "Budi Santoso", "role": "supervisor"}
    assert secret not in done.stdout + done.stderr
    db, signed_in = sign_in(data_dir, "budi.s", secret)
    try:
        assert signed_in.is_supervisor
        assert verify_passphrase(db, "budi.s", secret) is not None
        assert verify_passphrase(db, "budi.s", secret + "x") is None
    finally:
        db.close()


def test_officer_add_refuses_short_passphrase_and_duplicate_id(
    run: Callable[..., Any], officer: str
) -> None:
    code, out, err = run("officer", "add", "--id", "sari", "--name", "Sari", stdin="pendek\n")
    assert (code, out) == (1, "")
    assert err.strip() == "passphrase: " + text("passphrase_too_short", "en", min=10)

    code, out, err = run(
        "officer", "add", "--id", OFFICER, "--name", "Ani Lain", stdin=PASSPHRASE + "\n"
    )
    assert (code, out) == (1, "")
    assert err.strip() == text("officer_exists", "en", officer_id=OFFICER)

    code, out, err = run("officer", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "name", "role", "active"]
    assert lines[1].split() == [OFFICER, "Ani", "Purwanti", "supervisor", "yes"]
    assert len(lines) == 2


# ------------------------------------------------------------------ events


def test_event_create_list_close(run: Callable[..., Any], officer: str, tmp_path: Path) -> None:
    created = create_event(run, "--programmes", "JKK+JKM+JHT", "--months", "3")
    assert {
        k: created[k]
        for k in (
            "name",
            "starts_on",
            "ends_on",
            "location",
            "region_code",
            "branch_code",
            "scheme_code",
            "officer_id",
            "status",
            "default_programmes",
            "default_months",
            "closed_at",
        )
    } == {
        "name": "Sosialisasi Pasar Besar",
        "starts_on": "2026-11-22",
        "ends_on": "2026-11-22",
        "location": "Pasar Besar",
        "region_code": "35.77.01",
        "branch_code": "MDN01",
        "scheme_code": None,
        "officer_id": OFFICER,
        "status": "open",
        "default_programmes": ["JKK", "JKM", "JHT"],
        "default_months": 3,
        "closed_at": None,
    }
    eid = created["event_id"]

    code, out, _ = run("event", "list", "--format", "json")
    assert code == 0 and [e["event_id"] for e in json.loads(out)] == [eid]
    code, out, _ = run("event", "list")
    assert code == 0
    header, row = out.splitlines()
    assert header.split() == ["id", "name", "dates", "scheme", "status"]
    assert row.startswith(eid) and row.split()[-1] == "open"
    assert "2026-11-22..2026-11-22" in row

    code, out, err = run("event", "close", eid, "--officer", OFFICER)
    assert (code, err) == (0, "")
    closed = json.loads(out)
    assert closed["status"] == "closed" and closed["closed_at"]
    code, out, _ = run("event", "list", "--format", "json")
    assert json.loads(out)[0]["status"] == "closed"

    code, out, err = run("event", "close", eid, "--officer", OFFICER)
    assert (code, out) == (1, "")
    assert err.strip() == text("event_already_closed", "en")

    # A closed event takes no rows from a list.
    code, out, err = run(
        "import",
        "enrolments",
        str(good_list(tmp_path / "l.csv")),
        "--event",
        eid,
        "--officer",
        OFFICER,
    )
    assert code == 3
    closed_error = {
        "field": "event_id",
        "code": "event_closed",
        "message": text("event_closed", "en"),
    }
    assert json.loads(out) == {
        "imported": 0,
        "duplicates": [],
        "rejected": [
            {"row": 2, "errors": [closed_error]},
            {"row": 3, "errors": [closed_error]},
        ],
    }
    code, out, _ = run("status")
    assert json.loads(out)["enrolments"] == 0


# ------------------------------------------------------------------ imports


def test_import_enrolments_prints_the_report_and_exits_by_it(
    run: Callable[..., Any], event_id: str, tmp_path: Path
) -> None:
    good = good_list(tmp_path / "daftar.csv")
    args = ("--event", event_id, "--officer", OFFICER)

    code, out, err = run("import", "enrolments", str(good), *args)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"imported": 2, "duplicates": [], "rejected": []}

    # Again: nothing new, only duplicates, and duplicates are not a failure.
    code, out, err = run("import", "enrolments", str(good), *args)
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["imported"] == 0 and report["rejected"] == []
    assert [(d["row"], d["code"]) for d in report["duplicates"]] == [
        (2, "duplicate_in_device"),
        (3, "duplicate_in_device"),
    ]

    bad = tmp_path / "salah.csv"
    write_csv(
        bad,
        COLUMNS,
        COLUMNS,
        [
            person(make_nik(MADIUN, date(1979, 1, 5), False, 3), "Slamet", "05/01/1979", "L"),
            person(make_nik(MADIUN, date(1979, 1, 5), False, 4), "Joko", "06/01/1979", "L"),
        ],
    )
    code, out, err = run("import", "enrolments", str(bad), *args)
    assert (code, err) == (3, "")
    report = json.loads(out)
    assert report["imported"] == 1
    assert [
        (r["row"], [(e["field"], e["code"]) for e in r["errors"]]) for r in report["rejected"]
    ] == [(3, [("birth_date", "nik_birth_date_enrol_at_desk")])]  # nobody saw the KTP
    assert report["rejected"][0]["errors"][0]["message"] == text(
        "nik_birth_date_enrol_at_desk", "en"
    )


def test_import_eligibility(run: Callable[..., Any], officer: str, tmp_path: Path) -> None:
    listed = tmp_path / "dtks.csv"
    write_csv(
        listed,
        ["nik", "nama"],
        ["nik", "full_name"],
        [
            {"nik": AGUS, "full_name": "Agus Santoso"},
            {"nik": "3.57701E+15", "full_name": "Rusmini"},
        ],
    )
    args = ("--scheme", "SIAGA-KITA-MADIUN", "--officer", OFFICER)

    code, out, err = run("import", "eligibility", str(listed), *args)
    assert (code, err) == (3, "")
    report = json.loads(out)
    assert report["imported"] == 1 and report["duplicates"] == []
    assert [r["row"] for r in report["rejected"]] == [3]
    assert ("nik", "number_mangled") in [
        (e["field"], e["code"]) for e in report["rejected"][0]["errors"]
    ]

    code, out, err = run(
        "import", "eligibility", str(listed), "--scheme", "TIDAK-ADA", "--officer", OFFICER
    )
    assert (code, out) == (1, "")
    assert err.strip() == text("scheme_unknown", "en")
    no_traceback(err)

    # The listed person can now join a Siaga Kita event; the other one cannot.
    siaga = create_event(run, "--scheme", "SIAGA-KITA-MADIUN")["event_id"]
    code, out, err = run(
        "import",
        "enrolments",
        str(good_list(tmp_path / "l.csv")),
        "--event",
        siaga,
        "--officer",
        OFFICER,
    )
    assert code == 3
    report = json.loads(out)
    assert report["imported"] == 1
    assert [(r["row"], r["errors"][0]["code"]) for r in report["rejected"]] == [
        (3, "scheme_not_eligible")
    ]


# ------------------------------------------------------------------ list, export, status


def test_list_masks_niks_unless_asked(
    run: Callable[..., Any], event_id: str, tmp_path: Path
) -> None:
    run(
        "import",
        "enrolments",
        str(good_list(tmp_path / "l.csv")),
        "--event",
        event_id,
        "--officer",
        OFFICER,
    )

    code, out, err = run("list", "--event", event_id, "--format", "json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert sorted(r["nik"] for r in rows) == sorted(["3577********0001", "3577********0002"])
    assert AGUS not in out and DEWI not in out
    assert {r["full_name"] for r in rows} == {"Agus Santoso", "Dewi Lestari"}

    code, out, _ = run("list", "--event", event_id, "--format", "json", "--show-nik")
    assert sorted(r["nik"] for r in json.loads(out)) == sorted([AGUS, DEWI])

    code, out, _ = run("list", "--event", event_id)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "member_number",
        "nik",
        "full_name",
        "sex",
        "birth_date",
        "occupation",
        "payer",
    ]
    assert len(lines) == 3
    assert "3577********0001" in out and AGUS not in out and DEWI not in out

    code, out, _ = run("list", "--event", event_id, "--show-nik")
    assert AGUS in out and DEWI in out


def test_export(run: Callable[..., Any], event_id: str, tmp_path: Path) -> None:
    run(
        "import",
        "enrolments",
        str(good_list(tmp_path / "l.csv")),
        "--event",
        event_id,
        "--officer",
        OFFICER,
    )
    for name in ("acara.csv", "acara.xlsx"):
        out_file = tmp_path / name
        code, out, err = run(
            "export", "--event", event_id, "--out", str(out_file), "--officer", OFFICER
        )
        assert (code, err) == (0, "")
        assert json.loads(out) == {"rows": 2, "out": str(out_file)}
        assert out_file.stat().st_size > 0
    header = (tmp_path / "acara.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",")[:4] == ["enrolment_id", "member_number", "nik", "full_name"]

    code, out, err = run(
        "export", "--event", event_id, "--out", str(tmp_path / "acara.pdf"), "--officer", OFFICER
    )
    assert (code, out) == (1, "")
    assert err.strip() == text("export_type", "en")

    nowhere = tmp_path / "tidak" / "ada" / "acara.csv"
    code, out, err = run("export", "--event", event_id, "--out", str(nowhere), "--officer", OFFICER)
    assert (code, out) == (1, "")
    assert err.startswith(text("file_problem", "en", reason="").split(":")[0] + ": ")
    no_traceback(err)


def test_status_counts(run: Callable[..., Any], officer: str, tmp_path: Path) -> None:
    code, out, err = run("status")
    assert (code, err) == (0, "")
    empty = json.loads(out)
    assert {k: empty[k] for k in ("events", "enrolments", "payments", "queue")} == {
        "events": 0,
        "enrolments": 0,
        "payments": 0,
        "queue": {},
    }

    warteg = create_event(run, "--scheme", "KOWANTARA-WARTEG")["event_id"]
    create_event(run)
    run(
        "import",
        "enrolments",
        str(good_list(tmp_path / "l.csv")),
        "--event",
        warteg,
        "--officer",
        OFFICER,
    )

    code, out, err = run("status")
    assert (code, err) == (0, "")
    status = json.loads(out)
    # Two events, two enrolments each with a sponsor payment; every record queued for HQ.
    assert {
        k: status[k]
        for k in (
            "events",
            "events_open",
            "enrolments",
            "payments",
            "payments_void",
            "queue",
        )
    } == {
        "events": 2,
        "events_open": 2,
        "enrolments": 2,
        "payments": 2,
        "payments_void": 0,
        "queue": {"pending": 2 + 2 + 2},
    }


# ------------------------------------------------------------------ errors


ERROR_CASES: dict[str, Callable[[str, Path], tuple[list[str], str]]] = {
    "unknown event": lambda eid, tmp: (
        ["list", "--event", "acara-tidak-ada", "--officer", OFFICER],
        text("event_unknown", "en", event_id="acara-tidak-ada"),
    ),
    "bad region": lambda eid, tmp: (
        [
            "event",
            "create",
            "--name",
            "X",
            "--location",
            "Y",
            "--region",
            "99.99.99",
            "--officer",
            OFFICER,
        ],
        "region_code: " + text("event_region_invalid", "en"),
    ),
    "missing --officer on event create": lambda eid, tmp: (
        ["event", "create", "--name", "X", "--location", "Y", "--region", "35.77.01"],
        text("officer_missing", "en"),
    ),
    "missing --officer on import": lambda eid, tmp: (
        ["import", "enrolments", str(good_list(tmp / "l.csv")), "--event", eid],
        text("officer_missing", "en"),
    ),
    "unknown officer": lambda eid, tmp: (
        ["event", "close", eid, "--officer", "siapa"],
        text("passphrase_wrong", "en"),
    ),
    "file that does not exist": lambda eid, tmp: (
        ["import", "enrolments", str(tmp / "tidak-ada.csv"), "--event", eid, "--officer", OFFICER],
        text("file_not_found", "en", path="tidak-ada.csv"),
    ),
    "unsupported file type": lambda eid, tmp: (
        [
            "import",
            "enrolments",
            str(_touch(tmp / "daftar.pdf")),
            "--event",
            eid,
            "--officer",
            OFFICER,
        ],
        text("file_type", "en"),
    ),
    "unsupported eligibility file type": lambda eid, tmp: (
        [
            "import",
            "eligibility",
            str(_touch(tmp / "dtks.docx")),
            "--scheme",
            "SIAGA-KITA-MADIUN",
            "--officer",
            OFFICER,
        ],
        text("file_type", "en"),
    ),
}


def _touch(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n")
    return path


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_errors_are_plain_words_on_stderr(
    case: str, run: Callable[..., Any], event_id: str, tmp_path: Path
) -> None:
    args, message = ERROR_CASES[case](event_id, tmp_path)
    code, out, err = run(*args, officer=None)
    assert code != 0
    assert out == ""
    assert err.strip() == message
    no_traceback(err)
    code, out, _ = run("status")
    assert json.loads(out)["enrolments"] == 0


@pytest.mark.slow
def test_an_error_in_a_real_process_has_no_traceback(
    data_dir: Path, environment: Path, officer: str
) -> None:
    done = process(
        "list", "--event", "acara-tidak-ada", "--officer", officer, "--data-dir", str(data_dir),
        "--lang", "en",
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == text("event_unknown", "en", event_id="acara-tidak-ada") + "\n"
    no_traceback(done.stderr)
    assert not environment.exists()


# ------------------------------------------------------------------ where the data lives


@pytest.mark.slow
def test_sigap_data_dir_is_honoured(tmp_path: Path) -> None:
    folder = tmp_path / "dari-env"
    done = process("demo", env={"SIGAP_DATA_DIR": str(folder)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["enrolments"] == 50
    assert (folder / "sigap.db").is_file()


def test_data_dir_option_beats_the_environment(
    run: Callable[..., Any], data_dir: Path, environment: Path, officer: str
) -> None:
    code, out, _ = run("status")
    assert code == 0
    assert (data_dir / "sigap.db").is_file()
    assert not environment.exists()


def test_data_dir_before_the_command_is_honoured(
    capsys: pytest.CaptureFixture[str], data_dir: Path, environment: Path, officer: str
) -> None:
    """`sigap --help` shows --data-dir (and --lang) before the command; given there, it must
    not be dropped in favour of $SIGAP_DATA_DIR or the user data folder."""
    code = main.main(["--data-dir", str(data_dir), "--lang", "en", "--officer", officer, "status"])
    capsys.readouterr()
    assert code == 0
    assert (data_dir / "sigap.db").is_file()
    assert not environment.exists()
