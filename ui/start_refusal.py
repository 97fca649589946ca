"""A start refused before any window opens: Sigap already open on this data folder (or a
restore from the command line holding it), a restore running on it, a folder that cannot
be made. A desk started from its icon has no terminal, so the refusal is told in a message
box, in the language asked for; standard error still hears it, and the exit code is the
command line's (1). A storage or file problem that ends the window later (after signing
in, or at closing) is told the same way, as Sigap stopping."""

from __future__ import annotations

import contextlib
import errno
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from models.db_file import driver_errors
from models.desk import hold_folder
from models.errors import SigapError, storage_problem
from models.messages import text
from ui.branding import brand
from ui.qt_texts import InterfaceLanguage

EXIT_REFUSED = 1
# The database driver loads at the sign-in, after its Argon2 hash (docs/start-up.md).
if TYPE_CHECKING:
    from models.db import Error as DbError

Problem: TypeAlias = "SigapError | DbError | OSError"
RESTORABLE = ("database_damaged", "database_missing")


def run_held(data_dir: Path, lang: str, run: Callable[[], int]) -> int:
    """`run()` while this process holds the data folder (`models.desk.hold_folder`); when
    the folder cannot be held, the refusal is told and `run` never starts."""
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(hold_folder(data_dir))
        except (SigapError, OSError) as exc:
            tell_refusal(exc, data_dir, lang)
            return EXIT_REFUSED
        try:
            return run()
        except (SigapError, OSError) + driver_errors() as exc:
            tell_refusal(exc, data_dir, lang, stopped=True)
            return EXIT_REFUSED


def core_message(exc: Problem, lang: str) -> str:
    """The words the command line has always said for it."""
    if isinstance(exc, driver_errors()):
        exc = storage_problem(exc)
    if isinstance(exc, SigapError):
        if exc.code in RESTORABLE:
            return exc.message(lang) + "\n" + text("backup_restore_hint", lang)
        return exc.message(lang)
    if exc.errno == errno.ENOSPC:
        return text("disk_full", lang)
    return text("file_problem", lang, reason=exc.strerror or type(exc).__name__)


def tell_refusal(exc: Problem, data_dir: Path, lang: str, stopped: bool = False) -> None:
    message = core_message(exc, lang)
    print(message, file=sys.stderr)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    brand(app)
    language = InterfaceLanguage(app)
    language.use(lang)
    try:
        _box(exc, message, data_dir, stopped).exec()
    finally:
        language.close()


def _box(exc: Problem, message: str, data_dir: Path, stopped: bool) -> QMessageBox:
    box = QMessageBox()
    box.setObjectName("start_refused")
    where = QCoreApplication.translate("StartRefusal", "Folder data: {folder}").format(
        folder=data_dir
    )
    if isinstance(exc, SigapError) and exc.code == "already_running":
        # Not a fault: the officer is pointed to the window that is already there.
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("StartRefusal", "Sigap sudah terbuka"))
        box.setText(
            QCoreApplication.translate(
                "StartRefusal",
                "Sigap sudah terbuka untuk folder data ini. Pindah ke jendela Sigap itu: "
                "klik Sigap di taskbar, atau tekan Alt+Tab.",
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "StartRefusal",
                "Tidak ada jendela Sigap yang terlihat? Mungkin cadangan sedang dipulihkan "
                "lewat baris perintah, atau Sigap yang tadi masih menutup. Tunggu satu menit, "
                "lalu buka Sigap lagi. Jika pesan ini tetap muncul, mulai ulang laptop: "
                "catatan yang sudah disimpan tetap aman.",
            )
            + "\n\n"
            + where
        )
    elif stopped:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("StartRefusal", "Sigap berhenti"))
        box.setText(message)
        box.setInformativeText(where)
    else:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("StartRefusal", "Sigap belum bisa dibuka"))
        box.setText(message)
        box.setInformativeText(where)
    box.addButton(
        QCoreApplication.translate("StartRefusal", "Tutup"), QMessageBox.ButtonRole.RejectRole
    )
    return box
