"""The audit trail's hash chain: every write path chains, the triggers refuse changes, and
what someone with the file does anyway (a changed, deleted or moved entry) is found; the
upgrade chains a trail written before the chain; the CSV export carries the chain."""

from __future__ import annotations

import csv
import json
import secrets

import pytest

from models import audit
from models.audit import GENESIS, ChainReport, entry_hash, verify_chain
from models.db import DB_FILE, connect, open_database, reconnect, write_transaction
from models.enrolments import enrol, void_payment
from models.events import close_event
from models.prints import log_print
from models.schema import MIGRATIONS
from tests.helpers import fixed_clock, person

AT = "2026-11-22T10:00:00+07:00"


def enrol_some(db, ref, event, officer, n, start=1):
    return [
        enrol(db, ref, event.id, person(nik=f"357701570890{i:04d}"), officer, fixed_clock)
        for i in range(start, start + n)
    ]


def rows(db):
    return db.execute(
        "SELECT id, at, officer_id, action, record_type, record_id, detail, prev_hash, hash "
        "FROM audit ORDER BY id"
    ).fetchall()


def count(db):
    return db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]


def unguard(db):
    """What someone holding the file and its key can do: drop the triggers."""
    db.execute("DROP TRIGGER audit_never_changed")
    db.execute("DROP TRIGGER audit_never_deleted")


@pytest.fixture
def busy(db, ref, event, officer, supervisor):
    """A trail written by the real paths: event, enrolments with payments, a void, prints,
    the event closed."""
    saved = enrol_some(db, ref, event, officer, 5)
    void_payment(db, saved[0].payment_id, "Uang kurang", officer, supervisor, fixed_clock)
    log_print(db, "receipt", saved[1].payment_id, officer, fixed_clock)
    log_print(db, "card", saved[1].enrolment_id, officer, fixed_clock)
    close_event(db, event.id, supervisor, fixed_clock)
    return db


# ------------------------------------------------------------------ writing


def test_every_write_path_chains_and_the_chain_verifies(busy):
    found = rows(busy)
    assert len(found) >= 15
    prev = GENESIS
    for expected_id, (
        entry_id,
        at,
        off,
        action,
        rtype,
        rid,
        detail,
        prev_hash,
        digest,
    ) in enumerate(found, start=1):
        assert entry_id == expected_id
        assert prev_hash == prev
        assert digest == entry_hash(prev, entry_id, at, off, action, rtype, rid, detail)
        assert len(digest) == 64 and int(digest, 16) >= 0
        prev = digest
    assert {r[3] for r in found} >= {"create", "void", "print", "close"}
    assert verify_chain(busy) == ChainReport(True, len(found))
    assert audit.head(busy) == (found[-1][0], found[-1][8])


def test_the_hash_covers_the_id_the_previous_hash_and_each_field():
    base = (GENESIS, 7, AT, "sari", "create", "enrolment", "E1", '{"source":"desk"}')
    digest = entry_hash(*base)
    for position, other in (
        (0, "1" * 64),
        (1, 8),
        (2, "2026-11-22T10:00:01+07:00"),
        (3, "budi.s"),
        (3, None),
        (4, "void"),
        (5, "payment"),
        (6, "E2"),
        (7, '{"source": "desk"}'),  # the same dict written differently is a change too
    ):
        changed = list(base)
        changed[position] = other
        assert entry_hash(*changed) != digest, position  # type: ignore[arg-type]


def test_a_batch_takes_consecutive_ids_after_the_tail(db, officer):
    before = count(db)
    with write_transaction(db):
        audit.write_audit(db, [])
        audit.write_audit(
            db,
            [
                audit.audit_row(AT, officer, "print", "card", f"E{i}", {"copy": i})
                for i in (1, 2, 3)
            ],
        )
    ids = [r[0] for r in rows(db)]
    assert ids == list(range(1, before + 4))
    assert verify_chain(db).ok


def test_a_write_outside_a_transaction_commits_on_its_own(db, officer):
    assert not db.conn.in_transaction
    audit.log(db, AT, officer, "export", "event", "EV1", {"rows": 3})
    assert not db.conn.in_transaction
    other = reconnect(db)
    try:
        assert other.execute("SELECT COUNT(*) FROM audit WHERE action = 'export'").fetchone()[0]
        assert verify_chain(other).ok
    finally:
        other.close()


def test_a_rolled_back_write_leaves_the_chain_whole(db, officer):
    with pytest.raises(RuntimeError):
        with write_transaction(db):
            audit.log(db, AT, officer, "export", "event", "EV1")
            raise RuntimeError("disk unplugged")
    audit.log(db, AT, officer, "export", "event", "EV2")
    assert verify_chain(db) == ChainReport(True, count(db))


