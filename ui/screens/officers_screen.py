"""The officers of this laptop: who they are, whether their passphrase opens the data here,
and whether wrong passphrases have locked them. Adding an officer, resetting a passphrase,
deactivating and lifting a lock each need a supervisor's approval; an officer changes their
own passphrase with the old one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import vault
from models.db import Error as DbError
from models.db import storage_problem
from models.errors import Problem, SigapError, ValidationError
from models.officers import (
    PASSPHRASE_MIN,
    Officer,
    check_officer,
    check_passphrase,
    list_officers,
    officer_has_key,
)
from services import officers
from ui.lazy import RefreshWhenShown
from ui.session import Session
from ui.tasks import Tasks
from ui.widgets.approval import ApprovalBox, ApprovalDialog
from ui.widgets.keyboard import keyboard_ready
from ui.widgets.tables import read_only_item, read_only_table

ERROR_STYLE = "color: #b00020;"
DONE_STYLE = "color: #1b7f3b;"


def _password() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class _FormDialog(QDialog):
    """Fields, each with its message line, an approval (or not), and OK/Cancel."""

    def __init__(self, session: Session, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.message = _error_label()
        self.message.setObjectName("message")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def add_row(self, label: str, key: str, widget: QWidget) -> None:
        widget.setObjectName(key)
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addWidget(widget)
        self.errors[key] = _error_label()
        cell.addWidget(self.errors[key])
        self.form.addRow(label, cell)

    def finish_layout(self, about: str, approval: ApprovalBox | None) -> None:
        layout = QVBoxLayout(self)
        text = QLabel(about)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addLayout(self.form)
        if approval is not None:
            layout.addWidget(approval)
            self.ok_button.setEnabled(approval.available)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        keyboard_ready(self, self.ok_button)

    def show_problems(self, problems: list[Problem]) -> None:
        for label in self.errors.values():
            label.hide()
        self.message.hide()
        general: list[str] = []
        for p in problems:
            beside = self.errors.get(p.field)
            if beside is None:
                general.append(p.message(self.session.lang))
                continue
            beside.setText(p.message(self.session.lang))
            beside.show()
        if general:
            self.message.setText("\n".join(general))
            self.message.show()

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.show_problems(exc.problems)
        elif isinstance(exc, SigapError):
            self.show_problems([Problem("general", exc.code, exc.params)])
        elif isinstance(exc, DbError | OSError):
            problem = storage_problem(exc)
            self.show_problems([Problem("general", problem.code, problem.params)])
        else:
            raise exc

    def save(self) -> None:
        raise NotImplementedError


class AddOfficerDialog(_FormDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("Tambah petugas"), parent)
        self.officer: Officer | None = None
        self.officer_id = QLineEdit()
        self.officer_id.setPlaceholderText(self.tr("misalnya sari.w"))
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(self.tr("Petugas"), "officer")
        self.role.addItem(self.tr("Supervisor"), "supervisor")
        self.passphrase = _password()
        self.repeat = _password()
        self.add_row(self.tr("Id petugas"), "officer_id", self.officer_id)
        self.add_row(self.tr("Nama"), "name", self.name)
        self.add_row(self.tr("Peran"), "role", self.role)
        self.add_row(
            self.tr("Kata sandi ({n}+ karakter)").format(n=PASSPHRASE_MIN),
            "passphrase",
            self.passphrase,
        )
        self.add_row(self.tr("Ulangi kata sandi"), "repeat", self.repeat)
        self.approval = ApprovalBox(session, self)
        self.ok_button.setText(self.tr("Tambah"))
        self.finish_layout(
            self.tr(
                "Petugas baru masuk dengan id dan kata sandi ini. Kata sandinya membuka data "
                "di laptop ini, jadi berikan langsung kepadanya, jangan lewat pesan."
            ),
            self.approval,
        )
        self.officer_id.setFocus()

    def save(self) -> None:
        oid, name, role = self.officer_id.text(), self.name.text(), str(self.role.currentData())
        problems = check_officer(oid, name, role, self.passphrase.text())
        if self.passphrase.text() != self.repeat.text():
            problems.append(Problem("repeat", "passphrases_differ"))
        self.show_problems(problems)
        if problems:
            return
        approver = self.approval.approve(self.tr("Petugas belum ditambahkan."))
        if approver is None:
            return
        try:
            self.officer = officers.add(
                self.session.db, oid, name, role, self.passphrase.text(), approver,
                self.session.clock,
            )  # fmt: skip
        except (SigapError, DbError, OSError) as exc:
            self.show_error(exc)
            return
        self.passphrase.clear()
        self.repeat.clear()
        self.accept()


class ResetPassphraseDialog(_FormDialog):
    """A supervisor sets a new passphrase for an officer who forgot theirs, or who has no
    key on this laptop yet; an inactive account becomes active again."""

    def __init__(self, session: Session, officer: Officer, parent: QWidget | None = None) -> None:
        title = (
            self.tr("Atur ulang kata sandi")
            if officer.active
            else self.tr("Aktifkan lagi dan atur kata sandi")
        )
        super().__init__(session, title, parent)
        self.officer = officer
        self.passphrase = _password()
        self.repeat = _password()
        self.add_row(
            self.tr("Kata sandi baru ({n}+ karakter)").format(n=PASSPHRASE_MIN),
            "passphrase",
            self.passphrase,
        )
        self.add_row(self.tr("Ulangi kata sandi baru"), "repeat", self.repeat)
        self.approval = ApprovalBox(session, self)
        self.ok_button.setText(self.tr("Simpan"))
        self.finish_layout(
            self.tr(
                "Kata sandi baru untuk {name} ({id}). Kata sandi lamanya tidak berlaku lagi, "
                "dan kunci akunnya dibuka."
            ).format(name=officer.name, id=officer.id),
            self.approval,
        )
        self.passphrase.setFocus()

    def save(self) -> None:
        problems = check_passphrase(self.officer.id, self.passphrase.text())
        if self.passphrase.text() != self.repeat.text():
            problems.append(Problem("repeat", "passphrases_differ"))
        self.show_problems(problems)
        if problems:
            return
        approver = self.approval.approve(self.tr("Kata sandi tidak diubah."))
        if approver is None:
            return
        try:
            officers.reset_passphrase(
                self.session.db, self.officer.id, self.passphrase.text(), approver,
                self.session.clock,
            )  # fmt: skip
        except (SigapError, DbError, OSError) as exc:
            self.show_error(exc)
            return
        self.passphrase.clear()
        self.repeat.clear()
        self.accept()


class ChangeOwnPassphraseDialog(_FormDialog):
    """The signed-in officer's own passphrase: the old one, then the new one twice."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("Ganti kata sandi saya"), parent)
        self.old = _password()
        self.passphrase = _password()
        self.repeat = _password()
        self.add_row(self.tr("Kata sandi sekarang"), "old", self.old)
        self.add_row(
            self.tr("Kata sandi baru ({n}+ karakter)").format(n=PASSPHRASE_MIN),
            "passphrase",
            self.passphrase,
        )
        self.add_row(self.tr("Ulangi kata sandi baru"), "repeat", self.repeat)
        self.ok_button.setText(self.tr("Ganti"))
        officer = session.officer
        self.finish_layout(
            self.tr("Kata sandi baru untuk {name} ({id}).").format(
                name=officer.name if officer else "-", id=officer.id if officer else "-"
            ),
            None,
        )
        self.ok_button.setEnabled(officer is not None)
        self.old.setFocus()

    def save(self) -> None:
        officer = self.session.officer
        if officer is None:
            return
        problems = check_passphrase(officer.id, self.passphrase.text())
        if self.passphrase.text() != self.repeat.text():
            problems.append(Problem("repeat", "passphrases_differ"))
        self.show_problems(problems)
        if problems:
            return
        old = self.old.text()
        self.old.clear()
        try:
            officers.change_own_passphrase(
                self.session.db, officer.id, old, self.passphrase.text(), self.session.clock
            )
        except SigapError as exc:
            if exc.code == "passphrase_wrong":  # nothing changed
                self.errors["old"].setText(self.tr("Kata sandi sekarang salah."))
                self.errors["old"].show()
                self.old.setFocus()
            else:
                self.show_error(exc)
            return
        except (DbError, OSError) as exc:
            self.show_error(exc)
            return
        self.passphrase.clear()
        self.repeat.clear()
        self.accept()


