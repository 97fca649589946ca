"""A supervisor's approval, asked where an action needs one: voiding a payment, correcting a
record HQ already has, exporting personal data, registering the laptop, managing officers.
One widget, so every approval looks the same and says the same things when it fails."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.db import Error as DbError
from models.db import storage_problem
from models.errors import SigapError, ValidationError
from models.officers import Officer
from services.approvals import check_supervisor, supervisors
from ui.session import Session
from ui.widgets.keyboard import keyboard_ready

ERROR_STYLE = "color: #b00020;"


class ApprovalBox(QGroupBox):
    """The approving supervisor and their passphrase. `approve()` checks it now and says
    what is wrong on `message` (its own label, or the dialog's when one is given)."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        message: QLabel | None = None,
    ) -> None:
        super().__init__(self.tr("Persetujuan supervisor"), parent)
        self.setObjectName("approval")
        self.session = session
        self.supervisor = QComboBox()
        self.supervisor.setObjectName("supervisor")
        me = session.officer
        for o in supervisors(session.db):
            self.supervisor.addItem(f"{o.name} ({o.id})", o.id)
        if me is not None and me.is_supervisor:
            # A supervisor at the desk approves their own action, still with their passphrase.
            self.supervisor.setCurrentIndex(max(self.supervisor.findData(me.id), 0))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("Supervisor yang menyetujui"), self.supervisor)
        form.addRow(self.tr("Kata sandi supervisor"), self.passphrase)
        if message is None:
            message = QLabel()
            message.setObjectName("approval_message")
            message.setWordWrap(True)
            message.hide()
            form.addRow(message)
        self.message = message
        if not self.available:
            self.say(
                self.tr("Belum ada supervisor aktif di laptop ini; tindakan ini tidak bisa "
                        "disetujui.")
            )  # fmt: skip

    @property
    def available(self) -> bool:
        return self.supervisor.count() > 0

    def say(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def approve(self, refused: str = "") -> Officer | None:
        """The approving supervisor, when their passphrase is right. Otherwise None, with
        the reason and `refused` (what did not happen) on the message line. The passphrase
        is cleared either way: it is not kept in a widget longer than needed."""
        supervisor_id = self.supervisor.currentData()
        typed = self.passphrase.text()
        self.passphrase.clear()
        if supervisor_id is None:
            self.say(self.tr("Belum ada supervisor aktif di laptop ini."))
            return None
        if not typed:
            reason = self.tr("Kata sandi supervisor belum diisi.")
            self.say(" ".join(x for x in (reason, refused) if x))
            self.passphrase.setFocus()
            return None
        try:
            # Checked before any transaction opens: no write lock is held meanwhile.
            return check_supervisor(self.session.db, str(supervisor_id), typed)
        except SigapError as exc:
            if exc.code == "passphrase_wrong":
                reason = self.tr("Kata sandi supervisor salah.")
            else:
                reason = exc.message(self.session.lang)
            self.say(" ".join(x for x in (reason, refused) if x))
            self.passphrase.setFocus()
            return None


class ApprovalDialog(QDialog):
    """An action that has no dialog of its own (deactivating an officer, lifting a lock):
    what will happen, the approval, and the action itself, run once approved. A SigapError
    from the action is shown here and the dialog stays open."""

    def __init__(
        self,
        session: Session,
        title: str,
        text: str,
        action: Callable[[Officer], object],
        parent: QWidget | None = None,
        button: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.action = action
        self.approver: Officer | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        about = QLabel(text)
        about.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.approval = ApprovalBox(session, self, self.message)
        self.supervisor, self.passphrase = self.approval.supervisor, self.approval.passphrase
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(button or self.tr("Setujui"))
        self.ok_button.setEnabled(self.approval.available)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.approval)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        keyboard_ready(self, self.ok_button)
        self.passphrase.setFocus()

    def confirm(self) -> None:
        approver = self.approval.approve(self.tr("Belum ada yang diubah."))
        if approver is None:
            return
        try:
            self.action(approver)
        except ValidationError as exc:
            self.approval.say(exc.message(self.session.lang))
            return
        except SigapError as exc:
            self.approval.say(exc.message(self.session.lang))
            return
        except DbError as exc:
            self.approval.say(storage_problem(exc).message(self.session.lang))
            return
        self.approver = approver
        self.accept()
