"""Correcting a saved enrolment: the saved data in a form, only what changed is sent, with
a reason; a new record, never an overwrite. Once HQ has the record, a supervisor approves
the correction: the correction is checked first (its problems shown without spending the
passphrase), the passphrase then, outside any write lock, and the approval is kept in the
same transaction as the correction (`services.records`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
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

from models.db import Error as DbError
from models.db import storage_problem
from models.enrolments import EnrolmentRecord, HeirRecord
from models.errors import Problem, SigapError, ValidationError
from models.messages import text as message_text
from models.nik import mask_nik
from models.officers import Officer
from models.sync_state import AT_HQ
from models.vocabulary import GENDERS
from services.changes import Changes
from services.records import check_correction, correct, needs_birth_date_approval
from ui.labels import gender_label
from ui.screens.record_parts import error_label, relationship_choices, show
from ui.session import Session
from ui.widgets.approval import ApprovalBox, ApprovalDialog
from ui.widgets.fit import fit
from ui.widgets.keyboard import keyboard_ready


class CorrectionDialog(QDialog):
    """The saved data, to be corrected: only what changed is sent, with a reason."""

    def __init__(
        self, session: Session, enrolment: EnrolmentRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.enrolment = enrolment
        self.correction_id: str | None = None
        self.changed = Changes()
        # A new birth date unlike the NIK's digits (docs/rules.md): the date a supervisor
        # approved and who; at HQ, the date whose warning was shown before the box approves.
        self.birth_date_dialog: ApprovalDialog | None = None
        self._birth_date_approval: tuple[date, str] | None = None
        self._birth_date_warned: date | None = None
        self.setWindowTitle(self.tr("Koreksi data peserta"))
        fit(self, 640, 720, session.data_dir)
        ref, lang = session.ref, session.lang
        e = enrolment

        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        def line(name: str, value: str | None) -> QLineEdit:
            edit = QLineEdit(value or "")
            edit.setObjectName(name)
            self.inputs[name] = edit
            return edit

        self.full_name = line("full_name", e.full_name)
        self.birth_place = line("birth_place", e.birth_place)
        self.birth_date = QDateEdit()
        self.birth_date.setObjectName("birth_date")
        self.birth_date.setDisplayFormat("dd-MM-yyyy")
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setMinimumDate(QDate(1900, 1, 1))
        self.birth_date.setDate(QDate.fromString(e.birth_date, "yyyy-MM-dd"))
        self.inputs["birth_date"] = self.birth_date
        self.gender = QComboBox()
        self.gender.setObjectName("gender")
        for code in GENDERS:
            self.gender.addItem(gender_label(code), code)
        self.gender.setCurrentIndex(max(self.gender.findData(e.gender), 0))
        self.inputs["gender"] = self.gender
        self.mother = line("mother_maiden_name", e.mother_maiden_name)
        self.phone = line("phone", e.phone)
        self.street = line("address.street", e.street)
        self.rt = line("address.rt", e.rt)
        self.rw = line("address.rw", e.rw)
        self.village = line("address.village_code", e.village_code)
        self.village_name = QLabel()
        self.village.textChanged.connect(self._village_changed)
        self._village_changed(self.village.text())
        self.occupation = QComboBox()
        self.occupation.setObjectName("occupation_code")
        for o in sorted(ref.occupations.values(), key=lambda o: o.name(lang)):
            self.occupation.addItem(f"{o.name(lang)} ({o.code})", o.code)
        self.occupation.setCurrentIndex(max(self.occupation.findData(e.occupation_code), 0))
        self.inputs["occupation_code"] = self.occupation

        self.heirs = QTableWidget(0, 4)
        self.heirs.setObjectName("heirs")
        self.heirs.setHorizontalHeaderLabels(
            [self.tr("Nama"), self.tr("Hubungan"), self.tr("NIK (bila ada)"), self.tr("Nomor HP")]
        )
        self.heirs.verticalHeader().hide()
        self.heirs.horizontalHeader().setStretchLastSection(True)
        self.heirs.setMinimumHeight(120)
        for h in e.heirs:
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
        nik = QLabel(mask_nik(e.nik))
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
            self.errors[name] = error_label(name)
            cell.addWidget(self.errors[name])
            form.addRow(label, cell)

        self.message = error_label("general")
        self.message.setObjectName("message")
        # HQ already has this record: a correction of it is approved by a supervisor.
        self.approval: ApprovalBox | None = None
        if e.sync_state in AT_HQ:
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
        keyboard_ready(self, self.save_button)
        self._initial = self.values()

    # ------------------------------------------------------------------ heirs

    def add_heir(self, heir: HeirRecord | None) -> None:
        row = self.heirs.rowCount()
        self.heirs.insertRow(row)
        name, code, nik, phone = (
            (heir.name, heir.relationship, heir.nik, heir.phone) if heir else ("", None, None, None)
        )
        self.heirs.setItem(row, 0, QTableWidgetItem(name or ""))
        relationship = QComboBox()
        for label, choice in relationship_choices():
            relationship.addItem(label, choice)
        relationship.setCurrentIndex(max(relationship.findData(code), 0))
        self.heirs.setCellWidget(row, 1, relationship)
        self.heirs.setItem(row, 2, QTableWidgetItem(nik or ""))
        self.heirs.setItem(row, 3, QTableWidgetItem(phone or ""))

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
            show(label, "")
        show(self.message, "")
        officer = self.session.officer
        if officer is None:
            show(self.message, self.tr("Masuk dulu sebagai petugas."))
            return
        session = self.session
        db, ref, clock = session.db, session.ref, session.clock
        args = (self.enrolment.id, self.changes(), self.reason.text(), officer.id)
        born = self.values()["birth_date"]
        approval = self._birth_date_approval
        ktp_approver = approval[1] if approval and approval[0] == born else None
        try:
            approver = None
            if self.approval is not None:
                # The correction is checked first, so its problems are shown without
                # spending the supervisor's passphrase; the passphrase is then checked
                # outside any write lock, and `correct` keeps the approval with the
                # correction, or neither. A KTP birth date unlike the NIK is warned about
                # first; the same supervisor's approval then covers it.
                warned = self._birth_date_warned == born
                chosen = self.approval.supervisor.currentData() if warned else None
                try:
                    check_correction(db, ref, *args, clock, chosen)
                except ValidationError as exc:
                    if not needs_birth_date_approval(exc.problems):
                        raise
                    self._birth_date_warned = born
                    self.show_problems(exc.problems)
                    show(
                        self.message,
                        self.tr(
                            "Supervisor: lihat KTP-nya. Bila tanggal lahirnya sama, setujui "
                            "di bawah dan simpan lagi."
                        ),
                    )
                    return
                approver = self.approval.approve(self.tr("Koreksi tidak disimpan."))
                if approver is None:
                    return
                ktp_approver = approver.id if warned else None
            correction_id, self.changed = correct(db, ref, *args, approver, clock, ktp_approver)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            if self.approval is None and needs_birth_date_approval(exc.problems):
                self._ask_birth_date_approval(born)
            return
        except SigapError as exc:
            show(self.message, exc.message(self.session.lang))
            return
        except DbError as exc:
            show(self.message, storage_problem(exc).message(self.session.lang))
            return
        self.correction_id = correction_id
        self.accept()

    def _ask_birth_date_approval(self, born: date) -> None:
        """A supervisor who sees the KTP approves its birth date, once; then it saves."""
        lang = self.session.lang

        def approve(approver: Officer) -> None:
            self._birth_date_approval = (born, approver.id)

        self.birth_date_dialog = ApprovalDialog(
            self.session,
            message_text("nik_birth_date_approval_title", lang),
            message_text("nik_birth_date_approval_prompt", lang),
            approve,
            self,
            button=message_text("nik_birth_date_approval_button", lang),
        )
        self.birth_date_dialog.accepted.connect(self.save)
        self.birth_date_dialog.open()

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
            show(self.errors[name], "\n".join(lines))
        show(self.message, "\n".join(general))
        first = next((n for n in self.errors if n in texts), None)
        if first is not None:
            self.inputs[first].setFocus()
