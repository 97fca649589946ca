"""Province → regency/city → district → village, four searchable pickers that cascade.

Only the children of a chosen region are loaded: the region table has 91,599 rows, a
level never more than a few hundred.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from models.reference import ReferenceData
from ui.widgets.keyboard import SearchCombo

CODE_ROLE = Qt.ItemDataRole.UserRole


_LevelBox = SearchCombo


class RegionPicker(QWidget):
    """Choose a region down to the district or village; `code()` is the deepest chosen one."""

    changed = Signal()

    def __init__(self, ref: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.regions = ref.regions
        self.province = _LevelBox(self)
        self.regency = _LevelBox(self)
        self.district = _LevelBox(self)
        self.village = _LevelBox(self)
        self.boxes = [self.province, self.regency, self.district, self.village]
        # Watched widgets and their level; held here so their Python wrappers (compared
        # by identity in eventFilter) live as long as the picker.
        self._watched: list[tuple[QObject, int]] = []
        names = ["province", "regency", "district", "village"]
        labels = [
            self.tr("Provinsi"),
            self.tr("Kabupaten/kota"),
            self.tr("Kecamatan"),
            self.tr("Desa/kelurahan"),
        ]
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for level, (box, name, label) in enumerate(zip(self.boxes, names, labels, strict=True)):
            box.setObjectName(name)
            line, completer = box.lineEdit(), box.completer()
            assert line is not None and completer is not None  # an editable combo box has both
            line.setPlaceholderText(self.tr("Ketik sebagian nama…"))
            caption = QLabel(label, self)
            caption.setBuddy(box)
            layout.addRow(caption, box)
            box.currentIndexChanged.connect(lambda _i, lv=level: self._chosen(lv))
            line.editingFinished.connect(lambda lv=level: self._resolve(lv))
            for watched in (box, line, completer.popup()):
                if watched is None:
                    continue
                watched.installEventFilter(self)
                self._watched.append((watched, level))
        self.province.fill(self.regions.provinces())
        for first, second in zip(self.boxes, self.boxes[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -------------------------------------------------------------- public

    def code(self) -> str | None:
        """The chosen district or village code; None while no district is chosen."""
        for box in (self.village, self.district):
            code = box.code()
            if code:
                return code
        return None

    def set_code(self, code: str | None) -> None:
        """Select the path down to `code` (any level); None or an unknown code clears all."""
        path = self.regions.path(code) if code else []
        for box in self.boxes:
            box.blockSignals(True)
        try:
            self.province.setCurrentIndex(-1)
            for level in range(1, 4):
                self.boxes[level].fill([])
            for level, region in enumerate(path[:4]):
                box = self.boxes[level]
                row = box.findData(region.code, CODE_ROLE)
                if row < 0:
                    break
                box.setCurrentIndex(row)
                if level + 1 < 4:
                    self.boxes[level + 1].fill(self.regions.children(region.code))
        finally:
            for box in self.boxes:
                box.blockSignals(False)
        self.changed.emit()

    # ------------------------------------------------------------ internal

    def _chosen(self, level: int) -> None:
        code = self.boxes[level].code()
        if level + 1 < len(self.boxes):
            self.boxes[level + 1].fill(self.regions.children(code) if code else [])
            for box in self.boxes[level + 2 :]:
                box.fill([])
        self.changed.emit()

    def _resolve(self, level: int) -> None:
        """Typing part of a name and leaving the field (Tab, Enter) chooses what it means."""
        self.boxes[level].resolve()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tab and Enter choose what was typed (or highlighted in the list) before focus
        # moves on, and Enter moves on rather than pressing the dialog's default button.
        # The completer's list swallows the focus-out while it is open, so waiting for
        # editingFinished is not enough.
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return super().eventFilter(watched, event)
        level = next((lv for obj, lv in self._watched if obj is watched), None)
        if level is None:
            return super().eventFilter(watched, event)
        box = self.boxes[level]
        completer = box.completer()
        popup = completer.popup() if completer is not None else None
        highlighted = popup.currentIndex() if popup is not None and popup.isVisible() else None
        if popup is not None:
            popup.hide()
        if highlighted is not None and highlighted.isValid():
            row = box.row_of_completion(highlighted)
            if row >= 0:
                box.setCurrentIndex(row)
        self._resolve(level)
        backwards = key == Qt.Key.Key_Backtab or (
            key == Qt.Key.Key_Tab and bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        )
        box.focusNextPrevChild(not backwards)
        return True
