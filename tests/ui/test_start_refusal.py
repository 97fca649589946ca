"""A start refused before any window (Sigap already open on the data folder, a restore
running on it, a folder that cannot be made) is told in a message box in the interface
language, not only on a terminal an officer never sees, and ends with the exit code the
command line has always given."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from models import desk, folder
from models.messages import text
from ui.branding import FocusRing
from ui.labels import interface_lang
from ui.start_refusal import EXIT_REFUSED, run_held


@pytest.fixture(autouse=True)
def _no_ring_left(qapp):
    """The box brands the application, focus ring included: not for the tests after."""
    yield
    for child in qapp.children():
        if isinstance(child, FocusRing):
            child.stop()


@pytest.fixture
def boxes(monkeypatch) -> list[QMessageBox]:
    """Message boxes are recorded, not shown."""
    shown: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def never(ran: list[int]):
    def run() -> int:
        ran.append(1)
        return 0

    return run


def said(box: QMessageBox) -> str:
    return box.text() + "\n" + box.informativeText()


def test_a_second_start_on_the_folder_shows_a_box(qtbot, tmp_path: Path, boxes, capsys):
    data_dir = tmp_path / "desk"
    ran: list[int] = []
    with desk.hold_folder(data_dir):  # the first Sigap
        assert run_held(data_dir, "id", never(ran)) == EXIT_REFUSED == 1
    assert ran == []
    [box] = boxes
    assert box.windowTitle() == "Sigap sudah terbuka"
    assert box.icon() == QMessageBox.Icon.Information
    assert box.text().startswith("Sigap sudah terbuka untuk folder data ini.")
    assert "taskbar" in box.text() and "Alt+Tab" in box.text()
    # And what to do when no window can be seen.
    assert "Tidak ada jendela Sigap yang terlihat?" in box.informativeText()
    assert "mulai ulang laptop" in box.informativeText()
    assert str(data_dir) in box.informativeText()
    assert [b.text() for b in box.buttons()] == ["Tutup"]
    # The terminal still hears it, as before.
    assert capsys.readouterr().err.strip() == text("already_running", "id")


def test_the_box_speaks_english_when_asked(qtbot, tmp_path: Path, boxes, capsys):
    data_dir = tmp_path / "desk"
    with desk.hold_folder(data_dir):
        assert run_held(data_dir, "en", never([])) == EXIT_REFUSED
    [box] = boxes
    assert box.windowTitle() == "Sigap is already open"
    assert box.text().startswith("Sigap is already open on this data folder.")
    assert "No Sigap window to be seen?" in box.informativeText()
    assert [b.text() for b in box.buttons()] == ["Close"]
    assert capsys.readouterr().err.strip() == text("already_running", "en")
    assert interface_lang() == "id"  # the English catalogue went with the box


def test_a_restore_running_on_the_folder_shows_a_box(qtbot, tmp_path: Path, boxes, monkeypatch):
    data_dir = tmp_path / "desk"
    monkeypatch.setattr(folder, "SHARED_WAIT_S", 0.1)
    ran: list[int] = []
    with folder.exclusive(data_dir):  # a restore from the command line
        assert run_held(data_dir, "id", never(ran)) == EXIT_REFUSED
    assert ran == []
    [box] = boxes
    assert box.windowTitle() == "Sigap belum bisa dibuka"
    assert box.text() == text("folder_restoring", "id")
    assert str(data_dir) in box.informativeText()


def test_a_folder_that_cannot_be_made_shows_a_box(qtbot, tmp_path: Path, boxes):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    ran: list[int] = []
    assert run_held(blocker / "desk", "id", never(ran)) == EXIT_REFUSED
    assert ran == []
    [box] = boxes
    assert box.windowTitle() == "Sigap belum bisa dibuka"
    assert box.text().startswith("Masalah berkas:")


def test_a_free_folder_runs_and_is_held_meanwhile(qtbot, tmp_path: Path, boxes):
    data_dir = tmp_path / "desk"

    def run() -> int:
        with pytest.raises(Exception) as refused:
            desk.hold_folder(data_dir).__enter__()
        assert getattr(refused.value, "code", None) == "already_running"
        return 7

    assert run_held(data_dir, "id", run) == 7
    assert boxes == []
    with desk.hold_folder(data_dir):  # let go afterwards
        pass


@pytest.mark.slow
@pytest.mark.xvfb
def test_the_real_second_start_shows_the_box_on_screen(tmp_path: Path) -> None:
    """main.py itself, started on a folder another Sigap holds, puts the box on a real X
    screen (it used to print to a terminal and quit, showing nothing)."""
    import os
    import subprocess
    import sys
    import time

    from tests.ui.test_real_window import (
        REPO_ROOT,
        WINDOW_LINE,
        _require_tools,
        _start_xvfb,
        _stop,
        _xwininfo,
    )

    _require_tools("Xvfb", "xwininfo")
    data_dir = tmp_path / "data"
    xvfb = app = None
    with open(tmp_path / "xvfb.log", "w+b") as xvfb_log, desk.hold_folder(data_dir):
        try:
            xvfb, display = _start_xvfb(xvfb_log)
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
            env.pop("WAYLAND_DISPLAY", None)
            app = subprocess.Popen(
                [sys.executable, "main.py", "--data-dir", str(data_dir)],
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            titles: list[str] = []
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and app.poll() is None:
                titles = [
                    m.group(2)
                    for line in _xwininfo(display, "-root", "-children").splitlines()
                    if (m := WINDOW_LINE.match(line))
                ]
                if "Sigap sudah terbuka" in titles:
                    break
                time.sleep(0.25)
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            assert "Sigap sudah terbuka" in titles
        finally:
            _stop(app)
            _stop(xvfb)


def test_a_storage_problem_that_ends_the_window_is_told_too(qtbot, tmp_path: Path, boxes, capsys):
    from models.errors import SigapError

    data_dir = tmp_path / "desk"

    def run() -> int:
        raise SigapError("database_damaged")

    assert run_held(data_dir, "id", run) == EXIT_REFUSED
    [box] = boxes
    assert box.windowTitle() == "Sigap berhenti"
    assert box.text().startswith(text("database_damaged", "id"))
    assert text("backup_restore_hint", "id") in box.text()
    assert text("database_damaged", "id") in capsys.readouterr().err
    with desk.hold_folder(data_dir):  # the folder was let go
        pass
