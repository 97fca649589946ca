"""Backups: the encrypted copies Sigap keeps (when, why, how big), a backup made on demand in
the background, and putting one back with a supervisor's approval. `RestoreDialog` does the
same at start, when the database is damaged and cannot be opened at all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from models.backup import (
    BackupInfo,
    RestoreResult,
    check_backup,
    list_backups,
    supervisor_ids,
)
from models.db import storage_problem
from models.errors import SigapError
from services.approvals import supervisors
from services.backups import (
    Busy,
    back_up_now,
    check_restore_approval,
    restore_backup,
    restore_unopened,
)
from ui.lazy import RefreshWhenShown
from ui.session import Session
from ui.tasks import Progress, Tasks
from ui.widgets.approval import ApprovalBox
from ui.widgets.fit import fit
from ui.widgets.keyboard import keyboard_ready
from ui.widgets.tables import read_only_item, read_only_table

ERROR_STYLE = "color: #b00020;"
DONE_STYLE = "color: #1b7f3b;"


def _problem_text(exc: BaseException, lang: str) -> str:
    """An error in the officer's words (never a traceback)."""
    if isinstance(exc, SigapError):
        return exc.message(lang)
    return storage_problem(exc).message(lang)


def reason_text(reason: str) -> str:
    return {
        "sync": QCoreApplication.translate("BackupTexts", "Sebelum sinkronisasi"),
        "day_close": QCoreApplication.translate("BackupTexts", "Tutup hari"),
        "manual": QCoreApplication.translate("BackupTexts", "Dibuat petugas"),
        "before_restore": QCoreApplication.translate("BackupTexts", "Sebelum pemulihan"),
    }.get(reason, reason)


def size_text(size: int, lang: str) -> str:
    locale = QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Indonesian)
    if size < 1024 * 1024:
        n = locale.toString(max(1, round(size / 1024)))
        return QCoreApplication.translate("BackupTexts", "{n} KB").format(n=n)
    n = locale.toString(size / (1024 * 1024), "f", 1)
    return QCoreApplication.translate("BackupTexts", "{n} MB").format(n=n)


def when_text(info: BackupInfo) -> str:
    return info.made_at.strftime("%d-%m-%Y %H:%M:%S")


def backup_table() -> QTableWidget:
    return read_only_table(
        [
            QCoreApplication.translate("BackupTexts", "Waktu"),
            QCoreApplication.translate("BackupTexts", "Alasan"),
            QCoreApplication.translate("BackupTexts", "Ukuran"),
            QCoreApplication.translate("BackupTexts", "Berkas"),
        ],
        "backups",
        fit=True,
    )


def fill_table(table: QTableWidget, backups: list[BackupInfo], lang: str) -> None:
    """Newest first; the newest is selected."""
    table.setRowCount(len(backups))
    for row, info in enumerate(backups):
        table.setItem(row, 0, read_only_item(when_text(info)))
        table.setItem(row, 1, read_only_item(reason_text(info.reason)))
        size = read_only_item(size_text(info.size, lang))
        size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, 2, size)
        table.setItem(row, 3, read_only_item(info.name))
    if backups:
        table.selectRow(0)


def _selected(table: QTableWidget, backups: list[BackupInfo]) -> BackupInfo | None:
    rows = table.selectionModel().selectedRows()
    if not rows or rows[0].row() >= len(backups):
        return None
    return backups[rows[0].row()]


