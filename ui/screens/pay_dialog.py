"""`Bayar iuran`: a payment after enrolment (a renewal, overdue months, a list member's first
payment, a new payment after a void) from the keyboard. The amount, the period and any
relief are shown before saving (`services.payments.quote`); after saving, the receipt."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.db import Error as DbError
from models.db import storage_problem
from models.enrolments.pricing import amount_line
from models.errors import SigapError, ValidationError
from models.messages import member_number_text
from models.money import month_year, rupiah
from models.payments import PaymentQuote, SavedPayment, payments_not_received
from models.visitors import VisitorInput
from services.payments import pay, pay_visitor, quote, quote_visitor
from ui.screens.print_preview import PrintPreviewDialog, receipt_preview
from ui.screens.record_parts import error_label, show
from ui.session import Session

# The keys that open the dialog, from the participants list and from a record.
PAY_SHORTCUT = "Ctrl+B"


class PayDialog(QDialog):
    """Months and method, the price shown before saving, then the receipt."""

    print_receipt = Signal(str)  # receipt number

    def __init__(
        self,
        session: Session,
        enrolment_id: str,
        parent: QWidget | None = None,
        card_text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.enrolment_id = enrolment_id
        # A card of another desk: the member's details are typed (see `_visitor_box`).
        self.card_text = card_text
        self.quote: PaymentQuote | None = None
        self.saved: SavedPayment | None = None
        self.preview: PrintPreviewDialog | None = None
        self.setWindowTitle(self.tr("Bayar iuran"))
        self.setMinimumWidth(520)

        self.who = QLabel()
        self.who.setObjectName("who")
        self.who.setWordWrap(True)
        self.pay_again = error_label("pay_again")
        self.months = QComboBox()
        self.months.setObjectName("months")
        for n in session.ref.rate_table.months_allowed:
            self.months.addItem(self.tr("%n bulan", "", n), n)
        self.method = QComboBox()
        self.method.setObjectName("method")
        self.method.addItem(self.tr("Tunai"), "cash")
        self.method.addItem(self.tr("Transfer bank"), "transfer")
        self.method.addItem(self.tr("QRIS"), "qris")
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(self.tr("Nomor referensi di HP atau bukti transfer"))
        self.reference_error = error_label("reference")
        self.amount = QLabel()
        self.amount.setObjectName("amount")
        self.amount.setWordWrap(True)
        self.period = QLabel()
        self.period.setObjectName("period")
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5300;")
        self.notice.hide()
        self.message = error_label("general")
        self.message.setObjectName("message")
        self.saved_note = QLabel()
        self.saved_note.setObjectName("saved_note")
        self.saved_note.setWordWrap(True)
        self.saved_note.hide()

        reference_cell = QVBoxLayout()
        reference_cell.addWidget(self.reference)
        reference_cell.addWidget(self.reference_error)
        form = QFormLayout()
        form.addRow(self.tr("Jumlah bulan"), self.months)
        form.addRow(self.tr("Cara bayar"), self.method)
        form.addRow(self.tr("Referensi"), reference_cell)
        form.addRow(self.tr("Iuran"), self.amount)
        form.addRow(self.tr("Periode"), self.period)

        self.save_button = QPushButton(self.tr("Simpan pembayaran (Ctrl+S)"))
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.receipt_button = QPushButton(self.tr("Cetak kwitansi (Ctrl+P)"))
        self.receipt_button.setObjectName("receipt")
        self.receipt_button.clicked.connect(self._print_receipt)
        self.receipt_button.hide()
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.pay_again)
        self.visitor: list[QWidget] = []
        if card_text is not None:
            layout.addWidget(self._visitor_box())
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.message)
        layout.addWidget(self.saved_note)
        layout.addLayout(buttons)

        for keys, slot in (
            ("Ctrl+S", self.save),
            ("Ctrl+Return", self.save),
            ("Ctrl+P", self._print_receipt),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.print_receipt.connect(self.open_receipt)
        self.months.currentIndexChanged.connect(self.refresh)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        self._show_unpaid()
        self.refresh()
        self.months.setFocus()

    def _visitor_box(self) -> QGroupBox:
        """What the card, the KTP and the member's last receipt say, typed by the officer."""
        box = QGroupBox(
            self.tr("Peserta dari meja lain: isi dari kartu, KTP dan kwitansi terakhir")
        )
        self.v_nik, self.v_name = QLineEdit(), QLineEdit()
        self.v_income, self.v_until = QLineEdit(), QLineEdit()
        self.v_income.setPlaceholderText(self.tr("rupiah sebulan, misalnya 1500000"))
        self.v_until.setPlaceholderText(self.tr("TTTT-BB, misalnya 2026-11"))
        self.v_occupation = QComboBox()
        lang = self.session.lang
        for code, o in sorted(self.session.ref.occupations.items()):
            self.v_occupation.addItem(o.name(lang), code)
        self.v_jht = QCheckBox(self.tr("Termasuk JHT"))
        rows = QFormLayout(box)
        rows.addRow(self.tr("NIK"), self.v_nik)
        rows.addRow(self.tr("Nama lengkap"), self.v_name)
        rows.addRow(self.tr("Pekerjaan"), self.v_occupation)
        rows.addRow(self.tr("Penghasilan sebulan"), self.v_income)
        rows.addRow(self.tr("Program"), self.v_jht)
        rows.addRow(self.tr("Iuran terakhir sampai"), self.v_until)
        for name, edit in (
            ("nik", self.v_nik), ("full_name", self.v_name), ("declared_income", self.v_income),
            ("paid_until", self.v_until),
        ):  # fmt: skip
            edit.setObjectName(f"visitor_{name}")
            edit.editingFinished.connect(self.refresh)
        self.v_occupation.setObjectName("visitor_occupation_code")
        self.v_occupation.currentIndexChanged.connect(self.refresh)
        self.v_jht.setObjectName("visitor_jht")
        self.v_jht.toggled.connect(self.refresh)
        self.visitor = [
            self.v_nik, self.v_name, self.v_occupation, self.v_income, self.v_jht, self.v_until,
        ]  # fmt: skip
        return box

    def _visitor_input(self) -> VisitorInput:
        digits = "".join(ch for ch in self.v_income.text() if ch.isdigit())
        return VisitorInput(
            nik=self.v_nik.text(),
            full_name=self.v_name.text(),
            occupation_code=str(self.v_occupation.currentData()),
            declared_income=int(digits) if digits else None,
            programmes=["JKK", "JKM", "JHT"] if self.v_jht.isChecked() else ["JKK", "JKM"],
            paid_until=self.v_until.text(),
        )

    def _event_id(self) -> str:
        event = self.session.event
        if event is None:
            raise SigapError("visitor_needs_open_event")
        return event.id

    # ------------------------------------------------------------------ showing

    def _show_unpaid(self) -> None:
        """A transfer or QRIS of this member that HQ says never arrived: pay it again."""
        lost = [
            p for p in payments_not_received(self.session.db) if p.enrolment_id == self.enrolment_id
        ]
        lines = [
            self.tr(
                "Kwitansi {receipt} ({amount}, referensi {reference}) tidak diterima kantor "
                "pusat. Bulan-bulan itu harus dibayar lagi."
            ).format(
                receipt=p.receipt_number,
                amount=rupiah(p.amount, self.session.lang),
                reference=p.reference or "-",
            )
            for p in lost
        ]
        show(self.pay_again, "\n".join(lines))

    def _method_changed(self) -> None:
        needs = self.method.currentData() != "cash"
        self.reference.setEnabled(needs)
        if not needs:
            self.reference.clear()
            show(self.reference_error, "")

    def refresh(self) -> None:
        """The price of the months chosen, before anything is saved."""
        lang = self.session.lang
        show(self.message, "")
        officer = self.session.officer
        try:
            if self.card_text is not None:
                q = quote_visitor(
                    self.session.db, self.session.ref, self.card_text, self._visitor_input(),
                    self._event_id(), int(self.months.currentData()),
                    officer.id if officer else "", self.session.clock,
                )  # fmt: skip
            else:
                q = quote(
                    self.session.db, self.session.ref, self.enrolment_id,
                    int(self.months.currentData()), self.session.clock,
                )  # fmt: skip
        except ValidationError as exc:
            self._no_quote("\n".join(p.message(lang) for p in exc.problems))
            return
        except SigapError as exc:
            self._no_quote(exc.message(lang))
            return
        except DbError as exc:
            self._no_quote(storage_problem(exc).message(lang))
            return
        self.quote = q
        number = member_number_text(q.member_number, q.enrolment_id, lang)
        self.who.setText(
            self.tr("{name} · nomor peserta {number} · dibayar sampai {until}").format(
                name=q.full_name,
                number=number,
                until=month_year(q.paid_until, lang) if q.paid_until else self.tr("belum pernah"),
            )
        )
        self.amount.setText(amount_line(self.session.ref, q.contribution, lang))
        self.period.setText(_period(q.period_start, q.period_end, lang))
        notices = q.notices()
        show(self.notice, "\n".join(p.message(lang) for p in notices))
        self.save_button.setEnabled(self.saved is None)

    def _no_quote(self, text: str) -> None:
        self.quote = None
        self.amount.setText("–")
        self.period.setText("–")
        show(self.message, text)
        self.save_button.setEnabled(False)

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        if self.saved is not None or self.quote is None:
            return
        officer = self.session.officer
        lang = self.session.lang
        show(self.reference_error, "")
        show(self.message, "")
        if officer is None:
            show(self.message, self.tr("Masuk dulu sebagai petugas."))
            return
        method = str(self.method.currentData())
        try:
            if self.card_text is not None:
                saved, changes = pay_visitor(
                    self.session.db, self.session.ref, self.card_text, self._visitor_input(),
                    self._event_id(), self.quote.months, officer.id, method,
                    self.reference.text() or None, self.session.clock,
                )  # fmt: skip
            else:
                saved, changes = pay(
                    self.session.db, self.session.ref, self.enrolment_id, self.quote.months,
                    officer.id, method, self.reference.text() or None, self.session.clock,
                    expected_start=self.quote.period_start,
                )  # fmt: skip
        except ValidationError as exc:
            for p in exc.problems:
                target = self.reference_error if p.field == "reference" else self.message
                show(target, p.message(lang))
            if any(p.field == "reference" for p in exc.problems):
                self.reference.setFocus()
            return
        except SigapError as exc:
            show(self.message, exc.message(lang))
            self.refresh()
            return
        except DbError as exc:
            show(self.message, storage_problem(exc).message(lang))
            return
        self.saved = saved
        self.session.announce(changes, origin=self)
        text = self.tr("Tersimpan. Kwitansi {receipt} · {amount}").format(
            receipt=saved.receipt_number, amount=rupiah(saved.quote.amount, lang)
        )
        if saved.waiting_for_verification:
            text += "\n" + self.tr(
                "Menunggu verifikasi: uang transfer atau QRIS belum bisa dipastikan tanpa "
                "internet. Kwitansi menyebutnya, bukan lunas."
            )
        self.saved_note.setText(text)
        self.saved_note.show()
        for widget in (self.months, self.method, self.reference, self.save_button):
            widget.setEnabled(False)
        for field in self.visitor:
            field.setEnabled(False)
        self.receipt_button.show()
        self.receipt_button.setFocus()

    def _print_receipt(self) -> None:
        if self.saved is not None:
            self.print_receipt.emit(self.saved.receipt_number)

    def open_receipt(self, receipt_number: str) -> PrintPreviewDialog:
        """The receipt's preview, as after an enrolment: print it or save it as PDF."""
        self.preview = receipt_preview(self.session, receipt_number, self)
        self.preview.open()
        return self.preview


def _period(start: date, end: date, lang: str) -> str:
    if start == end:
        return month_year(start, lang)
    return f"{month_year(start, lang)} – {month_year(end, lang)}"
