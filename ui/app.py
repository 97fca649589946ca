"""Starting the Qt application over an opened database."""

from __future__ import annotations

import sys
from pathlib import Path

from models.db import open_database


def run_gui(data_dir: Path, lang: str) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Sigap")
    db = open_database(data_dir)
    try:
        window = MainWindow(db)
        window.show()
        return int(app.exec())
    finally:
        db.close()
