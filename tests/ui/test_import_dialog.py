"""The import and export dialogs over a real database (offscreen): exact reports of made-up
partner lists, the saved report, cancel, plain errors, and one run on the real thread pool.
Every person here is invented; file dialogs are never opened (paths are injected)."""

from __future__ import annotations

import csv
import errno
import os
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import services.imports as imports_service
from models.events import close_event, create_event
from models.exports import COLUMNS as EXPORT_COLUMNS
from models.imports import CHUNK
from models.messages import text
from tests.helpers import fixed_clock
from tests.models.helpers_import import COLUMNS, MADIUN, make_nik, person, write_csv, write_xlsx
from ui.screens.export_dialog import ExportDialog
from ui.screens.import_dialog import ImportDialog
from ui.tasks import Tasks

AGUS = make_nik(MADIUN, date(1990, 8, 17), False, 1)
DEWI = make_nik(MADIUN, date(1985, 3, 2), True, 2)
YUNI = make_nik(MADIUN, date(1995, 12, 31), True, 3)
RUDI = make_nik(MADIUN, date(1979, 1, 5), False, 4)


def good_rows() -> list[dict[str, Any]]:
    return [
        person(AGUS, "Agus Santoso", "17/08/1990", "L"),
        person(DEWI, "Dewi Lestari", "02-03-1985", "P", heir_relationship="suami"),
    ]


def mixed_file(folder: Path) -> Path:
    """Rows 2 and 3 good; 4 an unreadable date; 5 repeats row 2's NIK; 6 two errors."""
    rows = [
        *good_rows(),
        person(YUNI, "Yuni Astuti", "31/13/1995", "P"),
        person(AGUS, "Agus Santoso", "17/08/1990", "L"),
        person(
            RUDI,
            "Rudi Hartono",
            "05/01/1979",
            "L",
            declared_income="500000",
            heir_name="",
            heir_relationship="",
        ),
    ]
    path = folder / "daftar-warteg.csv"
    write_csv(path, COLUMNS, COLUMNS, rows, delimiter=";", bom=True)
    return path


def expected_lines() -> list[tuple[str, str, str, str, str]]:
    """(row, kind, field, code, message) as the table and the saved report show them."""
    return [
        ("4", "rejected", "birth_date", "date_invalid", text("date_invalid", "id")),
        (
            "5",
            "duplicate",
            "nik",
            "duplicate_in_file",
            text("duplicate_in_file", "id", first_row=2),
        ),
        (
            "6",
            "rejected",
            "declared_income",
            "income_too_low",
            text("income_too_low", "id", minimum=1_000_000),
        ),
        ("6", "rejected", "heir_name", "heir_required", text("heir_required", "id")),
    ]


def open_dialog(qtbot: Any, session: Any, tasks: Any) -> ImportDialog:
    dialog = ImportDialog(session, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def table_rows(dialog: ImportDialog) -> list[tuple[str, ...]]:
    t = dialog.table
    return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]


def enrolment_count(db: Any) -> int:
    return int(db.execute("SELECT COUNT(*) FROM enrolments").fetchone()[0])


def run_import(dialog: ImportDialog, path: Path) -> None:
    dialog.path_edit.setText(str(path))
    dialog.import_button.click()


# ------------------------------------------------------------------ enrolment lists


def test_good_and_bad_rows_give_exact_counts_and_a_table_row_per_problem(
    qtbot, session, tasks, db, tmp_path
):
    dialog = open_dialog(qtbot, session, tasks)
    assert dialog.enrolment_radio.isChecked()
    assert "Sosialisasi Pasar Besar" in dialog.event_label.text()
    saved = []
    session.changed.connect(lambda: saved.append(True))

    run_import(dialog, mixed_file(tmp_path))

    assert dialog.summary_label.text() == "2 disimpan, 1 duplikat, 2 ditolak"
    kinds = {"rejected": "ditolak", "duplicate": "duplikat"}
    assert table_rows(dialog) == [
        (row, kinds[kind], field, code, message)
        for row, kind, field, code, message in expected_lines()
    ]
    assert enrolment_count(db) == 2
    assert saved == [True]
    assert not dialog.is_running
    assert dialog.save_button.isEnabled() and dialog.close_button.isEnabled()
    assert not dialog.progress_bar.isVisible()
    assert dialog.progress_label.text() == "5 baris dibaca"


