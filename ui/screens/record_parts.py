"""What the record view and its dialogs share: the core's field names and the heirs'
relationships in the officer's words, and the red line under a field that says what is
wrong with it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

# Worded once, in models/messages.py (models/vocabulary.py).
from ui.vocabulary import field_label as field_label
from ui.vocabulary import relationship_choices as relationship_choices
from ui.vocabulary import relationship_label as relationship_label

ERROR_STYLE = "color: #b00020;"


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(f"error_{name}")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
