"""Help (F1) lists the keyboard shortcuts, and the README lists the same keys."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from ui.main_window import MainWindow
from ui.screens.help_dialog import HelpDialog, shortcuts

README = Path(__file__).resolve().parents[2] / "README.md"


def test_f1_opens_help_with_the_shortcuts(qtbot, session, tasks):
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert isinstance(dialog, HelpDialog) and dialog.isVisible()
    keys = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert {"Enter", "Ctrl+S", "Ctrl+H", "F1", "Ctrl+F"} <= set(keys)
    dialog.close()


def test_the_readme_lists_every_shortcut_of_the_help():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Keyboard shortcuts") :]
    for keys, _what in shortcuts():
        for key in re.split(r" / | … ", keys):
            key = {"Spasi": "Space"}.get(key, key)
            assert f"`{key}`" in section, key


def test_ctrl_f_goes_to_the_participants_search(qtbot, session, tasks):
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.show()
    window.find_participant()
    assert window.current_screen() is window.participants
    assert window.participants.focusWidget() is window.participants.search


def test_the_help_speaks_english(qtbot, qapp):
    from PySide6.QtCore import QTranslator

    from tests.ui.test_translations import QM

    indonesian = [what for _keys, what in shortcuts()]
    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)
    try:
        dialog = HelpDialog()
        qtbot.addWidget(dialog)
        whats = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    finally:
        qapp.removeTranslator(translator)
    assert "Day closing (print or save as PDF)" in whats
    assert "Find a participant" in whats
    untranslated = [w for w, i in zip(whats, indonesian, strict=True) if w == i]
    assert untranslated == []
