"""Signing in, and switching officers at a shared desk (Ctrl+L, passphrase, Enter)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.officers import Officer, list_officers, verify_passphrase


class SignInDialog(QDialog):
    def __init__(
        self, db: Database, current: Officer | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.officer: Officer | None = None
        self.setWindowTitle(self.tr("Sigap — masuk"))
        self.who = QComboBox()
        officers = [o for o in list_officers(db) if o.active]
        for o in officers:
            self.who.addItem(f"{o.name} ({o.id})", o.id)
        # Switching at a shared desk: the other officer is the likely one.
        others = [o for o in officers if current is None or o.id != current.id]
        if others:
            self.who.setCurrentIndex(self.who.findData(others[0].id))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Petugas"), self.who)
        form.addRow(self.tr("Kata sandi"), self.passphrase)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Masuk"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if current is not None:
            layout.addWidget(QLabel(self.tr("Sekarang masuk: {name}").format(name=current.name)))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    def try_sign_in(self) -> None:
        officer = verify_passphrase(self.db, str(self.who.currentData()), self.passphrase.text())
        if officer is None:
            self.passphrase.clear()
            self.message.setText(self.tr("Petugas atau kata sandi salah. Coba lagi."))
            self.message.show()
            return
        self.officer = officer
        self.accept()
