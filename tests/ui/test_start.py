"""First start (set-up wizard) and signing in."""

from __future__ import annotations

from models.db import get_setting
from models.officers import add_officer, list_officers
from ui.screens.setup_wizard import SetupWizard
from ui.screens.sign_in import SignInDialog


def test_first_start_creates_the_supervisor_branch_and_language(qtbot, db):
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.language.setCurrentIndex(wizard.language.findData("en"))
    qtbot.keyClicks(wizard.branch, "mdn01")
    qtbot.keyClicks(wizard.officer_id, "rina.k")
    qtbot.keyClicks(wizard.name, "Rina Kartika")
    qtbot.keyClicks(wizard.passphrase, "sawah-hijau-9")
    qtbot.keyClicks(wizard.repeat, "sawah-hijau-8")
    wizard.finish()
    assert wizard.errors["repeat"].text() == "The two passphrases differ."
    assert list_officers(db) == []
    wizard.repeat.clear()
    qtbot.keyClicks(wizard.repeat, "sawah-hijau-9")
    with qtbot.waitSignal(wizard.accepted):
        wizard.finish()
    [officer] = list_officers(db)
    assert (officer.id, officer.name, officer.role) == ("rina.k", "Rina Kartika", "supervisor")
    assert get_setting(db, "branch_code") == "MDN01"
    assert get_setting(db, "language") == "en"
    assert wizard.officer == officer


def test_wizard_says_what_to_fix(qtbot, db):
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    qtbot.keyClicks(wizard.officer_id, "x")
    qtbot.keyClicks(wizard.passphrase, "pendek")
    qtbot.keyClicks(wizard.repeat, "pendek")
    wizard.finish()
    assert "Kode kantor cabang" in wizard.errors["branch_code"].text()
    assert "Id petugas" in wizard.errors["officer_id"].text()
    assert "paling sedikit 8" in wizard.errors["passphrase"].text()
    assert wizard.errors["name"].text() == "Nama wajib diisi."
    assert list_officers(db) == []


def test_sign_in_checks_the_passphrase_and_offers_the_other_officer(qtbot, db):
    add_officer(db, "sari", "Sari Wulandari", "officer", "pasar-pagi-77")
    budi = add_officer(db, "budi.s", "Budi Santoso", "supervisor", "kopi-tubruk-88")
    sari = list_officers(db)[1]
    dialog = SignInDialog(db, current=sari)
    qtbot.addWidget(dialog)
    assert dialog.who.currentData() == "budi.s"  # switching desks: the other officer
    qtbot.keyClicks(dialog.passphrase, "salah-sekali")
    dialog.try_sign_in()
    assert dialog.officer is None
    assert "salah" in dialog.message.text() and dialog.passphrase.text() == ""
    qtbot.keyClicks(dialog.passphrase, "kopi-tubruk-88")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_sign_in()
    assert dialog.officer == budi
