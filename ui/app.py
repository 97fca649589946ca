"""Starting the interface: by the state of the data folder, the first-run set-up, the
sign-in that unlocks the encrypted database, or a plain message when the folder cannot be
opened (with the way to a backup); then the main window. Switching the language rebuilds
the window with the other translation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from models import desk
from models.errors import SigapError, storage_problem
from models.messages import text
from ui.branding import brand
from ui.qt_texts import InterfaceLanguage
from ui.screens.sign_in import SignInDialog
from ui.tasks import Tasks

# Before the passphrase unlocks the key, only what signing in needs is loaded: the Argon2
# unlock then runs on top of as little memory as can be. The window's code (its screens,
# reports, services) loads once the key is unlocked (`run_gui`), and so does the database
# driver (SQLCipher, with models.db and models.officers): it is not resident while the
# Argon2 hash runs (docs/start-up.md).
if TYPE_CHECKING:
    from models.db import SigapDatabase
    from models.officers import Officer
    from ui.main_window import MainWindow
    from ui.session import Session

EXIT_OK, EXIT_PROBLEM = 0, 1
# A database that is damaged or gone is brought back from a backup, never started empty.
RESTORABLE = ("database_damaged", "database_missing")


def _message_box(parent: QWidget | None, title: str, text: str, restore: bool) -> bool:
    """A plain message; with `restore`, a button to restore a backup. True when chosen."""
    box = QMessageBox(parent)
    box.setObjectName("start_problem")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(text)
    chosen = None
    if restore:
        chosen = box.addButton(
            QCoreApplication.translate("Start", "Pulihkan cadangan…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
    box.addButton(QCoreApplication.translate("Start", "Tutup"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return chosen is not None and box.clickedButton() is chosen


def offer_restore(
    data_dir: Path, key: bytes, parent: QWidget | None = None, lang: str = "id"
) -> bool:
    """The restore offered at start when the database is damaged or missing: the backups
    of `data_dir` that open with `key`, and a supervisor's approval (the backup screen's
    RestoreDialog). True once restored; the start then signs in again."""
    from ui.screens.backup_screen import RestoreDialog

    dialog = RestoreDialog(data_dir, key, parent, lang)
    return bool(dialog.exec())


def reopen_database(session: Session, data_dir: Path) -> SigapError | None:
    """Open the database again after a restore put another file in its place: the session
    gets the new connection, its reference data and event, and its officer as the restored
    data has them (None when that officer is not in it, or inactive). The problem, if the
    file cannot be opened."""
    from models.db import Error as DbError
    from models.db import open_database
    from models.officers import get_officer
    from models.reference import reference_for

    key: bytes = session.db.key  # type: ignore[attr-defined]
    try:
        session.db = open_database(data_dir, key, check=True)
    except SigapError as exc:
        return exc
    except DbError as exc:
        return storage_problem(exc)
    session.ref = reference_for(session.db)
    session.reload_event()
    current = session.officer
    again = get_officer(session.db, current.id) if current is not None else None
    session.officer = again if again is not None and again.active else None
    session.officer_changed.emit()
    return None


def start_desk(
    data_dir: Path, lang: str, tasks: Tasks, parent: QWidget | None = None
) -> tuple[SigapDatabase, Officer] | int:
    """The open database and the signed-in officer, or the exit code when there is nothing
    to open (cancelled, or a problem shown to the officer)."""
    title = QCoreApplication.translate("Start", "Sigap tidak bisa dibuka")
    while True:
        state = desk.folder_state(data_dir)
        if state == desk.NEW:
            from ui.screens.setup_wizard import SetupWizard

            wizard = SetupWizard(data_dir, lang, parent)
            if not wizard.exec() or wizard.db is None or wizard.officer is None:
                return EXIT_OK
            return wizard.db, wizard.officer
        if state == desk.KEYS_MISSING:
            _message_box(parent, title, SigapError("keys_missing").message(lang), restore=False)
            return EXIT_PROBLEM
        if state == desk.DB_MISSING:
            text = (
                SigapError("database_missing").message(lang)
                + "\n\n"
                + QCoreApplication.translate(
                    "Start",
                    "Untuk memulihkan, masuk dulu dengan kata sandi Anda: kata sandi itu membuka "
                    "kunci cadangan.",
                )
            )
            if not _message_box(parent, title, text, restore=True):
                return EXIT_PROBLEM
        dialog = SignInDialog(data_dir=data_dir, tasks=tasks, lang=lang, parent=parent)
        if dialog.exec() and dialog.db is not None and dialog.officer is not None:
            from models.db import SigapDatabase

            db = dialog.db
            assert isinstance(db, SigapDatabase)
            return db, dialog.officer
        problem = dialog.problem
        if problem is None:
            return EXIT_OK  # cancelled
        error = problem.error
        if error.code in RESTORABLE and problem.key is not None:
            if state == desk.DB_MISSING or _message_box(
                parent, title, error.message(lang), restore=True
            ):
                if offer_restore(data_dir, problem.key, parent, lang):
                    continue
            return EXIT_PROBLEM
        _message_box(parent, title, error.message(lang), restore=False)
        return EXIT_PROBLEM


def check_in_background(window: MainWindow, tasks: Tasks, data_dir: Path, key: bytes) -> None:
    """The full integrity check, once the window is up, on a connection of its own off the
    GUI thread (models/integrity.py): never before the first screen. A damaged file is told
    with the way to a backup, and the backup screen is opened (a supervisor restores)."""
    from models.integrity import check_file

    def found(exc: BaseException) -> None:
        if not isinstance(exc, SigapError) or exc.code != "database_damaged":
            return  # the file could not be read for the check: the next start tries again
        lang = window.session.lang
        _message_box(
            window,
            text("database_damaged_title", lang),
            exc.message(lang) + "\n\n" + text("backup_restore_screen", lang),
            restore=False,
        )
        window.show_screen(window.backups)

    tasks.run(lambda _progress: check_file(data_dir, key), lambda _result: None, found)


def run_gui(data_dir: Path, lang: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    brand(app)  # name, version, icon of every window
    # Sigap's texts and Qt's own (Ya/Tidak, the file and print dialogs) in one language.
    use_language = InterfaceLanguage(app).use
    use_language(lang)  # the saved choice is inside the encrypted database
    tasks = Tasks()
    started = start_desk(data_dir, lang, tasks)
    if isinstance(started, int):
        tasks.wait()
        return started
    db, officer = started
    from models.db import get_setting, set_setting
    from models.integrity import InUse
    from models.reference import reference_for
    from ui.main_window import MainWindow
    from ui.session import Session
    from ui.sync_controller import SyncController
    from ui.update_notice import UpdateNotice

    session: Session | None = None
    in_use = InUse(data_dir)  # a marker left behind tells the next process of an unclean end
    try:
        lang = get_setting(db, "language") or lang
        use_language(lang)
        session = Session(db, reference_for(db), data_dir, lang)
        session.sign_in(officer)
        session.restore_event()  # the event chosen before the restart
        # Outlives a window rebuilt for another language; stops when the window closes.
        sync = SyncController(session, tasks)
        windows: list[MainWindow] = []

        def open_window() -> MainWindow:
            assert session is not None
            window = MainWindow(session, tasks, sync)
            UpdateNotice(window, session, sync)  # HQ's newest and oldest desk versions
            window.language_requested.connect(switch_language)
            window.database_restored.connect(reopen)
            windows.append(window)
            window.show()
            return window

        def replace_window() -> MainWindow:
            old = windows.pop()
            window = open_window()
            old.desk_lock.stop()
            old.hide()
            old.deleteLater()
            return window

        def switch_language(code: str) -> None:
            assert session is not None
            set_setting(session.db, "language", code)
            session.set_language(code)
            use_language(code)
            replace_window()

        def reopen(_result: object) -> None:
            """After a restore (or a failed one) the backup screen has closed the
            connection: open the file again and build the window on it."""
            assert session is not None
            problem = reopen_database(session, data_dir)
            if problem is not None:
                _message_box(
                    windows[-1] if windows else None,
                    QCoreApplication.translate("Start", "Sigap tidak bisa dibuka"),
                    problem.message(session.lang),
                    restore=False,
                )
                app.quit()
                return
            window = replace_window()
            if session.officer is None:
                window.desk_lock.lock()  # not in the restored data: someone signs in

        check_in_background(open_window(), tasks, data_dir, db.key)
        sync.start()  # signed in, window up: find HQ, send what waits
        result = int(app.exec())
        sync.stop()
        tasks.wait()
        # Widgets go before the application does: Qt objects left for the interpreter's
        # final garbage collection can be freed in the wrong order and crash on exit.
        for window in windows:
            window.deleteLater()
        windows.clear()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return result
    finally:
        (session.db if session is not None else db).close()
        in_use.close()
