"""Voiding a payment: a reason, and the approving supervisor's passphrase, checked before
the void is written (`services.records.void`); a payment is never deleted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.db import Error as DbError
from models.db import storage_problem
from models.enrolments import PaymentRecord
from models.errors import SigapError, ValidationError
from models.money import rupiah
from services.changes import Changes
from services.records import check_void_reason, void
from ui.screens.record_parts import error_label, show
from ui.session import Session
from ui.widgets.approval import ApprovalBox
from ui.widgets.keyboard import keyboard_ready


class VoidDialog(QDialog):
    """Voiding a payment: a reason, and the approving supervisor's passphrase."""

    def __init__(
        self, session: Session, payment: PaymentRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.payment = payment
        self.changed = Changes()
        self.setWindowTitle(self.tr("Batalkan pembayaran"))

        about = self.tr(
            "Kwitansi {receipt}, {amount}. Pembatalan dicatat dan dikirim ke kantor pusat."
        )
        if payment.method == "sponsor":  # the sponsor's paper is a registration slip
            about = self.tr(
                "Bukti pendaftaran {receipt}, {amount}. Pembatalan dicatat dan dikirim ke "
                "kantor pusat."
            )
        self.about = QLabel(
            about.format(
                receipt=payment.receipt_number, amount=rupiah(payment.amount, session.lang)
            )
        )
        self.about.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason_error = error_label("reason")
        self.message = error_label("general")
        self.message.setObjectName("message")
        self.approval = ApprovalBox(session, self, self.message)
        self.supervisor, self.passphrase = self.approval.supervisor, self.approval.passphrase

        reason_cell = QVBoxLayout()
        reason_cell.addWidget(self.reason)
        reason_cell.addWidget(self.reason_error)
        form = QFormLayout()
        form.addRow(self.tr("Alasan pembatalan"), reason_cell)

        self.confirm_button = QPushButton(self.tr("Batalkan pembayaran"))
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.setEnabled(self.approval.available)
        back = QPushButton(self.tr("Kembali"))
        back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(back)
        buttons.addWidget(self.confirm_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addWidget(self.approval)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        keyboard_ready(self, self.confirm_button)  # Enter in the passphrase box voids
        self.reason.setFocus()

    def confirm(self) -> None:
        show(self.message, "")
        show(self.reason_error, "")
        officer = self.session.officer
        lang = self.session.lang
        if officer is None:
            show(self.message, self.tr("Masuk dulu sebagai petugas."))
            return
        # The reason first, so a missing one does not spend the supervisor's passphrase.
        problems = check_void_reason(self.reason.text())
        if problems:
            show(self.reason_error, "\n".join(p.message(lang) for p in problems))
            self.reason.setFocus()
            return
        approver = self.approval.approve(self.tr("Pembayaran tidak dibatalkan."))
        if approver is None:
            return
        try:
            self.changed = void(
                self.session.db,
                self.payment.enrolment_id,
                self.payment.id,
                self.reason.text(),
                officer.id,
                approver,
                self.session.clock,
            )
        except ValidationError as exc:
            show(self.reason_error, "\n".join(p.message(lang) for p in exc.problems))
            self.reason.setFocus()
            return
        except SigapError as exc:
            show(self.message, exc.message(lang))
            return
        except DbError as exc:
            show(self.message, storage_problem(exc).message(lang))
            return
        self.accept()
