"""Settings a supervisor changes: checked, audited, the HQ address only with approval."""

from __future__ import annotations

import pytest

from models.db import get_setting
from models.errors import SigapError
from services import settings
from tests.helpers import fixed_clock
from ui.screens.settings_dialog import SettingsDialog


def test_defaults_and_changes(db, supervisor, officer) -> None:
    assert settings.current(db)["lock_minutes"] == "5"
    assert settings.change(db, "lock_minutes", " 10 ", supervisor, clock=fixed_clock)
    assert get_setting(db, "lock_minutes") == "10"
    assert not settings.change(db, "lock_minutes", "10", supervisor, clock=fixed_clock)
    row = db.execute("SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert row[0] == "setting" and "lock_minutes" in row[1]
    for key, bad in (("lock_minutes", "0"), ("lock_minutes", "x"), ("backup_keep", "1000"),
                     ("hq_url", "ftp://x"), ("nope", "1")):  # fmt: skip
        with pytest.raises(SigapError):
            settings.change(db, key, bad, supervisor, supervisor, clock=fixed_clock)
    with pytest.raises(SigapError, match="supervisor"):
        settings.change(db, "backup_keep", "3", officer, clock=fixed_clock)


def test_hq_address_needs_approval(db, supervisor) -> None:
    with pytest.raises(SigapError):
        settings.change(db, "hq_url", "https://hq.contoh.id", supervisor, clock=fixed_clock)
    settings.change(db, "hq_url", "https://hq.contoh.id/api/v1/", supervisor, supervisor,
                    clock=fixed_clock)  # fmt: skip
    assert get_setting(db, "hq_url") == "https://hq.contoh.id"


def test_dialog_saves_numbers_and_refuses_officers(qtbot, session, supervisor, db) -> None:
    from models.officers import get_officer

    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()  # the session's officer is not a supervisor
    session.sign_in(get_officer(db, supervisor))
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.spins["backup_keep"].setValue(4)
    with qtbot.waitSignal(dialog.changed):
        dialog.save_button.click()
    assert get_setting(db, "backup_keep") == "4"
    # the HQ address asks for the approval first
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.hq_url.setText("https://hq.baru.id")
    assert dialog.approval.isVisibleTo(dialog)
    dialog.approval.passphrase.setText("wrong wrong wrong")
    dialog.save_button.click()
    assert get_setting(db, "hq_url") is None
