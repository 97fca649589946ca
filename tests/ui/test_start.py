"""First start (set-up wizard), signing in at start (the passphrase unlocks the encrypted
database), and what the start says when the data folder cannot be opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtWidgets import QMessageBox

from models import desk, vault
from models.database import Database
from models.db import DB_FILE, get_setting, is_plain_sqlite
from models.officers import add_officer, list_officers
from models.schema import MIGRATIONS
from ui import app as start
from ui.screens.setup_wizard import SetupWizard
from ui.screens.sign_in import SignInDialog
from ui.tasks import InlineTasks


@pytest.fixture
def new_dir(tmp_path: Path) -> Path:
    return tmp_path / "baru"


def test_first_start_makes_the_encrypted_desk(qtbot, new_dir):
    wizard = SetupWizard(new_dir)
    qtbot.addWidget(wizard)
    wizard.language.setCurrentIndex(wizard.language.findData("en"))
    qtbot.keyClicks(wizard.branch, "mdn01")
    qtbot.keyClicks(wizard.officer_id, "rina.k")
    qtbot.keyClicks(wizard.name, "Rina Kartika")
    qtbot.keyClicks(wizard.passphrase, "sawah-hijau-9")
    qtbot.keyClicks(wizard.repeat, "sawah-hijau-8")
    wizard.finish()
    assert wizard.errors["repeat"].text() == "The two passphrases differ."
    assert desk.folder_state(new_dir) == desk.NEW  # nothing made before it is right
    wizard.repeat.clear()
    qtbot.keyClicks(wizard.repeat, "sawah-hijau-9")
    with qtbot.waitSignal(wizard.accepted):
        wizard.finish()
    db = wizard.db
    assert db is not None
    try:
        [officer] = list_officers(db)
        assert (officer.id, officer.name, officer.role) == ("rina.k", "Rina Kartika", "supervisor")
        assert get_setting(db, "branch_code") == "MDN01"
        assert get_setting(db, "language") == "en"
        assert wizard.officer == officer
        assert wizard.passphrase.text() == "" and wizard.repeat.text() == ""
    finally:
        db.close()
    assert desk.folder_state(new_dir) == desk.READY
    assert not is_plain_sqlite(new_dir / DB_FILE)
    assert vault.officer_ids(new_dir) == ["rina.k"]


def test_wizard_says_what_to_fix(qtbot, new_dir):
    wizard = SetupWizard(new_dir)
    qtbot.addWidget(wizard)
    qtbot.keyClicks(wizard.officer_id, "x")
    qtbot.keyClicks(wizard.passphrase, "pendek")
    qtbot.keyClicks(wizard.repeat, "pendek")
    wizard.finish()
    assert "Kode kantor cabang" in wizard.errors["branch_code"].text()
    assert "Id petugas" in wizard.errors["officer_id"].text()
    assert "paling sedikit 10" in wizard.errors["passphrase"].text()
    assert wizard.errors["name"].text() == "Nama wajib diisi."
    assert wizard.db is None and desk.folder_state(new_dir) == desk.NEW


def test_wizard_refuses_an_easy_passphrase(qtbot, new_dir):
    wizard = SetupWizard(new_dir)
    qtbot.addWidget(wizard)
    qtbot.keyClicks(wizard.branch, "MDN01")
    qtbot.keyClicks(wizard.officer_id, "rina.k")
    qtbot.keyClicks(wizard.name, "Rina Kartika")
    for field in (wizard.passphrase, wizard.repeat):
        qtbot.keyClicks(field, "bismillah123")
    wizard.finish()
    assert wizard.errors["passphrase"].text().startswith("Kata sandi terlalu mudah ditebak")
    assert desk.folder_state(new_dir) == desk.NEW


def test_the_passphrase_label_asks_for_ten_characters(qtbot, new_dir):
    from PySide6.QtWidgets import QLabel

    wizard = SetupWizard(new_dir)
    qtbot.addWidget(wizard)
    assert "Kata sandi (10+ karakter)" in {label.text() for label in wizard.findChildren(QLabel)}


# ---------------------------------------------------------------- signing in at start


def start_dialog(qtbot, data_dir) -> SignInDialog:
    dialog = SignInDialog(data_dir=data_dir, tasks=InlineTasks())
    qtbot.addWidget(dialog)
    return dialog


def test_sign_in_at_start_opens_the_database(qtbot, db, data_dir, officer, supervisor):
    dialog = start_dialog(qtbot, data_dir)
    # Only ids: the names are inside the encrypted database.
    assert [dialog.who.itemText(i) for i in range(dialog.who.count())] == ["budi.s", "sari"]
    dialog.who.setCurrentIndex(dialog.who.findData("sari"))
    qtbot.keyClicks(dialog.passphrase, "salah-sekali-1")
    dialog.try_sign_in()
    assert dialog.officer is None and dialog.db is None
    assert dialog.message.text() == "Id petugas atau kata sandi salah."
    assert dialog.passphrase.text() == ""
    qtbot.keyClicks(dialog.passphrase, "pasar-pagi-77")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_sign_in()
    opened = dialog.db
    assert opened is not None and opened is not db
    try:
        assert dialog.officer is not None and dialog.officer.name == "Sari Wulandari"
        assert [o.id for o in list_officers(opened)] == ["budi.s", "sari"]
    finally:
        opened.close()


def test_wrong_passphrases_make_the_next_try_wait(qtbot, db, data_dir, officer):
    dialog = start_dialog(qtbot, data_dir)
    for _ in range(vault.FREE_TRIES):
        dialog.passphrase.setText("salah-sekali-1")
        dialog.try_sign_in()
        assert dialog.panel.button.isEnabled()
    dialog.passphrase.setText("salah-sekali-1")
    dialog.try_sign_in()
    assert dialog.message.text() == ("Id petugas atau kata sandi salah. Coba lagi dalam 2 detik.")
    button = dialog.panel.button
    assert not button.isEnabled() and button.text() == "Masuk (2)"
    dialog.passphrase.setText("pasar-pagi-77")
    dialog.try_sign_in()  # refused while waiting: the button is off, Enter too
    assert dialog.officer is None
    dialog.panel._tick()
    assert button.text() == "Masuk (1)"
    dialog.panel._tick()
    assert button.isEnabled() and button.text() == "Masuk"


def test_a_locked_account_is_told_to_ask_a_supervisor(qtbot, db, data_dir, officer):
    for _ in range(vault.LOCK_AFTER):
        vault._count_failure(data_dir, "sari", 0.0)
    dialog = start_dialog(qtbot, data_dir)
    dialog.passphrase.setText("pasar-pagi-77")
    dialog.try_sign_in()
    assert dialog.officer is None
    assert "Minta supervisor membukanya" in dialog.message.text()


def test_damaged_database_ends_the_sign_in_with_the_key(qtbot, db, data_dir, officer):
    path = data_dir / DB_FILE
    db.close()
    raw = bytearray(path.read_bytes())
    raw[5000:9000] = b"\x00" * 4000  # an encrypted page no longer matches its HMAC
    path.write_bytes(bytes(raw))
    dialog = start_dialog(qtbot, data_dir)
    dialog.passphrase.setText("pasar-pagi-77")
    with qtbot.waitSignal(dialog.rejected):
        dialog.try_sign_in()
    assert dialog.problem is not None
    assert dialog.problem.error.code == "database_damaged"
    assert dialog.problem.key is not None and len(dialog.problem.key) == 32


def plain_desk(data_dir: Path) -> None:
    """A data folder as the version before encryption left it: plain SQLite, an Argon2 hash."""
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / DB_FILE)
    MIGRATIONS.apply(Database(conn))
    conn.execute(
        "INSERT INTO officers (id, name, role, passphrase_hash, created_at) "
        "VALUES ('sari', 'Sari Wulandari', 'supervisor', ?, '2026-01-01T08:00:00+07:00')",
        [PasswordHasher().hash("pasar-pagi-77")],
    )
    conn.commit()
    conn.close()


def test_the_first_sign_in_encrypts_an_old_plain_database(qtbot, tmp_path):
    data_dir = tmp_path / "lama"
    plain_desk(data_dir)
    assert desk.folder_state(data_dir) == desk.PLAIN
    dialog = start_dialog(qtbot, data_dir)
    assert dialog.who.currentData() == "sari"
    dialog.passphrase.setText("pasar-pagi-77")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_sign_in()
    assert dialog.db is not None
    dialog.db.close()
    assert desk.folder_state(data_dir) == desk.READY
    assert not is_plain_sqlite(data_dir / DB_FILE)


def test_the_plain_database_sign_in_says_it_is_encrypting(qtbot, tmp_path):
    data_dir = tmp_path / "lama"
    plain_desk(data_dir)

    class Later(InlineTasks):
        """Holds the work, as the thread pool would while it runs."""

        def run(self, fn, on_done, on_error=None, on_progress=None):
            self.held = (fn, on_done, on_error)

    tasks = Later()
    dialog = SignInDialog(data_dir=data_dir, tasks=tasks)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("pasar-pagi-77")
    dialog.try_sign_in()
    assert dialog.message.text().startswith("Data lama sedang dienkripsi")
    assert not dialog.panel.button.isEnabled() and not dialog.passphrase.isEnabled()
    dialog.reject()  # not while the database is being encrypted
    assert dialog.result() == 0 and dialog.panel.running


# ---------------------------------------------------------------- the start itself


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    """Message boxes are recorded, not shown; each answers "Tutup"."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


