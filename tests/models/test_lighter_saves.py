"""What keeps an encrypted save cheap (m008 and models/db.py's page format): the names of new
enrolments reach the trigram index in batches yet are always found, receipt numbers follow
the highest one given, heirs without a rowid, 2 KiB pages signed with HMAC-SHA256, and
desks and backups still in SQLCipher's default format keep working."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models import backup, enrolments
from models.corrections import correct_enrolment
from models.db import (
    CIPHER_FORMAT,
    DB_FILE,
    EARLIER_FORMAT,
    DatabaseError,
    SigapDatabase,
    cipher_format,
    connect,
    open_keyed,
    set_setting,
)
from models.enrolments import enrol, name_index
from models.errors import SigapError, ValidationError
from models.events import create_event
from models.officers import add_officer
from models.participants import ParticipantFilter, find_ids, rows_for
from models.schema import MIGRATIONS
from tests.helpers import desk_key, fixed_clock, open_desk, person

LETTERS = "abcdefghij"


def made_up(i: int) -> tuple[str, str]:
    """A NIK (the woman born 17-08-1990 of tests/helpers.py, serial i) and a name of its own."""
    word = "".join(LETTERS[int(d)] for d in f"{i:03d}")
    return f"357701570890{i:04d}", f"Kartika Uji {word.capitalize()}"


def save(db: SigapDatabase, ref, event, officer, i: int) -> str:
    nik, name = made_up(i)
    return enrol(
        db, ref, event.id, person(nik=nik, full_name=name), officer, fixed_clock
    ).enrolment_id


def names_indexed(db: SigapDatabase) -> int:
    return int(db.execute("SELECT value FROM counters WHERE name = 'names_indexed'").fetchone()[0])


def in_trigram_index(db: SigapDatabase, fragment: str) -> set[int]:
    rows = db.execute("SELECT rowid FROM enrolment_names WHERE name_key LIKE ?", [f"%{fragment}%"])
    return {r[0] for r in rows}


def found(db: SigapDatabase, text: str) -> list[str]:
    return [r.full_name for r in rows_for(db, find_ids(db, ParticipantFilter(text=text)))]


# ------------------------------------------------------------------ the name index in batches


def test_new_names_are_found_before_and_after_their_batch_is_indexed(
    db, ref, event, officer, monkeypatch
):
    monkeypatch.setattr(name_index, "NAMES_BATCH", 4)
    for i in range(1, 4):
        save(db, ref, event, officer, i)
    assert names_indexed(db) == 0, "three names wait for the batch of four"
    assert in_trigram_index(db, "uji") == set()
    # Found all the same, by the name key of the newest enrolments.
    assert found(db, "Uji Aab") == ["Kartika Uji Aab"]
    assert sorted(found(db, "kartika")) == [made_up(i)[1] for i in range(1, 4)]

    save(db, ref, event, officer, 4)
    assert names_indexed(db) == 4, "the fourth save writes the batch"
    assert len(in_trigram_index(db, "uji")) == 4
    assert found(db, "uji aae") == ["Kartika Uji Aae"]

    save(db, ref, event, officer, 5)
    assert names_indexed(db) == 4
    assert sorted(found(db, "kartika")) == [made_up(i)[1] for i in range(1, 6)]
    assert len(found(db, "kartika")) == 5, "no one found twice, in the index and after it"


def test_a_renamed_enrolment_is_found_by_its_new_name_in_the_index_and_after_it(
    db, ref, event, officer, supervisor, monkeypatch
):
    monkeypatch.setattr(name_index, "NAMES_BATCH", 2)
    indexed = save(db, ref, event, officer, 1)
    save(db, ref, event, officer, 2)
    waiting = save(db, ref, event, officer, 3)
    assert names_indexed(db) == 2
    for eid, new_name in ((indexed, "Kartika Uji Wening"), (waiting, "Kartika Uji Lestari")):
        correct_enrolment(
            db, ref, eid, {"full_name": new_name}, "salah ketik", officer, fixed_clock
        )
    assert found(db, "wening") == ["Kartika Uji Wening"]
    assert found(db, "lestari") == ["Kartika Uji Lestari"]
    assert found(db, "uji aab") == [] and found(db, "uji aad") == []
    assert found(db, "uji aac") == ["Kartika Uji Aac"]
    # The renamed one still waiting goes into the index under its new name only.
    save(db, ref, event, officer, 4)
    assert names_indexed(db) == 4
    assert in_trigram_index(db, "lestari") and not in_trigram_index(db, "uji aad")


def test_a_participant_filter_by_name_sees_the_names_waiting_for_their_batch(
    db, ref, event, officer
):
    from models.participants import ParticipantFilter, find_ids

    save(db, ref, event, officer, 7)
    assert names_indexed(db) == 0
    rowids = find_ids(db, ParticipantFilter(text="uji aah"))
    assert len(rowids) == 1


def test_an_import_indexes_its_names_in_one_batch(db, ref, event, officer):
    """`write_enrolments` with many records (an import) indexes them at its end."""
    from models.enrolments import validate, write_enrolments

    checked = []
    for i in range(1, enrolments.NAMES_BATCH + 2):
        nik, name = made_up(i)
        item, problems = validate(person(nik=nik, full_name=name), event, ref, fixed_clock().date())
        assert item is not None, problems
        checked.append(item)
    with db.atomic():
        write_enrolments(db, checked, officer, fixed_clock(), source="import")
    assert names_indexed(db) == len(checked)
    assert len(in_trigram_index(db, "kartika")) == len(checked)


# ------------------------------------------------------------------ receipts and heirs


def test_receipt_numbers_follow_the_highest_given_and_a_failed_save_takes_none(
    db, ref, event, officer
):
    first = enrol(db, ref, event.id, person(nik=made_up(1)[0]), officer, fixed_clock)
    with pytest.raises(ValidationError):
        enrol(db, ref, event.id, person(nik=made_up(1)[0]), officer, fixed_clock)  # a duplicate
    second = enrol(db, ref, event.id, person(nik=made_up(2)[0]), officer, fixed_clock)
    assert first.receipt_number.endswith("-000001")
    assert second.receipt_number.endswith("-000002")
    assert db.execute("SELECT value FROM counters WHERE name = 'receipt'").fetchone() is None


def test_heirs_are_kept_in_their_key_order_without_a_rowid(db, ref, event, officer):
    from models.enrolments import HeirInput, get_enrolment

    heirs = [
        HeirInput("Made Wirawan", "suami", "", "081298765432"),
        HeirInput("Putu Anak Pertama", "anak", "", ""),
    ]
    eid = enrol(
        db, ref, event.id, person(nik=made_up(1)[0], heirs=heirs), officer, fixed_clock
    ).enrolment_id
    assert [h.name for h in get_enrolment(db, eid).heirs] == [h.name for h in heirs]
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'heirs'").fetchone()[0]
    assert "WITHOUT ROWID" in sql


# ------------------------------------------------------------------ the upgrade (m008)


def test_a_desk_of_the_previous_schema_is_upgraded_with_its_records(tmp_path, ref):
    folder = tmp_path / "m007"
    folder.mkdir()
    old = connect(folder / DB_FILE, desk_key(folder))
    MIGRATIONS.apply(old, stop_before="m008_lighter_saves")
    old.execute("INSERT INTO settings VALUES ('device_id', '11111111-2222-3333-4444-555555555555')")
    old.execute("INSERT INTO settings VALUES ('branch_code', 'MDN01')")
    old.execute(
        "INSERT INTO officers (id, name, role, passphrase_hash, created_at) "
        "VALUES ('sari', 'Sari', 'officer', '', '2026-01-01T00:00:00+07:00')"
    )
    old.execute(
        "INSERT INTO events (id, name, starts_on, ends_on, location, region_code, branch_code, "
        "default_programmes, default_months, officer_id, created_at) VALUES ('ev1', 'Lama', "
        "'2026-11-22', '2026-11-23', 'Balai', '35.77.01', 'MDN01', '[\"JKK\",\"JKM\"]', 1, "
        "'sari', '2026-11-22T08:00:00+07:00')"
    )
    for i in (1, 2):
        nik, name = made_up(i)
        old.execute(
            "INSERT INTO enrolments (id, event_id, nik, full_name, birth_place, birth_date, "
            "gender, mother_maiden_name, occupation_code, declared_income, programmes, months, "
            "payer_type, consent_at, officer_id, recorded_at, name_key) VALUES (?, 'ev1', ?, ?, "
            "'Madiun', '1990-08-17', 'F', 'Ibu', 'K001', 1000000, '[\"JKK\",\"JKM\"]', 1, "
            "'self', '2026-11-22T08:00:00+07:00', 'sari', '2026-11-22T08:00:00+07:00', ?)",
            [f"en{i}", nik, name, name.lower()],
        )
        old.execute(
            "INSERT INTO heirs (enrolment_id, position, name, relationship) "
            "VALUES (?, 0, 'Made Wirawan', 'suami')",
            [f"en{i}"],
        )
    old.execute("UPDATE counters SET value = 41 WHERE name = 'receipt'")
    old.execute(
        "INSERT INTO payments (id, enrolment_id, receipt_seq, receipt_number, amount, months, "
        "period_start, jkk, jkm, jht, method, payer_type, received_at, officer_id) VALUES "
        "('pay41', 'en1', 41, 'KW-X-000041', 16800, 1, '2026-11', 10000, 6800, 0, 'cash', "
        "'self', '2026-11-22T08:00:00+07:00', 'sari')"
    )
    old.conn.commit()
    old.close()

    db = open_desk(folder)
    try:
        assert MIGRATIONS.pending(db) == []
        assert [r[0] for r in db.execute("PRAGMA integrity_check")] == ["ok"]
        assert db.execute("SELECT enrolment_id, name FROM heirs ORDER BY 1").fetchall() == [
            ("en1", "Made Wirawan"),
            ("en2", "Made Wirawan"),
        ]
        assert names_indexed(db) == 2
        assert sorted(found(db, "kartika")) == [made_up(1)[1], made_up(2)[1]]
        partial = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%WHERE%scheme%'"
        ).fetchall()
        assert sorted(r[0] for r in partial) == ["enrolments_scheme", "payments_scheme"]
        # The next receipt follows the highest one given before the upgrade.
        add_officer(db, "rina", "Rina", "officer", "meja-pasar-2026", clock=fixed_clock)
        event = create_event(
            db, ref, name="Baru", starts_on=date(2026, 11, 22), ends_on=date(2026, 11, 23),
            location="Balai", region_code="35.77.01", officer_id="rina", clock=fixed_clock,
        )  # fmt: skip
        saved = enrol(db, ref, event.id, person(nik=made_up(3)[0]), "rina", fixed_clock)
        assert saved.receipt_number.endswith("-000042")
    finally:
        db.close()


# ------------------------------------------------------------------ the page format


def test_a_new_desk_and_its_backups_use_sigaps_page_format(db, officer):
    assert cipher_format(db.conn) == CIPHER_FORMAT
    info = backup.make_backup(db, backup.MANUAL)
    conn = open_keyed(info.path, db.key, read_only=True, fmt=CIPHER_FORMAT)
    conn.close()
    with pytest.raises(DatabaseError):
        open_keyed(info.path, db.key, read_only=True, fmt=EARLIER_FORMAT)


def to_earlier_format(folder: Path, key: bytes) -> None:
    """Rewrite a desk's database in SQLCipher's default format, as the version before this
    one wrote it."""
    db = open_desk(folder)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = folder / "earlier.db"
    db.execute(f"ATTACH DATABASE ? AS earlier KEY \"x'{key.hex()}'\"", [str(copy)])
    for name, value in EARLIER_FORMAT.items():
        db.execute(f"PRAGMA earlier.{name} = {value}")
    db.execute("SELECT sqlcipher_export('earlier')")
    version = db.execute("PRAGMA main.user_version").fetchone()[0]
    db.execute(f"PRAGMA earlier.user_version = {int(version)}")
    db.execute("DETACH DATABASE earlier")
    db.close()
    for side in ("-wal", "-shm"):
        (folder / (DB_FILE + side)).unlink(missing_ok=True)
    copy.replace(folder / DB_FILE)


def test_a_desk_in_the_earlier_format_opens_saves_backs_up_and_restores(tmp_path, ref):
    folder = tmp_path / "earlier"
    key = desk_key(folder)
    db = open_desk(folder)
    set_setting(db, "branch_code", "MDN01")
    add_officer(db, "sari", "Sari", "officer", "pasar-pagi-77", clock=fixed_clock)
    event = create_event(
        db, ref, name="Lama", starts_on=date(2026, 11, 22), ends_on=date(2026, 11, 23),
        location="Balai", region_code="35.77.01", officer_id="sari", clock=fixed_clock,
    )  # fmt: skip
    first = save(db, ref, event, "sari", 1)
    db.close()
    to_earlier_format(folder, key)

    db = open_desk(folder, check=True)
    try:
        assert cipher_format(db.conn) == EARLIER_FORMAT
        second = save(db, ref, event, "sari", 2)
        info = backup.make_backup(db, backup.MANUAL)
    finally:
        db.close()
    assert backup.check_backup(info.path, key)
    conn = open_keyed(info.path, key, read_only=True, fmt=EARLIER_FORMAT)
    conn.close()

    db = open_desk(folder)
    try:
        save(db, ref, event, "sari", 3)  # lost by the restore below
    finally:
        db.close()
    backup.restore(folder, info.path, key, officer_id="sari")
    db = open_desk(folder, check=True)
    try:
        assert {r[0] for r in db.execute("SELECT id FROM enrolments")} == {first, second}
    finally:
        db.close()


def test_another_key_opens_neither_format(tmp_path):
    folder = tmp_path / "desk"
    open_desk(folder).close()
    other = bytes(32)
    with pytest.raises(SigapError) as caught:
        connect(folder / DB_FILE, other)
    assert caught.value.code == "database_key_wrong"
    to_earlier_format(folder, desk_key(folder))
    with pytest.raises(SigapError) as caught:
        connect(folder / DB_FILE, other)
    assert caught.value.code == "database_key_wrong"
    db = connect(folder / DB_FILE, desk_key(folder))
    assert cipher_format(db.conn) == EARLIER_FORMAT
    db.close()
