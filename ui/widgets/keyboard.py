"""Keyboard habits shared by every screen: a drop-down that selects exactly what was typed
(never the next item that happens to start with the same key), Enter that moves on to the
next field, and a Tab order that follows what the officer sees."""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QAbstractProxyModel, QDate, QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QLineEdit,
    QPushButton,
    QWidget,
)

from models.reference import Region

CODE_ROLE = Qt.ItemDataRole.UserRole
TYPING_PAUSE = 1.0  # seconds: keys typed closer together than this make one entry
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


class ChoiceCombo(QComboBox):
    """A drop-down for choices that change money (months paid, who pays).

    Qt's own typing search cycles: with "1 bulan" chosen, typing 1 moves on to "12 bulan".
    Here the keys typed in a burst are one entry, and the item chosen is the one the entry
    names exactly: an item whose data is the typed number (1, 3, 6, 12), else the first item
    one of whose words starts with the typed letters. Typing that names nothing changes
    nothing. A choice made by typing is reported through `activated`, as a click is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._last_key = 0.0

    def match(self, typed: str) -> int:
        """The item `typed` names, or -1."""
        needle = typed.casefold().strip()
        if not needle:
            return -1
        for row in range(self.count()):  # a number names the item carrying it
            if str(self.itemData(row)) == needle:
                return row
        if needle.isdigit():
            return -1
        for row in range(self.count()):
            if self.itemText(row).casefold().startswith(needle):
                return row
        for row in range(self.count()):
            if any(w.startswith(needle) for w in _words(self.itemText(row))):
                return row
        return -1

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        text = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if not (plain and text and text.isprintable() and not text.isspace()):
            super().keyPressEvent(event)
            return
        now = time.monotonic()
        typed = self._typed + text if now - self._last_key < TYPING_PAUSE else text
        self._last_key = now
        row = self.match(typed)
        if row < 0 and typed != text:  # a new entry after all
            typed, row = text, self.match(text)
        self._typed = typed
        if row >= 0:
            if row != self.currentIndex():
                self.setCurrentIndex(row)
            self.activated.emit(row)
        event.accept()


class SearchCombo(QComboBox):
    """An editable drop-down whose completer finds any part of a name, in any case (every
    village of Kepulauan Seribu starts with "Pulau"). Leaving it (Enter, Tab) chooses what
    the typed text means: see `resolve`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def fill(self, regions: list[Region]) -> None:
        self.fill_items([(r.name, r.code) for r in regions])

    def fill_items(self, items: list[tuple[str, str]]) -> None:
        """(label, code) pairs; nothing chosen afterwards."""
        self.blockSignals(True)
        self.clear()
        for label, code in items:
            self.addItem(label, code)
            self.setItemData(self.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(-1)
        self.blockSignals(False)

    def code(self) -> str | None:
        if self.currentIndex() < 0:
            return None
        value = self.currentData(CODE_ROLE)
        return str(value) if value else None

    def row_of_completion(self, index: QModelIndex) -> int:
        """The combo's row for a row of the completer's filtered list."""
        completer = self.completer()
        model = completer.completionModel() if completer is not None else None
        if isinstance(model, QAbstractProxyModel):
            source = model.mapToSource(index)
            if source.isValid():
                return source.row()
        return self.findText(str(index.data()), Qt.MatchFlag.MatchFixedString)

    def best_match(self, text: str) -> int:
        """The row the typed text means: the exact name, else the shortest name starting
        with it, else the shortest containing it; -1 when nothing contains it."""
        needle = text.casefold().strip()
        if not needle:
            return -1
        best: tuple[int, int, str] | None = None
        found = -1
        for row in range(self.count()):
            name = self.itemText(row).casefold()
            if name == needle:
                return row
            if needle in name:
                key = (0 if name.startswith(needle) else 1, len(name), name)
                if best is None or key < best:
                    best, found = key, row
        return found

    def resolve(self) -> bool:
        """Choose what was typed or highlighted in the completion list; True when the
        choice changed."""
        before = self.currentIndex()
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            highlighted = popup.currentIndex()
            popup.hide()
            if highlighted.isValid():
                row = self.row_of_completion(highlighted)
                if row >= 0:
                    self.setCurrentIndex(row)
                    return row != before
        text = self.currentText()
        if before >= 0 and self.itemText(before) == text:
            return False
        row = self.best_match(text)
        if row >= 0:
            self.setCurrentIndex(row)
        elif not text.strip() and before >= 0:
            self.setCurrentIndex(-1)
        elif before >= 0:
            # Nothing matches: forget the earlier choice but keep what was typed.
            self.setCurrentIndex(-1)
            self.setEditText(text)
        return self.currentIndex() != before


def _is_field(w: QWidget) -> bool:
    return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.isEnabled()


def focusable(root: QWidget) -> list[QWidget]:
    """The widgets Tab can reach inside `root` that are shown: an editable combo box's
    line edit and a spin box's editor stand for their box."""
    out: list[QWidget] = []
    for w in root.findChildren(QWidget):
        if not _is_field(w) or not w.isVisibleTo(root):
            continue
        parent = w.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # the box itself is in the list
        out.append(w)
    return out


def visual_tab_order(root: QWidget, row_tolerance: int = 10) -> list[QWidget]:
    """Set the Tab order of the fields inside `root` to what the eye reads: top to bottom,
    and left to right along a row. Returns that order. Call it once laid out (from
    `showEvent`), and again after fields appear or vanish."""

    def centre(w: QWidget) -> QPoint:
        return w.mapTo(root, QPoint(w.width() // 2, w.height() // 2))

    placed = [(centre(w), w) for w in focusable(root)]
    placed.sort(key=lambda pw: (pw[0].y(), pw[0].x()))
    rows: list[list[tuple[QPoint, QWidget]]] = []
    for p, w in placed:
        if rows and abs(rows[-1][0][0].y() - p.y()) <= row_tolerance:
            rows[-1].append((p, w))
        else:
            rows.append([(p, w)])
    order = [w for row in rows for _p, w in sorted(row, key=lambda pw: pw[0].x())]
    for a, b in zip(order, order[1:], strict=False):
        QWidget.setTabOrder(a, b)
    return order


class EnterMovesOn(QObject):
    """Enter moves to the next field, as officers expect from the enrolment form: from a
    line edit, a drop-down (its list closed), a check box or a date. A push button reached
    with Tab does its job when Enter is pressed on it; the buttons in `skip` are passed by
    on the way forward. With a completion list showing, Enter takes the highlighted
    completion, or the only one there is, and moves on. Ctrl+Enter is left alone (it saves).
    A search drop-down chooses what was typed when it is left by Enter or Tab."""

    def __init__(self, parent: QObject | None = None, skip: tuple[QWidget, ...] = ()) -> None:
        super().__init__(parent)
        self.skip = list(skip)
        # The completion lists watched, and the field each belongs to; held here so the
        # Python wrappers compared in eventFilter live as long as the filter.
        self._popups: list[tuple[QObject, QWidget]] = []

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)
        line = widget.lineEdit() if isinstance(widget, QComboBox) else widget
        completer = line.completer() if isinstance(line, QLineEdit) else None
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            popup.installEventFilter(self)
            self._popups.append((popup, widget))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        field = next((w for p, w in self._popups if p is watched), watched)
        if not isinstance(field, QWidget):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and isinstance(field, SearchCombo):
            if field.resolve():
                field.activated.emit(field.currentIndex())
            if field is not watched:  # the list had the keys: Tab moves on from the field
                backwards = key == Qt.Key.Key_Backtab or bool(
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                field.focusNextPrevChild(not backwards)
                return True
            return False
        if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False  # Ctrl+Enter saves
        if isinstance(field, QPushButton):
            field.click()
            return True
        if isinstance(field, SearchCombo):
            if field.resolve():
                field.activated.emit(field.currentIndex())
        elif isinstance(field, QComboBox) and field.view().isVisible():
            return False  # the open list takes the highlighted item
        elif not take_completion(field):
            return False
        move_on(field, self.skip)
        return True


def take_completion(watched: QWidget) -> bool:
    """With a completion list showing: take its highlighted entry, else its only entry.
    False when several entries show and none is highlighted (Enter stays, the officer
    picks one). True otherwise, nothing showing included."""
    line = watched.lineEdit() if isinstance(watched, QComboBox) else watched
    completer = line.completer() if isinstance(line, QLineEdit) else None
    popup = completer.popup() if completer is not None else None
    if completer is None or popup is None or not popup.isVisible():
        return True
    current = popup.currentIndex()
    if current.isValid():
        text = str(current.data())
    elif completer.completionCount() == 1:
        completer.setCurrentRow(0)
        text = completer.currentCompletion()
    else:
        return False
    popup.hide()
    assert isinstance(line, QLineEdit)
    line.setText(text)
    completer.activated.emit(text)
    line.textEdited.emit(text)
    return True


def move_on(widget: QWidget, skip: list[QWidget] | None = None) -> None:
    """Focus the next field in the Tab order, passing by the buttons in `skip`."""
    widget.focusNextChild()
    window = widget.window()
    for _ in range(5):
        now = window.focusWidget()
        if now is None or now not in (skip or []):
            return
        now.focusNextChild()


class DateField(QDateEdit):
    """A date as DD-MM-YYYY. Tab and Shift+Tab leave the field (Qt's date edit spends them
    walking its day, month and year); Left and Right move the cursor, Up and Down change
    the part the cursor is in, Alt+Down opens the calendar."""

    def __init__(self, value: QDate, parent: QWidget | None = None) -> None:
        super().__init__(value, parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd-MM-yyyy")

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt's names)
        return QWidget.focusNextPrevChild(self, next)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        # From either side, typing starts with the day, as the date reads.
        super().focusInEvent(event)
        self.setSelectedSection(QDateEdit.Section.DaySection)


class _VisualTabOrder(QObject):
    """Keeps a window's Tab order visual as fields appear and vanish. A child of the window
    (gone before the window's own teardown sends it anything), with no Python state: Qt
    may reach it through a fresh wrapper."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            event.type() in (QEvent.Type.Show, QEvent.Type.LayoutRequest)
            and isinstance(watched, QWidget)
            and watched.isVisible()
        ):
            visual_tab_order(watched)
        return False


def keyboard_ready(window: QWidget, default: QPushButton | None = None) -> None:
    """A dialog as the keyboard expects it: Tab follows what is seen (the approval box
    before the buttons beneath it), and Enter presses `default` (the button that does what
    the dialog is for), never another button that happens to come first."""
    if default is not None:
        for button in window.findChildren(QPushButton):
            button.setAutoDefault(button is default)
            button.setDefault(button is default)
    window.installEventFilter(_VisualTabOrder(window))