def test_history_and_its_callers_are_unchanged(busy, event):
    closed = [h for h in audit.history(busy, "event", event.id) if h["action"] == "close"]
    assert closed == [
        {"at": closed[0]["at"], "officer_id": "budi.s", "action": "close", "detail": {}}
    ]


# ------------------------------------------------------------------ the triggers


def test_the_trail_cannot_be_changed_or_deleted_through_sql(busy):
    with pytest.raises(Exception, match="never changed"):
        busy.execute("UPDATE audit SET detail = '{}' WHERE id = 2")
    with pytest.raises(Exception, match="never changed"):
        busy.execute("DELETE FROM audit WHERE id = 2")
    with pytest.raises(Exception, match="never changed"):
        busy.execute("DELETE FROM audit")
    busy.conn.rollback()
    assert verify_chain(busy).ok


# ------------------------------------------------------------------ what the chain finds


def test_a_changed_entry_is_found(busy):
    unguard(busy)
    busy.execute("UPDATE audit SET detail = ? WHERE id = 4", [json.dumps({"source": "import"})])
    busy.conn.commit()
    assert verify_chain(busy) == ChainReport(False, 4, 4, "hash_mismatch")


def test_a_changed_officer_is_found(busy):
    unguard(busy)
    busy.execute("UPDATE audit SET officer_id = 'budi.s' WHERE id = 6")
    assert verify_chain(busy) == ChainReport(False, 6, 6, "hash_mismatch")


def test_a_changed_entry_with_its_hash_recomputed_breaks_the_next_link(busy):
    unguard(busy)
    entry_id, at, off, action, rtype, rid, _detail, prev, _ = rows(busy)[2]
    forged = entry_hash(prev, entry_id, at, off, action, rtype, rid, "{}")
    busy.execute("UPDATE audit SET detail = '{}', hash = ? WHERE id = ?", [forged, entry_id])
    assert verify_chain(busy) == ChainReport(False, entry_id + 1, entry_id + 1, "prev_mismatch")


def test_a_deleted_entry_is_found(busy):
    unguard(busy)
    busy.execute("DELETE FROM audit WHERE id = 5")
    busy.conn.commit()
    report = verify_chain(busy)
    assert (report.ok, report.first_bad_id, report.reason) == (False, 5, "missing_entry")


def test_the_first_entry_deleted_is_found(busy):
    unguard(busy)
    busy.execute("DELETE FROM audit WHERE id = 1")
    report = verify_chain(busy)
    assert (report.ok, report.first_bad_id, report.reason) == (False, 1, "missing_entry")


def test_the_newest_entries_deleted_are_found(busy):
    total = count(busy)
    unguard(busy)
    busy.execute("DELETE FROM audit WHERE id > ?", [total - 2])
    busy.conn.commit()
    assert verify_chain(busy) == ChainReport(False, total - 2, total - 1, "missing_entry")


def test_entries_moved_are_found(busy):
    """Two entries swapped, hashes and all, under each other's ids."""
    unguard(busy)
    a, b = rows(busy)[3], rows(busy)[4]
    for target, source in ((a[0], b), (b[0], a)):
        busy.execute(
            "UPDATE audit SET at = ?, officer_id = ?, action = ?, record_type = ?, "
            "record_id = ?, detail = ?, prev_hash = ?, hash = ? WHERE id = ?",
            [*source[1:], target],
        )
    report = verify_chain(busy)
    assert (report.ok, report.first_bad_id) == (False, a[0])


def test_the_report_in_words(busy):
    ok = verify_chain(busy)
    assert ok.message("id") == f"Catatan audit utuh: {ok.entries} entri."
    assert str(ok.entries) in ok.message("en")
    unguard(busy)
    busy.execute("UPDATE audit SET detail = '{}' WHERE id = 3")
    broken = verify_chain(busy)
    assert broken.message("id").startswith("Catatan audit RUSAK mulai entri #3: isi entri itu")
    assert broken.message("en").startswith("The audit log is BROKEN from entry #3: that entry")
    for reason in ("hash_mismatch", "prev_mismatch", "missing_entry"):
        words = ChainReport(False, 1, 9, reason).message("id")  # type: ignore[arg-type]
        assert "#9" in words and "audit_chain" not in words


def test_an_empty_trail_is_intact(db):
    assert verify_chain(db) == ChainReport(True, 0)
    assert audit.head(db) is None


