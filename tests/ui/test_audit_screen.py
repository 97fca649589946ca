"""The audit screen: the newest entries, the officer filter, whether the chain is intact (and
saying loudly where it is not), and the CSV export. Tampering is done in the database
directly, as someone holding the file would."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QPushButton, QTableWidget

from models import audit
from models.enrolments import enrol
from tests.helpers import fixed_clock, person
from ui.screens.audit_screen import PAGE, AuditScreen


@pytest.fixture
def saved(db, ref, event, officer, supervisor):
    return [
        enrol(db, ref, event.id, person(nik=f"357701570890{i:04d}"), officer, fixed_clock)
        for i in (1, 2, 3)
    ]


@pytest.fixture
def screen(qtbot, session, tasks, saved):
    s = AuditScreen(session, tasks)
    qtbot.addWidget(s)
    s.refresh()
    return s


def count(db):
    return db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]


def table_ids(screen):
    table = screen.findChild(QTableWidget, "entries")
    return [int(table.item(r, 0).text()) for r in range(table.rowCount())]


def test_the_newest_entries_and_an_intact_chain(screen, db):
    total = count(db)
    assert table_ids(screen) == list(range(total, 0, -1))
    table = screen.findChild(QTableWidget, "entries")
    texts = {table.item(r, c).text() for r in range(table.rowCount()) for c in range(7)}
    assert {"Dibuat", "Pendaftaran", "Pembayaran", "Sari Wulandari"} <= texts
    status = screen.findChild(QLabel, "chain_status")
    assert status.text() == f"Catatan audit utuh: {total} entri."
    assert "b00020" not in status.styleSheet()
    assert screen.report is not None and screen.report.ok
    assert not screen.findChild(QPushButton, "show_more").isVisibleTo(screen)


def test_the_officer_filter(screen, db, officer, supervisor):
    combo = screen.findChild(QComboBox, "officer_filter")
    assert [combo.itemData(i) for i in range(combo.count())][0] is None
    combo.setCurrentIndex(combo.findData(supervisor))
    supervisor_ids = [
        r[0] for r in db.execute("SELECT id FROM audit WHERE officer_id = ?", [supervisor])
    ]
    assert sorted(table_ids(screen)) == sorted(supervisor_ids)
    combo.setCurrentIndex(combo.findData(officer))
    assert table_ids(screen) and all(e["officer_id"] == officer for e in screen.entries)
    combo.setCurrentIndex(0)
    assert len(table_ids(screen)) == count(db)


def test_a_broken_chain_is_said_in_red_after_checking_again(screen, db):
    db.execute("DROP TRIGGER audit_never_changed")
    db.execute("UPDATE audit SET detail = '{}' WHERE id = 3")
    db.conn.commit()
    checked = []
    screen.chain_checked.connect(checked.append)
    screen.findChild(QPushButton, "verify").click()
    status = screen.findChild(QLabel, "chain_status")
    assert status.text().startswith("Catatan audit RUSAK mulai entri #3:")
    assert "b00020" in status.styleSheet()
    assert [(r.ok, r.first_bad_id, r.reason) for r in checked] == [(False, 3, "hash_mismatch")]


def test_show_more_pages_through_a_long_trail(screen, db, officer):
    with db.atomic():
        audit.write_audit(
            db,
            [audit.audit_row("2026-11-22T10:00:00+07:00", officer, "print", "card", f"E{i}")
             for i in range(PAGE + 20)],
        )  # fmt: skip
    screen.refresh()
    more = screen.findChild(QPushButton, "show_more")
    assert len(table_ids(screen)) == PAGE
    assert more.isVisibleTo(screen)
    more.click()
    assert table_ids(screen) == list(range(count(db), 0, -1))
    assert not more.isVisibleTo(screen)


def test_export_writes_the_whole_trail(screen, db, tmp_path, monkeypatch):
    out = tmp_path / "audit-export"
    asked = []

    def fake_dialog(*args, **kwargs):
        asked.append(args)
        return str(out), "Berkas CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    screen.findChild(QPushButton, "export_csv").click()
    assert asked
    written = tmp_path / "audit-export.csv"  # the suffix is added
    with written.open(encoding="utf-8", newline="") as f:
        read = list(csv.DictReader(f))
    assert len(read) == count(db)
    assert read[0]["hash"] and read[0]["prev_hash"] == audit.GENESIS
    assert screen.exported_to == written
    assert str(written) in screen.findChild(QLabel, "message").text()


def test_export_cancelled_writes_nothing(screen, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    screen.findChild(QPushButton, "export_csv").click()
    assert screen.exported_to is None
    assert screen.findChild(QLabel, "message").text() == ""


def test_refreshed_when_shown_after_a_save(qtbot, session, tasks, db, ref, event, officer):
    s = AuditScreen(session, tasks)
    qtbot.addWidget(s)
    s.show()
    before = len(s.entries)
    enrol(db, ref, event.id, person(), officer, fixed_clock)
    session.records_saved()
    assert len(s.entries) == before + 2  # the enrolment and its payment
    assert s.report is not None and s.report.entries == count(db)
