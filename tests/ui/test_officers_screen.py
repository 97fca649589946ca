"""The officers screen: the list with keys and wrong tries, and each change approved by a
supervisor (adding, resetting a passphrase, deactivating, lifting a lock); an officer's own
passphrase changed with the old one."""

from __future__ import annotations

import pytest

from models import desk, vault
from models.officers import get_officer, verify_passphrase
from ui.screens.officers_screen import OfficersScreen


@pytest.fixture
def screen(qtbot, session, tasks, supervisor):
    s = OfficersScreen(session, tasks)
    qtbot.addWidget(s)
    s.show()
    return s


def rows(screen) -> list[list[str]]:
    t = screen.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def choose(screen, officer_id: str) -> None:
    screen.select(officer_id)
    assert screen.selected().id == officer_id


def test_lists_officers_with_their_key_and_wrong_tries(screen, data_dir):
    assert rows(screen) == [
        ["budi.s", "Budi Santoso", "Supervisor", "Aktif", "Ada", "-"],
        ["sari", "Sari Wulandari", "Petugas", "Aktif", "Ada", "-"],
    ]
    vault._count_failure(data_dir, "sari", 0.0)
    vault._count_failure(data_dir, "sari", 0.0)
    screen.refresh()
    assert rows(screen)[1][5] == "2 kali salah"
    for _ in range(vault.LOCK_AFTER):
        vault._count_failure(data_dir, "sari", 0.0)
    screen.refresh()
    assert rows(screen)[1][5] == "Terkunci"


def test_adding_an_officer_needs_valid_details_and_approval(screen, db, data_dir, supervisor):
    dialog = screen.open_add()
    dialog.officer_id.setText("dewi.p")
    dialog.name.setText("Dewi Purnama")
    dialog.passphrase.setText("pendek")
    dialog.repeat.setText("pendek-2")
    dialog.approval.passphrase.setText("kopi-tubruk-88")
    dialog.save()
    assert dialog.errors["passphrase"].text() == "Kata sandi paling sedikit 10 karakter."
    assert dialog.errors["repeat"].text() == "Kedua kata sandi tidak sama."
    assert dialog.approval.passphrase.text() == "kopi-tubruk-88"  # not spent on bad details

    dialog.passphrase.setText("jamu-kunyit-asam-4")
    dialog.repeat.setText("jamu-kunyit-asam-4")
    dialog.approval.passphrase.setText("salah-sekali-1")
    dialog.save()
    assert dialog.approval.message.text() == (
        "Kata sandi supervisor salah. Petugas belum ditambahkan."
    )
    assert get_officer(db, "dewi.p") is None

    dialog.approval.passphrase.setText("kopi-tubruk-88")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert get_officer(db, "dewi.p").role == "officer"
    assert "dewi.p" in vault.officer_ids(data_dir)
    assert screen.selected().id == "dewi.p"
    assert screen.message.text() == "Petugas ditambahkan."
    created_by = db.execute("SELECT created_by FROM officers WHERE id = 'dewi.p'").fetchone()
    assert created_by == (supervisor,)
    # The new officer can open the desk with it.
    opened, who = desk.sign_in(data_dir, "dewi.p", "jamu-kunyit-asam-4", check=False)
    opened.close()
    assert who.name == "Dewi Purnama"


def test_an_existing_id_is_refused(screen):
    dialog = screen.open_add()
    dialog.officer_id.setText("sari")
    dialog.name.setText("Sari Lain")
    dialog.passphrase.setText("jamu-kunyit-asam-4")
    dialog.repeat.setText("jamu-kunyit-asam-4")
    dialog.approval.passphrase.setText("kopi-tubruk-88")
    dialog.save()
    assert dialog.message.text() == "Petugas dengan id sari sudah ada."
    assert dialog.result() != dialog.DialogCode.Accepted


def test_resetting_a_forgotten_passphrase(screen, db):
    choose(screen, "sari")
    dialog = screen.open_reset()
    dialog.passphrase.setText("nasi-uduk-betawi-2")
    dialog.repeat.setText("nasi-uduk-betawi-2")
    dialog.approval.passphrase.setText("kopi-tubruk-88")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert verify_passphrase(db, "sari", "pasar-pagi-77") is None
    assert verify_passphrase(db, "sari", "nasi-uduk-betawi-2") is not None
    assert screen.message.text() == "Kata sandi sari diganti."


def test_deactivating_and_unlocking(screen, db, data_dir, supervisor):
    for _ in range(vault.LOCK_AFTER):
        vault._count_failure(data_dir, "sari", 0.0)
    screen.refresh()
    choose(screen, "sari")
    assert screen.unlock_button.isEnabled()
    dialog = screen.open_unlock()
    dialog.passphrase.setText("kopi-tubruk-88")
    dialog.confirm()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert vault.attempts(data_dir, "sari").failures == 0
    assert rows(screen)[1][5] == "-" and not screen.unlock_button.isEnabled()

    dialog = screen.open_deactivate()
    dialog.passphrase.setText("kopi-tubruk-88")
    dialog.confirm()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert rows(screen)[1][3:5] == ["Nonaktif", "Belum ada"]
    assert not vault.has_key(data_dir, "sari")
    assert screen.reset_button.text() == "Aktifkan lagi…"
    audit = db.execute(
        "SELECT officer_id, action FROM audit WHERE record_type = 'officer' "
        "AND record_id = 'sari' AND action IN ('unlock', 'deactivate') ORDER BY id"
    ).fetchall()
    assert audit == [(supervisor, "unlock"), (supervisor, "deactivate")]


def test_the_last_supervisor_cannot_go(screen, db, supervisor):
    choose(screen, supervisor)
    dialog = screen.open_deactivate()
    dialog.passphrase.setText("kopi-tubruk-88")
    dialog.confirm()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "supervisor" in dialog.message.text()
    assert get_officer(db, supervisor).active


def test_changing_my_own_passphrase(screen, db):
    dialog = screen.open_change_own()
    dialog.old.setText("salah-sekali-1")
    dialog.passphrase.setText("soto-ayam-lamongan-6")
    dialog.repeat.setText("soto-ayam-lamongan-6")
    dialog.save()
    assert dialog.errors["old"].text() == "Kata sandi sekarang salah."
    dialog.old.setText("pasar-pagi-77")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert verify_passphrase(db, "sari", "soto-ayam-lamongan-6") is not None
    assert screen.message.text() == "Kata sandi Anda diganti."
