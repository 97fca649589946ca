"""Signing in. At start there is no database yet: the passphrase unlocks its key
(`models.desk.sign_in`, off the GUI thread: it checks the database, and a database from
before encryption is encrypted then). While the desk is open, the same panel unlocks the
idle lock or lets another officer take over (`verify_passphrase`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import desk, officer_names, vault
from models.database import Database
from models.errors import SigapError, storage_problem
from ui.tasks import InlineTasks, Progress, Tasks

# The database driver (SQLCipher, via models.db and models.officers) is loaded only where a
# database is open or opened, after the passphrase's Argon2 hash (docs/start-up.md).
if TYPE_CHECKING:
    from models.officers import Officer

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"
INFO_STYLE = "color: #444444;"
# Answers about the passphrase or the account: said here, and the officer tries again.
# Anything else (a damaged or missing database, a key file problem) ends the sign-in.
PASSPHRASE_CODES = (
    "passphrase_wrong",
    "passphrase_wrong_wait",
    "passphrase_wait",
    "officer_locked",
    "supervisor_locked",
    "officer_no_key",
)
WAIT_CODES = ("passphrase_wrong_wait", "passphrase_wait")
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class StartProblem(Exception):
    """The passphrase was right but the desk cannot open: `error` says why; `key` is the
    unlocked database key when there is one (a backup is restored with it)."""

    def __init__(self, error: SigapError, key: bytes | None) -> None:
        super().__init__(str(error))
        self.error = error
        self.key = key


def _open_at_start(data_dir: Path, officer_id: str, passphrase: str) -> tuple[bytes, Officer]:
    """Runs off the GUI thread: the key and the officer. Its connection is closed here (a
    connection stays in the thread that made it); the GUI opens its own with the key."""
    try:
        db, officer = desk.sign_in(data_dir, officer_id, passphrase)
    except SigapError as exc:
        if exc.code in PASSPHRASE_CODES:
            raise
        raise StartProblem(exc, _key_if_any(data_dir, officer_id, passphrase)) from None
    except Exception as exc:
        from models.db import Error as DbError  # loaded by the sign-in already

        if not isinstance(exc, DbError):
            raise
        raise StartProblem(
            storage_problem(exc), _key_if_any(data_dir, officer_id, passphrase)
        ) from None
    key = db.key
    db.close()
    return key, officer


def _key_if_any(data_dir: Path, officer_id: str, passphrase: str) -> bytes | None:
    """The key, to restore a backup with. A wrong passphrase is said as at any sign-in
    (a missing database is found before the passphrase is checked)."""
    try:
        return vault.unlock(data_dir, officer_id, passphrase)
    except SigapError as exc:
        if exc.code in PASSPHRASE_CODES:
            raise
        return None


def officer_box() -> QComboBox:
    """The officers, chosen from the list or by typing any part of a name or an id: the
    list then shows those that contain it. Typing never adds an entry."""
    box = QComboBox()
    box.setObjectName("who")
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(box.model(), box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    return box


class SignInPanel(QWidget):
    """Who, passphrase, message, and the buttons in one row (`buttons`: a dialog adds its
    own beside Masuk). `signed_in(Officer)` when the passphrase is right; at start (no
    `db`), `db` then holds the opened database. `problem(StartProblem)` when the passphrase
    was right but the database cannot be opened."""

    signed_in = Signal(object)
    problem = Signal(object)

    def __init__(
        self,
        db: Database | None = None,
        *,
        data_dir: Path | None = None,
        tasks: Tasks | None = None,
        preselect: str | None = None,
        lang: str = "id",
        button: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if db is None and data_dir is None:
            raise ValueError("either an open database or the data folder")
        self.db: Database | None = db
        self.data_dir = data_dir
        self.tasks = tasks or InlineTasks()
        self.lang = lang
        self.officer: Officer | None = None
        self.running = False
        self.wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        self.who = officer_box()
        if db is not None:
            from models.officers import list_officers

            for o in list_officers(db):
                if o.active:
                    self.who.addItem(f"{o.name} ({o.id})", o.id)
        else:
            # The database is not open yet: the names the last sign-in left beside it.
            assert data_dir is not None
            ids = desk.officer_ids(data_dir)
            if not ids and desk.folder_state(data_dir) == desk.DB_MISSING:
                ids = vault.officer_ids(data_dir)  # to unlock the key a backup needs
            names = officer_names.read(data_dir)
            for oid in ids:
                self.who.addItem(officer_names.label(oid, names), oid)
        if preselect is not None and self.who.findData(preselect) >= 0:
            self.who.setCurrentIndex(self.who.findData(preselect))
        self.who.currentIndexChanged.connect(self._other_officer)
        # The box has the focus and hands keys to its line edit; with the completion list
        # open, Enter reaches the line edit through the list.
        self.who.installEventFilter(self)
        who_edit = self.who.lineEdit()
        assert who_edit is not None  # the box is editable
        who_edit.returnPressed.connect(self._who_entered)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        # Enter tries once, here: it must not also reach the dialog's default button.
        self.passphrase.installEventFilter(self)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self._button_text = button or self.tr("Masuk")
        self.button = QPushButton(self._button_text)
        self.button.setObjectName("sign_in")
        self.button.setDefault(True)
        self.button.clicked.connect(self.try_sign_in)

        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.button, QDialogButtonBox.ButtonRole.AcceptRole)

        form = QFormLayout()
        form.addRow(self.tr("Petugas"), self.who)
        form.addRow(self.tr("Kata sandi"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if self.who.count() == 0:
            self.say(self.tr("Belum ada petugas yang bisa masuk di laptop ini."))
            self.button.setEnabled(False)
        self.passphrase.setFocus()

    def say(self, text: str, error: bool = True) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if (
                event.key() in ENTER_KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            ):
                if watched is self.passphrase:
                    self.try_sign_in()
                    return True
                if watched is self.who:
                    self._who_entered()
                    return True
        elif kind == QEvent.Type.FocusOut and watched is self.who:
            assert isinstance(event, QFocusEvent)
            if event.reason() not in (
                Qt.FocusReason.PopupFocusReason,
                Qt.FocusReason.ActiveWindowFocusReason,
            ):
                self.choose_typed()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ who

    def _who_entered(self) -> None:
        """Enter in the officer box chooses the one typed and goes on to the passphrase."""
        if self.choose_typed():
            self.passphrase.setFocus()

    def choose_typed(self) -> bool:
        """Make what is typed in the officer box the chosen officer: the entry it names
        exactly (its text or its id), else the only one containing it. False, and said so,
        when it names nobody or more than one."""
        box = self.who
        typed = box.currentText().strip()
        index = box.currentIndex()
        if index >= 0 and box.itemText(index) == typed:
            return True
        if not typed:
            self.say(self.tr("Pilih petugas dari daftar."))
            return False
        folded = typed.casefold()
        items = range(box.count())
        exact = [
            i
            for i in items
            if folded in (box.itemText(i).casefold(), str(box.itemData(i)).casefold())
        ]
        found = exact or [i for i in items if folded in box.itemText(i).casefold()]
        if len(found) != 1:
            if found:
                self.say(
                    self.tr(
                        "Lebih dari satu petugas cocok dengan “{typed}”: pilih dari daftar."
                    ).format(typed=typed)
                )
            else:
                self.say(
                    self.tr("Tidak ada petugas yang cocok dengan “{typed}”.").format(typed=typed)
                )
            return False
        box.setCurrentIndex(found[0])
        box.setEditText(box.itemText(found[0]))
        return True

    # ------------------------------------------------------------------ trying

    def try_sign_in(self) -> None:
        if self.running or self.wait_left > 0 or self.who.count() == 0:
            return
        if not self.choose_typed():
            self.who.setFocus()
            return
        officer_id = str(self.who.currentData())
        typed = self.passphrase.text()
        if not typed:
            # Not a wrong try: nothing is checked, nothing counted.
            self.say(self.tr("Kata sandi belum diisi."))
            self.passphrase.setFocus()
            return
        self.passphrase.clear()
        if self.db is not None:
            self._check_open(officer_id, typed)
        else:
            self._open(officer_id, typed)

    def _check_open(self, officer_id: str, typed: str) -> None:
        from models.officers import verify_passphrase

        assert self.db is not None
        try:
            officer = verify_passphrase(self.db, officer_id, typed)
        except SigapError as exc:
            self._refused(exc)
            return
        if officer is None:
            self._refused(SigapError("passphrase_wrong"))
            return
        self._accepted(officer)

    def _open(self, officer_id: str, typed: str) -> None:
        data_dir = self.data_dir
        assert data_dir is not None
        if desk.folder_state(data_dir) == desk.PLAIN:
            self.say(
                self.tr("Data lama sedang dienkripsi… Ini hanya sekali; jangan matikan laptop."),
                error=False,
            )
        else:
            self.say(self.tr("Membuka data…"), error=False)
        self.running = True
        self._update_enabled()

        def work(_progress: Progress) -> tuple[bytes, Officer]:
            return _open_at_start(data_dir, officer_id, typed)

        self.tasks.run(work, self._opened, self._open_failed)

    def _opened(self, result: tuple[bytes, Officer]) -> None:
        from models.db import Error as DbError
        from models.db import open_database

        key, officer = result
        assert self.data_dir is not None
        self.running = False
        self._update_enabled()
        try:
            self.db = open_database(self.data_dir, key)
        except SigapError as exc:
            self.problem.emit(StartProblem(exc, key))
            return
        except DbError as exc:
            self.problem.emit(StartProblem(storage_problem(exc), key))
            return
        self._accepted(officer)

    def _open_failed(self, exc: BaseException) -> None:
        self.running = False
        self._update_enabled()
        if isinstance(exc, SigapError) and exc.code in PASSPHRASE_CODES:
            self._refused(exc)
        elif isinstance(exc, StartProblem):
            self.say("")
            self.problem.emit(exc)
        elif isinstance(exc, SigapError):
            self.say("")
            self.problem.emit(StartProblem(exc, None))
        else:
            log.error("sign-in failed", exc_info=exc)
            self.say(
                self.tr("Tidak bisa masuk karena kesalahan tak terduga ({name}).").format(
                    name=type(exc).__name__
                )
            )

    def _accepted(self, officer: Officer) -> None:
        self.say("")
        self.officer = officer
        self.signed_in.emit(officer)

    def _refused(self, exc: SigapError) -> None:
        self.say(exc.message(self.lang))
        self.passphrase.setFocus()
        if exc.code in WAIT_CODES:
            self.wait_left = int(exc.params.get("seconds", 0))
            if self.wait_left > 0:
                self._countdown.start()
        self._update_enabled()

    # ------------------------------------------------------------------ waiting

    def _tick(self) -> None:
        self.wait_left = max(0, self.wait_left - 1)
        if self.wait_left == 0:
            self._countdown.stop()
        self._update_enabled()

    def _other_officer(self) -> None:
        """The wait belongs to the officer who typed wrong, not to the next one."""
        self.wait_left = 0
        self._countdown.stop()
        self.say("")
        self._update_enabled()

    def _update_enabled(self) -> None:
        waiting = self.wait_left > 0
        self.button.setEnabled(not self.running and not waiting and self.who.count() > 0)
        self.who.setEnabled(not self.running)
        self.passphrase.setEnabled(not self.running)
        if waiting:
            self.button.setText(
                self.tr("{label} ({seconds})").format(
                    label=self._button_text, seconds=self.wait_left
                )
            )
        else:
            self.button.setText(self._button_text)


class SignInDialog(QDialog):
    """At start: `SignInDialog(data_dir=…, tasks=…)`; `db` and `officer` once accepted, or
    `problem` (a StartProblem) when it was closed because the database cannot open.
    While open: `SignInDialog(db, current)` to switch officers (the other one offered)."""

    def __init__(
        self,
        db: Database | None = None,
        current: Officer | None = None,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
        tasks: Tasks | None = None,
        lang: str = "id",
    ) -> None:
        super().__init__(parent)
        self.officer: Officer | None = None
        self.problem: StartProblem | None = None
        self.setWindowTitle(self.tr("Sigap — masuk"))
        self.setMinimumWidth(420)
        preselect = None
        if db is not None and current is not None:
            # Switching at a shared desk: the other officer is the likely one.
            from models.officers import list_officers

            others = [o.id for o in list_officers(db) if o.active and o.id != current.id]
            preselect = others[0] if others else None
        self.panel = SignInPanel(
            db, data_dir=data_dir, tasks=tasks, preselect=preselect, lang=lang, parent=self
        )
        self.who, self.passphrase, self.message = (
            self.panel.who, self.panel.passphrase, self.panel.message
        )  # fmt: skip
        self.panel.signed_in.connect(self._signed_in)
        self.panel.problem.connect(self._problem)
        cancel = self.panel.buttons.addButton(
            self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        if current is not None:
            layout.addWidget(QLabel(self.tr("Sekarang masuk: {name}").format(name=current.name)))
        layout.addWidget(self.panel)
        self.passphrase.setFocus()

    @property
    def db(self) -> Database | None:
        return self.panel.db

    def try_sign_in(self) -> None:
        self.panel.try_sign_in()

    def _signed_in(self, officer: Officer) -> None:
        self.officer = officer
        self.accept()

    def _problem(self, problem: StartProblem) -> None:
        self.problem = problem
        self.reject()

    def reject(self) -> None:
        if self.panel.running:
            return  # the database is being opened (or encrypted): it finishes first
        super().reject()
