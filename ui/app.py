"""Starting the interface: first-run set-up or sign-in, then the main window; switching the
language rebuilds the window with the other translation."""

from __future__ import annotations

import sys
from pathlib import Path

from models.db import get_setting, open_database, set_setting
from models.officers import list_officers
from models.reference import reference_for

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def run_gui(data_dir: Path, lang: str) -> int:
    from PySide6.QtCore import QEvent, QTranslator
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.screens.setup_wizard import SetupWizard
    from ui.screens.sign_in import SignInDialog
    from ui.session import Session
    from ui.sync_controller import SyncController
    from ui.tasks import Tasks

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Sigap")
    db = open_database(data_dir)
    translator = QTranslator()

    def use_language(code: str) -> None:
        app.removeTranslator(translator)
        if code == "en" and translator.load(str(I18N / "sigap_en.qm")):
            app.installTranslator(translator)

    try:
        lang = get_setting(db, "language") or lang
        use_language(lang)
        first = None
        if not list_officers(db):
            wizard = SetupWizard(db, lang)
            if not wizard.exec():
                return 0
            lang = wizard.lang
            use_language(lang)
            first = wizard.officer
        session = Session(db, reference_for(db), data_dir, lang)
        if first is None:
            sign_in = SignInDialog(db)
            if not sign_in.exec() or sign_in.officer is None:
                return 0
            first = sign_in.officer
        session.sign_in(first)
        tasks = Tasks()
        # Outlives a window rebuilt for another language; stops when the window closes.
        sync = SyncController(session, tasks)
        windows: list[MainWindow] = []

        def open_window() -> None:
            window = MainWindow(session, tasks, sync)
            window.language_requested.connect(switch_language)
            windows.append(window)
            window.show()

        def switch_language(code: str) -> None:
            set_setting(db, "language", code)
            session.set_language(code)
            use_language(code)
            old = windows.pop()
            open_window()
            old.hide()
            old.deleteLater()

        open_window()
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
        db.close()