class OfficersScreen(RefreshWhenShown, QWidget):
    def __init__(self, session: Session, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.officers: list[Officer] = []
        self.dialog: QDialog | None = None

        self.table = read_only_table(
            [
                self.tr("Id"),
                self.tr("Nama"),
                self.tr("Peran"),
                self.tr("Status"),
                self.tr("Kunci di laptop ini"),
                self.tr("Kata sandi salah"),
            ],
            "officers",
            fit=True,
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("Tambah petugas…"))
        self.add_button.setObjectName("add")
        self.add_button.clicked.connect(self.open_add)
        self.reset_button = QPushButton(self.tr("Atur ulang kata sandi…"))
        self.reset_button.setObjectName("reset")
        self.reset_button.clicked.connect(self.open_reset)
        self.deactivate_button = QPushButton(self.tr("Nonaktifkan…"))
        self.deactivate_button.setObjectName("deactivate")
        self.deactivate_button.clicked.connect(self.open_deactivate)
        self.unlock_button = QPushButton(self.tr("Buka kunci akun…"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.clicked.connect(self.open_unlock)
        self.own_button = QPushButton(self.tr("Ganti kata sandi saya…"))
        self.own_button.setObjectName("own_passphrase")
        self.own_button.clicked.connect(self.open_change_own)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.reset_button, self.deactivate_button, self.unlock_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.own_button)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about = QLabel(
            self.tr(
                "Setiap petugas masuk dengan kata sandinya sendiri; kata sandi itu membuka "
                "data terenkripsi di laptop ini. Perubahan akun perlu persetujuan supervisor."
            )
        )
        about.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        session.officer_changed.connect(self.refresh_soon)
        self._update_buttons()

    # ------------------------------------------------------------------ reading

    def refresh(self) -> None:
        chosen = self.selected()
        db, data_dir = self.session.db, self.session.data_dir
        self.officers = list_officers(db)
        self.table.setRowCount(len(self.officers))
        for row, o in enumerate(self.officers):
            try:
                key = self.tr("Ada") if officer_has_key(db, o.id) else self.tr("Belum ada")
                tries = self._tries_text(vault.attempts(data_dir, o.id))
            except SigapError as exc:
                key, tries = "-", exc.message(self.session.lang)
            cells = (
                o.id,
                o.name,
                self.tr("Supervisor") if o.is_supervisor else self.tr("Petugas"),
                self.tr("Aktif") if o.active else self.tr("Nonaktif"),
                key,
                tries,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, read_only_item(text))
        if chosen is not None:
            self.select(chosen.id)
        self._update_buttons()

    def _tries_text(self, attempts: vault.Attempts) -> str:
        if attempts.locked and attempts.locked_until is not None:
            until = datetime.fromtimestamp(attempts.locked_until).strftime("%H:%M")
            return self.tr("Terkunci sampai {time}").format(time=until)
        if attempts.locked:
            return self.tr("Terkunci")
        if attempts.failures:
            return self.tr("%n kali salah", "", attempts.failures)
        return "-"

    def selected(self) -> Officer | None:
        row = self.table.currentRow()
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        if row < 0 or row not in rows or row >= len(self.officers):
            return None
        return self.officers[row]

    def select(self, officer_id: str) -> None:
        for row, o in enumerate(self.officers):
            if o.id == officer_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        chosen = self.selected()
        me = self.session.officer
        self.reset_button.setEnabled(chosen is not None)
        self.reset_button.setText(
            self.tr("Aktifkan lagi…")
            if chosen is not None and not chosen.active
            else self.tr("Atur ulang kata sandi…")
        )
        self.deactivate_button.setEnabled(chosen is not None and chosen.active)
        locked = False
        if chosen is not None:
            try:
                locked = vault.attempts(self.session.data_dir, chosen.id).failures > 0
            except SigapError:
                locked = False
        self.unlock_button.setEnabled(locked)
        self.own_button.setEnabled(me is not None)

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet(DONE_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    # ------------------------------------------------------------------ changing

    def _show(self, dialog: QDialog, done: str) -> QDialog:
        self.dialog = dialog

        def finished() -> None:
            self._say(done)
            self.refresh()
            self.session.announce(officers.OFFICERS)  # the status bar and audit screen show it

        dialog.accepted.connect(finished)
        dialog.open()
        return dialog

    def open_add(self) -> AddOfficerDialog:
        dialog = AddOfficerDialog(self.session, self)

        def added() -> None:
            if dialog.officer is not None:
                self.select(dialog.officer.id)

        self._show(dialog, self.tr("Petugas ditambahkan."))
        dialog.accepted.connect(added)
        return dialog

    def open_reset(self) -> ResetPassphraseDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        dialog = ResetPassphraseDialog(self.session, chosen, self)
        self._show(
            dialog,
            self.tr("Kata sandi {id} diganti.").format(id=chosen.id),
        )
        return dialog

    def open_deactivate(self) -> ApprovalDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        db, clock = self.session.db, self.session.clock
        dialog = ApprovalDialog(
            self.session,
            self.tr("Nonaktifkan petugas"),
            self.tr(
                "{name} ({id}) tidak bisa masuk lagi di laptop ini. Catatan yang dibuatnya "
                "tetap ada. Akun ini bisa diaktifkan lagi dengan kata sandi baru."
            ).format(name=chosen.name, id=chosen.id),
            lambda approver: officers.deactivate(db, chosen.id, approver, clock),
            self,
            button=self.tr("Nonaktifkan"),
        )
        self._show(dialog, self.tr("{id} dinonaktifkan.").format(id=chosen.id))
        return dialog

    def open_unlock(self) -> ApprovalDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        db, clock = self.session.db, self.session.clock
        dialog = ApprovalDialog(
            self.session,
            self.tr("Buka kunci akun"),
            self.tr(
                "Hitungan kata sandi salah untuk {name} ({id}) dihapus; akun ini bisa masuk lagi."
            ).format(name=chosen.name, id=chosen.id),
            lambda approver: officers.unlock(db, chosen.id, approver, clock),
            self,
            button=self.tr("Buka kunci"),
        )
        self._show(dialog, self.tr("Kunci akun {id} dibuka.").format(id=chosen.id))
        return dialog

    def open_change_own(self) -> ChangeOwnPassphraseDialog:
        dialog = ChangeOwnPassphraseDialog(self.session, self)
        self._show(dialog, self.tr("Kata sandi Anda diganti."))
        return dialog
