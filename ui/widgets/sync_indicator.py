"""The status bar's sync indicator: online or offline (a coloured dot), how many records
wait for HQ, when the last sync reached HQ, and whether a sync runs or has stopped.
A click opens the sync screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.sync_controller import SyncController
from ui.sync_texts import when_text

ONLINE_COLOUR = "#1b7f3b"
OFFLINE_COLOUR = "#6b6b6b"
PROBLEM_COLOUR = "#b00020"


class SyncIndicator(QWidget):
    clicked = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("sync_indicator")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Buka layar sinkron (Ctrl+5)"))

        self.dot = QLabel("●")
        self.dot.setObjectName("sync_dot")
        self.connection = QLabel()
        self.connection.setObjectName("sync_connection")
        self.waiting = QLabel()
        self.waiting.setObjectName("sync_waiting")
        self.last = QLabel()
        self.last.setObjectName("sync_last")
        self.note = QLabel()
        self.note.setObjectName("sync_note")

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.dot)
        row.addWidget(self.connection)
        for label in (self.waiting, self.last, self.note):
            row.addSpacing(8)
            row.addWidget(label)
        controller.state_changed.connect(self.update_texts)
        self.update_texts()

    def update_texts(self) -> None:
        c = self.controller
        s = c.summary
        if c.online:
            self.connection.setText(self.tr("Daring"))
            colour = ONLINE_COLOUR
        else:
            self.connection.setText(self.tr("Luring"))
            colour = OFFLINE_COLOUR
        self.waiting.setText(self.tr("Menunggu dikirim: {n}").format(n=s.waiting))
        session = c.session
        if s.last_sync_at:
            when = when_text(s.last_sync_at, session.clock(), session.lang)
            self.last.setText(self.tr("Terakhir sinkron: {when}").format(when=when))
        else:
            self.last.setText(self.tr("Belum pernah sinkron"))
        self.last.setVisible(s.registered)

        note = ""
        if c.running:
            note = self.tr("sedang sinkron…")
        elif not s.registered:
            note = self.tr("Perangkat belum didaftarkan")
            colour = PROBLEM_COLOUR
        elif s.stopped == "revoked":
            note = self.tr("Sinkron berhenti: perangkat dicabut")
            colour = PROBLEM_COLOUR
        elif s.stopped:
            note = self.tr("Sinkron berhenti: daftarkan ulang perangkat")
            colour = PROBLEM_COLOUR
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.note.setStyleSheet(f"color: {PROBLEM_COLOUR};" if colour == PROBLEM_COLOUR else "")
        self.dot.setStyleSheet(f"color: {colour};")

    def text(self) -> str:
        """Everything the indicator says, as read aloud (and for tests)."""
        parts = [self.connection.text(), self.waiting.text()]
        parts += [label.text() for label in (self.last, self.note) if not label.isHidden()]
        return " · ".join(parts)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)
