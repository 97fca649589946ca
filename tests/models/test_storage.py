"""The database: where it lives, its durability settings, migrations, and that a record and
its queue row land together or not at all."""

from __future__ import annotations

import pytest

from models.database import Database
from models.db import (
    DB_FILE,
    IntegrityError,
    OperationalError,
    connect,
    reconnect,
    resolve_data_dir,
)
from models.enrolments import enrol, validate, write_enrolments
from models.member_numbers import provisional_number
from models.participants import ParticipantFilter, find_ids, rows_for
from models.schema import MIGRATIONS
from tests.helpers import NOW, desk_key, fixed_clock, open_desk, person


def test_data_dir_from_option_then_environment_then_user_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("SIGAP_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "cli")) == tmp_path / "cli"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("SIGAP_DATA_DIR")
    assert resolve_data_dir(None).name.lower() == "sigap"


def test_durability_settings(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_opening_twice_keeps_device_identity_and_applies_nothing_new(data_dir):
    first = open_desk(data_dir)
    device = first.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    first.close()
    again = open_desk(data_dir)
    assert (
        again.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0] == device
    )
    assert MIGRATIONS.pending(again) == []
    again.close()


def test_database_of_the_first_migration_is_upgraded_with_its_records(tmp_path, ref):
    """A laptop still on the first schema, with an enrolment in it, opens in this version."""
    folder = tmp_path / "old"
    folder.mkdir()
    old = connect(folder / DB_FILE, desk_key(folder))
    MIGRATIONS.apply(old, stop_before="m002_name_search")
    assert "enrolment_names" not in old.table_names()
    old.execute("INSERT INTO settings VALUES ('device_id', '11111111-2222-3333-4444-555555555555')")
    old.execute(
        "INSERT INTO officers (id, name, role, passphrase_hash, created_at) "
        "VALUES ('sari', 'Sari', 'officer', 'x', '2026-01-01T00:00:00+07:00')"
    )
    old.execute(
        "INSERT INTO events (id, name, starts_on, ends_on, location, region_code, branch_code, "
        "default_programmes, default_months, officer_id, created_at) VALUES ('ev1', 'Lama', "
        "'2026-01-05', '2026-01-05', 'Balai', '35.77.01', 'MDN01', '[\"JKK\",\"JKM\"]', 1, 'sari', "
        "'2026-01-05T08:00:00+07:00')"
    )
    old.execute(
        "INSERT INTO enrolments (id, event_id, nik, full_name, birth_place, birth_date, gender, "
        "mother_maiden_name, occupation_code, declared_income, programmes, months, payer_type, "
        "consent_at, officer_id, recorded_at) VALUES ('en1', 'ev1', '3577015708900001', "
        "'Wayan Ñoman Sukerta', 'Madiun', '1990-08-17', 'F', 'Ibu', 'K001', 1000000, "
        "'[\"JKK\",\"JKM\"]', 1, 'self', '2026-01-05T08:00:00+07:00', 'sari', "
        "'2026-01-05T08:00:00+07:00')"
    )
    old.conn.commit()
    old.close()

    upgraded = open_desk(folder)
    # Every migration after the first, whatever later versions add, runs on the old file.
    applied = [m.name for m in MIGRATIONS.applied(upgraded)]
    assert applied == [m.name for m in MIGRATIONS._migrations]
    assert applied[:3] == ["m001_initial", "m002_name_search", "m003_corrections"]
    found = rows_for(upgraded, find_ids(upgraded, ParticipantFilter(text="Ñoman")))
    assert [r.id for r in found] == ["en1"]
    assert upgraded.execute("SELECT value FROM settings WHERE key='device_id'").fetchone()[0] == (
        "11111111-2222-3333-4444-555555555555"
    )
    upgraded.close()


def _counts(db: Database) -> tuple[int, ...]:
    return tuple(
        db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("enrolments", "heirs", "payments", "outbox", "audit")
    )


def test_failure_between_record_and_queue_row_leaves_neither(db, ref, event, officer):
    checked, problems = validate(person(), event, ref, NOW.date())
    assert checked is not None, problems
    before = _counts(db)
    last_receipt = db.execute("SELECT MAX(receipt_seq) FROM payments").fetchone()[0]

    def crash() -> None:
        # The enrolment, heir and payment rows are written at this point.
        assert db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0] == before[0] + 1
        raise OSError("disk unplugged")

    with pytest.raises(OSError):
        with db.atomic():
            write_enrolments(db, [checked], officer, NOW, after_enrolments=crash)
    assert _counts(db) == before
    assert db.execute("SELECT MAX(receipt_seq) FROM payments").fetchone()[0] == last_receipt
    # And the same enrolment saves normally afterwards, with the next receipt number.
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    assert saved.receipt_number.endswith("-000001")


