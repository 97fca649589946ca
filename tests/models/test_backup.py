"""Backups: encrypted like the database, checked, kept N per reason, made before a sync and
at day closing, and restored, also over a database too damaged to open."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from models import audit, backup, files
from models.backup import (
    check_backup,
    list_backups,
    make_backup,
    newest_good_backup,
    restore,
    unlock_supervisor,
)
from models.db import DB_FILE, PLAIN_HEADER, connect, open_database, set_setting
from models.enrolments import enrol
from models.errors import SigapError
from tests.helpers import NOW, fixed_clock, person

NIK_A, NIK_B = "3577015708900001", "3577015708900002"
NAME_A, NAME_B = "Ni Luh Putu Ayu Saraswati", "Wayan Sukerti Lestari"


def ticking(
    start: datetime = NOW, step: timedelta = timedelta(minutes=1)
) -> Callable[[], datetime]:
    """A clock that moves on by `step` at each reading."""
    moment = [start]

    def clock() -> datetime:
        moment[0] += step
        return moment[0]

    return clock


def damage(path: Path, key: bytes, table: str = "enrolments") -> None:
    """Overwrite bytes in the middle of the pages of `table`, as a failing disk would: the
    header, the schema and the key still read, `PRAGMA quick_check` does not."""
    db = connect(path, key)
    try:
        root = int(
            db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        )
        page_size = int(db.execute("PRAGMA page_size").fetchone()[0])
    finally:
        db.close()
    assert root > 1
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size + page_size // 2)
        f.write(b"\x55" * 64)


def count(db: object, table: str = "enrolments") -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # type: ignore[attr-defined]


@pytest.fixture
def two_people(db, ref, event, officer):
    """Sari enrols one person; the caller enrols the second when it wants."""
    enrol(db, ref, event.id, person(nik=NIK_A, full_name=NAME_A), officer, fixed_clock)

    def second() -> None:
        enrol(db, ref, event.id, person(nik=NIK_B, full_name=NAME_B), officer, fixed_clock)

    return second


# ------------------------------------------------------------------ making


def test_a_backup_is_encrypted_and_holds_the_records(db, data_dir, two_people):
    info = make_backup(db, "manual", clock=fixed_clock)

    assert info.path == data_dir / "backups" / "sigap-20261122-091500-manual.db"
    assert (info.reason, info.made_at) == ("manual", datetime(2026, 11, 22, 9, 15))
    assert info.size == info.path.stat().st_size > 0
    raw = info.path.read_bytes()
    assert not raw.startswith(PLAIN_HEADER)
    for secret in (NIK_A, NAME_A, "Saraswati", "Sumirah", "081234567890"):
        assert secret.encode() not in raw
    # One self-contained file: no unfinished copy, no journal beside it.
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]
    assert check_backup(info.path, db.key)
    copy = connect(info.path, db.key)
    try:
        assert count(copy) == 1
    finally:
        copy.close()


def test_list_backups_newest_first_and_two_in_one_second(db, data_dir):
    first = make_backup(db, "manual", clock=fixed_clock)
    second = make_backup(db, "manual", clock=fixed_clock)
    later = make_backup(db, "sync", clock=lambda: NOW + timedelta(hours=1))
    (data_dir / "backups" / "sigap-20261122-101500-sync.db.partial").write_bytes(b"half")
    (data_dir / "backups" / "notes.txt").write_text("not a backup")

    assert second.name == "sigap-20261122-091500-manual-2.db"
    assert [b.name for b in list_backups(data_dir)] == [later.name, second.name, first.name]
    assert list_backups(data_dir / "elsewhere") == []


def test_the_backup_is_copied_in_steps(db, monkeypatch, two_people):
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 2)
    steps: list[tuple[int, int]] = []
    make_backup(
        db, "manual", clock=fixed_clock, progress=lambda done, total: steps.append((done, total))
    )
    assert len(steps) > 3
    done, total = steps[-1]
    assert done == total > 0


def test_keeps_the_newest_n_of_each_reason_and_every_before_restore(db, data_dir):
    clock = ticking()
    syncs = [make_backup(db, "sync", keep=2, clock=clock) for _ in range(4)]
    day = make_backup(db, "day_close", keep=2, clock=clock)
    before = [make_backup(db, "before_restore", keep=1, clock=clock) for _ in range(3)]
    make_backup(db, "sync", keep=2, clock=clock)  # prunes sync backups only

    names = {b.name for b in list_backups(data_dir)}
    assert {s.name for s in syncs[:3]} & names == set()
    assert syncs[3].name in names
    assert day.name in names
    assert {b.name for b in before} <= names
    assert len(names) == 2 + 1 + 3


def test_the_keep_setting(db, data_dir):
    set_setting(db, "backup_keep", "3")
    clock = ticking()
    for _ in range(5):
        make_backup(db, "manual", clock=clock)
    assert len(list_backups(data_dir)) == 3
    set_setting(db, "backup_keep", "nonsense")
    for _ in range(9):
        make_backup(db, "manual", clock=clock)
    assert len(list_backups(data_dir)) == backup.DEFAULT_KEEP


def test_a_failed_backup_leaves_no_partial_file(db, data_dir, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "fsync_file", full)
    with pytest.raises(OSError):
        make_backup(db, "manual", clock=fixed_clock)
    assert list((data_dir / "backups").iterdir()) == []


def test_unknown_reason(db):
    with pytest.raises(ValueError):
        make_backup(db, "whenever")


# ------------------------------------------------------------------ checking


def test_check_fails_for_a_damaged_copy_a_wrong_key_and_no_file(db, tmp_path, two_people):
    info = make_backup(db, "manual", clock=fixed_clock)
    assert check_backup(info.path, db.key)

    assert not check_backup(info.path, bytes(32))
    assert not check_backup(info.path, b"\x01" * 32)
    assert not check_backup(tmp_path / "missing.db", db.key)
    assert not (tmp_path / "missing.db").exists()

    damaged = tmp_path / "damaged.db"
    shutil.copyfile(info.path, damaged)
    damage(damaged, db.key)
    assert not check_backup(damaged, db.key)

    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    assert not check_backup(plain, db.key)


def test_newest_good_backup_skips_a_damaged_one(db, data_dir, two_people):
    clock = ticking()
    good = make_backup(db, "manual", clock=clock)
    bad = make_backup(db, "sync", clock=clock)
    damage(bad.path, db.key)
    assert newest_good_backup(data_dir, db.key) == good
    damage(good.path, db.key)
    assert newest_good_backup(data_dir, db.key) is None


# ------------------------------------------------------------------ restoring


def test_restore_round_trip(db, data_dir, two_people, supervisor):
    info = make_backup(db, "manual", clock=fixed_clock)
    two_people()
    assert count(db) == 2
    key = db.key
    db.close()

    result = restore(data_dir, info.path, key, officer_id=supervisor, clock=ticking())

    again = open_database(data_dir, key, check=True)
    try:
        assert count(again) == 1
        last = audit.list_entries(again, 1)[0]
        assert (last["action"], last["officer_id"], last["record_id"]) == (
            "restore",
            supervisor,
            info.name,
        )
        assert audit.verify_chain(again).ok
    finally:
        again.close()
    assert result.restored_from == info.path
    assert result.damaged_kept is None
    before = result.before_restore
    assert before is not None and before.reason == "before_restore"
    assert check_backup(before.path, key)
    kept = connect(before.path, key)
    try:
        assert count(kept) == 2
    finally:
        kept.close()
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith(DB_FILE)) == [DB_FILE]
    assert info.path.exists()  # the backup itself stays


def test_restore_refuses_a_damaged_backup(db, data_dir, two_people):
    info = make_backup(db, "manual", clock=fixed_clock)
    two_people()
    damage(info.path, db.key)
    key = db.key
    db.close()

    with pytest.raises(SigapError) as caught:
        restore(data_dir, info.path, key)

    assert caught.value.code == "backup_damaged"
    assert info.name in caught.value.message("en")
    assert [b.reason for b in list_backups(data_dir)] == ["manual"]  # no before_restore
    again = open_database(data_dir, key, check=True)
    try:
        assert count(again) == 2
    finally:
        again.close()


def test_restore_over_a_damaged_database(db, data_dir, two_people, supervisor):
    info = make_backup(db, "manual", clock=fixed_clock)
    two_people()
    key = db.key
    db.close()
    live = data_dir / DB_FILE
    damage(live, key)
    with pytest.raises(SigapError) as caught:
        open_database(data_dir, key, check=True)
    assert caught.value.code == "database_damaged"
    damaged_bytes = live.read_bytes()

    result = restore(data_dir, info.path, key, officer_id=supervisor, clock=fixed_clock)

    assert result.before_restore is None
    assert result.damaged_kept == data_dir / "sigap.db.damaged-20261122-091500"
    assert result.damaged_kept.read_bytes() == damaged_bytes  # kept as it was
    assert [b.reason for b in list_backups(data_dir)] == ["manual"]
    again = open_database(data_dir, key, check=True)
    try:
        assert count(again) == 1
    finally:
        again.close()


def test_restore_when_the_database_file_is_gone(db, data_dir, two_people):
    info = make_backup(db, "manual", clock=fixed_clock)
    key = db.key
    db.close()
    (data_dir / DB_FILE).unlink()

    result = restore(data_dir, info.path, key)

    assert (result.before_restore, result.damaged_kept) == (None, None)
    again = open_database(data_dir, key, check=True)
    try:
        assert count(again) == 1
    finally:
        again.close()


def test_a_full_disk_while_keeping_the_current_database_restores_nothing(
    db, data_dir, two_people, monkeypatch
):
    info = make_backup(db, "manual", clock=fixed_clock)
    two_people()
    key = db.key
    db.close()
    real = backup.make_backup

    def full_for_before_restore(source, reason, *args, **kwargs):
        if reason == "before_restore":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(source, reason, *args, **kwargs)

    monkeypatch.setattr(backup, "make_backup", full_for_before_restore)
    with pytest.raises(OSError):
        restore(data_dir, info.path, key)

    assert not (data_dir / backup.RESTORING).exists()
    again = open_database(data_dir, key, check=True)
    try:
        assert count(again) == 2
    finally:
        again.close()


# ------------------------------------------------------------------ who may restore


def test_only_a_supervisor_unlocks_a_restore(db, data_dir, officer, supervisor):
    assert backup.supervisor_ids(data_dir) == [supervisor]
    assert unlock_supervisor(data_dir, supervisor, "kopi-tubruk-88") == db.key
    with pytest.raises(SigapError) as caught:
        unlock_supervisor(data_dir, officer, "pasar-pagi-77")
    assert caught.value.code == "needs_supervisor"
    with pytest.raises(SigapError) as caught:
        unlock_supervisor(data_dir, supervisor, "wrong-passphrase")
    assert caught.value.code == "passphrase_wrong"


# ------------------------------------------------------------------ before a sync, at day close


def test_a_sync_makes_a_backup_first_even_without_hq(db, data_dir):
    from sync.engine import sync_once

    report = sync_once(db, clock=fixed_clock)

    assert report.error == "not_registered"
    assert report.backup_error is None
    assert [b.reason for b in list_backups(data_dir)] == ["sync"]
    assert len(report.as_json()) == 7

    sync_once(db, clock=lambda: NOW + timedelta(minutes=5))  # one every 15 minutes at most
    assert len(list_backups(data_dir)) == 1
    sync_once(db, clock=lambda: NOW + timedelta(minutes=20))
    assert len(list_backups(data_dir)) == 2
    set_setting(db, "backup_sync_minutes", "0")  # before every sync
    sync_once(db, clock=lambda: NOW + timedelta(minutes=21))
    assert len(list_backups(data_dir)) == 3


def test_a_failed_backup_does_not_stop_the_sync(db, data_dir, monkeypatch, caplog):
    from sync.engine import sync_once

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "make_backup", full)
    report = sync_once(db, clock=fixed_clock)

    assert report.backup_error == "disk_full"
    assert report.error == "not_registered"  # the cycle ran all the same
    assert list(report.as_json()) == [
        "sent",
        "accepted",
        "already_received",
        "duplicate_person",
        "rejected",
        "conflict",
        "pending",
    ]
    assert "sync backup not made (disk_full)" in caplog.text


def test_day_closing_makes_a_backup(db, ref, data_dir, two_people, officer):
    from services.reports import day_close_pdf

    pdf = day_close_pdf(db, ref, officer, date(2026, 11, 22), "id", fixed_clock)

    assert pdf.startswith(b"%PDF")
    (info,) = list_backups(data_dir)
    assert (info.reason, info.name) == ("day_close", "sigap-20261122-091500-day_close.db")
    assert check_backup(info.path, db.key)


def test_day_closing_still_prints_when_the_backup_fails(db, ref, data_dir, officer, monkeypatch):
    from services.reports import day_close_pdf

    monkeypatch.setattr(backup, "make_backup", lambda *a, **k: (_ for _ in ()).throw(OSError()))
    assert day_close_pdf(db, ref, officer, date(2026, 11, 22), "id", fixed_clock).startswith(
        b"%PDF"
    )
    assert list_backups(data_dir) == []


def test_a_clock_set_back_never_prunes_the_backup_just_made(db, data_dir):
    clock = ticking()
    for _ in range(3):
        make_backup(db, "sync", keep=2, clock=clock)
    fresh = make_backup(db, "sync", keep=2, clock=lambda: NOW - timedelta(days=365))
    names = [b.name for b in list_backups(data_dir)]
    assert len(names) == 2
    assert fresh.name == names[-1]
