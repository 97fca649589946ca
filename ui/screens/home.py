"""The start screen: the device's events and what waits for HQ."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget
from sqlite_utils import Database

from models import events, outbox


class HomeScreen(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.event_list = QListWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Meja pendaftaran Sigap</h2>")))
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Acara:")))
        layout.addWidget(self.event_list)
        self.refresh()

    def refresh(self) -> None:
        found = events.list_events(self.db)
        self.event_list.clear()
        for e in found:
            state = self.tr("terbuka") if e.is_open else self.tr("ditutup")
            self.event_list.addItem(f"{e.starts_on:%d-%m-%Y}  {e.name}  ({state})")
        waiting = outbox.pending_count(self.db)
        self.summary.setText(self.tr("%n catatan menunggu dikirim ke kantor pusat.", "", waiting))
