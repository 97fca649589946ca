"""Sigap's name, version and icon on the application, so every window shows them, and a
keyboard focus that can be seen on every kind of field, box and button (`FocusRing`)."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImageReader, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFocusFrame,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

from models.version import NAME, app_version

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
FOCUS_COLOUR = QColor("#0b6e33")  # the icon's dark green
FOCUS_WIDTH = 2
FOCUS_MARGIN = 3  # the ring's outer edge from the widget's edge, in pixels


class _RingMetrics(QProxyStyle):
    """The room QFocusFrame leaves around its widget, the same in every platform style;
    and the ring drawn above the widget's neighbours, in the window (or the scrolled area)
    rather than inside the widget's parent, which would cut it off at a parent's edge."""

    def styleHint(  # noqa: N802 (Qt name)
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # noqa: N803 (Qt name)
    ) -> int:
        if hint == QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1
        return super().styleHint(hint, option, widget, returnData)

    def pixelMetric(  # noqa: N802 (Qt name)
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric in (
            QStyle.PixelMetric.PM_FocusFrameHMargin,
            QStyle.PixelMetric.PM_FocusFrameVMargin,
        ):
            return FOCUS_MARGIN
        return super().pixelMetric(metric, option, widget)


class _Ring(QFocusFrame):
    """A 2-pixel frame in the brand colour just outside the widget that has the keyboard.
    QFocusFrame keeps it on the widget as it moves, resizes, hides or scrolls, above its
    neighbours and transparent to the mouse; the widget itself is drawn as its style draws
    it, so no field changes size or look when the focus arrives."""

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(FOCUS_COLOUR, FOCUS_WIDTH))
        half = FOCUS_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 3, 3)
        painter.end()


class FocusRing(QObject):
    """Follows the application's keyboard focus with one `_Ring`: on every widget that
    takes the focus by Tab (fields, drop-downs, dates, boxes, buttons, lists, tables), in
    every window, Qt's own dialogs included. Native look, platform and style do not
    matter: the default focus cues of some styles are a thin line a newcomer cannot see."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.metrics = _RingMetrics()
        self.ring: _Ring | None = None
        app.focusChanged.connect(self._moved)
        self._moved(None, app.focusWidget())

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        ring = self.ring if self.ring is not None and shiboken6.isValid(self.ring) else None
        if new is None or not self.wants_ring(new):
            if ring is not None:
                ring.setWidget(None)  # type: ignore[arg-type]  # Qt takes none: no widget
            return
        if ring is None:
            # Made with a parent, so Qt owns it: it goes with that window, and a new one
            # is made for the next.
            ring = self.ring = _Ring(new.window())
            ring.setStyle(self.metrics)
        ring.setWidget(new)

    def stop(self) -> None:
        """No ring any more (tests; the application itself keeps its ring to the end)."""
        app = self.parent()
        assert isinstance(app, QApplication)
        app.focusChanged.disconnect(self._moved)
        if self.ring is not None and shiboken6.isValid(self.ring):
            self.ring.setWidget(None)  # type: ignore[arg-type]  # Qt takes none: no widget
            self.ring.deleteLater()
        self.ring = None
        self.setParent(None)

    @staticmethod
    def wants_ring(widget: QWidget) -> bool:
        return (
            not widget.isWindow()
            and widget.parentWidget() is not None
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        )


def app_icon() -> QIcon:
    """The icon from its SVG (sharp at any size), with the PNG as the fallback when the SVG
    image plugin is missing."""
    if b"svg" in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
        return QIcon(str(ICONS / "sigap.svg"))
    return QIcon(str(ICONS / "sigap.png"))


def brand(app: QApplication) -> None:
    """Name, version, desktop file name and window icon of the whole application: every
    window and dialog opened after this shows the icon. Every dialog is Qt's own, never
    the system's: a system dialog speaks the system's language, Qt's speaks Sigap's
    (ui/qt_texts.py). (Windows keeps its own print dialog whatever this says.)"""
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    app.setApplicationName(NAME)
    app.setApplicationVersion(app_version())
    app.setDesktopFileName("sigap")  # packaging/sigap.desktop, for Wayland and task bars
    app.setWindowIcon(app_icon())
    if not any(isinstance(c, FocusRing) for c in app.children()):
        FocusRing(app)
