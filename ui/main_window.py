"""The main window: navigation between screens and the status bar, nothing else."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget
from sqlite_utils import Database

from ui.screens.home import HomeScreen


class MainWindow(QMainWindow):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sigap — Pendaftaran Peserta BPU"))
        self.resize(1024, 700)
        self.stack = QStackedWidget()
        self.home = HomeScreen(db)
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        self.statusBar().showMessage(self.tr("Siap"))
