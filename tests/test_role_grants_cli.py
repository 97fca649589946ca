"""The command line and an officer who wrapped their own copy of the key again as a
supervisor's (issue 14, item 6): every supervisor's command still refuses them, and a real
supervisor still adds officers and supervisors. Every person here is made up."""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from models import vault
from models.db import open_database
from models.desk import sign_in
from models.messages import text
from tests.test_cli_security import OFFICER, OFFICER_PASS, SUPERVISOR, SUPERVISOR_PASS, run

__all__ = ["run"]  # the fixture: a desk with a supervisor and an officer, made by the CLI

AS_OFFICER = (OFFICER, OFFICER_PASS)


def wrap_own_copy_as_supervisor(data_dir: Path, oid: str, passphrase: str) -> None:
    """The attack, with the officer's own passphrase only: open their own copy, write the
    role supervisor into the database, and wrap the database key again, sealed with the
    role supervisor, the way copies were before grants."""
    path = data_dir / vault.KEYS_FILE
    data = json.loads(path.read_text("utf-8"))
    entry = data["officers"][oid]
    k = entry["kdf"]
    kek = vault._kek(passphrase, base64.b64decode(k["salt"]),
                     vault.KdfParams(k["t"], k["m"], k["p"]))  # fmt: skip
    pinned = (entry["pin"], entry["copy"]) if "pin" in entry else ()
    aad = vault._aad(data["vault_id"], oid, entry["role"], *pinned)
    nonce, wrapped = base64.b64decode(entry["nonce"]), base64.b64decode(entry["wrapped"])
    key = AESGCM(kek).decrypt(nonce, wrapped, aad)
    for field in ("pin", "copy", "grant", "grant_key"):
        entry.pop(field, None)
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(kek).encrypt(nonce, key, vault._aad(data["vault_id"], oid, "supervisor"))
    entry.update(role="supervisor", nonce=base64.b64encode(nonce).decode(),
                 wrapped=base64.b64encode(sealed).decode())  # fmt: skip
    path.write_text(json.dumps(data), "utf-8")
    db = open_database(data_dir, key)
    try:
        db.execute("UPDATE officers SET role = 'supervisor' WHERE id = ?", [oid])
        db.conn.commit()
    finally:
        db.close()


def test_an_officer_wrapped_as_supervisor_is_refused_every_supervisor_command(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    data_dir = run.data_dir  # type: ignore[attr-defined]
    wrap_own_copy_as_supervisor(data_dir, OFFICER, OFFICER_PASS)
    assert vault.role_of(data_dir, OFFICER) == "supervisor"  # the copy says so, and opens
    needs = text("needs_supervisor", "en")
    code, _, err = run("officer", "add", "--id", "eko.p", "--name", "Eko Prasetyo", "--role",
                       "supervisor", stdin="sepeda-biru-31\n", who=AS_OFFICER)  # fmt: skip
    assert (code, err.strip()) == (1, needs)
    code, _, err = run("officer", "add", "--id", "eko.p", "--name", "Eko Prasetyo",
                       stdin="sepeda-biru-31\n", who=AS_OFFICER)  # fmt: skip
    assert (code, err.strip()) == (1, needs)
    code, _, err = run("officer", "deactivate", "--id", SUPERVISOR, who=AS_OFFICER)
    assert (code, err.strip()) == (1, needs)
    code, _, err = run("settings", "set", "lock_minutes", "60", who=AS_OFFICER)
    assert (code, err.strip()) == (1, needs)
    code, _, err = run("audit", "export", "--out", str(tmp_path / "a.csv"), who=AS_OFFICER)
    assert (code, err.strip()) == (1, needs)
    code, out, _ = run("officer", "list")
    rows = {line.split()[0]: line.split()[-2] for line in out.splitlines()[1:] if line.strip()}
    assert rows[OFFICER] == "officer" and "eko.p" not in rows
    db, me = sign_in(data_dir, *AS_OFFICER)
    db.close()
    assert not me.is_supervisor


def test_a_supervisor_still_adds_a_supervisor_who_can_add_officers(
    run: Callable[..., Any],
) -> None:
    code, out, err = run("officer", "add", "--id", "wati", "--name", "Wati Lestari",
                         "--role", "supervisor", stdin="teh-manis-pagi-5\n")  # fmt: skip
    assert (code, err) == (0, "") and json.loads(out)["role"] == "supervisor"
    code, out, err = run("officer", "add", "--id", "eko.p", "--name", "Eko Prasetyo",
                         "--role", "supervisor", stdin="sepeda-biru-31\n",
                         who=("wati", "teh-manis-pagi-5"))  # fmt: skip
    assert (code, err) == (0, "")
    db, eko = sign_in(run.data_dir, "eko.p", "sepeda-biru-31")  # type: ignore[attr-defined]
    db.close()
    assert eko.is_supervisor


def test_a_supervisor_changing_their_own_passphrase_stays_one(run: Callable[..., Any]) -> None:
    code, _, err = run("officer", "passphrase", stdin="hujan-deras-31\n")
    assert (code, err) == (0, "")
    assert run("status", who=(SUPERVISOR, SUPERVISOR_PASS))[0] == 1
    code, out, err = run("officer", "add", "--id", "wati", "--name", "Wati Lestari", "--role",
                         "supervisor", stdin="teh-manis-pagi-5\n",
                         who=(SUPERVISOR, "hujan-deras-31"))  # fmt: skip
    assert (code, err) == (0, "")
    db, rina = sign_in(run.data_dir, SUPERVISOR, "hujan-deras-31")  # type: ignore[attr-defined]
    db.close()
    assert rina.is_supervisor and rina.grant_key is not None
