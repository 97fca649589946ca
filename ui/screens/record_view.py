"""One enrolment, whole: its data, heirs, payments and receipts, prints and history; with a
correction of its data (a new record, never an overwrite; approved by a supervisor once HQ
has the record) and the void of a payment (approved by a supervisor)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.corrections import HistoryEntry, correct_enrolment, history
from models.db import Error as DbError
from models.db import storage_problem, write_transaction
from models.enrolments import get_enrolment, void_payment
from models.errors import Problem, SigapError, ValidationError
from models.events import get_event
from models.money import long_date, rupiah
from models.nik import mask_nik
from models.officers import list_officers
from models.prints import prints_for
from models.sync_state import AT_HQ, queue_entries
from models.validation import clean_short_text
from models.vocabulary import GENDERS
from ui.models.participants_model import short_time, sync_state_label
from ui.session import Session
from ui.sync_texts import advice, record_type_label
from ui.vocabulary import field_label, gender_label, relationship_choices, relationship_label
from ui.widgets.approval import ApprovalBox, record_approval
from ui.widgets.tables import read_only_item, read_only_table

ERROR_STYLE = "color: #b00020;"


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


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(f"error_{name}")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class RecordDialog(QDialog):
    def __init__(self, session: Session, enrolment_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.enrolment_id = enrolment_id
        self.enrolment: dict[str, Any] = {}
        self.correction_dialog: CorrectionDialog | None = None
        self.void_dialog: VoidDialog | None = None
        self.void_buttons: dict[str, QPushButton] = {}
        self.setWindowTitle(self.tr("Data peserta"))
        self.resize(900, 760)

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
                self.tr("Nomor kuitansi"),
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
        payments_box = QGroupBox(self.tr("Pembayaran dan kuitansi"))
        payments_layout = QVBoxLayout(payments_box)
        payments_layout.addWidget(self.payments)
        payments_layout.addWidget(self.no_payments)

        self.prints = QLabel(self.tr("Belum ada cetakan kuitansi atau kartu."))
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
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.correct_button)
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
            _show(self.message, self.tr("Data pendaftaran ini tidak ditemukan."))
            self.correct_button.setEnabled(False)
            return
        self.enrolment = e = found
        lang = self.session.lang
        ref = self.session.ref
        v = self.values
        v["member_number"].setText(
            e["member_number"] or self.tr("belum ada (diberikan kantor pusat)")
        )
        self._show_nik(self.show_nik.isChecked())
        v["full_name"].setText(e["full_name"])
        born = date.fromisoformat(e["birth_date"])
        v["birth"].setText(f"{e['birth_place']}, {long_date(born, lang)}")
        v["gender"].setText(gender_label(e["gender"]))
        v["mother_maiden_name"].setText(e["mother_maiden_name"])
        v["phone"].setText(e["phone"] or "-")
        rt_rw = self.tr("RT {rt}/RW {rw}").format(rt=e["rt"] or "-", rw=e["rw"] or "-")
        v["address"].setText(", ".join(x for x in (e["street"], rt_rw) if x))
        village = ref.regions.get(e["village_code"]) if e["village_code"] else None
        v["village"].setText(f"{village.name} ({village.code})" if village else "-")
        occupation = ref.occupations.get(e["occupation_code"])
        v["occupation"].setText(
            f"{occupation.name(lang)} ({occupation.code})" if occupation else e["occupation_code"]
        )
        v["declared_income"].setText(rupiah(e["declared_income"], lang))
        v["programmes"].setText(
            self.tr("{programmes}, {months} bulan").format(
                programmes="+".join(e["programmes"]), months=e["months"]
            )
        )
        if e["payer_type"] == "self":
            v["payer"].setText(self.tr("Bayar sendiri"))
        else:
            scheme = ref.schemes.get(e["scheme_code"] or "")
            v["payer"].setText(scheme.name if scheme else (e["scheme_code"] or ""))
        event = get_event(self.session.db, e["event_id"])
        v["event"].setText(event.name if event else e["event_id"])
        v["consent_at"].setText(short_time(e["consent_at"]))
        source = self.tr("diimpor dari daftar mitra") if e["source"] == "import" else ""
        recorded = (short_time(e["recorded_at"]), self._officer(e["officer_id"]), source)
        v["recorded"].setText(" · ".join(x for x in recorded if x))
        self._fill_sync(e["sync_state"])
        self._fill_heirs(e["heirs"])
        self._fill_payments(e["payments"])
        self._fill_prints(e["payments"])
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
        nik = str(self.enrolment.get("nik", ""))
        self.values["nik"].setText(nik if shown else mask_nik(nik))
        self.show_nik.setText(self.tr("Sembunyikan NIK") if shown else self.tr("Tampilkan NIK"))

    def _fill_heirs(self, heirs: list[dict[str, Any]]) -> None:
        self.heirs.setRowCount(len(heirs))
        for row, h in enumerate(heirs):
            self.heirs.setItem(row, 0, read_only_item(h["name"]))
            self.heirs.setItem(row, 1, read_only_item(relationship_label(h["relationship"])))
            self.heirs.setItem(row, 2, read_only_item(mask_nik(h["nik"]) if h["nik"] else "-"))
            self.heirs.setItem(row, 3, read_only_item(h["phone"] or "-"))

    def _fill_payments(self, payments: list[dict[str, Any]]) -> None:
        lang = self.session.lang
        methods = {
            "cash": self.tr("Tunai"),
            "transfer": self.tr("Transfer"),
            "sponsor": self.tr("Dibayar sponsor"),
        }
        self.void_buttons = {}
        self.payments.setRowCount(len(payments))
        self.payments.setVisible(bool(payments))
        self.no_payments.setVisible(not payments)
        for row, p in enumerate(payments):
            months = int(p["months"])
            period = _month_text(p["period_start"])
            if months > 1:
                period = f"{period} – {_month_text(p['period_start'], months - 1)}"
            if p["voided_at"]:
                status = self.tr("Dibatalkan {when}: {reason} (disetujui {supervisor})").format(
                    when=short_time(p["voided_at"]),
                    reason=p["void_reason"],
                    supervisor=p["void_approved_by"],
                )
            else:
                status = self.tr("Sah")
            cells = (
                p["receipt_number"],
                rupiah(p["amount"], lang),
                str(months),
                period,
                methods.get(p["method"], p["method"]),
                status,
            )
            for column, text in enumerate(cells):
                self.payments.setItem(row, column, read_only_item(text))
            button = QPushButton(self.tr("Batalkan pembayaran…"))
            button.setObjectName(f"void_{p['receipt_number']}")
            button.setEnabled(not p["voided_at"])
            button.clicked.connect(lambda _checked=False, pid=p["id"]: self.open_void(pid))
            self.payments.setCellWidget(row, 6, button)
            self.void_buttons[p["id"]] = button

    def _fill_prints(self, payments: list[dict[str, Any]]) -> None:
        receipts = {p["id"]: p["receipt_number"] for p in payments}
        entries = prints_for(self.session.db, [self.enrolment_id, *receipts])
        self.prints_table.setRowCount(len(entries))
        self.prints_table.setVisible(bool(entries))
        self.prints.setVisible(not entries)
        for row, entry in enumerate(entries):
            if entry.kind == "receipt":
                what = self.tr("Kuitansi {receipt}").format(
                    receipt=receipts.get(entry.record_id, entry.record_id)
                )
            elif entry.kind == "card":
                what = self.tr("Kartu peserta")
            else:
                what = entry.kind
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
                ", ".join(field_label(f) for f in h.fields),
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
        if h.record_type == "payment":
            receipt = h.receipt_number or ""
            if h.action == "create":
                return self.tr("Pembayaran diterima, kuitansi {receipt}").format(receipt=receipt)
            if h.action == "void":
                return self.tr("Pembayaran {receipt} dibatalkan, disetujui {supervisor}").format(
                    receipt=receipt, supervisor=h.approved_by or ""
                )
        return f"{h.action} {h.record_type}"

    # ------------------------------------------------------------------ changing

    def open_correction(self) -> CorrectionDialog:
        self.correction_dialog = CorrectionDialog(self.session, self.enrolment, self)
        self.correction_dialog.accepted.connect(self._changed)
        self.correction_dialog.open()
        return self.correction_dialog

    def open_void(self, payment_id: str) -> VoidDialog:
        payment = next(p for p in self.enrolment["payments"] if p["id"] == payment_id)
        self.void_dialog = VoidDialog(self.session, payment, self)
        self.void_dialog.accepted.connect(self._changed)
        self.void_dialog.open()
        return self.void_dialog

    def _changed(self) -> None:
        self.reload()
        self.session.records_saved()


class _NotApproved(Exception):
    """The supervisor's passphrase was refused: the correction is rolled back."""


