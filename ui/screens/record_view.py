"""One enrolment, whole: its data, heirs, payments and receipts, prints and history; with a
correction of its data (a new record, never an overwrite; approved by a supervisor once HQ
has the record) and the void of a payment (approved by a supervisor)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from models.audit_words import action_text, approved_text, field_text, record_type_text
from models.corrections import HistoryEntry, history
from models.enrolments import EnrolmentRecord, HeirRecord, PaymentRecord, get_enrolment
from models.events import get_event
from models.messages import member_number_text
from models.money import long_date, rupiah
from models.nik import mask_nik
from models.officers import list_officers
from models.prints import prints_for
from models.sync_state import queue_entries
from services.changes import Changes
from ui.labels import gender_label
from ui.models.participants_model import short_time, sync_state_label
from ui.screens.correction_dialog import CorrectionDialog
from ui.screens.pay_dialog import PAY_SHORTCUT, PayDialog
from ui.screens.record_parts import (
    ERROR_STYLE,
    field_label,
    relationship_choices,
    relationship_label,
    show,
)
from ui.screens.void_dialog import VoidDialog
from ui.session import Session
from ui.sync_texts import advice, record_type_label
from ui.widgets.fit import fit
from ui.widgets.tables import read_only_item, read_only_table

__all__ = [
    "CorrectionDialog",
    "RecordDialog",
    "VoidDialog",
    "field_label",
    "relationship_choices",
    "relationship_label",
]


def _month_text(year_month: str, add: int = 0) -> str:
    """`2026-11` plus `add` months, written `11-2026`."""
    try:
        year, month = (int(x) for x in year_month.split("-"))
    except ValueError:
        return year_month
    n = year * 12 + month - 1 + add
    return f"{n % 12 + 1:02d}-{n // 12}"


def _table(columns: list[str], name: str) -> QTableWidget:
    return read_only_table(columns, name, fit=True)


class RecordDialog(QDialog):
    def __init__(self, session: Session, enrolment_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.enrolment_id = enrolment_id
        self.enrolment: EnrolmentRecord | None = None
        self.correction_dialog: CorrectionDialog | None = None
        self.void_dialog: VoidDialog | None = None
        self.void_buttons: dict[str, QPushButton] = {}
        self._sponsored: set[str] = set()  # payments a sponsor made
        self.setWindowTitle(self.tr("Data peserta"))
        fit(self, 900, 760, session.data_dir)
        session.changed.connect(self._session_changed)

        self.values: dict[str, QLabel] = {}
        details = QFormLayout()
        for key, label in (
            ("member_number", self.tr("Nomor peserta")),
            ("nik", self.tr("NIK")),
            ("full_name", self.tr("Nama lengkap")),
            ("birth", self.tr("Tempat, tanggal lahir")),
            ("gender", self.tr("Jenis kelamin")),
            ("mother_maiden_name", self.tr("Nama ibu kandung")),
            ("phone", self.tr("Nomor HP")),
            ("address", self.tr("Alamat")),
            ("village", self.tr("Desa/kelurahan")),
            ("occupation", self.tr("Pekerjaan")),
            ("declared_income", self.tr("Penghasilan sebulan")),
            ("programmes", self.tr("Program")),
            ("payer", self.tr("Pembayar")),
            ("event", self.tr("Acara")),
            ("consent_at", self.tr("Persetujuan data pribadi")),
            ("recorded", self.tr("Didaftarkan")),
            ("sync_state", self.tr("Status kirim")),
            ("hq", self.tr("Kata kantor pusat")),
        ):
            value = QLabel()
            value.setObjectName(f"value_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.values[key] = value
            if key == "nik":
                self.show_nik = QPushButton(self.tr("Tampilkan NIK"))
                self.show_nik.setCheckable(True)
                self.show_nik.toggled.connect(self._show_nik)
                row = QHBoxLayout()
                row.addWidget(value, 1)
                row.addWidget(self.show_nik)
                details.addRow(label, row)
            else:
                details.addRow(label, value)
        self.details = details
        data_box = QGroupBox(self.tr("Data peserta"))
        data_box.setLayout(details)

        self.heirs = _table(
            [self.tr("Nama"), self.tr("Hubungan"), self.tr("NIK"), self.tr("Nomor HP")], "heirs"
        )
        heirs_box = QGroupBox(self.tr("Ahli waris"))
        QVBoxLayout(heirs_box).addWidget(self.heirs)

        self.payments = _table(
            [
                self.tr("Nomor kwitansi"),
                self.tr("Jumlah"),
                self.tr("Bulan"),
                self.tr("Periode"),
                self.tr("Cara bayar"),
                self.tr("Status"),
                "",
            ],
            "payments",
        )
        self.no_payments = QLabel(self.tr("Belum ada pembayaran."))
        payments_box = QGroupBox(self.tr("Pembayaran dan kwitansi"))
        payments_layout = QVBoxLayout(payments_box)
        payments_layout.addWidget(self.payments)
        payments_layout.addWidget(self.no_payments)

        self.prints = QLabel(self.tr("Belum ada cetakan kwitansi atau kartu."))
        self.prints.setObjectName("prints")
        self.prints_table = _table(
            [self.tr("Cetakan"), self.tr("Salinan"), self.tr("Petugas"), self.tr("Waktu")],
            "prints_table",
        )
        prints_box = QGroupBox(self.tr("Cetakan"))
        prints_layout = QVBoxLayout(prints_box)
        prints_layout.addWidget(self.prints_table)
        prints_layout.addWidget(self.prints)

        self.history = _table(
            [
                self.tr("Waktu"),
                self.tr("Petugas"),
                self.tr("Kejadian"),
                self.tr("Isian"),
                self.tr("Alasan"),
            ],
            "history",
        )
        history_box = QGroupBox(self.tr("Riwayat"))
        QVBoxLayout(history_box).addWidget(self.history)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        content = QWidget()
        body = QVBoxLayout(content)
        for box in (data_box, heirs_box, payments_box, prints_box, history_box):
            body.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.correct_button = QPushButton(self.tr("Koreksi data…"))
        self.correct_button.setObjectName("correct")
        self.correct_button.clicked.connect(self.open_correction)
        self.pay_dialog: PayDialog | None = None
        self.pay_button = QPushButton(self.tr("Bayar iuran… (Ctrl+B)"))
        self.pay_button.setObjectName("pay")
        self.pay_button.clicked.connect(self.open_pay)
        QShortcut(QKeySequence(PAY_SHORTCUT), self, self.open_pay)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.pay_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    # ------------------------------------------------------------------ showing

    def reload(self) -> None:
        found = get_enrolment(self.session.db, self.enrolment_id)
        if found is None:
            show(self.message, self.tr("Data pendaftaran ini tidak ditemukan."))
            self.correct_button.setEnabled(False)
            return
        self.enrolment = e = found
        lang = self.session.lang
        ref = self.session.ref
        v = self.values
        v["member_number"].setText(member_number_text(e.member_number, e.id, lang))
        self._show_nik(self.show_nik.isChecked())
        v["full_name"].setText(e.full_name)
        born = date.fromisoformat(e.birth_date)
        v["birth"].setText(f"{e.birth_place}, {long_date(born, lang)}")
        v["gender"].setText(gender_label(e.gender))
        v["mother_maiden_name"].setText(e.mother_maiden_name)
        v["phone"].setText(e.phone or "-")
        rt_rw = self.tr("RT {rt}/RW {rw}").format(rt=e.rt or "-", rw=e.rw or "-")
        v["address"].setText(", ".join(x for x in (e.street, rt_rw) if x))
        village = ref.regions.get(e.village_code) if e.village_code else None
        v["village"].setText(f"{village.name} ({village.code})" if village else "-")
        occupation = ref.occupations.get(e.occupation_code)
        v["occupation"].setText(
            f"{occupation.name(lang)} ({occupation.code})" if occupation else e.occupation_code
        )
        v["declared_income"].setText(rupiah(e.declared_income, lang))
        v["programmes"].setText(
            self.tr("{programmes}, {months} bulan").format(
                programmes="+".join(e.programmes), months=e.months
            )
        )
        if e.payer_type == "self":
            v["payer"].setText(self.tr("Bayar sendiri"))
        else:
            scheme = ref.schemes.get(e.scheme_code or "")
            v["payer"].setText(scheme.name if scheme else (e.scheme_code or ""))
        event = get_event(self.session.db, e.event_id)
        v["event"].setText(event.name if event else "-")
        v["consent_at"].setText(short_time(e.consent_at))
        source = self.tr("diimpor dari daftar mitra") if e.source == "import" else ""
        recorded = (short_time(e.recorded_at), self._officer(e.officer_id), source)
        v["recorded"].setText(" · ".join(x for x in recorded if x))
        self._fill_sync(e.sync_state)
        self._fill_heirs(e.heirs)
        self._fill_payments(e.payments)
        self._fill_prints(e.payments)
        self._fill_history(history(self.session.db, self.enrolment_id))

    def _fill_sync(self, state: str | None) -> None:
        """The queue state, and what HQ said about this enrolment or its corrections,
        payments and voids, with what to do."""
        entries = queue_entries(self.session.db, self.enrolment_id)
        own = next((q for q in entries if q.id == self.enrolment_id), None)
        text = sync_state_label(state) or "-"
        if own is not None and own.state == "duplicate_person" and own.member_number:
            text = self.tr("{state}: nomor peserta di kantor pusat {number}").format(
                state=text, number=own.member_number
            )
        self.values["sync_state"].setText(text)
        lines, hq_words = [], []
        for q in entries:
            said = advice(
                q.state, q.hq_code, q.hq_field, q.hq_message, q.member_number, q.last_error
            )
            if said.reason:
                lines.append(
                    self.tr("{record}: {reason} {action}").format(
                        record=record_type_label(q.type), reason=said.reason, action=said.action
                    )
                )
            if q.hq_message:
                hq_words.append(q.hq_message)
        self.values["hq"].setText("\n".join(lines))
        self.values["hq"].setToolTip("\n".join(hq_words))
        self.details.setRowVisible(self.values["hq"], bool(lines))

    def _officer(self, officer_id: str | None) -> str:
        if not officer_id:
            return ""
        names = {o.id: o.name for o in list_officers(self.session.db)}
        return f"{names[officer_id]} ({officer_id})" if officer_id in names else officer_id

    def _show_nik(self, shown: bool) -> None:
        nik = self.enrolment.nik if self.enrolment is not None else ""
        self.values["nik"].setText(nik if shown else mask_nik(nik))
        self.show_nik.setText(self.tr("Sembunyikan NIK") if shown else self.tr("Tampilkan NIK"))

    def _fill_heirs(self, heirs: tuple[HeirRecord, ...]) -> None:
        self.heirs.setRowCount(len(heirs))
        for row, h in enumerate(heirs):
            self.heirs.setItem(row, 0, read_only_item(h.name))
            self.heirs.setItem(row, 1, read_only_item(relationship_label(h.relationship)))
            self.heirs.setItem(row, 2, read_only_item(mask_nik(h.nik) if h.nik else "-"))
            self.heirs.setItem(row, 3, read_only_item(h.phone or "-"))

    def _fill_payments(self, payments: tuple[PaymentRecord, ...]) -> None:
        lang = self.session.lang
        methods = {
            "cash": self.tr("Tunai"),
            "transfer": self.tr("Transfer"),
            "sponsor": self.tr("Dibayar sponsor"),
            "qris": self.tr("QRIS"),
        }
        self.void_buttons = {}
        self.payments.setRowCount(len(payments))
        self.payments.setVisible(bool(payments))
        self.no_payments.setVisible(not payments)
        for row, p in enumerate(payments):
            months = int(p.months)
            period = _month_text(p.period_start)
            if months > 1:
                period = f"{period} – {_month_text(p.period_start, months - 1)}"
            if p.voided_at:
                status = self.tr("Dibatalkan {when}: {reason} (disetujui {supervisor})").format(
                    when=short_time(p.voided_at),
                    reason=p.void_reason,
                    supervisor=p.void_approved_by,
                )
            elif p.verification == "not_received":
                status = self.tr("Tidak diterima kantor pusat: bayar lagi")
            elif p.verification == "verified":
                status = self.tr("Terverifikasi")
            elif p.method in ("transfer", "qris"):
                status = self.tr("Menunggu verifikasi")
            else:
                status = self.tr("Sah")
            cells = (
                p.receipt_number,
                rupiah(p.amount, lang),
                str(months),
                period,
                methods.get(p.method, p.method),
                status,
            )
            for column, text in enumerate(cells):
                self.payments.setItem(row, column, read_only_item(text))
            button = QPushButton(self.tr("Batalkan pembayaran…"))
            button.setObjectName(f"void_{p.receipt_number}")
            button.setEnabled(not p.voided_at)
            button.clicked.connect(lambda _checked=False, pid=p.id: self.open_void(pid))
            self.payments.setCellWidget(row, 6, button)
            self.void_buttons[p.id] = button

    def _fill_prints(self, payments: tuple[PaymentRecord, ...]) -> None:
        receipts = {p.id: p.receipt_number for p in payments}
        # A sponsor pays BPJS directly: the paper of such a payment is a registration slip.
        self._sponsored = {p.id for p in payments if p.method == "sponsor"}
        entries = prints_for(self.session.db, [self.enrolment_id, *receipts])
        self.prints_table.setRowCount(len(entries))
        self.prints_table.setVisible(bool(entries))
        self.prints.setVisible(not entries)
        for row, entry in enumerate(entries):
            if entry.kind == "receipt" and entry.record_id in self._sponsored:
                what = self.tr("Bukti pendaftaran {receipt}").format(
                    receipt=receipts.get(entry.record_id, "-")
                )
            elif entry.kind == "receipt":
                what = self.tr("Kwitansi {receipt}").format(
                    receipt=receipts.get(entry.record_id, "-")
                )
            elif entry.kind == "card":
                what = self.tr("Kartu peserta")
            else:
                what = record_type_text(entry.kind, self.session.lang)
            copy = self.tr("Asli") if entry.copy_number == 1 else str(entry.copy_number)
            cells = (what, copy, self._officer(entry.officer_id), short_time(entry.printed_at))
            for column, text in enumerate(cells):
                self.prints_table.setItem(row, column, read_only_item(text))

    def _fill_history(self, entries: list[HistoryEntry]) -> None:
        self.history.setRowCount(len(entries))
        for row, h in enumerate(entries):
            who = f"{h.officer_name} ({h.officer_id})" if h.officer_name else (h.officer_id or "")
            cells = (
                short_time(h.at),
                who,
                self._action_text(h),
                ", ".join(field_text(f, self.session.lang) for f in h.fields),
                h.reason or "",
            )
            for column, text in enumerate(cells):
                self.history.setItem(row, column, read_only_item(text))

    def _action_text(self, h: HistoryEntry) -> str:
        if h.record_type == "enrolment":
            if h.action == "create":
                if h.detail.get("source") == "import":
                    return self.tr("Pendaftaran diimpor")
                return self.tr("Pendaftaran dicatat")
            if h.action == "correct":
                return self.tr("Data dikoreksi")
            if h.action == "hq_member_number":
                return self.tr("Nomor peserta diberikan kantor pusat")
            if h.action == "approve" and h.detail.get("action") == "correct":
                return self.tr("Koreksi disetujui supervisor")
            if h.action == "approve" and h.detail.get("action") == "birth_date_differs_from_nik":
                return self.tr("Tanggal lahir KTP disetujui supervisor")
            if h.action == "visitor":
                return action_text(h.action, self.session.lang)
        if h.record_type == "payment":
            receipt = h.receipt_number or ""
            if h.action == "create" and h.record_id in self._sponsored:
                return self.tr("Dibayar sponsor, bukti pendaftaran {receipt}").format(
                    receipt=receipt
                )
            if h.action == "create":
                return self.tr("Pembayaran diterima, kwitansi {receipt}").format(receipt=receipt)
            if h.action == "void":
                return self.tr("Pembayaran {receipt} dibatalkan, disetujui {supervisor}").format(
                    receipt=receipt, supervisor=h.approved_by or ""
                )
        # Anything else in the trail's words for it, never its code (models.audit_words).
        lang = self.session.lang
        done = action_text(h.action, lang)
        if h.action == "approve":
            return f"{done}: {approved_text(str(h.detail.get('action', '')), lang)}"
        if h.record_type == "payment" and h.receipt_number:
            return f"{done} ({h.receipt_number})"
        return done

    # ------------------------------------------------------------------ changing

    def open_correction(self) -> CorrectionDialog:
        assert self.enrolment is not None  # the button is disabled when none was found
        self.correction_dialog = CorrectionDialog(self.session, self.enrolment, self)
        self.correction_dialog.accepted.connect(self._changed)
        self.correction_dialog.open()
        return self.correction_dialog

    def open_pay(self) -> PayDialog | None:
        if self.enrolment is None:
            return None
        self.pay_dialog = PayDialog(self.session, self.enrolment_id, self)
        self.pay_dialog.finished.connect(self._changed)
        self.pay_dialog.open()
        return self.pay_dialog

    def open_void(self, payment_id: str) -> VoidDialog:
        assert self.enrolment is not None  # a payment button exists only for a shown record
        payment = next(p for p in self.enrolment.payments if p.id == payment_id)
        self.void_dialog = VoidDialog(self.session, payment, self)
        self.void_dialog.accepted.connect(self._changed)
        self.void_dialog.open()
        return self.void_dialog

    def _changed(self) -> None:
        self.reload()
        self.session.records_saved([self.enrolment_id], origin=self)

    def _session_changed(self, changes: Changes, origin: object) -> None:
        """Open, the record follows what HQ's answers or another screen changed in it."""
        if origin is not self and self.isVisible() and changes.touches(self.enrolment_id):
            self.reload()
