"""Windows and dialogs that fit the laptops officers have (1366×768 with a taskbar), and
remember where the officer put them.

`fit(window, width, height, data_dir)` gives a window its preferred size, never more than
the screen's free area leaves once the title bar is counted, and puts back the size and
place it had last time (kept in `window.ini` in the data folder: no personal data, only
rectangles). Forms taller than that scroll (`scrolling`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QWidget

# The smallest screen Sigap is made for, less a taskbar, and what a title bar and frame take.
SMALLEST_SCREEN = QSize(1366, 768)
TASKBAR = 48
TITLE_BAR = 32
FRAME = 8


def free_area(widget: QWidget | None = None) -> QRect:
    """Where a window may go: the screen's available geometry (taskbars excluded), never
    more than the smallest screen Sigap is made for."""
    screen = QGuiApplication.primaryScreen()  # the one windows open on
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 0, 0)
    small = QRect(0, 0, SMALLEST_SCREEN.width(), SMALLEST_SCREEN.height() - TASKBAR)
    if area.isEmpty():
        return small
    return QRect(
        area.x(),
        area.y(),
        min(area.width(), small.width()),
        min(area.height(), small.height()),
    )


def largest_client_size(widget: QWidget | None = None) -> QSize:
    """The largest window content that still shows whole, title bar and frame included."""
    area = free_area(widget)
    return QSize(area.width() - 2 * FRAME, area.height() - TITLE_BAR - FRAME)


class _Remember(QObject):
    """Saves a window's geometry when it is closed (a dialog: when it finishes), never from
    a Hide event (one comes while a widget is being destroyed). A child of the window with
    no Python state (Qt may reach it through a fresh wrapper): what to save where is on the
    window itself, as properties."""

    def save(self, window: QWidget) -> None:
        path, key = window.property(_FILE), window.property(_KEY)
        if path and key:
            settings = QSettings(str(path), QSettings.Format.IniFormat)
            settings.setValue(str(key), window.saveGeometry())
            settings.sync()

    def finished(self) -> None:
        sender = self.sender()
        if isinstance(sender, QWidget):
            self.save(sender)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Close and isinstance(watched, QWidget):
            self.save(watched)
        return False


_FILE, _KEY = "sigap_geometry_file", "sigap_geometry_key"


def settings_for(data_dir: Path | None) -> QSettings | None:
    if data_dir is None:
        return None
    return QSettings(str(Path(data_dir) / "window.ini"), QSettings.Format.IniFormat)


def fit(window: QWidget, width: int, height: int, data_dir: Path | None = None) -> None:
    """Size `window` to width×height within the free area, put back the size and place it
    had last time (when that still fits), and remember them when it closes."""
    largest = largest_client_size(window)
    window.setMaximumSize(16777215, 16777215)
    window.resize(min(width, largest.width()), min(height, largest.height()))
    settings = settings_for(data_dir)
    if settings is None:
        return
    key = f"geometry/{window.objectName() or type(window).__name__}"
    saved = settings.value(key)
    if isinstance(saved, QByteArray | bytes) and window.restoreGeometry(QByteArray(saved)):
        if window.width() > largest.width() or window.height() > largest.height():
            window.resize(
                min(window.width(), largest.width()), min(window.height(), largest.height())
            )
    window.setProperty(_FILE, settings.fileName())
    window.setProperty(_KEY, key)
    remember = _Remember(window)
    window.installEventFilter(remember)
    if isinstance(window, QDialog):
        window.finished.connect(remember.finished)


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: a form taller than the screen scrolls, its
    buttons (outside the area) stay in view."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