def test_saved_report_is_utf8_csv_with_bom_and_one_line_per_problem(
    qtbot, session, tasks, tmp_path
):
    dialog = open_dialog(qtbot, session, tasks)
    run_import(dialog, mixed_file(tmp_path))
    out = tmp_path / "laporan"
    dialog.ask_save_path = lambda: str(out)  # instead of the file dialog

    dialog.save_button.click()

    saved = tmp_path / "laporan.csv"
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    # The header and kinds in the interface's language (Indonesian here); codes stay codes.
    assert lines[0] == ["Baris", "Jenis", "Kolom", "Kode", "Keterangan"]
    kinds = {"rejected": "ditolak", "duplicate": "duplikat"}
    assert [tuple(line) for line in lines[1:]] == [
        (row, kinds[kind], field, code, message)
        for row, kind, field, code, message in expected_lines()
    ]
    assert str(saved) in dialog.message_label.text()


def test_cancelled_save_dialog_writes_nothing(qtbot, session, tasks, tmp_path):
    dialog = open_dialog(qtbot, session, tasks)
    run_import(dialog, mixed_file(tmp_path))
    before = sorted(tmp_path.iterdir())
    dialog.ask_save_path = lambda: ""
    dialog.save_button.click()
    assert sorted(tmp_path.iterdir()) == before


def test_second_import_of_the_same_file_reports_every_row_as_duplicate(
    qtbot, session, tasks, db, tmp_path
):
    path = tmp_path / "daftar.xlsx"
    write_xlsx(path, COLUMNS, COLUMNS, good_rows())
    dialog = open_dialog(qtbot, session, tasks)
    run_import(dialog, path)
    assert dialog.summary_label.text() == "2 disimpan, 0 duplikat, 0 ditolak"
    saved = []
    session.changed.connect(lambda: saved.append(True))

    dialog.import_button.click()

    assert dialog.summary_label.text() == "0 disimpan, 2 duplikat, 0 ditolak"
    rows = table_rows(dialog)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("2", "duplikat", "nik", "duplicate_in_device"),
        ("3", "duplikat", "nik", "duplicate_in_device"),
    ]
    assert enrolment_count(db) == 2
    assert saved == []  # nothing new: the other screens need not re-read


def test_missing_required_column_is_a_plain_message_and_saves_nothing(
    qtbot, session, tasks, db, tmp_path
):
    path = tmp_path / "tanpa-ibu.csv"
    headers = [c for c in COLUMNS if c != "mother_maiden_name"]
    write_csv(path, headers, headers, good_rows())
    dialog = open_dialog(qtbot, session, tasks)
    finished = []
    dialog.import_finished.connect(finished.append)

    run_import(dialog, path)

    assert dialog.message_label.text() == text(
        "columns_missing", "id", columns="mother_maiden_name"
    )
    assert "Traceback" not in dialog.message_label.text()
    assert finished == [None]
    assert enrolment_count(db) == 0
    assert dialog.table.rowCount() == 0
    assert not dialog.save_button.isEnabled()
    assert dialog.import_button.isEnabled() and not dialog.is_running


def test_missing_file_is_a_plain_message(qtbot, session, tasks, tmp_path):
    dialog = open_dialog(qtbot, session, tasks)
    run_import(dialog, tmp_path / "tidak-ada.csv")
    assert dialog.message_label.text() == text("file_not_found", "id", path="tidak-ada.csv")


def test_browse_button_puts_the_chosen_path_in_the_line_edit(qtbot, session, tasks, tmp_path):
    dialog = open_dialog(qtbot, session, tasks)
    dialog.ask_open_path = lambda: str(tmp_path / "daftar.csv")
    dialog.browse_button.click()
    assert dialog.path_edit.text() == str(tmp_path / "daftar.csv")
    dialog.ask_open_path = lambda: ""  # the officer cancelled the file dialog
    dialog.browse_button.click()
    assert dialog.path_edit.text() == str(tmp_path / "daftar.csv")


