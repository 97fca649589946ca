"""Sigap's name, version and icon on the application, so every window shows them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImageReader
from PySide6.QtWidgets import QApplication

from models.version import NAME, app_version

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


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
