"""Where typing will go can be seen: the widget with the keyboard focus, of every kind that
takes it, has a 2-pixel frame in the brand colour around it, and only that one. The first
field of the set-up window shows it too (a newcomer could not see it there)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.branding import FOCUS_COLOUR, FOCUS_MARGIN, FocusRing, brand


@pytest.fixture
def ring(qapp) -> Iterator[FocusRing]:
    following = FocusRing(qapp)
    try:
        yield following
    finally:
        following.stop()


def editable_combo() -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.addItems(["Sari Wulandari (sari)", "Budi Santoso (budi.s)"])
    return box


def combo() -> QComboBox:
    box = QComboBox()
    box.addItems(["Bayar sendiri, tunai", "Transfer"])
    return box


def listing() -> QListWidget:
    widget = QListWidget()
    widget.addItems(["Acara", "Dasbor"])
    return widget


KINDS: dict[str, Callable[[], QWidget]] = {
    "line edit": lambda: QLineEdit("Sari"),
    "drop-down": combo,
    "editable drop-down": editable_combo,
    "spin box": QSpinBox,
    "date": lambda: QDateEdit(QDate(2026, 11, 22)),
    "text box": lambda: QPlainTextEdit("catatan"),
    "check box": lambda: QCheckBox("JHT"),
    "radio button": lambda: QRadioButton("Laki-laki"),
    "push button": lambda: QPushButton("Simpan"),
    "list": listing,
    "table": lambda: QTableWidget(2, 2),
}


def is_brand(colour: QColor) -> bool:
    return (
        abs(colour.red() - FOCUS_COLOUR.red())
        + abs(colour.green() - FOCUS_COLOUR.green())
        + abs(colour.blue() - FOCUS_COLOUR.blue())
    ) < 60


def ring_pixels(window: QWidget, widget: QWidget) -> int:
    """Brand-coloured pixels in the band just outside `widget`."""
    image: QImage = window.grab().toImage()
    inner = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    outer = inner.adjusted(-FOCUS_MARGIN, -FOCUS_MARGIN, FOCUS_MARGIN, FOCUS_MARGIN)
    dpr = image.devicePixelRatio()
    count = 0
    for x in range(outer.left(), outer.right() + 1):
        for y in range(outer.top(), outer.bottom() + 1):
            if inner.contains(x, y):
                continue
            if is_brand(image.pixelColor(int(x * dpr), int(y * dpr))):
                count += 1
    return count


def window_with(qtbot, widget: QWidget) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    other = QLineEdit("lain")
    layout = QVBoxLayout(window)
    layout.setContentsMargins(12, 12, 12, 12)
    layout.setSpacing(12)
    layout.addWidget(other)
    layout.addWidget(widget)
    qtbot.addWidget(window)
    window.resize(320, 260)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window, other


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2000)
    QApplication.processEvents()


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_focused_widget_has_a_frame_in_the_brand_colour(qtbot, ring, kind):
    widget = KINDS[kind]()
    window, other = window_with(qtbot, widget)
    focus(qtbot, other)
    before = window.grab().toImage()
    assert ring_pixels(window, widget) == 0  # not while the focus is elsewhere
    focus(qtbot, widget)
    around = 2 * (widget.width() + widget.height())
    assert ring_pixels(window, widget) > around  # all the way round, 2 pixels wide
    assert ring_pixels(window, other) == 0
    assert window.grab().toImage() != before


def test_the_frame_follows_tab_and_leaves_nothing_behind(qtbot, ring):
    first, second = QLineEdit(), QLineEdit()
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.addWidget(first)
    column.addWidget(second)
    window, other = window_with(qtbot, holder)
    focus(qtbot, first)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.waitUntil(second.hasFocus, timeout=2000)
    QApplication.processEvents()
    assert ring_pixels(window, second) > 0 and ring_pixels(window, first) == 0


def test_a_window_closed_with_the_focus_in_it_does_not_take_the_frame_away(qtbot, ring):
    gone = QLineEdit()
    window, _other = window_with(qtbot, gone)
    focus(qtbot, gone)
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: ring.ring is None or not _valid(ring.ring), timeout=2000)
    field = QLineEdit()
    next_window, _ = window_with(qtbot, field)
    focus(qtbot, field)
    assert ring_pixels(next_window, field) > 0


def _valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_the_set_up_window_shows_where_typing_goes(qtbot, ring, tmp_path):
    from ui.screens.setup_wizard import SetupWizard

    wizard = SetupWizard(tmp_path / "baru")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.windowHandle().requestActivate()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    QApplication.processEvents()
    focused = wizard.focusWidget()
    assert focused is not None
    assert ring_pixels(wizard, focused) > 2 * focused.width()


def test_the_application_gets_one_ring(qapp):
    before = qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    try:
        brand(qapp)
        brand(qapp)  # a second start-up step brands again: still one ring
        rings = [c for c in qapp.children() if isinstance(c, FocusRing)]
        assert len(rings) == 1
    finally:
        for c in qapp.children():
            if isinstance(c, FocusRing):
                c.stop()
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, before)