def test_cancel_after_the_first_chunk_keeps_only_that_chunk(qtbot, session, tasks, db, tmp_path):
    born = date(1990, 8, 17)
    total = CHUNK + 300
    rows = [
        person(make_nik(MADIUN, born, False, n), "Bambang Pamungkas", "17/08/1990", "L")
        for n in range(1, total + 1)
    ]
    path = tmp_path / "daftar-besar.csv"
    write_csv(path, COLUMNS, COLUMNS, rows)
    dialog = open_dialog(qtbot, session, tasks)
    reported: list[int] = []

    def cancel_on_first_chunk(rows_read: int) -> None:
        reported.append(rows_read)
        assert dialog.is_running and dialog.cancel_button.isEnabled()
        assert dialog.progress_label.text() == f"{rows_read} baris dibaca"
        dialog.cancel_button.click()  # what the officer does

    dialog.rows_read.connect(cancel_on_first_chunk)
    run_import(dialog, path)

    assert reported == [CHUNK]
    assert enrolment_count(db) == CHUNK
    assert dialog.report is not None and dialog.report.cancelled
    assert dialog.summary_label.text() == f"{CHUNK} disimpan, 0 duplikat, 0 ditolak"
    assert "dibatalkan" in dialog.message_label.text()
    assert "tetap tersimpan" in dialog.message_label.text()


# ------------------------------------------------------------------ which list, which target


def test_enrolment_list_is_disabled_without_an_event(qtbot, session, tasks):
    session.set_event(None)
    dialog = open_dialog(qtbot, session, tasks)
    assert not dialog.enrolment_radio.isEnabled()
    assert dialog.eligibility_radio.isChecked()
    assert "Belum ada acara" in dialog.event_label.text()


def test_enrolment_list_is_disabled_for_a_closed_event(qtbot, session, tasks, db, officer):
    closed = close_event(db, session.event.id, officer, clock=fixed_clock)
    session.set_event(closed)
    dialog = open_dialog(qtbot, session, tasks)
    assert not dialog.enrolment_radio.isEnabled()
    assert not dialog.enrolment_radio.isChecked()
    assert "sudah ditutup" in dialog.event_label.text()


def test_closing_the_event_while_the_dialog_is_open_disables_the_enrolment_list(
    qtbot, session, tasks, db, officer
):
    dialog = open_dialog(qtbot, session, tasks)
    assert dialog.enrolment_radio.isEnabled()
    session.set_event(close_event(db, session.event.id, officer, clock=fixed_clock))
    assert not dialog.enrolment_radio.isEnabled()
    assert dialog.eligibility_radio.isChecked()


def test_eligibility_list_goes_to_the_chosen_scheme(qtbot, session, tasks, db, tmp_path):
    path = tmp_path / "dtks.csv"
    rows = [
        {"nik": AGUS, "full_name": "Agus Santoso"},
        {"nik": "3.57701E+15", "full_name": "Sri Rahayu"},
        {"nik": AGUS, "full_name": "Agus Santoso"},
    ]
    write_csv(path, ["nik", "full_name"], ["nik", "full_name"], rows)
    dialog = open_dialog(qtbot, session, tasks)
    dialog.eligibility_radio.setChecked(True)
    assert dialog.scheme_combo.isEnabled()
    dialog.scheme_combo.setCurrentIndex(dialog.scheme_combo.findData("SIAGA-KITA-MADIUN"))

    run_import(dialog, path)

    assert dialog.summary_label.text() == "1 disimpan, 1 duplikat, 1 ditolak"
    assert [r[:4] for r in table_rows(dialog)] == [
        ("3", "ditolak", "nik", "number_mangled"),
        ("4", "duplikat", "nik", "duplicate_in_file"),
    ]
    assert db.execute("SELECT scheme_code, nik FROM eligibility").fetchall() == [
        ("SIAGA-KITA-MADIUN", AGUS)
    ]


# ------------------------------------------------------------------ the real thread pool


