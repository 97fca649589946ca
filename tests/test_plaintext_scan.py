"""The plain-text scan: a realistic session through the real command line (set up, an event,
a partner's list imported, cards, a receipt, reports, an export, a backup, a sync with no
HQ), then every file Sigap wrote, in the data folder and in the temporary folder, is read
byte by byte: no member's NIK, name or phone number may be readable in any of them, in
UTF-8 or UTF-16. Nor in any log record written during the session, nor on stderr.

The list the officer imported is the officer's own file, and the PDFs and the export went
where the officer explicitly sent them: those two folders are not scanned. Every person
here is made up."""

from __future__ import annotations

import io
import json
import logging
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import main
from models.desk import sign_in
from models.enrolments import HeirInput, enrol
from models.officer_names import NAMES_FILE
from models.reference import reference_for
from models.validation import normalise_phone, search_key
from tests import helpers
from tests.models.helpers_import import COLUMNS, MADIUN, make_nik, person, write_csv

SUPERVISOR, PASSPHRASE = "ani.p", "kata-sandi-uji-1"
SUPERVISOR_NAME = "Anindita Purwaningsih Sulistyo"
OFFICER, OFFICER_PW = "sari", "pasar-pagi-77"

# Made-up members, with values no file could hold by chance.
MEMBERS = [
    person(make_nik(MADIUN, date(1987, 4, 9), True, 731), "Kirana Anjani Wiraswasti",
           "09/04/1987", "P", mother_maiden_name="Sumirah Tjondrowati",
           phone="0813-7771-2345", street="Jl. Kenanga Wungu 17",
           heir_name="Bagaskara Wiraswasto", heir_relationship="suami",
           heir_phone="081355566677"),
    person(make_nik(MADIUN, date(1979, 12, 28), False, 512), "Yohanes Ñoman Prawiradilaga",
           "28/12/1979", "L", mother_maiden_name="Martinah Kusumadewi",
           phone="085712349876", street="Jl. Flamboyan Merah 3",
           heir_name="Theresia Prawiradilagi", heir_relationship="istri",
           heir_phone="081911122233"),
    person(make_nik(MADIUN, date(1992, 2, 14), True, 845), "Gayatri Larasati Mangunkusumo",
           "14/02/1992", "P", mother_maiden_name="Wiji Lestariningsih",
           phone="+62 896 8765 4321", street="Gang Cempaka Ungu 9",
           heir_name="Raden Adiwijaya Mangunkusumo", heir_relationship="suami",
           heir_phone="087812121212"),
    person(make_nik(MADIUN, date(1983, 7, 1), False, 266), "Ignatius Cahyaning Sastrowardoyo",
           "01/07/1983", "L", mother_maiden_name="Kartinah Purbaningrum",
           phone="081234509876", street="Jl. Sawo Kecik 41",
           heir_name="Veronika Sastrowardani", heir_relationship="istri",
           heir_phone="085643218765"),
]  # fmt: skip


def national(phone: str) -> str:
    """The national digits of a phone number, whatever the notation it was written in."""
    value = normalise_phone(phone)[0]
    assert value is not None, phone
    return value[3:]


# One more, saved at the desk (the window's form), paying in cash: a receipt to print.
AT_THE_DESK = helpers.person(
    nik=make_nik(MADIUN, date(1990, 10, 5), True, 377),
    full_name="Paramitha Kusumawardhani Suryo",
    birth_date=date(1990, 10, 5),
    mother_maiden_name="Suwarni Hadiningrat",
    phone="0819-3344-5566",
    street="Jl. Bougenvil Putih 88",
    heirs=[HeirInput("Kresna Suryodiningrat", "suami", "", "082177788899")],
)
DESK_ROW = {
    "nik": AT_THE_DESK.nik, "full_name": AT_THE_DESK.full_name,
    "mother_maiden_name": AT_THE_DESK.mother_maiden_name, "street": AT_THE_DESK.street,
    "phone": AT_THE_DESK.phone, "heir_name": AT_THE_DESK.heirs[0].name,
    "heir_phone": AT_THE_DESK.heirs[0].phone,
}  # fmt: skip

SECRETS = [
    value
    for m in [*MEMBERS, DESK_ROW]
    for value in (
        m["nik"], m["full_name"], search_key(m["full_name"]), m["mother_maiden_name"],
        m["street"], m["heir_name"], national(m["phone"]), national(m["heir_phone"]),
    )
]  # fmt: skip
NAMES = [m["full_name"] for m in MEMBERS] + [AT_THE_DESK.full_name]


def found_in(data: bytes, values: list[str]) -> list[str]:
    return [
        f"{value!r} in {encoding}"
        for value in values
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
        if value.encode(encoding) in data
    ]


