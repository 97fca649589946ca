"""Numbers never given twice (issue 14): a restore does not re-issue receipt and member
numbers already given (item 10), and an HQ block overlapping numbers used here does not
stop enrolment (item 11)."""

from __future__ import annotations

import json

from models import backup
from models.db import DB_FILE
from models.enrolments import enrol, member_numbers_left, numbering
from models.enrolments.numbering import MARKS_FILE, add_blocks
from models.sync_state import add_member_number_blocks
from tests.helpers import desk_key, fixed_clock, open_desk, person
from tests.models.test_backup import damage

BLOCK = ("10000000001", "10000000500")


def _someone(n: int):
    return person(nik=f"357701570890{n:04d}")


def test_a_restore_never_gives_a_receipt_or_member_number_again(db, ref, event, officer):
    data_dir = db.data_dir
    add_member_number_blocks(db, [BLOCK])
    first = enrol(db, ref, event.id, _someone(1), officer, fixed_clock)
    kept = backup.make_backup(db, backup.MANUAL, clock=fixed_clock)
    given = [enrol(db, ref, event.id, _someone(n), officer, fixed_clock) for n in (2, 3)]
    db.close()
    backup.restore(data_dir, kept.path, desk_key(data_dir), clock=fixed_clock)
    again = open_desk(data_dir)
    try:
        after = enrol(again, ref, event.id, _someone(4), officer, fixed_clock)
    finally:
        again.close()
    assert first.member_number == "10000000001"
    assert [g.member_number for g in given] == ["10000000002", "10000000003"]
    assert after.member_number == "10000000004"
    assert after.receipt_number is not None and after.receipt_number.endswith("-000004")
    assert {g.receipt_number for g in given} & {after.receipt_number} == set()
    marks = json.loads((data_dir / MARKS_FILE).read_text("utf-8"))
    assert list(marks["devices"].values()) == [{"receipt": 3, "member": 10000000003}]


def test_a_rolled_back_save_still_gives_its_numbers_back(db, ref, event, officer):
    add_member_number_blocks(db, [BLOCK])
    enrol(db, ref, event.id, _someone(1), officer, fixed_clock)
    try:
        with db.atomic():
            enrol(db, ref, event.id, _someone(2), officer, fixed_clock)
            raise RuntimeError("the save is cut off")
    except RuntimeError:
        pass
    saved = enrol(db, ref, event.id, _someone(2), officer, fixed_clock)
    assert saved.member_number == "10000000002"
    assert saved.receipt_number is not None and saved.receipt_number.endswith("-000002")


def test_a_block_overlapping_used_numbers_skips_them_and_is_reported(db, ref, event, officer):
    # Two members got their numbers from HQ before this block came (HQ's mistake).
    a = enrol(db, ref, event.id, _someone(1), officer, fixed_clock).enrolment_id
    b = enrol(db, ref, event.id, _someone(2), officer, fixed_clock).enrolment_id
    db.execute("UPDATE enrolments SET member_number = '10000000001' WHERE id = ?", [a])
    db.execute("UPDATE enrolments SET member_number = '10000000003' WHERE id = ?", [b])
    db.conn.commit()
    with db.atomic():
        assert add_blocks(db, [("10000000001", "10000000010")]) == 8
    assert member_numbers_left(db) == 8
    reported = db.execute(
        "SELECT detail FROM audit WHERE action = 'member_block_overlap'"
    ).fetchall()
    assert [json.loads(r[0]) for r in reported] == [
        {"first": "10000000001", "last": "10000000010", "used": 2}
    ]
    numbers = [enrol(db, ref, event.id, _someone(n), officer, fixed_clock).member_number
               for n in (3, 4, 5)]  # fmt: skip
    assert numbers == ["10000000002", "10000000004", "10000000005"]
    assert member_numbers_left(db) == 5


def _reserved(data_dir) -> dict:
    doc = json.loads((data_dir / MARKS_FILE).read_text("utf-8"))
    return next(iter(doc["reserved"].values()))


def test_saves_write_the_number_file_once_per_reservation_not_once_per_save(
    db, ref, event, officer, monkeypatch
):
    add_member_number_blocks(db, [BLOCK])
    writes: list[dict] = []
    real_write = numbering._write

    def counting(path, doc, *, durable):
        writes.append({"durable": durable})
        real_write(path, doc, durable=durable)

    monkeypatch.setattr(numbering, "_write", counting)
    given = []
    for n in range(1, 101):
        saved = enrol(db, ref, event.id, _someone(n), officer, fixed_clock)
        given.append(saved)
        kept = _reserved(db.data_dir)  # always ahead of what was given, before it is used
        assert kept["receipt"] >= n and kept["member"] >= int(saved.member_number)
    assert given[-1].receipt_number.endswith("-000100")
    assert given[-1].member_number == "10000000100"
    # Receipts and member numbers are each reserved at the 1st save and again at the 66th
    # (64 ahead), each time flushed: 4 writes for 100 saves.
    assert numbering.RESERVE == 64
    assert len(writes) == 4
    assert all(w["durable"] for w in writes)


def test_a_restore_over_an_unreadable_database_skips_the_reserved_numbers(
    db, ref, event, officer
):
    data_dir = db.data_dir
    add_member_number_blocks(db, [BLOCK])
    enrol(db, ref, event.id, _someone(1), officer, fixed_clock)
    kept = backup.make_backup(db, backup.MANUAL, clock=fixed_clock)
    given = [enrol(db, ref, event.id, _someone(n), officer, fixed_clock) for n in (2, 3)]
    db.close()
    damage(data_dir / DB_FILE, desk_key(data_dir))
    result = backup.restore(data_dir, kept.path, desk_key(data_dir), clock=fixed_clock)
    assert result.damaged_kept is not None  # the numbers of saves 2 and 3 were not read
    again = open_desk(data_dir)
    try:
        after = enrol(again, ref, event.id, _someone(4), officer, fixed_clock)
    finally:
        again.close()
    reserve = numbering.RESERVE
    assert [g.member_number for g in given] == ["10000000002", "10000000003"]
    assert after.member_number == f"{10000000001 + reserve + 1:011d}"
    assert after.receipt_number is not None
    assert after.receipt_number.endswith(f"-{1 + reserve + 1:06d}")


def test_a_reservation_not_written_does_not_stop_the_save(db, ref, event, officer, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(numbering.files, "replacing", full_disk)
    saved = enrol(db, ref, event.id, _someone(1), officer, fixed_clock)
    assert saved.receipt_number is not None and saved.receipt_number.endswith("-000001")
