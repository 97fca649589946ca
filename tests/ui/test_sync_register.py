"""Registering the laptop with HQ: a supervisor approves, the work runs in the background,
and each way it can fail says what to do. The engine's function is a fake here."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from sync.engine import SyncError
from ui.screens.register_dialog import RegisterDialog


@dataclass
class FakeRegistration:
    branch_code: str
    numbers_reserved: int


class FakeRegister:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error
        self.calls: list[tuple[str, str]] = []

    def __call__(self, db, hq_url: str, code: str) -> FakeRegistration:
        db.execute("SELECT 1").fetchone()  # a connection of the work's own
        self.calls.append((hq_url, code))
        if self.error is not None:
            raise self.error
        return FakeRegistration("MDN01", 500)


def make_dialog(qtbot, session, tasks, register, hq_url=None) -> RegisterDialog:
    dialog = RegisterDialog(session, tasks, hq_url, register=register)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(qtbot, dialog, url="https://hq.example.id", code="K7-3QX9", passphrase="kopi-tubruk-88"):
    dialog.hq_url.setText(url)
    dialog.code.setText(code)
    dialog.passphrase.setText(passphrase)


def test_registers_with_a_supervisors_approval(qtbot, session, tasks, supervisor):
    register = FakeRegister()
    dialog = make_dialog(qtbot, session, tasks, register)
    assert dialog.supervisor.currentData() == supervisor
    fill(qtbot, dialog, code="  K7-3QX9 ")
    with qtbot.waitSignal(dialog.registered) as signal:
        qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert register.calls == [("https://hq.example.id", "K7-3QX9")]
    assert signal.args[0].branch_code == "MDN01"
    assert dialog.message.text() == (
        "Terdaftar di kantor cabang MDN01. Kantor pusat menyiapkan 500 nomor peserta untuk "
        "laptop ini. Catatan yang menunggu akan dikirim."
    )
    assert not dialog.register_button.isEnabled()
    assert dialog.close_button.text() == "Selesai"
    assert dialog.passphrase.text() == ""  # not kept in a widget longer than needed


def test_a_wrong_passphrase_registers_nothing(qtbot, session, tasks, supervisor):
    register = FakeRegister()
    dialog = make_dialog(qtbot, session, tasks, register)
    fill(qtbot, dialog, passphrase="salah-sandi")
    dialog.register()
    assert register.calls == []
    assert dialog.message.text() == "Kata sandi supervisor salah. Perangkat tidak didaftarkan."
    assert dialog.passphrase.text() == ""


def test_without_a_supervisor_it_cannot_be_approved(qtbot, session, tasks):
    dialog = make_dialog(qtbot, session, tasks, FakeRegister())
    assert not dialog.register_button.isEnabled()
    assert "Belum ada supervisor aktif" in dialog.message.text()


def test_asks_for_an_address_and_a_code(qtbot, session, tasks, supervisor):
    register = FakeRegister()
    dialog = make_dialog(qtbot, session, tasks, register)
    fill(qtbot, dialog, url="hq.example.id")
    dialog.register()
    assert dialog.message.text() == "Alamat kantor pusat diawali https:// (atau http://)."
    fill(qtbot, dialog, code=" ")
    dialog.register()
    assert dialog.message.text() == "Isi kode pendaftaran dari kantor cabang."
    assert register.calls == []


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (
            SyncError("offline"),
            "Kantor pusat tidak terjangkau. Periksa sambungan internet dan alamat kantor pusat, "
            "lalu coba lagi.",
        ),
        (
            SyncError("auth", "sync_registration_code_invalid"),
            "Kode pendaftaran tidak diterima kantor pusat (salah, sudah dipakai atau "
            "kedaluwarsa). Minta kode baru ke kantor cabang.",
        ),
        (SyncError("revoked"), "Kantor pusat menolak laptop ini. Hubungi kantor cabang."),
        (SyncError("server"), "Kantor pusat sedang bermasalah. Coba lagi beberapa menit lagi."),
        (SyncError("busy"), "Kantor pusat sedang bermasalah. Coba lagi beberapa menit lagi."),
        (
            SyncError("malformed"),
            "Alamat itu tidak menjawab seperti kantor pusat Sigap. Periksa alamatnya.",
        ),
        (
            SyncError("malformed", "sync_hq_url_invalid"),
            "Alamat kantor pusat tidak sah. Contoh: https://hq.example.id",
        ),
        (SyncError("not_registered"), "Pendaftaran gagal (not_registered)."),
        (OSError("disk full"), "Pendaftaran gagal: disk full"),
    ],
)
def test_each_failure_says_what_to_do(qtbot, session, tasks, supervisor, error, said):
    register = FakeRegister(error)
    dialog = make_dialog(qtbot, session, tasks, register)
    fill(qtbot, dialog)
    with qtbot.assertNotEmitted(dialog.registered):
        dialog.register()
    assert dialog.message.text() == said
    assert dialog.register_button.isEnabled()  # try again, with another code or address
    assert not dialog.running


def test_the_sync_screen_resumes_after_registering(qtbot, session, tasks, db, supervisor):
    from tests.ui.test_sync_controller import Fakes
    from ui.screens.sync_screen import SyncScreen
    from ui.sync_controller import SyncController

    fakes = Fakes()

    def register(db, hq_url, code):
        db.execute(
            "INSERT INTO settings (key, value) VALUES ('device_token', 't'), ('hq_url', ?)",
            [hq_url],
        )
        return FakeRegistration("MDN01", 500)

    controller = SyncController(
        session, tasks, probe=fakes.probe, run_sync=fakes.run_sync, register=register
    )
    screen = SyncScreen(session, tasks, controller)
    qtbot.addWidget(screen)
    controller.start()
    assert not controller.online and fakes.probes == 0
    dialog = screen.open_register()
    fill(qtbot, dialog)
    dialog.register()
    assert controller.registered
    assert controller.online  # probed at once, and the waiting records went
    assert fakes.syncs == 1
    assert screen.values["hq_url"].text() == "https://hq.example.id"
    assert screen.banner.isHidden()
    controller.stop()