def test_record_and_queue_rows_commit_together(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    rows = db.execute("SELECT id, type, state FROM outbox ORDER BY seq").fetchall()
    assert rows[-2:] == [
        (saved.enrolment_id, "enrolment", "pending"),
        (saved.payment_id, "payment", "pending"),
    ]
    # Visible from another connection: it was committed, not left in an open transaction.
    other = reconnect(db)
    assert (
        other.execute(
            "SELECT COUNT(*) FROM outbox WHERE id IN (?, ?)", [saved.enrolment_id, saved.payment_id]
        ).fetchone()[0]
        == 2
    )
    other.close()


def test_nothing_is_deleted_and_queued_records_never_change(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    for sql, args in [
        ("DELETE FROM payments WHERE id = ?", [saved.payment_id]),
        ("DELETE FROM enrolments WHERE id = ?", [saved.enrolment_id]),
        ("DELETE FROM outbox WHERE id = ?", [saved.enrolment_id]),
        ("UPDATE payments SET amount = 1 WHERE id = ?", [saved.payment_id]),
        ("UPDATE outbox SET payload = '{}' WHERE id = ?", [saved.enrolment_id]),
    ]:
        with pytest.raises(IntegrityError):
            with db.atomic():
                db.execute(sql, args)
    assert _counts(db)[0:4] == (1, 1, 1, 3)


def test_audit_names_who_did_what_without_personal_values(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    rows = db.execute(
        "SELECT officer_id, action, record_type, record_id, detail FROM audit"
    ).fetchall()
    assert (officer, "create", "enrolment", saved.enrolment_id) in [r[:4] for r in rows]
    assert (officer, "create", "payment", saved.payment_id) in [r[:4] for r in rows]
    dump = repr(rows)
    for value in ("3577015708900001", "Saraswati", "3456", "Sumirah", "Wirawan"):
        assert value not in dump


def test_desk_save_that_fails_writing_the_queue_leaves_nothing(
    db, ref, event, officer, monkeypatch
):
    from models import enrolments, outbox

    before = _counts(db)

    def disk_full(*_args, **_kwargs):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(outbox, "enqueue_rows", disk_full)
    with pytest.raises(OperationalError):
        enrolments.enrol(db, ref, event.id, person(), officer, fixed_clock)
    assert _counts(db) == before
    assert not db.conn.in_transaction
    monkeypatch.undo()
    saved = enrolments.enrol(db, ref, event.id, person(), officer, fixed_clock)
    assert saved.receipt_number.endswith("-000001")  # the failed save used no number


def test_second_connection_cannot_enrol_the_same_nik_twice(data_dir, db, ref, event, officer):
    """Two Sigap processes on one folder: the second save waits for the first one's write
    lock, then finds the NIK taken and names the record."""
    from models.db import write_transaction
    from models.enrolments import enrol
    from models.errors import ValidationError

    other = open_desk(data_dir)
    with write_transaction(db):
        first = write_enrolments(db, [validate(person(), event, ref, NOW.date())[0]], officer, NOW)[
            0
        ]
        # While this transaction holds the lock, the other connection cannot start one.
        other.conn.execute("PRAGMA busy_timeout=50")
        with pytest.raises(OperationalError, match="locked"):
            other.conn.execute("BEGIN IMMEDIATE")
    other.conn.execute("PRAGMA busy_timeout=5000")
    with pytest.raises(ValidationError) as caught:
        enrol(other, ref, event.id, person(), officer, fixed_clock)
    assert caught.value.problems[0].code == "nik_already_enrolled"
    # Named by the number its card shows, never by its raw id.
    assert f"{provisional_number(first.enrolment_id)} (provisional)" in caught.value.message("en")
    other.close()
