"""Settings (supervisors): the idle-lock minutes, backups kept, backup spacing before a
sync, the HQ address (with a supervisor's approval: records go wherever it points), and
the printers chosen for receipts and cards. Saved through services/settings.py, which
checks each value and audits it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.database import Database
from models.db import get_setting
from models.errors import SigapError
from services import settings
from services.changes import Changes
from ui.session import Session
from ui.widgets.approval import ERROR_STYLE, ApprovalBox
from ui.widgets.keyboard import keyboard_ready


def printer_names() -> list[str]:
    return sorted(QPrinterInfo.availablePrinterNames())


def preselect_printer(printer: QPrinter, db: Database, key: str) -> None:
    """The printer the settings chose for receipts or cards (`key`), when it is connected:
    the print dialog opens on it. Otherwise the system's default, as before."""
    name = get_setting(db, key)
    if name and name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(name)


class SettingsDialog(QDialog):
    changed = Signal(object)  # Changes

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Pengaturan"))
        self.session = session
        values = settings.current(session.db)
        self.values = values
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for key, label, suffix in (
            ("lock_minutes", self.tr("Kunci otomatis setelah"), self.tr(" menit")),
            ("backup_keep", self.tr("Cadangan yang disimpan (per jenis)"), ""),
            ("backup_sync_minutes", self.tr("Jarak cadangan sebelum sinkron"), self.tr(" menit")),
        ):
            spec = settings.BY_KEY[key]
            spin = QSpinBox()
            spin.setObjectName(key)
            spin.setRange(spec.lowest, spec.highest)
            spin.setSuffix(suffix)
            spin.setValue(int(values[key]))
            self.spins[key] = spin
            form.addRow(label, spin)
        self.hq_url = QLineEdit(values["hq_url"])
        self.hq_url.setObjectName("hq_url")
        self.hq_url.setPlaceholderText("https://hq.contoh.id")
        form.addRow(self.tr("Alamat kantor pusat"), self.hq_url)
        self.printers: dict[str, QComboBox] = {}
        names = printer_names()
        for key, label in (
            ("receipt_printer", self.tr("Printer kwitansi")),
            ("card_printer", self.tr("Printer kartu")),
        ):
            combo = QComboBox()
            combo.setObjectName(key)
            combo.addItem(self.tr("Tanya setiap kali"), "")
            for name in names:
                combo.addItem(name, name)
            if values[key] and combo.findData(values[key]) < 0:
                combo.addItem(values[key], values[key])  # chosen before, not connected now
            combo.setCurrentIndex(max(combo.findData(values[key]), 0))
            self.printers[key] = combo
            form.addRow(label, combo)
        self.message = QLabel()
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.approval = ApprovalBox(session, self)
        self.approval.setTitle(self.tr("Persetujuan supervisor (untuk alamat kantor pusat)"))
        self.approval.setVisible(False)
        self.hq_url.textChanged.connect(
            lambda text: self.approval.setVisible(text.strip() != values["hq_url"])
        )
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.approval)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        keyboard_ready(self)
        officer = session.officer
        if officer is None or not officer.is_supervisor:
            self.say(self.tr("Hanya supervisor yang boleh mengubah pengaturan."))
            self.save_button.setEnabled(False)

    def say(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def wanted(self) -> dict[str, str]:
        out = {key: str(spin.value()) for key, spin in self.spins.items()}
        out["hq_url"] = self.hq_url.text().strip()
        out.update({key: str(combo.currentData()) for key, combo in self.printers.items()})
        return out

    def save(self) -> None:
        officer = self.session.officer
        if officer is None:
            return
        changes = Changes()
        wanted = {k: v for k, v in self.wanted().items() if v != self.values[k]}
        approver = None
        if "hq_url" in wanted:
            try:
                wanted["hq_url"] = settings.checked("hq_url", wanted["hq_url"])
            except SigapError as exc:
                self.say(exc.message(self.session.lang))
                return
            approved = self.approval.approve(self.tr("Pengaturan tidak disimpan."))
            if approved is None:
                return
            approver = approved.id
        try:
            for key, value in wanted.items():
                changes |= settings.change(self.session.db, key, value, officer.id, approver,
                                           self.session.clock)  # fmt: skip
        except SigapError as exc:
            self.say(exc.message(self.session.lang))
            return
        if changes:
            self.changed.emit(changes)
        self.accept()