def test_real_tasks_run_the_import_off_the_gui_thread_and_refuse_closing_meanwhile(
    qtbot, session, db, tmp_path, monkeypatch
):
    gui_thread = threading.get_ident()
    threads: dict[str, int] = {}
    gate = threading.Event()
    real_import = imports_service.import_enrolments

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads["work"] = threading.get_ident()
        assert gate.wait(10), "the test never let the import go on"
        return real_import(*args, **kwargs)

    monkeypatch.setattr(imports_service, "import_enrolments", spy)
    tasks = Tasks()
    dialog = open_dialog(qtbot, session, tasks)
    dialog.import_finished.connect(lambda _r: threads.setdefault("done", threading.get_ident()))
    try:
        run_import(dialog, mixed_file(tmp_path))
        # The GUI thread is free while the import waits: the dialog stays up and refuses
        # to close.
        qtbot.waitUntil(lambda: "work" in threads)
        assert dialog.is_running and dialog.progress_bar.isVisible()
        assert not dialog.close_button.isEnabled()
        dialog.close()
        dialog.reject()
        assert dialog.isVisible()
        assert "masih berjalan" in dialog.message_label.text()
    finally:
        gate.set()
        qtbot.waitUntil(lambda: not dialog.is_running, timeout=15_000)
        tasks.wait()

    assert threads["work"] != gui_thread
    assert threads["done"] == gui_thread
    assert dialog.summary_label.text() == "2 disimpan, 1 duplikat, 2 ditolak"
    assert len(table_rows(dialog)) == len(expected_lines())
    assert enrolment_count(db) == 2  # the GUI's own connection sees the worker's rows
    dialog.close()
    assert not dialog.isVisible()


# ------------------------------------------------------------------ export


@pytest.fixture
def imported(session, tasks, db, ref, officer, tmp_path) -> None:
    """The event holds Agus and Dewi; another event holds Yuni, who must not be exported."""
    dialog = ImportDialog(session, tasks)
    run_import(dialog, mixed_file(tmp_path))
    other = create_event(
        db,
        ref,
        name="Sosialisasi Pasar Sleko",
        starts_on=date(2026, 11, 22),
        ends_on=date(2026, 11, 22),
        location="Pasar Sleko",
        region_code="35.77.01",
        officer_id=officer,
        clock=fixed_clock,
    )
    first = session.event
    session.set_event(other)
    path = tmp_path / "lain.csv"
    write_csv(path, COLUMNS, COLUMNS, [person(YUNI, "Yuni Astuti", "31/12/1995", "P")])
    run_import(dialog, path)
    assert dialog.summary_label.text().startswith("1 disimpan")
    session.set_event(first)
    dialog.deleteLater()


def approved_export(qtbot, session, tasks) -> ExportDialog:
    """An export dialog with the supervisor's passphrase typed: exports need approval."""
    dialog = ExportDialog(session, tasks)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("kopi-tubruk-88")
    return dialog


@pytest.mark.usefixtures("imported", "supervisor")
def test_export_dialog_writes_a_csv_of_the_events_rows(qtbot, session, tasks, tmp_path, db):
    dialog = approved_export(qtbot, session, tasks)
    dialog.show()
    assert "Sosialisasi Pasar Besar" in dialog.event_label.text()
    assert dialog.supervisor.currentData() == "budi.s"
    dialog.path_edit.setText(str(tmp_path / "ekspor"))

    dialog.export_button.click()

    out = tmp_path / "ekspor.csv"
    assert dialog.written_to == out and dialog.rows_written == 2
    assert dialog.message_label.text() == f"2 pendaftaran diekspor ke {out}."
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert sorted((r["nik"], r["full_name"]) for r in rows) == sorted(
        [(AGUS, "Agus Santoso"), (DEWI, "Dewi Lestari")]
    )
    assert [p.name for p in tmp_path.iterdir() if ".partial" in p.name] == []
    assert dialog.passphrase.text() == ""
    # Who exported, and which supervisor approved it.
    actions = db.execute(
        "SELECT officer_id, action, detail FROM audit WHERE record_type = 'event' "
        "AND action IN ('export', 'approve') ORDER BY id"
    ).fetchall()
    assert [(o, a) for o, a, _ in actions] == [("sari", "export"), ("budi.s", "approve")]
    assert '"action": "export"' in actions[1][2]


