"""The officers screen makes a supervisor who counts (issue 14, item 6): the approving
supervisor's passphrase unwraps the desk's grant key, which grants the new supervisor their
role; the list shows as a supervisor only a copy that is granted. Every person is made up."""

from __future__ import annotations

import base64
import json
import secrets

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from models import desk, vault
from models.db import open_database
from ui.screens.officers_screen import OfficersScreen


@pytest.fixture
def screen(qtbot, session, tasks, supervisor):
    s = OfficersScreen(session, tasks)
    qtbot.addWidget(s)
    s.show()
    return s


def test_a_supervisor_added_in_the_window_counts_and_can_grant(screen, data_dir) -> None:
    dialog = screen.open_add()
    dialog.officer_id.setText("wati")
    dialog.name.setText("Wati Lestari")
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
    dialog.passphrase.setText("teh-manis-pagi-5")
    dialog.repeat.setText("teh-manis-pagi-5")
    dialog.approval.passphrase.setText("kopi-tubruk-88")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "wati" in vault.supervisor_ids(data_dir)
    db, wati = desk.sign_in(data_dir, "wati", "teh-manis-pagi-5")
    db.close()
    assert wati.is_supervisor and wati.grant_key is not None


def test_the_list_shows_a_forged_supervisor_as_an_officer(screen, data_dir, db) -> None:
    """Sari wraps her own copy again as a supervisor's and writes the role into the database."""
    path = data_dir / vault.KEYS_FILE
    data = json.loads(path.read_text("utf-8"))
    entry, k = data["officers"]["sari"], data["officers"]["sari"]["kdf"]
    kek = vault._kek("pasar-pagi-77", base64.b64decode(k["salt"]),
                     vault.KdfParams(k["t"], k["m"], k["p"]))  # fmt: skip
    pinned = (entry["pin"], entry["copy"]) if "pin" in entry else ()
    aad = vault._aad(data["vault_id"], "sari", entry["role"], *pinned)
    key = AESGCM(kek).decrypt(base64.b64decode(entry["nonce"]),
                              base64.b64decode(entry["wrapped"]), aad)  # fmt: skip
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(kek).encrypt(nonce, key, vault._aad(data["vault_id"], "sari", "supervisor"))
    for field in ("pin", "copy", "grant"):
        entry.pop(field, None)
    entry.update(role="supervisor", nonce=base64.b64encode(nonce).decode(),
                 wrapped=base64.b64encode(sealed).decode())  # fmt: skip
    path.write_text(json.dumps(data), "utf-8")
    forged = open_database(data_dir, key)
    try:
        forged.execute("UPDATE officers SET role = 'supervisor' WHERE id = 'sari'")
        forged.conn.commit()
    finally:
        forged.close()
    screen.refresh()
    t = screen.table
    shown = {t.item(r, 0).text(): t.item(r, 2).text() for r in range(t.rowCount())}
    assert shown == {"budi.s": "Supervisor", "sari": "Petugas"}
    dialog = screen.open_add()
    listed = [dialog.approval.supervisor.itemData(i)
              for i in range(dialog.approval.supervisor.count())]  # fmt: skip
    assert listed == ["budi.s"]  # only a granted supervisor may approve