def scan(folder: Path, values: list[str]) -> list[str]:
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        hits += [f"{path.relative_to(folder)}: {h}" for h in found_in(path.read_bytes(), values)]
    return hits


class Records(logging.Handler):
    """Every log record, at every level, as it would be written out (with any traceback)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record) + " " + repr(record.args))


@pytest.fixture
def records() -> Iterator[Records]:
    handler, root = Records(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


def test_no_file_sigap_wrote_holds_a_member_in_plain_text(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    records: Records,
) -> None:
    data_dir, temp, out_dir, own = (tmp_path / n for n in ("data", "tmp", "out", "officer"))
    for folder in (temp, out_dir, own):
        folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("SIGAP_DATA_DIR", str(tmp_path / "unused"))
    monkeypatch.setenv("SIGAP_OFFICER", SUPERVISOR)
    monkeypatch.setenv("SIGAP_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("SIGAP_LANG", raising=False)
    errors: list[str] = []

    def run(*args: str, stdin: str | None = None, expect: int = 0) -> str:
        old = sys.stdin
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            code = main.main([*args, "--data-dir", str(data_dir), "--lang", "en"])
        finally:
            sys.stdin = old
        out, err = capsys.readouterr()
        errors.append(err)
        assert code == expect, (args, err)
        return out

    the_list = own / "daftar-peserta.csv"
    write_csv(the_list, COLUMNS, COLUMNS, MEMBERS)
    today = date.today().isoformat()

    run("officer", "add", "--id", SUPERVISOR, "--name", SUPERVISOR_NAME, "--role", "supervisor",
        stdin=PASSPHRASE + "\n")  # fmt: skip
    run("officer", "add", "--id", OFFICER, "--name", "Sari Wulandari", "--role", "officer",
        stdin=OFFICER_PW + "\n")  # fmt: skip
    event_id = json.loads(
        run(
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
        )  # fmt: skip
    )["event_id"]
    report = json.loads(run("import", "enrolments", str(the_list), "--event", event_id))
    assert report == {"imported": len(MEMBERS), "duplicates": [], "rejected": []}
    run("list", "--event", event_id, "--format", "json")
    run("status")

    db, officer = sign_in(data_dir, OFFICER, OFFICER_PW)  # the window, as the officer
    try:
        saved = enrol(db, reference_for(db), event_id, AT_THE_DESK, officer.id)
        stored = {r[0] for r in db.execute("SELECT full_name FROM enrolments")}
    finally:
        db.close()
    assert saved.receipt_number is not None
    receipt = [saved.receipt_number]
    # What is scanned for is really there.
    assert stored == {m["full_name"] for m in MEMBERS} | {AT_THE_DESK.full_name}

    run("cards", "--event", event_id, "--out", str(out_dir / "kartu.pdf"))
    run("cards", "--event", event_id, "--out", str(out_dir / "kartu-a4.pdf"), "--sheet")
    run("receipt", receipt[0], "--out", str(out_dir / "kwitansi.pdf"))
    run("receipt", receipt[0], "--out", str(out_dir / "kwitansi-80.pdf"), "--format", "80mm")
    run("report", "--event", event_id, "--out", str(out_dir / "laporan.pdf"))
    run("day-close", "--date", today, "--out", str(out_dir / "tutup-hari.pdf"))
    run("export", "--event", event_id, "--out", str(out_dir / "peserta.xlsx"))
    run("export", "--event", event_id, "--out", str(out_dir / "peserta.csv"))
    run("backup", "create")
    run("backup", "list")
    run("sync", expect=4)  # never registered with HQ: everything waits, nothing is lost
    run("officer", "list")
    run("event", "close", event_id)

    # The officer's own output really holds the members (so the scan would see a leak) ...
    assert scan(out_dir, NAMES), "the export and the PDFs should name the members"
    assert scan(own, SECRETS)
    # ... while nothing Sigap keeps, or left behind in the temporary folder, does.
    assert (data_dir / "backups").is_dir() and any((data_dir / "backups").iterdir())
    assert scan(data_dir, SECRETS) == []
    assert scan(temp, SECRETS + [SUPERVISOR_NAME]) == []
    # An officer's name (never a member's) is in one plain file: the sign-in's list of who
    # may sign in, read before anything is unlocked (models/officer_names.py).
    officer_hits = scan(data_dir, [SUPERVISOR_NAME])
    assert officer_hits and all(h.startswith(f"{NAMES_FILE}: ") for h in officer_hits)
    assert not list(out_dir.glob("*.partial"))

    logged = "\n".join(records.lines)
    assert found_in(logged.encode(), SECRETS) == [], logged
    said = "".join(errors)
    assert found_in(said.encode(), SECRETS) == [], said
