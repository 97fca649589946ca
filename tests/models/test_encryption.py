"""The encrypted database as someone who is not an officer meets it: the files on disk hold
no plain SQLite and no member's NIK, name or phone, open or closed; a wrong passphrase is
refused, then waited on, then locked; a copy of the database without its keys (or without
a passphrase) reads as noise; a plain database is never written, a missing one never
replaced by an empty one; an earlier version's plain database is encrypted at the first
sign-in, even when that sign-in is cut off half way; and one Sigap holds a folder at a time.

Every person here is made up."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlcipher3 import dbapi2 as sqlcipher

import main
from models import desk, officers, outbox, vault
from models.audit import verify_chain
from models.database import Database
from models.db import DB_FILE, PLAIN_HEADER, SigapDatabase, open_database, set_setting
from models.enrolments import EnrolmentInput, HeirInput, enrol
from models.errors import SigapError
from models.events import create_event
from models.messages import text
from models.participants import ParticipantFilter, find_ids, rows_for
from models.reference import ReferenceData
from models.schema import MIGRATIONS
from models.validation import normalise_phone, search_key
from tests.helpers import fixed_clock, person
from tests.models.helpers_import import MADIUN, make_nik

ROOT = Path(__file__).resolve().parents[2]
SUPERVISOR, SUPERVISOR_PW = "rina.s", "gerimis-senja-42"
OFFICER, OFFICER_PW = "sari", "pasar-pagi-77"
WRONG = "bukan-kata-sandinya-9"
QUICK_KDF = vault.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)

# Made-up members, with names and phones unlike anything a file could hold by chance.
PEOPLE = [
    person(
        nik=make_nik(MADIUN, date(1987, 4, 9), True, 731),
        full_name="Kirana Anjani Wiraswasti",
        birth_date=date(1987, 4, 9),
        gender="P",
        mother_maiden_name="Sumirah Tjondrowati",
        phone="0813-7771-2345",
        street="Jl. Kenanga Wungu 17",
        heirs=[HeirInput("Bagaskara Wiraswasto", "suami", "", "081355566677")],
    ),
    person(
        nik=make_nik(MADIUN, date(1979, 12, 28), False, 512),
        full_name="Yohanes Ñoman Prawiradilaga",
        birth_date=date(1979, 12, 28),
        gender="L",
        mother_maiden_name="Martinah Kusumadewi",
        phone="085712349876",
        street="Jl. Flamboyan Merah 3",
        heirs=[HeirInput("Theresia Prawiradilagi", "istri", "", "081911122233")],
    ),
    person(
        nik=make_nik(MADIUN, date(1992, 2, 14), True, 845),
        full_name="Gayatri Larasati Mangunkusumo",
        birth_date=date(1992, 2, 14),
        gender="P",
        mother_maiden_name="Wiji Lestariningsih",
        phone="+62 896 8765 4321",
        street="Gang Cempaka Ungu 9",
        heirs=[HeirInput("Raden Adiwijaya Mangunkusumo", "suami", "", "087812121212")],
    ),
]


def secrets_of(people: list[EnrolmentInput]) -> list[str]:
    """What must never be readable on disk: NIKs, names (also as name search keeps them),
    phone numbers (their national digits, whatever the notation), streets, heirs."""
    out: list[str] = []
    for p in people:
        out += [p.nik, p.full_name, search_key(p.full_name), p.mother_maiden_name, p.street]
        out.append(str(normalise_phone(p.phone)[0])[3:])
        for h in p.heirs:
            out += [h.name, str(normalise_phone(h.phone)[0])[3:]]
    return out


SECRETS = secrets_of(PEOPLE)


def plain_hits(files: list[Path], values: list[str] = SECRETS) -> list[str]:
    """Each plain SQLite header and each value found in the files, in UTF-8 and UTF-16."""
    hits = []
    for path in files:
        data = path.read_bytes()
        if PLAIN_HEADER in data:
            hits.append(f"{path.name}: SQLite header")
        for value in values:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if value.encode(encoding) in data:
                    hits.append(f"{path.name}: {value!r} in {encoding}")
    return hits


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code_of(call: Callable[[], object]) -> SigapError:
    with pytest.raises(SigapError) as caught:
        call()
    return caught.value


def quicker(db: SigapDatabase, officer_id: str, role: str, passphrase: str) -> None:
    """The officer's copy of the key wrapped again at a low Argon2id cost: the same code
    path, so tests that try many wrong passphrases stay quick."""
    vault.add(db.data_dir, db.key, officer_id, role, passphrase, kdf=QUICK_KDF)


@pytest.fixture
def desk_dir(tmp_path: Path) -> Path:
    return tmp_path / "desk"


@pytest.fixture
def seeded(desk_dir: Path, ref: ReferenceData) -> Iterator[SigapDatabase]:
    """A desk set up as on a new laptop, a supervisor signed in, an officer, an event and
    the made-up members enrolled; the database open (its -wal in use)."""
    db, _ = desk.set_up(desk_dir, SUPERVISOR, "Rina Setiawati", SUPERVISOR_PW, clock=fixed_clock)
    set_setting(db, "branch_code", "MDN01")
    officers.add_officer(db, OFFICER, "Sari Wulandari", "officer", OFFICER_PW, SUPERVISOR)
    event = create_event(
        db, ref, name="Sosialisasi Pasar Besar", starts_on=date(2026, 11, 22),
        ends_on=date(2026, 11, 23), location="Pasar Besar Madiun", region_code="35.77.01",
        officer_id=OFFICER, clock=fixed_clock,
    )  # fmt: skip
    for p in PEOPLE:
        enrol(db, ref, event.id, p, OFFICER, fixed_clock)
    yield db
    db.close()


def test_the_scan_finds_what_a_plain_database_would_show(tmp_path: Path) -> None:
    """The scan itself works: a plain database, UTF-8 or UTF-16, gives every value away."""
    for encoding in ("UTF-8", "UTF-16le", "UTF-16be"):
        path = tmp_path / f"plain-{encoding}.db"
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA encoding = '{encoding}'")
        conn.execute("CREATE TABLE t (v TEXT)")
        conn.executemany("INSERT INTO t VALUES (?)", [(v,) for v in SECRETS])
        conn.commit()
        conn.close()
        hits = plain_hits([path])
        assert f"{path.name}: SQLite header" in hits
        names = [h for h in hits if "Kirana" in h or "Ñoman" in h]
        assert len(names) >= 2, (encoding, hits)
        assert all(any(repr(v) in h for h in hits) for v in SECRETS), encoding


# ------------------------------------------------------------------ the files on disk


def test_no_plain_bytes_in_the_files_while_open_and_after_close(
    seeded: SigapDatabase, desk_dir: Path
) -> None:
    found = seeded.execute("SELECT nik, full_name, phone FROM enrolments ORDER BY nik").fetchall()
    assert len(found) == len(PEOPLE)  # the values really are in the database
    wal, shm = desk_dir / (DB_FILE + "-wal"), desk_dir / (DB_FILE + "-shm")
    assert wal.exists() and wal.stat().st_size > 0 and shm.exists()
    assert plain_hits([desk_dir / DB_FILE, wal, shm]) == []
    assert plain_hits(files_in(desk_dir)) == []  # sigap.keys and the lock files too
    keys = json.loads(vault.keys_path(desk_dir).read_text("utf-8"))
    assert set(keys["officers"]) == {SUPERVISOR, OFFICER}
    assert SUPERVISOR_PW not in json.dumps(keys) and OFFICER_PW not in json.dumps(keys)

    seeded.close()
    assert not wal.exists() or wal.stat().st_size == 0 or plain_hits([wal]) == []
    assert plain_hits(files_in(desk_dir)) == []
    with open(desk_dir / DB_FILE, "rb") as f:
        assert f.read(16) != PLAIN_HEADER


# ------------------------------------------------------------------ wrong passphrases


def refused(data_dir: Path, officer_id: str, passphrase: str, at: float) -> SigapError:
    """Why `vault.unlock` turns this passphrase away at time `at` (a fake clock)."""
    return code_of(lambda: vault.unlock(data_dir, officer_id, passphrase, clock=lambda: at))


def test_wrong_passphrases_wait_longer_then_lock_an_officer_until_a_supervisor_unlocks(
    seeded: SigapDatabase, desk_dir: Path
) -> None:
    quicker(seeded, OFFICER, "officer", OFFICER_PW)
    error = code_of(lambda: desk.sign_in(desk_dir, OFFICER, WRONG))
    assert error.code == "passphrase_wrong"
    # An id that does not exist says exactly the same.
    assert code_of(lambda: desk.sign_in(desk_dir, "tidak.ada", OFFICER_PW)).code == (
        "passphrase_wrong"
    )

    now = time.time()
    waits = []
    for failures in range(2, vault.LOCK_AFTER + 1):
        error = refused(desk_dir, OFFICER, WRONG, now)
        assert vault.attempts(desk_dir, OFFICER, now).failures == failures
        if failures <= vault.FREE_TRIES:
            assert error.code == "passphrase_wrong"
            continue
        if failures == vault.LOCK_AFTER:
            assert error.code == "officer_locked"
            break
        assert error.code == "passphrase_wrong_wait"
        wait = error.params["seconds"]
        waits.append(wait)
        # While waiting even the right passphrase is turned away, and no try is counted.
        for passphrase in (OFFICER_PW, WRONG):
            early = refused(desk_dir, OFFICER, passphrase, now)
            assert (early.code, early.params["seconds"]) == ("passphrase_wait", wait)
        later = refused(desk_dir, OFFICER, OFFICER_PW, now + wait - 1)
        assert (later.code, later.params["seconds"]) == ("passphrase_wait", 1)
        assert vault.attempts(desk_dir, OFFICER, now).failures == failures
        now += wait
    expected = [
        min(2 ** (f - vault.FREE_TRIES), vault.MAX_WAIT_S)
        for f in range(vault.FREE_TRIES + 1, vault.LOCK_AFTER)
    ]
    assert waits == expected and waits == sorted(waits) and len(set(waits)) > 1

    # Locked: no waiting lifts it, the right passphrase does not either.
    assert refused(desk_dir, OFFICER, OFFICER_PW, now + 86400).code == "officer_locked"
    assert code_of(lambda: desk.sign_in(desk_dir, OFFICER, OFFICER_PW)).code == "officer_locked"

    # A supervisor (signed in: `seeded`) lifts the lock.
    officers.unlock_officer(seeded, OFFICER, by=SUPERVISOR)
    assert vault.attempts(desk_dir, OFFICER).failures == 0
    unlocked = seeded.execute(
        "SELECT officer_id FROM audit WHERE action = 'unlock' AND record_id = ?", [OFFICER]
    ).fetchall()
    assert unlocked == [(SUPERVISOR,)]
    db, who = desk.sign_in(desk_dir, OFFICER, OFFICER_PW)
    assert who.id == OFFICER and db.key == seeded.key
    db.close()


def test_a_locked_supervisor_is_let_in_again_after_the_timed_lock(
    seeded: SigapDatabase, desk_dir: Path
) -> None:
    quicker(seeded, SUPERVISOR, "supervisor", SUPERVISOR_PW)
    now = time.time()
    for _ in range(vault.LOCK_AFTER - 1):
        error = refused(desk_dir, SUPERVISOR, WRONG, now)
        assert error.code in ("passphrase_wrong", "passphrase_wrong_wait")
        now += error.params.get("seconds", 0)
    error = refused(desk_dir, SUPERVISOR, WRONG, now)
    assert error.code == "supervisor_locked"
    assert error.params["minutes"] == vault.SUPERVISOR_LOCK_MINUTES

    # Now (real time) the right passphrase is refused, and so it is 29 minutes on.
    assert code_of(lambda: desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)).code == (
        "supervisor_locked"
    )
    almost = now + (vault.SUPERVISOR_LOCK_MINUTES - 1) * 60
    error = refused(desk_dir, SUPERVISOR, SUPERVISOR_PW, almost)
    assert error.code == "supervisor_locked" and 1 <= error.params["minutes"] <= 2

    # The lock has run out: one more wrong passphrase locks it again at once ...
    lifted = now + vault.SUPERVISOR_LOCK_MINUTES * 60 + 1
    assert refused(desk_dir, SUPERVISOR, WRONG, lifted).code == "supervisor_locked"
    # ... and after another half hour the right one opens the desk and clears the count.
    again = lifted + vault.SUPERVISOR_LOCK_MINUTES * 60 + 1
    assert vault.unlock(desk_dir, SUPERVISOR, SUPERVISOR_PW, clock=lambda: again) == seeded.key
    assert vault.attempts(desk_dir, SUPERVISOR).failures == 0
    db, who = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    assert who.is_supervisor
    db.close()


# ------------------------------------------------------------------ a copy elsewhere


def unreadable_by_plain_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    conn = sqlcipher.connect(str(path))  # SQLCipher itself, without the key
    try:
        with pytest.raises(sqlcipher.DatabaseError, match="file is not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    conn = sqlcipher.connect(str(path))  # with a key, but another one
    try:
        conn.execute(f"PRAGMA key = \"x'{'ab' * 32}'\"")
        with pytest.raises(sqlcipher.DatabaseError, match="file is not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def test_a_copy_without_its_keys_or_passphrase_reads_as_noise(
    seeded: SigapDatabase, desk_dir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other-laptop"
    other.mkdir()
    for name in (DB_FILE, DB_FILE + "-wal"):  # the records are still in the -wal
        shutil.copy2(desk_dir / name, other / name)

    unreadable_by_plain_sqlite(other / DB_FILE)
    # SQLite, even without the key, folds the copied -wal into the file when it closes: its
    # frames are copied as they are, still encrypted (the right key reads them below).
    assert plain_hits(files_in(other)) == []
    assert desk.folder_state(other) == desk.KEYS_MISSING
    assert desk.officer_ids(other) == []
    before = {p.name: digest(p) for p in files_in(other)}
    assert code_of(lambda: desk.sign_in(other, SUPERVISOR, SUPERVISOR_PW)).code == "keys_missing"
    assert {p.name: digest(p) for p in files_in(other)} == before
    assert not vault.exists(other)

    # The key file of another desk unlocks its own key, which does not fit this database.
    stranger = tmp_path / "stranger"
    sdb, _ = desk.set_up(stranger, SUPERVISOR, "Rina Setiawati", SUPERVISOR_PW)
    sdb.close()
    shutil.copy2(vault.keys_path(stranger), vault.keys_path(other))
    error = code_of(lambda: desk.sign_in(other, SUPERVISOR, SUPERVISOR_PW))
    assert error.code == "database_key_wrong"

    # With its own key file: still nothing without the passphrase.
    shutil.copy2(vault.keys_path(desk_dir), vault.keys_path(other))
    assert desk.folder_state(other) == desk.READY
    assert code_of(lambda: desk.sign_in(other, SUPERVISOR, WRONG)).code == "passphrase_wrong"
    db, _ = desk.sign_in(other, SUPERVISOR, SUPERVISOR_PW)
    try:
        niks = {r[0] for r in db.execute("SELECT nik FROM enrolments")}
        assert niks == {p.nik for p in PEOPLE}
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


# ------------------------------------------------------------------ plain or missing database


def test_a_plain_database_beside_the_keys_is_refused_and_left_alone(
    seeded: SigapDatabase, desk_dir: Path
) -> None:
    key = seeded.key
    seeded.close()
    for name in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm"):
        (desk_dir / name).unlink(missing_ok=True)
    plain = sqlite3.connect(desk_dir / DB_FILE)
    plain.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    plain.execute("INSERT INTO settings VALUES ('device_id', 'x')")
    plain.commit()
    plain.close()
    before = digest(desk_dir / DB_FILE)

    assert desk.folder_state(desk_dir) == desk.READY  # keys decide: this is not an upgrade
    error = code_of(lambda: desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW))
    assert error.code == "database_not_encrypted"
    assert code_of(lambda: open_database(desk_dir, key)).code == "database_not_encrypted"
    assert digest(desk_dir / DB_FILE) == before
    assert not (desk_dir / (DB_FILE + "-wal")).exists()


def test_a_missing_database_is_never_replaced_by_an_empty_one(
    seeded: SigapDatabase, desk_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    key = seeded.key
    seeded.close()
    for name in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm"):
        (desk_dir / name).unlink(missing_ok=True)

    assert desk.folder_state(desk_dir) == desk.DB_MISSING
    assert code_of(lambda: desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)).code == (
        "database_missing"
    )
    assert code_of(lambda: open_database(desk_dir, key)).code == "database_missing"
    assert not (desk_dir / DB_FILE).exists()

    monkeypatch.setenv("SIGAP_PASSPHRASE", SUPERVISOR_PW)
    code = main.main(
        ["status", "--data-dir", str(desk_dir), "--officer", SUPERVISOR, "--lang", "en"]
    )
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert text("database_missing", "en") in err and text("backup_restore_hint", "en") in err
    # Nor does setting the desk up again: the keys are there.
    assert code_of(lambda: desk.set_up(desk_dir, "baru.s", "Baru Saja", "hujan-deras-31")).code == (
        "keys_exist"
    )
    assert not (desk_dir / DB_FILE).exists()


# ------------------------------------------------------------------ an earlier plain database


def build_plain_desk(folder: Path, live_wal: bool = True) -> None:
    """A data folder as the version before encryption left it: a plain SQLite database of
    the schema before the audit chain, officers with Argon2 hashes of their passphrases, and
    the made-up members with their heirs, payments, queue rows and audit rows. With
    `live_wal` the members are still in the -wal file, as after a power cut."""
    build = folder.parent / (folder.name + "-build")
    build.mkdir(parents=True)
    conn = sqlite3.connect(build / DB_FILE)
    db = Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    MIGRATIONS.apply(db, stop_before="m006_audit_chain")
    at = "2026-01-05T08:00:00+07:00"
    hasher = PasswordHasher()
    for oid, name, role, pw in [
        (SUPERVISOR, "Rina Setiawati", "supervisor", SUPERVISOR_PW),
        (OFFICER, "Sari Wulandari", "officer", OFFICER_PW),
    ]:
        db.execute(
            "INSERT INTO officers (id, name, role, passphrase_hash, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [oid, name, role, hasher.hash(pw), at],
        )
    db.execute("INSERT INTO settings VALUES ('device_id', '11111111-2222-3333-4444-555555555555')")
    db.execute("INSERT INTO settings VALUES ('branch_code', 'MDN01')")
    db.execute(
        "INSERT INTO events (id, name, starts_on, ends_on, location, region_code, branch_code, "
        "default_programmes, default_months, officer_id, created_at) VALUES ('ev1', 'Lama', "
        "'2026-01-05', '2026-01-05', 'Balai', '35.77.01', 'MDN01', '[\"JKK\",\"JKM\"]', 1, ?, ?)",
        [OFFICER, at],
    )
    conn.commit()
    if live_wal:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA wal_autocheckpoint=0")
    for n, p in enumerate(PEOPLE, start=1):
        eid, pid, phone = f"en{n}", f"pay{n}", normalise_phone(p.phone)[0]
        gender = "F" if p.gender == "P" else "M"
        db.execute(
            "INSERT INTO enrolments (id, event_id, nik, full_name, birth_place, birth_date, "
            "gender, mother_maiden_name, phone, street, occupation_code, declared_income, "
            "programmes, months, payer_type, consent_at, officer_id, recorded_at, name_key) "
            "VALUES (?, 'ev1', ?, ?, 'Madiun', ?, ?, ?, ?, ?, 'K002', 1000000, "
            "'[\"JKK\",\"JKM\"]', 1, 'self', ?, ?, ?, ?)",
            [eid, p.nik, p.full_name, str(p.birth_date), gender, p.mother_maiden_name, phone,
             p.street, at, OFFICER, at, search_key(p.full_name)],
        )  # fmt: skip
        h = p.heirs[0]
        db.execute(
            "INSERT INTO heirs VALUES (?, 0, ?, ?, '', ?)",
            [eid, h.name, h.relationship, normalise_phone(h.phone)[0]],
        )
        db.execute(
            "INSERT INTO payments (id, enrolment_id, receipt_seq, receipt_number, amount, "
            "months, period_start, jkk, jkm, jht, method, payer_type, received_at, officer_id) "
            "VALUES (?, ?, ?, ?, 16800, 1, '2026-01', 10000, 6800, 0, 'cash', 'self', ?, ?)",
            [pid, eid, n, f"KW-11111111-{n:06d}", at, OFFICER],
        )
        payload = {"enrolment_id": eid, "nik": p.nik, "full_name": p.full_name,
                   "mother_maiden_name": p.mother_maiden_name, "phone": phone,
                   "heirs": [{"name": h.name, "phone": normalise_phone(h.phone)[0]}]}  # fmt: skip
        for row in (
            outbox.outbox_row(eid, "enrolment", at, payload),
            outbox.outbox_row(pid, "payment", at, {"payment_id": pid, "enrolment_id": eid}),
        ):
            db.execute(
                "INSERT INTO outbox (id, type, schema, recorded_at, payload, sha256, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                list(row),
            )
        for rtype, rid in (("enrolment", eid), ("payment", pid)):
            db.execute(
                "INSERT INTO audit (at, officer_id, action, record_type, record_id) "
                "VALUES (?, ?, 'create', ?, ?)",
                [at, OFFICER, rtype, rid],
            )
    db.execute("UPDATE counters SET value = ? WHERE name = 'receipt'", [len(PEOPLE)])
    conn.commit()
    folder.mkdir(parents=True)
    names = (DB_FILE, DB_FILE + "-wal") if live_wal else (DB_FILE,)
    if not live_wal:
        conn.close()  # the last connection closing folds the -wal into the file
    for name in names:
        shutil.copy2(build / name, folder / name)
    if live_wal:
        assert (folder / (DB_FILE + "-wal")).stat().st_size > 0
        conn.close()
    shutil.rmtree(build)
    assert desk.folder_state(folder) == desk.PLAIN
    assert plain_hits(files_in(folder)), "the scan should see the plain records"


def plain_dump(folder: Path) -> list[str]:
    """Every row of a plain database, read without changing the files (a copy is read)."""
    copy = folder.parent / (folder.name + "-dump")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    conn = sqlite3.connect(copy / DB_FILE)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
        shutil.rmtree(copy)


def assert_encrypted_and_whole(folder: Path, db: SigapDatabase) -> None:
    """The upgraded desk: every record there, nothing plain left in any file."""
    assert not (folder / desk.ENCRYPTING).exists()
    assert not any(p.name.startswith(desk.ENCRYPTING) for p in files_in(folder))
    assert desk.folder_state(folder) == desk.READY
    counts = {
        t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("enrolments", "heirs", "payments", "outbox")
    }
    assert counts == {"enrolments": 3, "heirs": 3, "payments": 3, "outbox": 6}
    assert {r[0] for r in db.execute("SELECT nik FROM enrolments")} == {p.nik for p in PEOPLE}
    found = rows_for(db, find_ids(db, ParticipantFilter(text="noman")))
    assert [r.id for r in found] == ["en2"]  # the name index came along
    assert db.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0] == (
        "11111111-2222-3333-4444-555555555555"
    )
    assert [m.name for m in MIGRATIONS.applied(db)] == [m.name for m in MIGRATIONS._migrations]
    assert verify_chain(db).ok
    assert db.execute("SELECT DISTINCT passphrase_hash FROM officers").fetchall() == [("",)]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    hits = plain_hits(files_in(folder), SECRETS + ["$argon2id$"])
    assert hits == [], hits


def test_an_earlier_plain_database_is_encrypted_at_the_first_sign_in(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    build_plain_desk(folder)
    assert desk.officer_ids(folder) == [SUPERVISOR, OFFICER]

    db, who = desk.sign_in(folder, SUPERVISOR, SUPERVISOR_PW)
    try:
        assert who.id == SUPERVISOR and who.is_supervisor
        assert_encrypted_and_whole(folder, db)
        unreadable_by_plain_sqlite(folder / DB_FILE)
        # The other officer has no copy of the key yet: a supervisor sets their passphrase.
        assert vault.officer_ids(folder) == [SUPERVISOR, OFFICER]
        assert not vault.has_key(folder, OFFICER)
        error = code_of(lambda: desk.sign_in(folder, OFFICER, OFFICER_PW))
        assert (error.code, error.params) == ("officer_no_key", {"officer_id": OFFICER})
        officers.set_passphrase(db, OFFICER, "hujan-pagi-sore-5", by=SUPERVISOR)
    finally:
        db.close()
    odb, officer = desk.sign_in(folder, OFFICER, "hujan-pagi-sore-5")
    assert officer.id == OFFICER and not officer.is_supervisor
    odb.close()
    assert code_of(lambda: desk.sign_in(folder, OFFICER, OFFICER_PW)).code == "passphrase_wrong"
    db, _ = desk.sign_in(folder, SUPERVISOR, SUPERVISOR_PW)  # the same passphrase as before
    assert_encrypted_and_whole(folder, db)
    db.close()


def test_a_wrong_passphrase_at_the_first_sign_in_leaves_the_plain_database(
    tmp_path: Path,
) -> None:
    closed = tmp_path / "closed"
    build_plain_desk(closed, live_wal=False)
    before = {p.name: digest(p) for p in files_in(closed)}
    for officer_id, passphrase in [
        (SUPERVISOR, WRONG),
        (OFFICER, SUPERVISOR_PW),
        ("tidak.ada", SUPERVISOR_PW),
    ]:
        with pytest.raises(SigapError) as caught:
            desk.sign_in(closed, officer_id, passphrase)
        assert caught.value.code == "passphrase_wrong"
    assert {p.name: digest(p) for p in files_in(closed)} == before
    assert desk.folder_state(closed) == desk.PLAIN

    # With its last records still in the -wal: read (and folded in), but not changed.
    live = tmp_path / "live"
    build_plain_desk(live)
    rows = plain_dump(live)
    assert code_of(lambda: desk.sign_in(live, SUPERVISOR, WRONG)).code == "passphrase_wrong"
    assert plain_dump(live) == rows
    assert not vault.exists(live) and not (live / desk.ENCRYPTING).exists()
    assert desk.folder_state(live) == desk.PLAIN


def test_a_migration_cut_off_before_the_key_file_starts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "old"
    build_plain_desk(folder)
    real_create = vault.create

    def power_cut(*args: Any, **kwargs: Any) -> bytes:
        raise OSError("power cut")

    monkeypatch.setattr(vault, "create", power_cut)
    with pytest.raises(OSError, match="power cut"):
        desk.sign_in(folder, SUPERVISOR, SUPERVISOR_PW)
    monkeypatch.setattr(vault, "create", real_create)
    assert desk.folder_state(folder) == desk.PLAIN  # the plain database is simply still there
    assert not vault.exists(folder)

    db, _ = desk.sign_in(folder, SUPERVISOR, SUPERVISOR_PW)
    assert_encrypted_and_whole(folder, db)
    db.close()


def test_a_migration_cut_off_after_the_key_file_finishes_at_the_next_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "old"
    build_plain_desk(folder)
    real_finish = desk._finish_encrypting
    calls = []

    def power_cut(data_dir: Path, key: bytes) -> None:
        calls.append(data_dir)
        if len(calls) == 1:
            raise OSError("power cut")
        real_finish(data_dir, key)

    monkeypatch.setattr(desk, "_finish_encrypting", power_cut)
    with pytest.raises(OSError, match="power cut"):
        desk.sign_in(folder, SUPERVISOR, SUPERVISOR_PW)
    assert vault.exists(folder) and (folder / desk.ENCRYPTING).exists()
    assert desk.folder_state(folder) == desk.READY
    # A wrong passphrase now is an ordinary wrong passphrase, and finishes nothing.
    assert code_of(lambda: desk.sign_in(folder, SUPERVISOR, WRONG)).code == "passphrase_wrong"
    assert (folder / desk.ENCRYPTING).exists() and len(calls) == 1

    db, _ = desk.sign_in(folder, SUPERVISOR, SUPERVISOR_PW)
    assert len(calls) == 2
    assert_encrypted_and_whole(folder, db)
    db.close()


def test_a_migration_cut_off_after_the_plain_file_was_shredded_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed between shredding the plain file and moving the encrypted copy in place:
    no sigap.db at all, yet the desk is not 'missing' its database."""
    folder = tmp_path / "old"
    build_plain_desk(folder)
    real_replace = os.replace
    cut = []

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if str(src).endswith(desk.ENCRYPTING) and not cut:
            cut.append(src)
            raise OSError("power cut")
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="power cut"):
        desk.sign_in(folder, SUPERVISOR, SUPERVISOR_PW)
    monkeypatch.setattr(os, "replace", real_replace)
    assert not (folder / DB_FILE).exists() and (folder / desk.ENCRYPTING).exists()
    assert desk.folder_state(folder) == desk.READY
    assert plain_hits(files_in(folder)) == []  # what is left is already encrypted

    db, _ = desk.sign_in(folder, SUPERVISOR, SUPERVISOR_PW)
    assert_encrypted_and_whole(folder, db)
    db.close()


# ------------------------------------------------------------------ one Sigap per folder

HOLDER = """
import sys, time
from pathlib import Path
from models.desk import hold_folder
with hold_folder(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.mark.slow
def test_one_sigap_per_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    folder = tmp_path / "desk"
    with desk.hold_folder(folder):
        assert code_of(lambda: desk.hold_folder(folder).__enter__()).code == "already_running"
    with desk.hold_folder(folder):  # released when the first one ended
        pass

    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"held\n", child.stderr.read() if child.stderr else ""
        assert code_of(lambda: desk.hold_folder(folder).__enter__()).code == "already_running"
        # The command line is told so too (a restore holds the folder), in plain words.
        monkeypatch.setenv("SIGAP_PASSPHRASE", SUPERVISOR_PW)
        code = main.main(["backup", "restore", "--latest", "--data-dir", str(folder),
                          "--officer", SUPERVISOR, "--lang", "en"])  # fmt: skip
        err = capsys.readouterr().err
        assert code == 1 and err.strip() == text("already_running", "en")
    finally:
        child.kill()
        child.communicate(timeout=10)
    # A Sigap that was killed holds nothing any more.
    with desk.hold_folder(folder):
        pass