def test_a_new_folder_gets_the_wizard_and_nothing_else(qtbot, new_dir, monkeypatch, boxes):
    seen = []
    monkeypatch.setattr(SetupWizard, "exec", lambda w: seen.append(w) or 0)
    assert start.start_desk(new_dir, "id", InlineTasks()) == start.EXIT_OK
    assert len(seen) == 1 and boxes == []
    assert desk.folder_state(new_dir) == desk.NEW  # cancelled: no key, no database


def test_a_ready_folder_signs_in(qtbot, db, data_dir, officer, monkeypatch):
    def sign_in(dialog: SignInDialog) -> int:
        dialog.passphrase.setText("pasar-pagi-77")
        dialog.try_sign_in()
        return int(dialog.result())

    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    started = start.start_desk(data_dir, "id", InlineTasks())
    assert not isinstance(started, int)
    opened, who = started
    try:
        assert who.id == "sari" and list_officers(opened)[0].id == "sari"
    finally:
        opened.close()


def test_missing_keys_are_said_and_nothing_is_made(qtbot, db, data_dir, officer, boxes):
    db.close()
    vault.keys_path(data_dir).unlink()
    assert start.start_desk(data_dir, "id", InlineTasks()) == start.EXIT_PROBLEM
    assert boxes == [
        "Berkas kunci sigap.keys tidak ada di folder data, jadi data terenkripsi tidak bisa "
        "dibuka. Kembalikan berkas itu atau pulihkan cadangan bersama kuncinya."
    ]
    assert not vault.exists(data_dir)


