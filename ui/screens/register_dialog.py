"""Registering this laptop with HQ (once, online): HQ's address and the code the branch
office gave. It decides where every record goes, so a supervisor approves it with their
passphrase (the shared approval box). Runs in the background; says the branch and how many
member numbers HQ set aside, or what went wrong and what to do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
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

from services.registration import register_device
from ui.session import Session
from ui.sync_controller import Register, engine_register
from ui.tasks import Tasks
from ui.widgets.approval import ApprovalBox
from ui.widgets.fit import fit
from ui.widgets.keyboard import keyboard_ready

ERROR_STYLE = "color: #b00020;"
DONE_STYLE = "color: #1b7f3b;"


class RegisterDialog(QDialog):
    registered = Signal(object)  # the engine's Registration

    def __init__(
        self,
        session: Session,
        tasks: Tasks,
        hq_url: str | None = None,
        parent: QWidget | None = None,
        register: Register = engine_register,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self._register = register
        self.running = False
        self.result_value: Any = None
        self.setWindowTitle(self.tr("Daftarkan perangkat"))
        fit(self, 560, 320, session.data_dir)

        about = QLabel(
            self.tr(
                "Laptop ini perlu didaftarkan sekali ke kantor pusat sebelum mengirim catatan. "
                "Minta kode pendaftaran ke kantor cabang. Laptop harus tersambung ke internet."
            )
        )
        about.setWordWrap(True)
        self.hq_url = QLineEdit(hq_url or "")
        self.hq_url.setObjectName("hq_url")
        self.hq_url.setPlaceholderText("https://hq.example.id")
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setPlaceholderText(self.tr("Kode dari kantor cabang"))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.approval = ApprovalBox(session, self, self.message)
        self.supervisor, self.passphrase = self.approval.supervisor, self.approval.passphrase

        form = QFormLayout()
        form.addRow(self.tr("Alamat kantor pusat"), self.hq_url)
        form.addRow(self.tr("Kode pendaftaran"), self.code)

        self.register_button = QPushButton(self.tr("Daftarkan"))
        self.register_button.setObjectName("register")
        self.register_button.setDefault(True)
        self.register_button.clicked.connect(self.register)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.register_button)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.approval)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        keyboard_ready(self, self.register_button)
        self.register_button.setEnabled(self.approval.available)
        (self.code if hq_url else self.hq_url).setFocus()

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(DONE_STYLE if ok else ERROR_STYLE)
        self.message.setVisible(bool(text))

    def register(self) -> None:
        if self.running:
            return
        url = self.hq_url.text().strip()
        code = self.code.text().strip()
        if not url.lower().startswith(("https://", "http://")):
            self._say(self.tr("Alamat kantor pusat diawali https:// (atau http://)."), ok=False)
            self.hq_url.setFocus()
            return
        if not code:
            self._say(self.tr("Isi kode pendaftaran dari kantor cabang."), ok=False)
            self.code.setFocus()
            return
        approver = self.approval.approve(self.tr("Perangkat tidak didaftarkan."))
        if approver is None:
            return
        session, register, approver_id = self.session, self._register, approver.id

        def work(_progress: Any) -> Any:
            return register_device(
                session.connect_db, register, url, code, approver_id, session.clock
            )

        self.running = True
        self._update_buttons()
        self._say(self.tr("Menghubungi kantor pusat…"), ok=True)
        self.tasks.run(work, self._done, self._failed)

    def _update_buttons(self) -> None:
        self.register_button.setEnabled(not self.running and self.approval.available)
        for w in (self.hq_url, self.code, self.approval):
            w.setEnabled(not self.running)

    def _done(self, registration: Any) -> None:
        self.running = False
        self.result_value = registration
        self._update_buttons()
        self.passphrase.clear()
        self._say(
            self.tr(
                "Terdaftar di kantor cabang {branch}. Kantor pusat menyiapkan {n} nomor peserta "
                "untuk laptop ini. Catatan yang menunggu akan dikirim."
            ).format(
                branch=getattr(registration, "branch_code", "-"),
                n=getattr(registration, "numbers_reserved", 0),
            ),
            ok=True,
        )
        self.register_button.setEnabled(False)
        self.close_button.setText(self.tr("Selesai"))
        self.close_button.setDefault(True)
        self.registered.emit(registration)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._update_buttons()
        self._say(self.error_text(exc), ok=False)

    def error_text(self, exc: BaseException) -> str:
        kind = getattr(exc, "kind", None)
        if kind == "offline":
            return self.tr(
                "Kantor pusat tidak terjangkau. Periksa sambungan internet dan alamat kantor "
                "pusat, lalu coba lagi."
            )
        if kind in ("invalid_registration_code", "invalid_code", "auth"):
            return self.tr(
                "Kode pendaftaran tidak diterima kantor pusat (salah, sudah dipakai atau "
                "kedaluwarsa). Minta kode baru ke kantor cabang."
            )
        if kind == "revoked":
            return self.tr("Kantor pusat menolak laptop ini. Hubungi kantor cabang.")
        if kind in ("server", "busy"):
            return self.tr("Kantor pusat sedang bermasalah. Coba lagi beberapa menit lagi.")
        if kind == "malformed" and getattr(exc, "code", None) == "sync_hq_url_invalid":
            return self.tr("Alamat kantor pusat tidak sah. Contoh: https://hq.example.id")
        if kind in ("malformed", "protocol"):
            return self.tr(
                "Alamat itu tidak menjawab seperti kantor pusat Sigap. Periksa alamatnya."
            )
        if kind:
            return self.tr("Pendaftaran gagal ({kind}).").format(kind=kind)
        return self.tr("Pendaftaran gagal: {error}").format(error=str(exc) or type(exc).__name__)
