"""A keyboard for widget tests: keys go where a real keyboard sends them (an open popup
list first, else the focused widget), and every key pressed is counted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

CONTROL_KEYS = {
    Qt.Key.Key_Return: "Enter",
    Qt.Key.Key_Enter: "Enter",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Space: "Space",
    Qt.Key.Key_Down: "Down",
}


class Keyboard:
    def __init__(self, qtbot, window: QWidget) -> None:
        self.qtbot = qtbot
        self.window = window
        self.pressed: list[str] = []  # every key, in order: characters and key names
        # Shortcuts and popups behave as on a desk only in the active window.
        window.windowHandle().requestActivate()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)

    def target(self) -> QWidget:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            return popup
        focused = self.window.focusWidget()
        assert focused is not None, "nothing has the keyboard focus"
        return focused

    def type(self, text: str) -> None:
        for ch in text:
            target = self.target()
            if ord(ch) < 256:
                self.qtbot.keyClick(target, ch)
            else:  # beyond Latin-1 QTest cannot type: send what an input method sends
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                    )
            self.pressed.append(ch)

    def press(self, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.target(), key, modifiers)
        name = CONTROL_KEYS.get(key, Qt.Key(key).name)
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            name = "Ctrl+" + name.removeprefix("Key_")
        self.pressed.append(name)

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return)

    def space(self) -> None:
        self.press(Qt.Key.Key_Space)

    def control_keys(self) -> list[str]:
        return [k for k in self.pressed if len(k) > 1]
