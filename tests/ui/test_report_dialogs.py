"""The day closing, the event report and the sponsor statement from the window: a menu
entry with its shortcut, a small dialog that asks what the report needs (Enter moves on,
the default button makes it), the PDF made off the window's thread, then the print preview
with print and save. Every person here is made up."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

import ui.screens.report_dialogs as report_dialogs
from models import enrolments as en
from models.backup import DAY_CLOSE, list_backups
from models.errors import SigapError
from models.prints import prints_for
from tests.helpers import TODAY, fixed_clock, person, sponsored_event
from tests.ui.keyboard import Keyboard
from ui.main_window import MainWindow
from ui.screens.print_preview import PrintPreviewDialog
from ui.screens.report_dialogs import (
    DAY_CLOSE_REPORT,
    EVENT_REPORT,
    STATEMENT,
    ReportDialog,
    open_report,
)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def saved(db, ref, event, officer):
    return en.enrol(db, ref, event.id, person(), officer, fixed_clock)


@pytest.fixture
def warteg(db, ref, officer):
    """A sponsored event (Kowantara pays) with one enrolment."""
    ev = sponsored_event(db, ref, officer)
    en.enrol(db, ref, ev.id, person(nik="3577015708900002", occupation_code="K006"), officer,
             fixed_clock)  # fmt: skip
    return ev


def dialog_for(qtbot, session, tasks, kind: str) -> ReportDialog:
    dialog = ReportDialog(session, tasks, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# ---------------------------------------------------------------------- the menu


def test_the_desk_menu_has_the_three_reports_with_their_keys(qtbot, session, tasks, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(
        report_dialogs, "open_report", lambda kind, *_a, **_k: asked.append(kind)
    )
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    actions = {a.shortcut().toString(): a for a in window.actions()}
    assert actions["Ctrl+Shift+T"].text() == "Penutupan harian…"
    assert actions["Ctrl+Shift+L"].text() == "Laporan acara…"
    assert actions["Ctrl+Shift+R"].text() == "Rekapitulasi iuran sponsor…"
    for keys in ("Ctrl+Shift+T", "Ctrl+Shift+L", "Ctrl+Shift+R"):
        actions[keys].trigger()
    assert asked == [DAY_CLOSE_REPORT, EVENT_REPORT, STATEMENT]
    # No two actions of the window share a key.
    keys = [k.toString() for a in window.actions() for k in a.shortcuts()]
    assert len(keys) == len(set(keys))


# ---------------------------------------------------------------------- the day closing


def test_the_day_closing_by_keyboard_defaults_to_today(qtbot, session, tasks, data_dir, saved):
    dialog = dialog_for(qtbot, session, tasks, DAY_CLOSE_REPORT)
    assert dialog.windowTitle() == "Penutupan harian"
    assert dialog.day.date() == QDate(TODAY.year, TODAY.month, TODAY.day)
    assert dialog.day.maximumDate() == dialog.day.date()  # no closing of a day to come
    assert "Sari Wulandari" in dialog.officer.text()  # the officer signed in: their own day
    assert dialog.show_button.isDefault()
    keys = Keyboard(qtbot, dialog)
    assert dialog.focusWidget() is dialog.day
    keys.enter()
    assert dialog.focusWidget() is dialog.show_button  # Enter moved on
    keys.enter()
    assert dialog.result() == QDialog.DialogCode.Accepted
    text = pdf_text(dialog.pdf)
    assert "Penutupan Harian" in text and "Sari Wulandari" in text
    assert saved.receipt_number in text
    assert dialog.file_name == "penutupan-harian-sari-2026-11-22.pdf"
    # Closing the day keeps a copy of the database, as on the command line.
    assert [b.reason for b in list_backups(data_dir)] == [DAY_CLOSE]


def test_the_day_closing_of_another_day(qtbot, session, tasks, saved):
    dialog = dialog_for(qtbot, session, tasks, DAY_CLOSE_REPORT)
    dialog.day.setDate(QDate(2026, 11, 21))
    dialog.show_button.click()
    text = pdf_text(dialog.pdf)
    assert "21 November 2026" in text
    assert saved.receipt_number not in text  # taken on the 22nd


# ---------------------------------------------------------------------- the event report


def test_the_event_report_defaults_to_the_chosen_event(qtbot, session, tasks, db, ref, officer,
                                                        event, warteg):
    dialog = dialog_for(qtbot, session, tasks, EVENT_REPORT)
    assert dialog.windowTitle() == "Laporan acara"
    names = [dialog.event_box.itemText(i) for i in range(dialog.event_box.count())]
    assert len(names) == 2 and any("Acara Warteg" in n for n in names)
    assert dialog.event_box.currentData() == event.id
    keys = Keyboard(qtbot, dialog)
    assert dialog.focusWidget() is dialog.event_box
    keys.enter()
    keys.enter()
    assert dialog.result() == QDialog.DialogCode.Accepted
    text = pdf_text(dialog.pdf)
    assert "Laporan Acara" in text and "Sosialisasi Pasar Besar" in text
    assert dialog.file_name == f"laporan-acara-{event.id}.pdf"


# ---------------------------------------------------------------------- the statement


def test_the_statement_names_the_sponsor_of_the_event(qtbot, session, tasks, event, warteg):
    dialog = dialog_for(qtbot, session, tasks, STATEMENT)
    assert dialog.windowTitle() == "Rekapitulasi iuran sponsor"
    # Only events a sponsor pays for; the chosen event is self-paid, so the sponsored one.
    assert dialog.event_box.count() == 1
    assert dialog.event_box.currentData() == warteg.id
    assert "Kowantara" in dialog.sponsor.text()
    dialog.show_button.click()
    text = pdf_text(dialog.pdf)
    assert "Rekapitulasi Iuran Sponsor" in text and "Acara Warteg" in text
    assert dialog.file_name == f"rekapitulasi-sponsor-KOWANTARA-WARTEG-{warteg.id}.pdf"


def test_the_statement_defaults_to_the_chosen_sponsored_event(qtbot, session, tasks, db, ref,
                                                               officer, warteg):
    other = sponsored_event(db, ref, officer, name="Acara Pasar Ikan")
    session.set_event(other)
    dialog = dialog_for(qtbot, session, tasks, STATEMENT)
    assert dialog.event_box.count() == 2
    assert dialog.event_box.currentData() == other.id


def test_no_sponsored_event_says_so(qtbot, session, tasks, event):
    dialog = dialog_for(qtbot, session, tasks, STATEMENT)
    assert dialog.event_box.count() == 0
    assert not dialog.show_button.isEnabled()
    assert dialog.message.text() == "Belum ada acara yang iurannya dibayar sponsor."


def test_a_report_that_cannot_be_made_says_why(qtbot, session, tasks, event, monkeypatch):
    def refused(*_a, **_k):
        raise SigapError("event_unknown", event_id="x")

    monkeypatch.setattr(report_dialogs, "event_report_pdf", refused)
    dialog = dialog_for(qtbot, session, tasks, EVENT_REPORT)
    dialog.show_button.click()
    assert dialog.isVisible() and dialog.pdf is None
    assert dialog.message.text() == SigapError("event_unknown", event_id="x").message("id")
    assert dialog.show_button.isEnabled()


# ---------------------------------------------------------------------- off the thread


def test_the_report_is_made_off_the_windows_thread(qtbot, session, saved):
    from ui.tasks import Tasks

    tasks = Tasks()
    dialog = dialog_for(qtbot, session, tasks, EVENT_REPORT)
    dialog.show_button.click()
    assert not dialog.show_button.isEnabled()  # making it: the window stays usable
    assert dialog.message.text() == "Membuat laporan…"
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=30_000)
    assert tasks.wait()
    assert dialog.result() == QDialog.DialogCode.Accepted


# ---------------------------------------------------------------------- the preview


def test_the_report_opens_in_the_print_preview_and_prints(qtbot, session, tasks, db, saved,
                                                          tmp_path, monkeypatch):
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    monkeypatch.setattr(ReportDialog, "exec", lambda self: self.show_report() or self.result())
    shown: list[PrintPreviewDialog] = []
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    preview = open_report(EVENT_REPORT, session, tasks, window)
    assert preview is not None and shown == [preview]
    assert preview.windowTitle().startswith("Laporan Acara: Sosialisasi Pasar Besar")
    assert preview.page_count() >= 1
    assert preview.print_button.isDefault()
    out = tmp_path / "laporan.pdf"

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    preview.choose_printer = choose  # type: ignore[method-assign]
    assert preview.print_()
    assert len(PdfReader(out).pages) == preview.page_count()
    # Printed as images of the pages; the print job carries the report's own title.
    assert PdfReader(out).metadata.title == preview.windowTitle()
    # A report is no receipt or card: printing it logs no print of a record.
    assert prints_for(db, [saved.payment_id, saved.enrolment_id]) == []


def test_the_report_preview_saves_the_pdf(qtbot, session, tasks, saved, tmp_path, monkeypatch):
    monkeypatch.setattr(ReportDialog, "exec", lambda self: self.show_report() or self.result())
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda self: 0)
    preview = open_report(DAY_CLOSE_REPORT, session, tasks)
    assert preview is not None
    assert preview.file_name == "penutupan-harian-sari-2026-11-22.pdf"
    out = tmp_path / preview.file_name
    preview.choose_save_path = lambda: str(out)  # type: ignore[method-assign]
    assert preview.save()
    assert "Penutupan Harian" in pdf_text(out.read_bytes())


def test_cancelling_the_dialog_opens_no_preview(qtbot, session, tasks, monkeypatch):
    monkeypatch.setattr(ReportDialog, "exec", lambda self: self.reject() or self.result())
    opened: list[object] = []
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda self: opened.append(self) or 0)
    assert open_report(EVENT_REPORT, session, tasks) is None
    assert opened == []


def test_the_dialogs_speak_english(qtbot, session, tasks, event, warteg):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from tests.ui.test_translations import QM

    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        session.lang = "en"
        titles = [dialog_for(qtbot, session, tasks, k).windowTitle()
                  for k in (DAY_CLOSE_REPORT, EVENT_REPORT, STATEMENT)]  # fmt: skip
        dialog = dialog_for(qtbot, session, tasks, EVENT_REPORT)
        assert dialog.show_button.text() == "Show"
        dialog.show_button.click()
        assert "Event report" in pdf_text(dialog.pdf)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert titles == ["Day closing", "Event report", "Sponsor statement"]


def test_the_file_names_are_safe():
    assert report_dialogs.file_part("budi.s/01") == "budi.s-01"
    assert report_dialogs.file_part(str(date(2026, 1, 2))) == "2026-01-02"
    assert Path(report_dialogs.file_part("a\\b:c")).name == "a-b-c"


def test_a_locked_desk_makes_no_report(qtbot, session, tasks):
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    window.lock_desk()
    actions = {a.shortcut().toString(): a for a in window.actions()}
    for keys in ("Ctrl+Shift+T", "Ctrl+Shift+L", "Ctrl+Shift+R"):
        assert not actions[keys].isEnabled(), keys
