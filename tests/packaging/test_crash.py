"""An unexpected error in the window: logged with its traceback, a plain dialog with a copy
button whose details hold no personal data, and the form keeps what was typed."""

from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from services import applog
from tests.ui.test_enrolment_form import make_form, type_into
from ui.crash import CrashDialog, install_crash_handlers, uninstall_crash_handlers

NIK = "3577014101920012"
NAME = "Kartika Dewi Lestari"


def close_dialogs_as_they_open(reporter, seen: list[dict[str, str]]) -> QTimer:
    """Inside the dialog's own event loop: read it, press copy, close it."""
    timer = QTimer()

    def look() -> None:
        dialog = reporter.dialog
        if dialog is None or not dialog.isVisible():
            return
        dialog.copy.click()
        seen.append({"message": dialog.message.text(), "details": dialog.details,
                     "clipboard": QGuiApplication.clipboard().text(),
                     "title": dialog.windowTitle()})  # fmt: skip
        dialog.reject()

    timer.timeout.connect(look)
    timer.start(20)
    return timer


def test_an_error_in_a_slot_shows_the_dialog_and_the_form_keeps_its_data(
    qtbot, session, tasks, tmp_path
) -> None:
    log_file = applog.start_logging(tmp_path / "logs")
    reporter = install_crash_handlers()
    seen: list[dict[str, str]] = []
    timer = close_dialogs_as_they_open(reporter, seen)
    try:
        form = make_form(qtbot, session, tasks)
        type_into(qtbot, form.nik, NIK)
        type_into(qtbot, form.full_name, NAME)

        def broken_slot() -> None:
            raise RuntimeError(f"cannot show nik={NIK} '{NAME}'")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
        # the same error again at once: logged, no second dialog
        QTimer.singleShot(0, broken_slot)
        qtbot.wait(200)
        # an error in another thread reaches the dialog through the GUI thread
        worker = threading.Thread(target=lambda: 1 / 0, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    finally:
        timer.stop()
        uninstall_crash_handlers()
        applog.stop_logging()
    assert sys.excepthook is not None
    first = seen[0]
    assert first["message"].startswith("Terjadi kesalahan")
    assert str(log_file) in first["message"]
    assert first["clipboard"] == first["details"]
    assert "RuntimeError" in first["details"] and "Traceback" in first["details"]
    assert "ZeroDivisionError" in seen[1]["details"] and "thread worker" in seen[1]["details"]
    for shown in seen:
        assert NIK not in shown["details"] and "Kartika" not in shown["details"]
    # nothing typed was lost
    assert form.nik.text() == NIK and form.full_name.text() == NAME and form.isVisible()
    text = log_file.read_text(encoding="utf-8")
    assert text.count("RuntimeError") >= 2 and "ZeroDivisionError" in text
    assert NIK not in text and "Kartika" not in text


def test_a_critical_qt_message_goes_to_the_log(qtbot, tmp_path) -> None:
    from ui import crash

    log_file = applog.start_logging(tmp_path / "logs")
    shown: list[str] = []
    crash._reporter.clear()
    try:
        crash._reporter.append(crash.CrashReporter())
        crash._reporter[0].show = shown.append  # type: ignore[method-assign]
        crash._reporter[0].error.disconnect()
        crash._reporter[0].error.connect(shown.append)
        from PySide6.QtCore import QMessageLogContext, QtMsgType

        crash._qt_message(QtMsgType.QtCriticalMsg, QMessageLogContext(), f"bad {NIK}")
        crash._qt_message(QtMsgType.QtWarningMsg, QMessageLogContext(), "a warning")
    finally:
        crash._reporter.clear()
        applog.stop_logging()
    text = log_file.read_text(encoding="utf-8")
    assert "ERROR qt" in text and "WARNING qt" in text and NIK not in text
    assert len(shown) == 1 and NIK not in shown[0]


def test_dialog_texts(qtbot, tmp_path) -> None:
    dialog = CrashDialog("details", tmp_path / "sigap.log")
    qtbot.addWidget(dialog)
    assert "Detail disimpan di" in dialog.message.text()
    assert logging.getLogger("sigap.crash") is not None