@pytest.mark.usefixtures("imported", "supervisor")
def test_export_needs_the_supervisors_passphrase(qtbot, session, tasks, tmp_path):
    dialog = ExportDialog(session, tasks)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "ekspor.csv"))
    dialog.passphrase.setText("salah-sandi-1")
    dialog.export_button.click()
    assert dialog.message_label.text() == "Kata sandi supervisor salah. Tidak diekspor."
    assert not (tmp_path / "ekspor.csv").exists()
    assert dialog.rows_written is None and dialog.passphrase.text() == ""


@pytest.mark.usefixtures("imported")
def test_export_without_a_supervisor_cannot_be_approved(qtbot, session, tasks):
    dialog = ExportDialog(session, tasks)
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()
    assert "Belum ada supervisor aktif" in dialog.message_label.text()


@pytest.mark.usefixtures("imported", "supervisor")
def test_export_dialog_writes_xlsx_when_chosen(qtbot, session, tasks, tmp_path):
    dialog = approved_export(qtbot, session, tasks)
    dialog.path_edit.setText(str(tmp_path / "ekspor.csv"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".xlsx"))
    assert dialog.path_edit.text() == str(tmp_path / "ekspor.xlsx")

    dialog.export_button.click()

    wb = load_workbook(tmp_path / "ekspor.xlsx", read_only=True)
    try:
        values = list(wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()
    assert list(values[0]) == list(EXPORT_COLUMNS)
    assert len(values) == 3


@pytest.mark.usefixtures("supervisor")
def test_export_with_the_real_thread_pool(qtbot, session, tmp_path):
    tasks = Tasks()
    dialog = approved_export(qtbot, session, tasks)
    dialog.ask_save_path = lambda: str(tmp_path / "kosong.csv")
    with qtbot.waitSignal(dialog.export_finished, timeout=15_000) as blocker:
        dialog.export_button.click()
    tasks.wait()
    assert blocker.args == [0]
    assert (tmp_path / "kosong.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not dialog.is_running and dialog.close_button.isEnabled()


@pytest.mark.usefixtures("supervisor")
def test_export_error_is_a_plain_message(qtbot, session, tasks, tmp_path):
    dialog = approved_export(qtbot, session, tasks)
    dialog.path_edit.setText(str(tmp_path / "tidak-ada" / "ekspor.csv"))
    dialog.export_button.click()
    reason = os.strerror(errno.ENOENT)
    assert dialog.message_label.text() == text("file_problem", "id", reason=reason)
    assert "Traceback" not in dialog.message_label.text()
    assert dialog.rows_written is None


def test_export_is_disabled_without_an_event(qtbot, session, tasks):
    session.set_event(None)
    dialog = ExportDialog(session, tasks)
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()
    assert "Belum ada acara" in dialog.event_label.text()


def test_cancel_takes_effect_within_a_second_even_when_no_row_is_saved(
    qtbot, session, db, tmp_path, monkeypatch
):
    """A long list of bad rows writes no chunk at all: Batal still stops the import at once
    (measured where the import itself ends, so a busy machine's slow repaint does not
    count), and the report covers exactly the rows read."""
    born = date(1990, 8, 17)
    rows = [
        person(make_nik(MADIUN, born, False, n), "Bambang Pamungkas", "17/08/1990", "L",
               declared_income="500000")
        for n in range(1, 80_001)
    ]  # fmt: skip
    path = tmp_path / "daftar-buruk.csv"
    write_csv(path, COLUMNS, COLUMNS, rows)
    ended: list[float] = []
    real_import = imports_service.import_enrolments

    def timed(*args: Any, **kwargs: Any) -> Any:
        try:
            return real_import(*args, **kwargs)
        finally:
            ended.append(time.monotonic())

    monkeypatch.setattr(imports_service, "import_enrolments", timed)
    tasks = Tasks()
    dialog = open_dialog(qtbot, session, tasks)
    try:
        run_import(dialog, path)
        qtbot.wait(500)
        assert dialog.is_running
        clicked = time.monotonic()
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: not dialog.is_running, timeout=30_000)
    finally:
        tasks.wait()
    took = ended[0] - clicked
    assert took < 1.0, f"cancel took {took:.2f} s"
    report = dialog.report
    assert report is not None and report.cancelled
    assert 0 < report.rejected_count == report.rows < len(rows)
    assert enrolment_count(db) == 0
