"""Every window and dialog on a 1366×768 screen (run by test_screens_fit.py in a process
whose offscreen screen is that size): each fits the free area with its title bar, and its
buttons show."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QScrollArea, QWidget

from models import enrolments as en
from models.officers import get_officer
from tests.helpers import fixed_clock, person
from ui.widgets.fit import FRAME, TASKBAR, TITLE_BAR

SCREEN = QRect(0, 0, 1366, 768)


def ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    out = []
    w = widget.parentWidget()
    while w is not None and w is not top:
        out.append(w)
        w = w.parentWidget()
    return out


def assert_fits(window: QWidget, name: str) -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen.geometry() == SCREEN, f"the screen is {screen.geometry()}, not 1366×768"
    window.show()
    QApplication.processEvents()
    outer_w = window.width() + 2 * FRAME
    outer_h = window.height() + TITLE_BAR + FRAME
    assert outer_w <= 1366 and outer_h <= 768 - TASKBAR, (
        f"{name}: {window.width()}×{window.height()} (with frame {outer_w}×{outer_h}) "
        "does not fit 1366×768 with a taskbar"
    )
    hint = window.minimumSizeHint()
    assert hint.height() <= window.height() and hint.width() <= window.width(), (
        f"{name}: its layout needs {hint.width()}×{hint.height()}"
    )
    inside = window.rect()
    for button in window.findChildren(QAbstractButton):
        scrolled = any(isinstance(p, QScrollArea) for p in ancestors(button, window))
        if button.isVisibleTo(window) and button.window() is window and not scrolled:
            spot = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
            assert inside.contains(spot), f"{name}: the button {button.text()!r} is cut off"


def dialogs(session, tasks, db, ref, event, officer, supervisor, data_dir):
    """One of each dialog, built as the window builds it."""
    from ui.screens.about_dialog import AboutDialog
    from ui.screens.card_batch import CardBatchDialog
    from ui.screens.check_card import CheckCardDialog
    from ui.screens.correction_dialog import CorrectionDialog
    from ui.screens.event_dialog import EventDialog
    from ui.screens.export_dialog import ExportDialog
    from ui.screens.help_dialog import HelpDialog
    from ui.screens.import_dialog import ImportDialog
    from ui.screens.officers_screen import AddOfficerDialog, ResetPassphraseDialog
    from ui.screens.pay_dialog import PayDialog
    from ui.screens.print_preview import card_preview, receipt_preview, report_preview
    from ui.screens.record_view import RecordDialog
    from ui.screens.register_dialog import RegisterDialog
    from ui.screens.report_dialogs import DAY_CLOSE_REPORT, EVENT_REPORT, STATEMENT, ReportDialog
    from ui.screens.settings_dialog import SettingsDialog
    from ui.screens.sign_in import SignInDialog
    from ui.screens.void_dialog import VoidDialog
    from ui.widgets.approval import ApprovalDialog

    saved = en.enrol(db, ref, event.id, person(), officer, fixed_clock)
    record = RecordDialog(session, saved.enrolment_id)
    assert record.enrolment is not None
    payment = record.enrolment.payments[0]
    yield "record", record
    yield "correction", CorrectionDialog(session, record.enrolment)
    yield "void", VoidDialog(session, payment)
    yield "pay", PayDialog(session, saved.enrolment_id)
    yield "receipt preview", receipt_preview(session, saved.receipt_number or "")
    yield "card preview", card_preview(session, saved.enrolment_id)
    yield "new event", EventDialog(session)
    yield "event correction", EventDialog(session, None, event)
    yield "card batch", CardBatchDialog(session, tasks)
    yield "check card", CheckCardDialog(session)
    yield "import", ImportDialog(session, tasks)
    yield "export", ExportDialog(session, tasks)
    yield "settings", SettingsDialog(session)
    yield "about", AboutDialog(data_dir)
    yield "help", HelpDialog()
    for kind in (DAY_CLOSE_REPORT, EVENT_REPORT, STATEMENT):
        report = ReportDialog(session, tasks, kind)
        yield kind, report
    report = ReportDialog(session, tasks, EVENT_REPORT)
    report.show_report()  # InlineTasks: made at once
    assert report.pdf is not None
    yield "report preview", report_preview(session, report.pdf, "Laporan", "laporan.pdf")
    yield "register", RegisterDialog(session, tasks, register=lambda *a: None)
    yield "add officer", AddOfficerDialog(session)
    officer_row = get_officer(db, officer)
    yield "reset passphrase", ResetPassphraseDialog(session, officer_row)
    yield "approval", ApprovalDialog(session, "Setujui", "Teks", lambda _a: None)
    yield "sign in", SignInDialog(db=db, current=officer_row, data_dir=data_dir)


def check_the_main_window_and_every_screen_fit(qtbot, session, tasks):
    from ui.main_window import MainWindow

    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    for title, screen in window.screens:
        window.show_screen(screen)
        assert_fits(window, f"the main window on {title}")
    # Save, and the amount to read out, stay in view however long the form: outside its
    # scroll area, so assert_fits saw them whole.
    form = window.form
    for always in (form.save_button, form.summary):
        assert not any(isinstance(p, QScrollArea) for p in ancestors(always, window))


def check_every_dialog_fits(qtbot, session, tasks, db, ref, event, officer, supervisor,
                            data_dir):
    for name, dialog in dialogs(session, tasks, db, ref, event, officer, supervisor, data_dir):
        qtbot.addWidget(dialog)
        assert isinstance(dialog, QDialog)
        assert_fits(dialog, name)
        dialog.close()