def test_a_missing_database_is_never_started_empty(qtbot, db, data_dir, officer, boxes):
    db.close()
    (data_dir / DB_FILE).unlink()
    assert start.start_desk(data_dir, "id", InlineTasks()) == start.EXIT_PROBLEM
    assert len(boxes) == 1 and boxes[0].startswith("Basis data sigap.db tidak ada")
    assert not (data_dir / DB_FILE).exists()


def test_a_missing_database_offers_the_restore_after_the_passphrase(
    qtbot, db, data_dir, officer, monkeypatch
):
    db.close()
    (data_dir / DB_FILE).unlink()
    monkeypatch.setattr(start, "_message_box", lambda *a, **k: True)  # "Pulihkan cadangan…"

    def sign_in(dialog: SignInDialog) -> int:
        dialog.passphrase.setText("salah-sekali-1")
        dialog.try_sign_in()
        assert dialog.message.text() == "Id petugas atau kata sandi salah."
        dialog.passphrase.setText("pasar-pagi-77")
        dialog.try_sign_in()
        return int(dialog.result())

    offered: list[bytes] = []
    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    monkeypatch.setattr(start, "offer_restore", lambda d, key, p, lang: offered.append(key))
    assert start.start_desk(data_dir, "id", InlineTasks()) == start.EXIT_PROBLEM
    assert offered == [vault.unlock(data_dir, "sari", "pasar-pagi-77")]
    assert not (data_dir / DB_FILE).exists()


def test_a_damaged_database_offers_a_backup(qtbot, db, data_dir, officer, monkeypatch):
    path = data_dir / DB_FILE
    db.close()
    raw = bytearray(path.read_bytes())
    raw[5000:9000] = b"\x00" * 4000
    path.write_bytes(bytes(raw))
    asked: list[str] = []
    monkeypatch.setattr(
        start, "_message_box", lambda p, t, text, restore: asked.append(text) or True
    )

    def sign_in(dialog: SignInDialog) -> int:
        dialog.passphrase.setText("pasar-pagi-77")
        dialog.try_sign_in()
        return int(dialog.result())

    offered: list[bytes] = []
    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    monkeypatch.setattr(start, "offer_restore", lambda d, key, p, lang: offered.append(key))
    assert start.start_desk(data_dir, "id", InlineTasks()) == start.EXIT_PROBLEM
    assert asked and asked[0].startswith("Basis data rusak")
    assert offered == [vault.unlock(data_dir, "sari", "pasar-pagi-77")]
    assert path.read_bytes() == bytes(raw)  # nothing written over the damaged file


