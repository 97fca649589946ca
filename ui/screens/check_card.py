"""Check a card: a USB QR scanner types the card's text like a keyboard and ends with Enter;
the box says whether the card is genuine, whose it is and whether they are paid up."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import SigapError
from models.messages import member_number_text
from models.money import month_year
from models.signing import CardCheck, check_card
from models.visitors import read_card
from services.payments import card_held_here
from ui.screens.pay_dialog import PAY_SHORTCUT, PayDialog
from ui.session import Session


class CheckCardDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # The tests read it; it shadows QDialog.result(), which nothing here calls.
        self.result: CardCheck | None = None  # type: ignore[assignment]
        self.setWindowTitle(self.tr("Cek kartu"))
        self.setMinimumWidth(520)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Pindai kode QR kartu, atau tempel teksnya"))
        self.text.returnPressed.connect(self.check)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.name = QLabel()
        self.nik = QLabel()
        self.number = QLabel()
        self.paid = QLabel()
        details = QFormLayout()
        details.addRow(self.tr("Nama"), self.name)
        details.addRow(self.tr("NIK"), self.nik)
        details.addRow(self.tr("No. peserta"), self.number)
        details.addRow(self.tr("Iuran s.d."), self.paid)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.verdict)
        layout.addLayout(details)
        # `Bayar iuran` for the card's member: held here, or another desk's (details typed)
        self.pay_dialog: PayDialog | None = None
        self._card: tuple[str, str | None] | None = None  # (enrolment id, card of elsewhere)
        self.pay_button = QPushButton(self.tr("Bayar iuran… (Ctrl+B)"))
        self.pay_button.setObjectName("pay")
        self.pay_button.clicked.connect(self.open_pay)
        self.pay_button.hide()
        QShortcut(QKeySequence(PAY_SHORTCUT), self, self.open_pay)
        layout.addWidget(self.pay_button)
        self.text.setFocus()

    def check(self) -> None:
        """Check what was scanned, show the answer, and get ready for the next card."""
        s = self.session
        result = check_card(s.db, self.text.text(), s.clock().date(), s.ref)
        self.result = result
        colour = "#1b5e20" if result.genuine else "#b00020"
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.verdict.setText("\n".join(result.messages(s.lang)))
        self.name.setText(result.full_name or "-")
        self.nik.setText(result.masked_nik or "-")
        number = result.member_number or result.card_number
        self.number.setText(member_number_text(number, None, s.lang) if number else "-")
        self.paid.setText(month_year(result.paid_until, s.lang) if result.paid_until else "-")
        self._card = None
        if result.genuine and result.enrolment_id and result.full_name is not None:
            self._card = (result.enrolment_id, None)
        else:
            try:
                if not card_held_here(s.db, self.text.text()):
                    self._card = (read_card(self.text.text()).enrolment_id, self.text.text())
            except SigapError:
                pass  # no Sigap card at all: nothing to pay for
        self.pay_button.setVisible(self._card is not None)
        self.text.selectAll()

    def open_pay(self) -> PayDialog | None:
        if self._card is None:
            return None
        enrolment_id, elsewhere = self._card
        self.pay_dialog = PayDialog(self.session, enrolment_id, self, card_text=elsewhere)
        self.pay_dialog.open()
        return self.pay_dialog
