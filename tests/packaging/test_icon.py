"""The application icon: its three files agree, and every window shows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from models.version import app_version
from ui.branding import ICONS, app_icon, brand

ROOT = Path(__file__).resolve().parents[2]


def test_icon_files_are_there_and_readable(qapp: QApplication) -> None:
    for name in ("sigap.svg", "sigap.png", "sigap.ico"):
        assert (ICONS / name).stat().st_size > 0, name
    png = QImage(str(ICONS / "sigap.png"))
    assert (png.width(), png.height()) == (256, 256)
    assert (ICONS / "sigap.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert not app_icon().pixmap(32).isNull()


def test_every_window_gets_the_icon(qapp: QApplication) -> None:
    before = (qapp.windowIcon(), qapp.applicationName(), qapp.applicationVersion(),
              qapp.desktopFileName())  # fmt: skip
    try:
        brand(qapp)
        assert qapp.applicationVersion() == app_version()
        widget = QWidget()
        assert not widget.windowIcon().isNull()
        assert widget.windowIcon().cacheKey() == qapp.windowIcon().cacheKey()
        widget.deleteLater()
    finally:
        qapp.setWindowIcon(before[0])
        qapp.setApplicationName(before[1])
        qapp.setApplicationVersion(before[2])
        qapp.setDesktopFileName(before[3])


def test_desktop_file_names_the_program() -> None:
    text = (ROOT / "packaging" / "sigap.desktop").read_text()
    assert "Name=Sigap" in text and "Icon=sigap" in text and "Exec=" in text