def test_restore_dialog_is_offered_at_start(qtbot, db, data_dir, officer, monkeypatch):
    from ui.screens.backup_screen import RestoreDialog

    made = []
    monkeypatch.setattr(RestoreDialog, "exec", lambda d: made.append(d) or 0)
    assert start.offer_restore(data_dir, db.key, None, "id") is False
    assert made and made[0].key == db.key
    made[0].deleteLater()


def test_switching_officers_while_open_offers_the_other(qtbot, db):
    add_officer(db, "sari", "Sari Wulandari", "officer", "pasar-pagi-77")
    budi = add_officer(db, "budi.s", "Budi Santoso", "supervisor", "kopi-tubruk-88")
    sari = list_officers(db)[1]
    dialog = SignInDialog(db, current=sari)
    qtbot.addWidget(dialog)
    assert dialog.who.currentData() == "budi.s"  # switching desks: the other officer
    qtbot.keyClicks(dialog.passphrase, "salah-sekali")
    dialog.try_sign_in()
    assert dialog.officer is None
    assert dialog.message.text() == "Id petugas atau kata sandi salah."
    assert dialog.passphrase.text() == ""
    qtbot.keyClicks(dialog.passphrase, "kopi-tubruk-88")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_sign_in()
    assert dialog.officer == budi


def test_an_officer_without_a_key_here_is_told_why(qtbot, db, officer):
    vault.remove(db.data_dir, officer)
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("pasar-pagi-77")
    dialog.try_sign_in()
    assert dialog.message.text().startswith("Akun sari belum punya kunci di laptop ini.")


def test_reopening_after_a_restore(qtbot, session, db, data_dir, ref, event, officer):
    from models import backup
    from models import enrolments as en
    from tests.helpers import fixed_clock, person

    info = backup.make_backup(db, backup.MANUAL, clock=fixed_clock)
    en.enrol(db, ref, event.id, person(), officer, fixed_clock)  # made after the backup
    tono = add_officer(db, "tono", "Tono Sugiarto", "officer", "bakso-malang-99")
    session.sign_in(tono)
    db.close()  # as the backup screen does before restoring
    backup.restore(data_dir, info.path, db.key, officer_id="budi.s")
    assert start.reopen_database(session, data_dir) is None
    try:
        assert session.db is not db
        assert session.db.execute("SELECT COUNT(*) FROM enrolments").fetchone() == (0,)
        assert session.event is not None and session.event.id == event.id
        assert session.officer is None  # Tono is not in the restored data: sign in again
    finally:
        session.db.close()


def test_reopening_a_file_that_does_not_open_says_why(qtbot, session, db, data_dir):
    db.close()
    (data_dir / DB_FILE).unlink()
    problem = start.reopen_database(session, data_dir)
    assert problem is not None and problem.code == "database_missing"


def test_the_window_checks_the_database_in_the_background(
    qtbot, session, tasks, data_dir, monkeypatch
):
    """Issue 16: no full check before the first screen; once the window is up it runs on a
    connection of its own, and damage found sends the officer to the backups."""
    from models import integrity
    from models.db import quick_check
    from tests.models.test_backup import damage
    from ui.main_window import MainWindow

    ran: list[object] = []
    monkeypatch.setattr(integrity, "quick_check", lambda db: ran.append(db) or quick_check(db))
    told: list[tuple[str, str, bool]] = []
    monkeypatch.setattr(
        start, "_message_box", lambda p, title, text, restore: told.append((title, text, restore))
    )
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    start.check_in_background(window, tasks, data_dir, session.db.key)
    assert len(ran) == 1 and ran[0] is not session.db  # its own connection
    assert told == []
    damage(data_dir / DB_FILE, session.db.key)
    start.check_in_background(window, tasks, data_dir, session.db.key)
    assert len(told) == 1
    title, text, restore = told[0]
    assert title == "Basis data rusak"
    assert text.startswith("Basis data rusak") and "Cadangan" in text
    assert window.current_screen() is window.backups
