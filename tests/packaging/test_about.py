"""The About box: the version, the data and log folders, and a licence for every library
the desk's bundle carries (as uv.lock pins them)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from models.version import app_version
from tests.packaging.test_windows_wheels import _lock, runtime_packages
from ui.screens.about_dialog import DATA, LIBRARIES, AboutDialog


def test_about_shows_version_folders_and_licences(qtbot, tmp_path) -> None:
    dialog = AboutDialog(tmp_path / "desk")
    qtbot.addWidget(dialog)
    assert app_version() in dialog.findChild(type(dialog.where), "about_version").text()
    assert str(tmp_path / "desk") in dialog.where.text()
    html = dialog.licences.toPlainText()
    assert "DejaVu" in html and "LGPL-3.0" in html and "Apache-2.0" in html
    dialog.copy_facts()
    assert app_version() in QGuiApplication.clipboard().text()


def test_every_runtime_library_has_its_licence_listed() -> None:
    missing = sorted(set(runtime_packages(_lock())) - set(LIBRARIES))
    assert not missing, f"add to LIBRARIES in ui/screens/about_dialog.py: {missing}"
    for _name, _licence, path in DATA:
        assert path.is_file(), path
