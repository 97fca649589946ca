"""A full disk while saving an enrolment: the officer is told it was NOT saved, every field
stays, nothing half-written is left, and saving works once there is room again."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from models import enrolments as en
from models.db import OperationalError
from models.enrolments import find_by_nik
from tests.helpers import fixed_clock, person
from tests.ui.test_enrolment_form import fill_valid, make_form


def enrolments(db) -> int:
    return int(db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0])


def fill_the_disk(db, ref, event, officer) -> int:
    """No page more than now (`max_page_count`), then other made-up people until one no
    longer fits: the pages left have no room for another enrolment. Returns the limit."""
    pages = int(db.execute("PRAGMA page_count").fetchone()[0])
    db.execute(f"PRAGMA max_page_count = {pages}")
    for serial in range(2, 500):
        try:
            en.enrol(
                db, ref, event.id, person(nik=f"35770157089{serial:05d}"), officer, fixed_clock
            )
        except OperationalError as exc:
            assert "full" in str(exc)
            return pages
    raise AssertionError("the disk never filled")


def test_disk_full_keeps_the_form_and_saves_later(
    qtbot, session, tasks, db, ref, event, officer, monkeypatch
):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *a: said.append((title, text))
    )
    form = make_form(qtbot, session, tasks)
    fill_valid(qtbot, form)
    pages = fill_the_disk(db, ref, event, officer)
    before = enrolments(db)

    saved: list[object] = []
    form.saved.connect(saved.append)
    form.save()

    assert said == [
        (
            "Tidak tersimpan",
            "Disk penuh: data TIDAK tersimpan. Isian formulir tetap ada. Kosongkan ruang disk "
            "(hapus berkas yang tidak perlu) lalu simpan lagi.",
        )
    ]
    assert saved == [] and enrolments(db) == before
    assert find_by_nik(db, "3577015708900001") is None
    assert form.nik.text() == "3577015708900001"
    assert form.full_name.text() == "Ni Luh Putu Ayu Regapu’u"
    assert form.heir_rows[0].name.text() == "Made Wirawan"
    assert form.consent.isChecked()
    assert not form.result.isVisible()

    db.execute(f"PRAGMA max_page_count = {pages * 100}")  # room again
    form.save()
    assert len(saved) == 1 and enrolments(db) == before + 1
    assert find_by_nik(db, "3577015708900001").full_name == "Ni Luh Putu Ayu Regapu’u"
    assert form.nik.text() == ""  # ready for the next person