# ------------------------------------------------------------------ the upgrade


def test_a_trail_written_before_the_chain_is_chained_on_upgrade(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    key = secrets.token_bytes(32)
    old = connect(folder / DB_FILE, key)
    MIGRATIONS.apply(old, stop_before="m006_audit_chain")
    assert "hash" not in {str(r[1]) for r in old.execute("PRAGMA table_info(audit)")}
    # More than one batch of the upgrade, written as the earlier version wrote them.
    old.conn.executemany(
        "INSERT INTO audit (at, officer_id, action, record_type, record_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (AT, "sari" if i % 3 else None, "create", "enrolment", f"E{i}",
             json.dumps({"source": "désk", "n": i}, sort_keys=True))
            for i in range(2345)
        ],
    )  # fmt: skip
    old.conn.commit()
    old.close()

    upgraded = open_database(folder, key)
    try:
        assert MIGRATIONS.pending(upgraded) == []
        assert verify_chain(upgraded) == ChainReport(True, 2345)
        first = rows(upgraded)[0]
        assert first[7] == GENESIS
        # The earlier entries read as before, and the next write follows on.
        assert audit.history(upgraded, "enrolment", "E5")[0]["detail"] == {"source": "désk", "n": 5}
        audit.log(upgraded, AT, "sari", "export", "event", "EV1", {"rows": 1})
        assert verify_chain(upgraded) == ChainReport(True, 2346)
        with pytest.raises(Exception, match="never changed"):
            upgraded.execute("DELETE FROM audit WHERE id = 1")
    finally:
        upgraded.close()


# ------------------------------------------------------------------ the viewer's reads


def test_entries_newest_first_paged_and_filtered(busy, officer, supervisor):
    total = count(busy)
    newest = audit.list_entries(busy, 3)
    assert [e["id"] for e in newest] == [total, total - 1, total - 2]
    assert newest[0]["action"] == "close"
    assert newest[0]["officer_name"] == "Budi Santoso"
    assert isinstance(newest[0]["detail"], dict)
    assert len(newest[0]["hash"]) == 64
    page2 = audit.list_entries(busy, 3, offset=3)
    assert [e["id"] for e in page2] == [total - 3, total - 4, total - 5]
    everything = audit.list_entries(busy, 10_000)
    assert len(everything) == total
    mine = audit.list_entries(busy, 10_000, officer_id=supervisor)
    assert mine and all(e["officer_id"] == supervisor for e in mine)
    voids = audit.list_entries(busy, 10_000, action="void")
    assert [(e["action"], e["record_type"]) for e in voids] == [("void", "payment")]
    assert audit.list_entries(busy, 10, officer_id=officer, action="close") == []


# ------------------------------------------------------------------ export


def test_the_export_carries_the_whole_chain(busy, tmp_path):
    out = tmp_path / "audit.csv"
    out.write_text("an earlier export\n", encoding="utf-8")
    written = audit.export_csv(busy, out)
    assert written == count(busy)
    assert not (tmp_path / "audit.csv.partial").exists()
    with out.open(encoding="utf-8", newline="") as f:
        read = list(csv.DictReader(f))
    assert len(read) == written
    assert list(read[0]) == list(audit.CSV_COLUMNS)
    # Anyone holding the file can check the chain without Sigap's database.
    prev = GENESIS
    for r in read:
        assert r["prev_hash"] == prev
        digest = entry_hash(
            prev, int(r["id"]), r["at"], r["officer_id"] or None, r["action"],
            r["record_type"], r["record_id"] or None, r["detail"],
        )  # fmt: skip
        assert r["hash"] == digest
        prev = digest


def test_a_failed_export_leaves_the_earlier_file(busy, tmp_path, monkeypatch):
    folder = tmp_path / "stick"
    folder.mkdir()
    out = folder / "audit.csv"
    out.write_text("an earlier export\n", encoding="utf-8")

    def broken(db):
        yield (1, AT, None, "create", "event", "EV1", "{}", GENESIS, GENESIS)
        raise OSError("disk full")

    monkeypatch.setattr(audit, "_rows", broken)
    with pytest.raises(OSError):
        audit.export_csv(busy, out)
    assert out.read_text(encoding="utf-8") == "an earlier export\n"
    assert [p.name for p in folder.iterdir()] == ["audit.csv"]


def test_an_empty_trail_exports_its_header(db, tmp_path):
    out = tmp_path / "empty.csv"
    assert audit.export_csv(db, out) == 0
    assert out.read_text(encoding="utf-8").strip() == ",".join(audit.CSV_COLUMNS)