class BackupScreen(RefreshWhenShown, QWidget):
    """`backup_made(BackupInfo)` after a backup made here. `restored(object)` after a
    restore was attempted: the session's database connection has been CLOSED and the file
    may have been replaced, so whoever owns the window must open the database again and
    reload what it shows; the argument is the `RestoreResult`, or None when the restore
    failed part way (a message said what)."""

    backup_made = Signal(object)
    restored = Signal(object)

    def __init__(self, session: Session, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.backups: list[BackupInfo] = []
        self.making = False
        self.restoring = False

        about = QLabel(
            self.tr(
                "Sigap menyimpan salinan basis data sebelum sinkronisasi dan saat tutup hari. "
                "Salinan terenkripsi dengan kunci yang sama dan hanya terbuka dengan kata "
                "sandi petugas laptop ini (untuk laptop lain, berkas sigap.keys juga perlu "
                "dibawa)."
            )
        )
        about.setWordWrap(True)
        self.table = backup_table()
        self.make_button = QPushButton(self.tr("Buat cadangan sekarang"))
        self.make_button.setObjectName("make_backup")
        self.make_button.clicked.connect(self.make_backup_now)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.make_button)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.approval = ApprovalBox(session, self, self.message)
        self.supervisor, self.passphrase = self.approval.supervisor, self.approval.passphrase
        self.restore_button = QPushButton(self.tr("Pulihkan…"))
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.restore_selected)
        restore_box = QGroupBox(self.tr("Pulihkan cadangan yang dipilih"))
        warning = QLabel(
            self.tr(
                "Catatan yang dibuat setelah cadangan itu tidak ada lagi di basis data sesudah "
                "dipulihkan; basis data yang sekarang disimpan dulu sebagai cadangan "
                "\u201csebelum pemulihan\u201d. Perlu persetujuan supervisor."
            )
        )
        warning.setWordWrap(True)
        restore_row = QHBoxLayout()
        restore_row.addStretch(1)
        restore_row.addWidget(self.restore_button)
        box = QVBoxLayout(restore_box)
        box.addWidget(warning)
        box.addWidget(self.approval)
        box.addLayout(restore_row)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(restore_box)
        layout.addWidget(self.message)

        session.officer_changed.connect(self.refresh_soon)
        session.changed.connect(self.refresh_soon)  # a sync backup may follow

    # ------------------------------------------------------------------ reading

    def refresh(self) -> None:
        """The backups on disk, newest first, and the supervisors who can approve."""
        self.backups = list_backups(self.session.data_dir)
        fill_table(self.table, self.backups, self.session.lang)
        chosen = self.supervisor.currentData()
        self.supervisor.clear()
        for o in supervisors(self.session.db):  # as ApprovalBox lists them
            self.supervisor.addItem(f"{o.name} ({o.id})", o.id)
        me = self.session.officer
        wanted = chosen or (me.id if me is not None and me.is_supervisor else None)
        if wanted is not None:
            self.supervisor.setCurrentIndex(max(self.supervisor.findData(wanted), 0))
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        return _selected(self.table, self.backups)

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(DONE_STYLE if ok else ERROR_STYLE)
        self.message.setVisible(bool(text))

    def _update_buttons(self) -> None:
        busy = self.making or self.restoring
        self.make_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.supervisor.count() > 0)

    # ------------------------------------------------------------------ making

    def make_backup_now(self) -> None:
        """A manual backup, copied on the thread pool with a connection of its own."""
        if self.making or self.restoring:
            return
        session = self.session

        def work(progress: Progress) -> BackupInfo:
            def copied(done: int, total: int) -> None:
                progress.report(done * 100 // max(total, 1))

            return back_up_now(session.connect_db, session.clock, copied)

        self.making = True
        self._update_buttons()
        self._say(self.tr("Membuat cadangan…"), ok=True)
        self.tasks.run(work, self._made, self._make_failed, self._make_progress)

    def _make_progress(self, percent: int) -> None:
        self._say(self.tr("Membuat cadangan… {percent}%").format(percent=percent), ok=True)

    def _made(self, info: BackupInfo) -> None:
        self.making = False
        self.refresh()
        self._say(
            self.tr("Cadangan dibuat: {name} ({size}).").format(
                name=info.name, size=size_text(info.size, self.session.lang)
            ),
            ok=True,
        )
        self.backup_made.emit(info)

    def _make_failed(self, exc: BaseException) -> None:
        self.making = False
        self._update_buttons()
        self._say(
            self.tr("Cadangan tidak dibuat: {reason}").format(
                reason=_problem_text(exc, self.session.lang)
            ),
            ok=False,
        )

    # ------------------------------------------------------------------ restoring

    def restore_selected(self) -> None:
        """Approve, confirm, check the backup, then close the database, restore and emit
        `restored`. Done in one turn of the GUI thread on purpose: nothing may use the
        database between closing it and reopening it."""
        if self.making or self.restoring:
            return
        info = self.selected()
        if info is None:
            self._say(self.tr("Pilih dulu cadangan yang akan dipulihkan di tabel."), ok=False)
            return
        approver = self.approval.approve(self.tr("Tidak ada yang dipulihkan."))
        if approver is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Pulihkan cadangan"),
            self.tr(
                "Pulihkan cadangan {when} ({reason})? Catatan yang dibuat setelah waktu itu "
                "tidak ada lagi di basis data. Basis data yang sekarang disimpan sebagai "
                "cadangan \u201csebelum pemulihan\u201d."
            ).format(when=when_text(info), reason=reason_text(info.reason)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.session.db
        key: bytes = db.key  # type: ignore[attr-defined]
        self.restoring = True
        self._update_buttons()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._restore(info, key, approver.id)
        finally:
            QApplication.restoreOverrideCursor()
            self.restoring = False
            self._update_buttons()

    def _restore(self, info: BackupInfo, key: bytes, approver_id: str) -> None:
        lang = self.session.lang
        if not check_backup(info.path, key):
            self._say(SigapError("backup_damaged", name=info.name).message(lang), ok=False)
            return
        db = self.session.db
        problem = ""
        result: RestoreResult | None = None
        try:
            result = restore_backup(
                db, self.session.data_dir, info.path, key, approver_id, self.session.clock
            )
        except Busy:
            self._say(
                self.tr("Sinkronisasi sedang berjalan. Tunggu sampai selesai, lalu coba lagi."),
                ok=False,
            )
            return
        except Exception as exc:  # told to the officer; the window reopens
            problem = _problem_text(exc, lang)
        if result is None:
            self._say(
                self.tr("Cadangan tidak dipulihkan: {reason}").format(reason=problem), ok=False
            )
            QMessageBox.warning(
                self,
                self.tr("Pemulihan gagal"),
                self.tr("Cadangan tidak dipulihkan: {reason}\nSigap membuka ulang basis data.")
                .format(reason=problem),
            )  # fmt: skip
            self.restored.emit(None)
            return
        self._say(self.tr("Cadangan {name} dipulihkan.").format(name=info.name), ok=True)
        QMessageBox.information(
            self,
            self.tr("Cadangan dipulihkan"),
            self.restored_text(info, result),
        )
        self.restored.emit(result)

    def restored_text(self, info: BackupInfo, result: RestoreResult) -> str:
        if result.before_restore is not None:
            kept = self.tr("Basis data sebelumnya disimpan sebagai cadangan {name}.").format(
                name=result.before_restore.name
            )
        elif result.damaged_kept is not None:
            kept = self.tr("Basis data yang rusak disimpan sebagai {name}.").format(
                name=result.damaged_kept.name
            )
        else:
            kept = ""
        return " ".join(
            t
            for t in (
                self.tr("Cadangan {when} dipulihkan.").format(when=when_text(info)),
                kept,
                self.tr("Sigap memuat ulang data sekarang."),
            )
            if t
        )


class RestoreDialog(QDialog):
    """At start, when the database is damaged (or missing): the backups that pass the
    integrity check, newest first, and a restore approved by a supervisor's passphrase,
    checked against the key file (the database cannot be opened). After `exec()` returns
    Accepted, `result_value` is the `RestoreResult` and the database can be opened again."""

    restored = Signal(object)

    def __init__(
        self, data_dir: Path, key: bytes, parent: QWidget | None = None, lang: str = "id"
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.key = key
        self.lang = lang
        self.result_value: RestoreResult | None = None
        self.setWindowTitle(self.tr("Pulihkan basis data"))
        fit(self, 640, 420, data_dir)

        about = QLabel(
            self.tr(
                "Basis data di laptop ini rusak dan tidak bisa dibuka. Pilih cadangan untuk "
                "dipulihkan (yang paling baru di atas). Basis data yang rusak disimpan, tidak "
                "dihapus."
            )
        )
        about.setWordWrap(True)
        self.table = backup_table()
        self.supervisor = QComboBox()
        self.supervisor.setObjectName("supervisor")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Supervisor yang menyetujui"), self.supervisor)
        form.addRow(self.tr("Kata sandi supervisor"), self.passphrase)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.restore_button = QPushButton(self.tr("Pulihkan"))
        self.restore_button.setObjectName("restore")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.restore_button)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        keyboard_ready(self, self.restore_button)
        self.refresh()

    def refresh(self) -> None:
        """Checks every backup (a few MB each: a moment, once, at a start that failed)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.backups = [
                b for b in list_backups(self.data_dir) if check_backup(b.path, self.key)
            ]
            ids = supervisor_ids(self.data_dir)
        except SigapError as exc:
            self.backups, ids = [], []
            self._say(exc.message(self.lang), ok=False)
        finally:
            QApplication.restoreOverrideCursor()
        fill_table(self.table, self.backups, self.lang)
        self.supervisor.clear()
        for oid in ids:
            self.supervisor.addItem(oid, oid)
        if not self.backups:
            self._say(SigapError("backup_none").message(self.lang), ok=False)
        elif not ids:
            self._say(
                self.tr("Tidak ada supervisor di laptop ini; pemulihan tidak bisa disetujui."),
                ok=False,
            )
        self.restore_button.setEnabled(bool(self.backups) and bool(ids))

    def selected(self) -> BackupInfo | None:
        return _selected(self.table, self.backups)

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(DONE_STYLE if ok else ERROR_STYLE)
        self.message.setVisible(bool(text))

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            self._say(self.tr("Pilih dulu cadangan yang akan dipulihkan di tabel."), ok=False)
            return
        supervisor_id = self.supervisor.currentData() or ""
        try:
            check_restore_approval(self.data_dir, supervisor_id, self.passphrase.text(), self.key)
        except SigapError as exc:
            self.passphrase.clear()
            self.passphrase.setFocus()
            if exc.code == "passphrase_wrong":  # as ApprovalBox says it
                reason = self.tr("Kata sandi supervisor salah.")
            else:
                reason = exc.message(self.lang)
            self._say(" ".join((reason, self.tr("Tidak ada yang dipulihkan."))), ok=False)
            return
        self.passphrase.clear()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result_value = restore_unopened(self.data_dir, info.path, self.key, supervisor_id)
        except Exception as exc:  # told to the officer; nothing else to do here
            self._say(
                self.tr("Cadangan tidak dipulihkan: {reason}").format(
                    reason=_problem_text(exc, self.lang)
                ),
                ok=False,
            )
            return
        finally:
            QApplication.restoreOverrideCursor()
        QMessageBox.information(
            self,
            self.tr("Cadangan dipulihkan"),
            self.tr("Cadangan {when} dipulihkan. Sigap membuka basis data sekarang.").format(
                when=when_text(info)
            ),
        )
        self.restored.emit(self.result_value)
        self.accept()
