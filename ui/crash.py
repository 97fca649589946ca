"""When something goes wrong in the window: every unexpected error (an exception in a slot,
in any thread, or a critical message from Qt) goes to the log with its traceback, and the
officer sees a plain dialog saying where the details are, with a button that copies them
(without personal data) for support. The dialog closes nothing: the window, and whatever
is typed in the form, stay as they were."""

from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from services.applog import current_log_file, install_excepthooks, log_dir, redact

log = logging.getLogger("sigap.crash")
qt_log = logging.getLogger("qt")
QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
SAME_ERROR_QUIET_S = 30.0  # the same error again within this many seconds: logged only


class CrashDialog(QDialog):
    """ "Terjadi kesalahan…": where the details are, and a button to copy them."""

    def __init__(self, details: str, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle(self.tr("Sigap — terjadi kesalahan"))
        self.details = details
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                       .pixmap(48, 48))  # fmt: skip
        self.message = QLabel(
            self.tr(
                "Terjadi kesalahan yang tidak terduga. Sigap tetap terbuka dan data yang "
                "sudah diketik tidak hilang; simpan pekerjaan Anda seperti biasa.\n\n"
                "Detail disimpan di {path}. Jika kesalahan ini terulang, hubungi petugas TI "
                "cabang dan berikan detailnya."
            ).format(path=str(log_file))
        )
        self.message.setObjectName("crash_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(details)
        self.text.setObjectName("crash_details")
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        buttons = QDialogButtonBox()
        self.copy = QPushButton(self.tr("Salin detail"))
        self.copy.setObjectName("copy_details")
        self.show_details = QPushButton(self.tr("Lihat detail"))
        self.show_details.setCheckable(True)
        close = QPushButton(self.tr("Tutup"))
        close.setDefault(True)
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_details, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        self.copy.clicked.connect(self.copy_details)
        self.show_details.toggled.connect(self.text.setVisible)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(self.message)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(520, 220)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy.setText(self.tr("Detail tersalin"))


class CrashReporter(QObject):
    """Shows the dialog on the GUI thread, whichever thread the error came from; one at a
    time, and the same error not again for a while (an error in a paint would otherwise
    open dialogs forever)."""

    error = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.error.connect(self.show, Qt.ConnectionType.QueuedConnection)
        self.dialog: CrashDialog | None = None
        self._last: dict[str, float] = {}
        self.shown = 0

    def show(self, details: str) -> None:
        if QApplication.instance() is None or self.dialog is not None:
            return  # logged already; one dialog at a time
        key = details.strip().splitlines()[-1] if details.strip() else ""
        now = time.monotonic()
        if now - self._last.get(key, -SAME_ERROR_QUIET_S) < SAME_ERROR_QUIET_S:
            return
        self._last[key] = now
        self.dialog = CrashDialog(details, current_log_file() or log_dir(),
                                  QApplication.activeWindow())  # fmt: skip
        self.shown += 1
        try:
            self.dialog.exec()
        finally:
            self.dialog.deleteLater()
            self.dialog = None


_reporter: list[CrashReporter] = []
_previous: list[object] = []  # the hooks and the Qt handler before install, for uninstall


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own messages into the log (and to the terminal, as Qt does, when there is
    one); a critical or fatal one also to the dialog."""
    level = QT_LEVELS.get(mode, logging.WARNING)
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(level, "%s%s", message, where)
    stderr = sys.__stderr__
    if stderr is not None and level >= logging.WARNING:
        try:
            stderr.write(redact(message) + "\n")
        except (OSError, ValueError):
            pass
    if level >= logging.ERROR and _reporter:
        _reporter[0].error.emit(redact(f"Qt: {message}{where}"))


def install_crash_handlers() -> CrashReporter:
    """sys.excepthook, threading.excepthook and Qt's message handler to the log and the
    dialog. Call once, before the window starts."""
    if not _reporter:
        _reporter.append(CrashReporter())
    reporter = _reporter[0]
    if not _previous:
        _previous.extend([sys.excepthook, threading.excepthook])
    install_excepthooks(reporter.error.emit)
    previous_qt = qInstallMessageHandler(_qt_message)
    if len(_previous) == 2:
        _previous.append(previous_qt)
    return reporter


def uninstall_crash_handlers() -> None:
    """The hooks and Qt's handler as they were before install_crash_handlers()."""
    if _previous:
        sys.excepthook, threading.excepthook = _previous[0], _previous[1]  # type: ignore[assignment]
        qInstallMessageHandler(_previous[2] if len(_previous) > 2 else None)  # type: ignore[arg-type]
        _previous.clear()