class CorrectionDialog(QDialog):
    """The saved data, to be corrected: only what changed is sent, with a reason."""

    def __init__(
        self, session: Session, enrolment: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.enrolment = enrolment
        self.correction_id: str | None = None
        self.setWindowTitle(self.tr("Koreksi data peserta"))
        self.resize(640, 720)
        ref, lang = session.ref, session.lang
        e = enrolment

        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        def line(name: str, value: str | None) -> QLineEdit:
            edit = QLineEdit(value or "")
            edit.setObjectName(name)
            self.inputs[name] = edit
            return edit

        self.full_name = line("full_name", e["full_name"])
        self.birth_place = line("birth_place", e["birth_place"])
        self.birth_date = QDateEdit()
        self.birth_date.setObjectName("birth_date")
        self.birth_date.setDisplayFormat("dd-MM-yyyy")
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setMinimumDate(QDate(1900, 1, 1))
        self.birth_date.setDate(QDate.fromString(e["birth_date"], "yyyy-MM-dd"))
        self.inputs["birth_date"] = self.birth_date
        self.gender = QComboBox()
        self.gender.setObjectName("gender")
        for code in GENDERS:
            self.gender.addItem(gender_label(code), code)
        self.gender.setCurrentIndex(max(self.gender.findData(e["gender"]), 0))
        self.inputs["gender"] = self.gender
        self.mother = line("mother_maiden_name", e["mother_maiden_name"])
        self.phone = line("phone", e["phone"])
        self.street = line("address.street", e["street"])
        self.rt = line("address.rt", e["rt"])
        self.rw = line("address.rw", e["rw"])
        self.village = line("address.village_code", e["village_code"])
        self.village_name = QLabel()
        self.village.textChanged.connect(self._village_changed)
        self._village_changed(self.village.text())
        self.occupation = QComboBox()
        self.occupation.setObjectName("occupation_code")
        for o in sorted(ref.occupations.values(), key=lambda o: o.name(lang)):
            self.occupation.addItem(f"{o.name(lang)} ({o.code})", o.code)
        self.occupation.setCurrentIndex(max(self.occupation.findData(e["occupation_code"]), 0))
        self.inputs["occupation_code"] = self.occupation

        self.heirs = QTableWidget(0, 4)
        self.heirs.setObjectName("heirs")
        self.heirs.setHorizontalHeaderLabels(
            [self.tr("Nama"), self.tr("Hubungan"), self.tr("NIK (bila ada)"), self.tr("Nomor HP")]
        )
        self.heirs.verticalHeader().hide()
        self.heirs.horizontalHeader().setStretchLastSection(True)
        self.heirs.setMinimumHeight(120)
        for h in e["heirs"]:
            self.add_heir(h)
        self.inputs["heirs"] = self.heirs
        add = QPushButton(self.tr("Tambah ahli waris"))
        add.clicked.connect(lambda: self.add_heir(None))
        remove = QPushButton(self.tr("Hapus ahli waris terpilih"))
        remove.clicked.connect(self._remove_heir)
        heir_buttons = QHBoxLayout()
        heir_buttons.addWidget(add)
        heir_buttons.addWidget(remove)
        heir_buttons.addStretch(1)

        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Misalnya: salah ketik, sesuai KTP"))
        self.inputs["reason"] = self.reason

        form = QFormLayout()
        nik = QLabel(mask_nik(e["nik"]))
        nik.setToolTip(
            self.tr("NIK tidak bisa dikoreksi. Bila salah, batalkan dan daftarkan ulang.")
        )
        form.addRow(self.tr("NIK"), nik)
        for name, label, widget in (
            ("full_name", self.tr("Nama lengkap"), self.full_name),
            ("birth_place", self.tr("Tempat lahir"), self.birth_place),
            ("birth_date", self.tr("Tanggal lahir"), self.birth_date),
            ("gender", self.tr("Jenis kelamin"), self.gender),
            ("mother_maiden_name", self.tr("Nama ibu kandung"), self.mother),
            ("phone", self.tr("Nomor HP"), self.phone),
            ("address.street", self.tr("Alamat"), self.street),
            ("address.rt", self.tr("RT"), self.rt),
            ("address.rw", self.tr("RW"), self.rw),
            ("address.village_code", self.tr("Kode desa/kelurahan"), self.village),
            ("occupation_code", self.tr("Pekerjaan"), self.occupation),
            ("heirs", self.tr("Ahli waris"), self.heirs),
            ("reason", self.tr("Alasan koreksi"), self.reason),
        ):
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            if name == "address.village_code":
                cell.addWidget(self.village_name)
            if name == "heirs":
                cell.addLayout(heir_buttons)
            self.errors[name] = _error_label(name)
            cell.addWidget(self.errors[name])
            form.addRow(label, cell)

        self.message = _error_label("general")
        self.message.setObjectName("message")
        # HQ already has this record: a correction of it is approved by a supervisor.
        self.approval: ApprovalBox | None = None
        if e.get("sync_state") in AT_HQ:
            self.approval = ApprovalBox(session, self, self.message)
        self.save_button = QPushButton(self.tr("Simpan koreksi"))
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Batal"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        content = QWidget()
        content.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Koreksi disimpan sebagai catatan baru dan dikirim ke kantor pusat; "
                    "data yang sudah tercatat tidak ditimpa."
                )
            )
        )
        layout.addWidget(scroll, 1)
        if self.approval is not None:
            note = QLabel(
                self.tr(
                    "Data ini sudah diterima kantor pusat, jadi koreksinya perlu persetujuan "
                    "supervisor."
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addWidget(self.approval)
            self.save_button.setEnabled(self.approval.available)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._initial = self.values()

    # ------------------------------------------------------------------ heirs

    def add_heir(self, heir: dict[str, Any] | None) -> None:
        row = self.heirs.rowCount()
        self.heirs.insertRow(row)
        h = heir or {}
        self.heirs.setItem(row, 0, QTableWidgetItem(h.get("name") or ""))
        relationship = QComboBox()
        for label, code in relationship_choices():
            relationship.addItem(label, code)
        relationship.setCurrentIndex(max(relationship.findData(h.get("relationship")), 0))
        self.heirs.setCellWidget(row, 1, relationship)
        self.heirs.setItem(row, 2, QTableWidgetItem(h.get("nik") or ""))
        self.heirs.setItem(row, 3, QTableWidgetItem(h.get("phone") or ""))

    def _remove_heir(self) -> None:
        row = self.heirs.currentRow()
        if row >= 0:
            self.heirs.removeRow(row)

    def _heir_values(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.heirs.rowCount()):

            def text(column: int, r: int = row) -> str:
                item = self.heirs.item(r, column)
                return item.text().strip() if item is not None else ""

            combo = self.heirs.cellWidget(row, 1)
            relationship = combo.currentData() if isinstance(combo, QComboBox) else ""
            out.append(
                {"name": text(0), "relationship": relationship, "nik": text(2), "phone": text(3)}
            )
        return out

    # ------------------------------------------------------------------ saving

    def _village_changed(self, code: str) -> None:
        region = self.session.ref.regions.get(code) if code.strip() else None
        self.village_name.setText(region.name if region and region.level == "village" else "")

    def values(self) -> dict[str, Any]:
        """What the dialog holds now, by field name of the core."""
        born: date = self.birth_date.date().toPython()  # type: ignore[assignment]
        return {
            "full_name": self.full_name.text(),
            "birth_place": self.birth_place.text(),
            "birth_date": born,
            "gender": self.gender.currentData(),
            "mother_maiden_name": self.mother.text(),
            "phone": self.phone.text(),
            "address.street": self.street.text(),
            "address.rt": self.rt.text(),
            "address.rw": self.rw.text(),
            "address.village_code": self.village.text(),
            "occupation_code": self.occupation.currentData(),
            "heirs": self._heir_values(),
        }

    def changes(self) -> dict[str, Any]:
        """Only the fields the officer changed."""
        return {k: v for k, v in self.values().items() if v != self._initial[k]}

    def save(self) -> None:
        for label in self.errors.values():
            _show(label, "")
        _show(self.message, "")
        officer = self.session.officer
        if officer is None:
            _show(self.message, self.tr("Masuk dulu sebagai petugas."))
            return
        db, clock = self.session.db, self.session.clock
        try:
            # One transaction: the correction is checked first (its problems are shown
            # without spending the supervisor's passphrase), then approved, and the
            # approval is kept with it, or neither is.
            with write_transaction(db):
                correction_id = correct_enrolment(
                    db,
                    self.session.ref,
                    self.enrolment["id"],
                    self.changes(),
                    self.reason.text(),
                    officer.id,
                    clock,
                )
                if self.approval is not None:
                    approver = self.approval.approve(self.tr("Koreksi tidak disimpan."))
                    if approver is None:
                        raise _NotApproved
                    record_approval(
                        db, approver.id, "correct", "enrolment", self.enrolment["id"], clock,
                        correction_id=correction_id, officer_id=officer.id,
                    )  # fmt: skip
        except _NotApproved:
            return
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except SigapError as exc:
            _show(self.message, exc.message(self.session.lang))
            return
        except DbError as exc:
            _show(self.message, storage_problem(exc).message(self.session.lang))
            return
        self.correction_id = correction_id
        self.accept()

    def show_problems(self, problems: list[Problem]) -> None:
        lang = self.session.lang
        texts: dict[str, list[str]] = {}
        general: list[str] = []
        for p in problems:
            name = p.field
            text = p.message(lang)
            if name.startswith("heirs."):
                index = name.split(".")[1]
                number = int(index) + 1 if index.isdigit() else 0
                text = self.tr("Ahli waris {n}: {message}").format(n=number, message=text)
                name = "heirs"
            if name in self.errors:
                texts.setdefault(name, []).append(text)
            else:
                general.append(text)
        for name, lines in texts.items():
            _show(self.errors[name], "\n".join(lines))
        _show(self.message, "\n".join(general))
        first = next((n for n in self.errors if n in texts), None)
        if first is not None:
            self.inputs[first].setFocus()


class VoidDialog(QDialog):
    """Voiding a payment: a reason, and the approving supervisor's passphrase."""

    def __init__(
        self, session: Session, payment: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.payment = payment
        self.setWindowTitle(self.tr("Batalkan pembayaran"))

        about = QLabel(
            self.tr(
                "Kuitansi {receipt}, {amount}. Pembatalan dicatat dan dikirim ke kantor pusat."
            ).format(
                receipt=payment["receipt_number"], amount=rupiah(payment["amount"], session.lang)
            )
        )
        about.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason_error = _error_label("reason")
        self.message = _error_label("general")
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
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.approval)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def confirm(self) -> None:
        _show(self.message, "")
        _show(self.reason_error, "")
        officer = self.session.officer
        lang = self.session.lang
        if officer is None:
            _show(self.message, self.tr("Masuk dulu sebagai petugas."))
            return
        # The reason first, so a missing one does not spend the supervisor's passphrase.
        _, problems = clean_short_text(self.reason.text(), "reason", required=True)
        if problems:
            _show(self.reason_error, "\n".join(p.message(lang) for p in problems))
            self.reason.setFocus()
            return
        approver = self.approval.approve(self.tr("Pembayaran tidak dibatalkan."))
        if approver is None:
            return
        try:
            void_payment(
                self.session.db,
                self.payment["id"],
                self.reason.text(),
                officer.id,
                approver.id,
                self.session.clock,
            )
        except ValidationError as exc:
            _show(self.reason_error, "\n".join(p.message(lang) for p in exc.problems))
            self.reason.setFocus()
            return
        except SigapError as exc:
            _show(self.message, exc.message(lang))
            return
        except DbError as exc:
            _show(self.message, storage_problem(exc).message(lang))
            return
        self.accept()
