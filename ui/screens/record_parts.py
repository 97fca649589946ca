"""What the record view and its dialogs share: the core's field names and the heirs'
relationships in the officer's words (from ui.labels, the window's one place for them), and
the red line under a field that says what is wrong with it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ui.labels import field_label, relationship_choices, relationship_label

__all__ = [
    "ERROR_STYLE",
    "error_label",
    "field_label",
    "relationship_choices",
    "relationship_label",
    "show",
]

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
