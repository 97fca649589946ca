"""Pieces of a form built for a queue: Enter moves on to the next field, and one heir's
row with a message line beneath each of its fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from models.vocabulary import RELATIONSHIPS
from services.enrolment_form import HeirEntry
from ui.labels import relationship_label
from ui.widgets.keyboard import EnterMovesOn

__all__ = ["ERROR_STYLE", "EnterMovesOn", "HeirRow", "tab_chain"]

ERROR_STYLE = "color: #b00020; font-size: 11px;"
RELATIONSHIP_CODES = list(RELATIONSHIPS)


def tab_chain(first: QWidget) -> list[QWidget]:
    """The widgets Tab visits from `first`, in order, until it comes back round."""
    out, w = [first], first.nextInFocusChain()
    while w is not None and w is not first and len(out) < 200:
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled():
            # An editable combo box's text field stands for the combo box.
            parent = w.parentWidget()
            owner = parent if isinstance(parent, QComboBox) else w
            if owner not in out:
                out.append(owner)
        w = w.nextInFocusChain()
    return out


class HeirRow(QWidget):
    """One heir: name, relationship, and where known NIK and phone."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Nama ahli waris"))
        self.relationship = QComboBox()
        self.relationship.addItem("", "")
        for code in RELATIONSHIP_CODES:
            self.relationship.addItem(relationship_label(code), code)
        self.nik = QLineEdit()
        self.nik.setPlaceholderText(self.tr("NIK (bila ada)"))
        self.nik.setMaxLength(16)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("No. HP (bila ada)"))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}  # by the field name problems carry
        for col, (key, widget) in enumerate(
            [
                ("name", self.name),
                ("relationship", self.relationship),
                ("nik", self.nik),
                ("phone", self.phone),
            ]
        ):
            layout.addWidget(widget, 0, col)
            err = QLabel()
            err.setStyleSheet(ERROR_STYLE)
            err.setWordWrap(True)
            layout.addWidget(err, 1, col)
            self.errors[f"heirs.{index}.{key}"] = err
            self.widgets[f"heirs.{index}.{key}"] = widget
        self.fields = [self.name, self.relationship, self.nik, self.phone]

    def value(self) -> HeirEntry:
        return HeirEntry(
            self.name.text(),
            str(self.relationship.currentData() or ""),
            self.nik.text(),
            self.phone.text(),
        )
