"""The idle lock: after some minutes without keyboard or mouse input (setting
`lock_minutes`, default 5), or at once with Ctrl+L, the window's contents are put behind a
lock page and the signed-in officer's passphrase is asked for; another officer may sign in
instead (a switch at a shared desk). Nothing is rebuilt: a half-typed form is there, as it
was, after unlocking. Other open windows (a record, a correction) are covered, not closed,
so what they hold is kept too."""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.db import get_setting
from models.officers import Officer
from ui.screens.sign_in import SignInPanel
from ui.session import Session

DEFAULT_MINUTES = 5
MAX_MINUTES = 60
CHECK_MS = 10_000
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def lock_minutes(session: Session) -> float:
    """`lock_minutes` from the settings, 1 to 60; a desk never stays open unattended for
    long, so a missing or odd value means the default."""
    raw = get_setting(session.db, "lock_minutes")
    try:
        minutes = float(raw) if raw is not None else DEFAULT_MINUTES
    except ValueError:
        return DEFAULT_MINUTES
    if not 1 <= minutes <= MAX_MINUTES:
        return DEFAULT_MINUTES
    return minutes


class IdleWatcher(QObject):
    """Sees every keyboard and mouse event of the application (an event filter on it) and
    says `idle` once none came for `minutes`. `clock` is injectable for tests."""

    idle = Signal()

    def __init__(
        self,
        minutes: float,
        clock: Callable[[], float] = time.monotonic,
        check_ms: int = CHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self.clock = clock
        self.last_input = clock()
        self.active = True
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in INPUT_EVENTS:
            self.last_input = self.clock()
        return False

    def touch(self) -> None:
        self.last_input = self.clock()

    def check(self) -> None:
        if self.active and self.clock() - self.last_input >= self.minutes * 60:
            self.idle.emit()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class Curtain(QWidget):
    """Covers one open window's contents while the desk is locked, and follows its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("curtain")
        self.setAutoFillBackground(True)
        label = QLabel(self.tr("Sigap terkunci"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize and watched is self.parent():
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
            self.raise_()
        return False


class UnlockDialog(QDialog):
    """Asks for the passphrase over everything. It cannot be dismissed: only a right
    passphrase (of this officer or another) takes it away."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlock")
        self.setWindowTitle(self.tr("Sigap terkunci"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)
        current = session.officer
        about = QLabel(
            self.tr(
                "Sigap dikunci. Ketik kata sandi untuk melanjutkan, atau pilih petugas lain "
                "untuk berganti. Isian yang belum disimpan tetap ada."
            )
        )
        about.setWordWrap(True)
        self.panel = SignInPanel(
            session.db,
            preselect=current.id if current else None,
            lang=session.lang,
            button=self.tr("Buka"),
            parent=self,
        )
        self.who, self.passphrase, self.message = (
            self.panel.who, self.panel.passphrase, self.panel.message
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.panel)

    def try_unlock(self) -> None:
        self.panel.try_sign_in()

    def reject(self) -> None:
        """Escape does not unlock."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self.panel.officer is None:
            event.ignore()
            return
        super().closeEvent(event)


class DeskLock(QObject):
    """Locks `window`: its `pages` show the lock page instead of `content`, the title, menus,
    status bar and shortcuts go, other open windows are covered, and an UnlockDialog asks
    for a passphrase. `unlocked(Officer)` names who unlocked (maybe another officer, then
    signed in to the session)."""

    locked = Signal()
    unlocked = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        pages: QStackedWidget,
        content: QWidget,
        clock: Callable[[], float] = time.monotonic,
        check_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.pages = pages
        self.content = content
        self.page = QWidget()
        self.page.setObjectName("lock_page")
        notice = QLabel(self.tr("Sigap terkunci"))
        notice.setObjectName("lock_notice")
        notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        notice.setStyleSheet("font-size: 20px; color: #555555;")
        QVBoxLayout(self.page).addWidget(notice)
        pages.addWidget(self.page)
        self.dialog: UnlockDialog | None = None
        self.curtains: list[Curtain] = []
        self._title = ""
        self._focus: QWidget | None = None
        self._enabled_actions: list[QAction] = []
        self.watcher = IdleWatcher(lock_minutes(session), clock, check_ms, self)
        self.watcher.idle.connect(self.lock)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def lock(self) -> UnlockDialog:
        if self.dialog is not None:
            return self.dialog
        self.watcher.active = False
        app = QApplication.instance()
        focus = QApplication.focusWidget()
        self._focus = focus if focus is not None and self.window.isAncestorOf(focus) else None
        while isinstance(app, QApplication) and (popup := app.activePopupWidget()) is not None:
            popup.close()  # an open list or menu
        self._title = self.window.windowTitle()
        self.window.setWindowTitle(self.tr("Sigap — terkunci"))
        self.pages.setCurrentWidget(self.page)
        self.window.menuBar().hide()
        self.window.statusBar().hide()
        self._enabled_actions = [a for a in self.window.actions() if a.isEnabled()]
        for action in self._enabled_actions:
            action.setEnabled(False)
        for other in QApplication.topLevelWidgets():
            if other is not self.window and other.isVisible() and other.isWindow():
                if other.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                    continue
                self.curtains.append(Curtain(other))
        self.dialog = UnlockDialog(self.session, self.window)
        self.dialog.panel.signed_in.connect(self._signed_in)
        self.locked.emit()
        self.dialog.open()
        self.dialog.passphrase.setFocus()
        return self.dialog

    def _signed_in(self, officer: Officer) -> None:
        current = self.session.officer
        if current is None or officer.id != current.id:
            self.session.sign_in(officer)  # another officer takes over the desk
        self.unlock()
        self.unlocked.emit(officer)

    def unlock(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        for curtain in self.curtains:
            if shiboken6.isValid(curtain):  # its window may have closed meanwhile
                curtain.hide()
                curtain.deleteLater()
        self.curtains = []
        for action in self._enabled_actions:
            action.setEnabled(True)
        self._enabled_actions = []
        self.window.menuBar().show()
        self.window.statusBar().show()
        self.window.setWindowTitle(self._title)
        self.pages.setCurrentWidget(self.content)
        if self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.setFocus()
        self._focus = None
        self.watcher.touch()
        self.watcher.active = True

    def stop(self) -> None:
        self.watcher.stop()
