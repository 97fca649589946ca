"""An officer cannot make themselves a supervisor (issue 14, item 6): knowing their own
passphrase, and able to edit every file of the data folder, they can wrap their own copy of
the database key again for any role, even pin it to a grant key of their own; they still
gain no supervisor's power. A real supervisor keeps every power, a desk from before grants
is upgraded by its first supervisor's sign-in, and its old backups still restore.

Every person here is made up."""

from __future__ import annotations

import base64
import json
import secrets
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from models import backup, desk, grants, vault
from models.db import open_database, set_setting
from models.errors import SigapError
from models.grants import GrantKey
from models.officers import Officer, add_officer, approve, get_officer, list_officers
from services import officers as accounts
from services.approvals import check_supervisor
from tests.helpers import fixed_clock

SUPERVISOR, SUPERVISOR_PW = "rina.s", "gerimis-senja-42"
OFFICER, OFFICER_PW = "sari", "pasar-pagi-77"
OTHER, OTHER_PW = "joko", "becak-malam-55"
PASSPHRASES = {SUPERVISOR: SUPERVISOR_PW, OFFICER: OFFICER_PW, OTHER: OTHER_PW}


@pytest.fixture
def desk_dir(tmp_path: Path) -> Path:
    """A desk set up as on a new laptop: its supervisor, and two officers."""
    folder = tmp_path / "desk"
    db, _ = desk.set_up(folder, SUPERVISOR, "Rina Setiawati", SUPERVISOR_PW, clock=fixed_clock)
    try:
        set_setting(db, "branch_code", "MDN01")
        add_officer(db, OFFICER, "Sari Wulandari", "officer", OFFICER_PW, SUPERVISOR)
        add_officer(db, OTHER, "Joko Prasetyo", "officer", OTHER_PW, SUPERVISOR)
    finally:
        db.close()
    return folder


# ------------------------------------------------------------------ the attacker's tools


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


def _keys(folder: Path) -> dict[str, Any]:
    return json.loads((folder / vault.KEYS_FILE).read_text("utf-8"))


def _save(folder: Path, data: dict[str, Any]) -> None:
    (folder / vault.KEYS_FILE).write_text(json.dumps(data), "utf-8")


def _supervisor_in_the_database(folder: Path, key: bytes, oid: str) -> None:
    db = open_database(folder, key)  # the officer's own key opens it
    try:
        db.execute("UPDATE officers SET role = 'supervisor' WHERE id = ?", [oid])
        db.conn.commit()
    finally:
        db.close()


def _open_own(data: dict[str, Any], oid: str, passphrase: str) -> tuple[bytes, bytes]:
    """What anyone who knows this passphrase can do: derive the wrapping key, open the copy."""
    entry, k = data["officers"][oid], data["officers"][oid]["kdf"]
    kek = vault._kek(passphrase, _unb64(k["salt"]), vault.KdfParams(k["t"], k["m"], k["p"]))
    aad = vault._aad(data["vault_id"], oid, entry["role"], entry.get("pin"), entry.get("copy"))
    return kek, AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), aad)


def _seal(data: dict[str, Any], oid: str, kek: bytes, key: bytes, aad: bytes) -> None:
    nonce = secrets.token_bytes(12)
    entry = data["officers"][oid]
    entry.update(nonce=_b64(nonce), wrapped=_b64(AESGCM(kek).encrypt(nonce, key, aad)))


def wrap_own_copy_as_supervisor(
    folder: Path,
    oid: str = OFFICER,
    passphrase: str = OFFICER_PW,
    own_key: bool = False,
    desk_key_too: bool = True,
    repin: tuple[str, ...] = (),
) -> None:
    """The attack (the role supervisor is written into the database as well). Without
    `own_key`, the officer's copy is wrapped again for the role
    supervisor as before grants (no pin, no grant). With it, they make a grant key pair of
    their own, grant themselves the role with it, pin their copy to it (and make it the
    desk's key, with `desk_key_too`), and change the pin of the copies in `repin` (whose
    passphrases they do not know) to it."""
    data = _keys(folder)
    kek, key = _open_own(data, oid, passphrase)
    entry, vault_id = data["officers"][oid], data["vault_id"]
    for field in ("pin", "copy", "grant", grants.DESK_KEY):
        entry.pop(field, None)
    entry["role"] = "supervisor"
    if not own_key:
        _seal(data, oid, kek, key, vault._aad(vault_id, oid, "supervisor"))
    else:
        mine, copy = GrantKey.new(), grants.new_copy_id()
        entry.update(pin=mine.public, copy=copy, grant=mine.sign(vault_id, oid, "supervisor", copy))
        entry[grants.DESK_KEY] = grants.wrap_private(kek, mine, vault_id, oid)
        _seal(data, oid, kek, key, vault._aad(vault_id, oid, "supervisor", mine.public, copy))
        if desk_key_too:
            data[grants.DESK_KEY] = mine.public
        for other in repin:
            data["officers"][other]["pin"] = mine.public
    _save(folder, data)
    _supervisor_in_the_database(folder, key, oid)


def refused(call: Any) -> str:
    with pytest.raises(SigapError) as caught:
        call()
    return str(caught.value.code)


def _passphrase_gains_nothing(folder: Path, oid: str, passphrase: str) -> None:
    """Signing in, approving or restoring with this passphrase: an officer's powers only."""
    db, me = desk.sign_in(folder, oid, passphrase)
    try:
        assert me.role == "officer" and not me.is_supervisor and me.grant_key is None
        assert refused(lambda: approve(db, oid, passphrase)) == "needs_supervisor"
        assert refused(lambda: check_supervisor(db, oid, passphrase)) == "needs_supervisor"
        refusals = db.execute(
            "SELECT COUNT(*) FROM audit WHERE action = 'role_not_granted' AND officer_id = ?",
            [oid],
        ).fetchone()[0]
        assert refusals >= 1  # the forged copy is on the audit trail
    finally:
        db.close()
    assert refused(lambda: backup.unlock_supervisor(folder, oid, passphrase)) == (
        "needs_supervisor"
    )


def _gains_nothing(folder: Path, oid: str = OFFICER, passphrase: str = OFFICER_PW) -> None:
    """Everywhere a supervisor's power is asked for, the forged copy is an officer's."""
    _passphrase_gains_nothing(folder, oid, passphrase)
    db, me = desk.sign_in(folder, oid, passphrase)
    try:
        me_listed = next(o for o in list_officers(db) if o.id == oid)
        assert not me_listed.is_supervisor and not me.is_supervisor
    finally:
        db.close()
    assert oid not in vault.supervisor_ids(folder)
    assert oid not in backup.supervisor_ids(folder)


# ------------------------------------------------------------------ an officer's own copy


def test_an_officer_who_wraps_their_own_copy_as_supervisor_stays_an_officer(desk_dir) -> None:
    wrap_own_copy_as_supervisor(desk_dir)
    assert vault.role_of(desk_dir, OFFICER) == "supervisor"  # the copy says so, and opens
    _gains_nothing(desk_dir)
    # ... and the real supervisor is still one.
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    try:
        assert rina.is_supervisor and rina.grant_key is not None
        assert approve(db, SUPERVISOR, SUPERVISOR_PW).is_supervisor
    finally:
        db.close()


@pytest.mark.parametrize("desk_key_too", [True, False], ids=["desk-key-changed", "own-pin-only"])
def test_an_officer_with_a_grant_key_of_their_own_is_out_of_line(desk_dir, desk_key_too) -> None:
    wrap_own_copy_as_supervisor(desk_dir, own_key=True, desk_key_too=desk_key_too)
    _gains_nothing(desk_dir)
    # Nobody counts as a supervisor while the file is out of line, but every other copy
    # still opens (nothing was taken from anyone), and the sign-in changed nothing back.
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    db.close()
    assert vault.supervisor_ids(desk_dir) == []
    assert not rina.is_supervisor
    _gains_nothing(desk_dir)


def test_a_desk_key_written_at_the_top_of_the_file_changes_nothing(desk_dir) -> None:
    data = _keys(desk_dir)
    data[grants.DESK_KEY] = GrantKey.new().public  # not authenticated: the pins are
    _save(desk_dir, data)
    assert vault.supervisor_ids(desk_dir) == [SUPERVISOR]
    wrap_own_copy_as_supervisor(desk_dir)
    _gains_nothing(desk_dir)


def test_removing_the_copy_out_of_line_brings_the_supervisors_back(desk_dir) -> None:
    wrap_own_copy_as_supervisor(desk_dir, own_key=True)
    assert vault.supervisor_ids(desk_dir) == []
    data = _keys(desk_dir)
    del data["officers"][OFFICER]  # what branch IT does, as docs/security.md says
    _save(desk_dir, data)
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    db.close()
    assert rina.is_supervisor and vault.supervisor_ids(desk_dir) == [SUPERVISOR]


def test_pinning_other_copies_to_the_officers_key_locks_their_owners_out(desk_dir) -> None:
    # Only the supervisor's copy re-pinned: still out of line with the other officer's.
    wrap_own_copy_as_supervisor(desk_dir, own_key=True, repin=(SUPERVISOR,))
    _gains_nothing(desk_dir)
    assert refused(lambda: desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)) == (
        "passphrase_wrong"
    )


def test_in_line_only_by_locking_every_other_copy_out(desk_dir) -> None:
    """Every other copy re-pinned: the file is in line with the officer's key, and the only
    way there left every other officer and supervisor without a copy that opens. Evident,
    not a silent gain (docs/security.md)."""
    wrap_own_copy_as_supervisor(desk_dir, own_key=True, repin=(SUPERVISOR, OTHER))
    for oid in (SUPERVISOR, OTHER):
        assert refused(lambda oid=oid: desk.sign_in(desk_dir, oid, PASSPHRASES[oid])) == (
            "passphrase_wrong"
        )


def test_a_supervisors_grant_does_not_move_to_another_officer(desk_dir) -> None:
    """The officer takes the supervisor's own grant (signed by the real key) for theirs."""
    data = _keys(desk_dir)
    kek, key = _open_own(data, OFFICER, OFFICER_PW)
    entry, real = data["officers"][OFFICER], data["officers"][SUPERVISOR]["grant"]
    entry.update(role="supervisor", grant=real, copy=real["copy"])
    aad = vault._aad(data["vault_id"], OFFICER, "supervisor", entry["pin"], real["copy"])
    _seal(data, OFFICER, kek, key, aad)
    _save(desk_dir, data)
    _supervisor_in_the_database(desk_dir, key, OFFICER)
    _gains_nothing(desk_dir)


def test_a_copy_of_their_own_in_the_supervisors_place_does_not_make_them_one(desk_dir) -> None:
    """The officer puts a copy opened by their own passphrase in the supervisor's place,
    with everything the supervisor's copy carried in the clear (the grant, its pin and copy
    id, the wrapped seal and grant key): signed in as the supervisor with their own
    passphrase, they are an officer (and the supervisor, locked out, finds out)."""
    data = _keys(desk_dir)
    _, key = _open_own(data, OFFICER, OFFICER_PW)
    theirs, vault_id = data["officers"][SUPERVISOR], data["vault_id"]
    salt = secrets.token_bytes(16)
    kdf = vault.QUICK_KDF
    kek = vault._kek(OFFICER_PW, salt, kdf)
    theirs["kdf"] = {"alg": "argon2id", "t": kdf.time_cost, "m": kdf.memory_kib,
                     "p": kdf.parallelism, "salt": _b64(salt)}  # fmt: skip
    aad = vault._aad(vault_id, SUPERVISOR, "supervisor", theirs["pin"], theirs["copy"])
    _seal(data, SUPERVISOR, kek, key, aad)
    _save(desk_dir, data)
    _passphrase_gains_nothing(desk_dir, SUPERVISOR, OFFICER_PW)
    # A seal of their own, wrapped under their key, does not match the grant either.
    data = _keys(desk_dir)
    data["officers"][SUPERVISOR]["seal"] = grants.wrap_seal(kek, grants.new_seal(), vault_id,
                                                            SUPERVISOR)  # fmt: skip
    _save(desk_dir, data)
    _passphrase_gains_nothing(desk_dir, SUPERVISOR, OFFICER_PW)


def test_resetting_a_supervisor_needs_a_holder_and_keeps_them_one(desk_dir) -> None:
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    try:
        accounts.add(db, "wati", "Wati Lestari", "supervisor", "teh-manis-pagi-5", rina)
        accounts.reset_passphrase(db, "wati", "awan-putih-pagi-7", rina)
        not_holding = Officer(OFFICER, "Sari", "supervisor", True)  # no grant key
        reset = lambda: accounts.reset_passphrase(db, "wati", "hujan-deras-31", not_holding)  # noqa: E731
        assert refused(reset) == "grant_key_needed"
        accounts.reset_passphrase(db, OFFICER, "nasi-uduk-betawi-2", not_holding)  # an officer
    finally:
        db.close()
    db, wati = desk.sign_in(desk_dir, "wati", "awan-putih-pagi-7")
    db.close()
    assert wati.is_supervisor and wati.grant_key is not None


# ------------------------------------------------------------------ real supervisors


def test_a_supervisor_adds_officers_and_supervisors_through_the_service(desk_dir) -> None:
    db, _ = desk.sign_in(desk_dir, OFFICER, OFFICER_PW)  # an officer at the desk
    try:
        approver = check_supervisor(db, SUPERVISOR, SUPERVISOR_PW)
        assert approver.grant_key is not None
        accounts.add(db, "ani", "Ani Rahma", "officer", "gula-aren-tiga-3", approver)
        accounts.add(db, "wati", "Wati Lestari", "supervisor", "teh-manis-pagi-5", approver)
        # an officer's approval is no approval; a fake Officer object grants nothing either
        fake = Officer(OFFICER, "Sari", "supervisor", True, grant_key=GrantKey.new())
        add_eko = lambda: accounts.add(db, "eko", "Eko", "supervisor", "sepeda-biru-31", fake)  # noqa: E731
        assert refused(add_eko) == "grant_key_needed"
    finally:
        db.close()
    db, wati = desk.sign_in(desk_dir, "wati", "teh-manis-pagi-5")
    try:
        assert wati.is_supervisor and wati.grant_key is not None  # holds it: can grant too
        accounts.add(db, "eko", "Eko Santoso", "supervisor", "sepeda-biru-31", wati)
        ani = get_officer(db, "ani")
        assert ani is not None and not ani.is_supervisor
    finally:
        db.close()
    assert vault.supervisor_ids(desk_dir) == ["eko", SUPERVISOR, "wati"]


def test_a_supervisors_own_new_passphrase_keeps_the_role_and_the_grant_key(desk_dir) -> None:
    db, _ = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    try:
        accounts.change_own_passphrase(db, SUPERVISOR, SUPERVISOR_PW, "hujan-deras-31")
    finally:
        db.close()
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, "hujan-deras-31")
    try:
        assert rina.is_supervisor and rina.grant_key is not None
        accounts.add(db, "wati", "Wati Lestari", "supervisor", "teh-manis-pagi-5", rina)
    finally:
        db.close()
    assert "wati" in vault.supervisor_ids(desk_dir)


# ------------------------------------------------------------------ a desk from before grants


def as_before_grants(folder: Path) -> None:
    """The key file as the version before grants wrote it: version 1, the role sealed in
    each copy, no grant key, no pin, no grant."""
    data = _keys(folder)
    for oid in list(data["officers"]):
        kek, key = _open_own(data, oid, PASSPHRASES[oid])
        entry = data["officers"][oid]
        for field in ("pin", "copy", "grant", grants.DESK_KEY):
            entry.pop(field, None)
        _seal(data, oid, kek, key, vault._aad(data["vault_id"], oid, entry["role"]))
    data.pop(grants.DESK_KEY, None)
    data["version"] = 1
    _save(folder, data)


def test_a_desk_from_before_grants_is_upgraded_by_its_first_supervisor(desk_dir) -> None:
    as_before_grants(desk_dir)
    assert _keys(desk_dir)["version"] == 1
    # Until a supervisor signs in, the sealed role counts as it did.
    db, sari = desk.sign_in(desk_dir, OFFICER, OFFICER_PW)
    db.close()
    assert not sari.is_supervisor and _keys(desk_dir)["version"] == 1
    assert vault.supervisor_ids(desk_dir) == [SUPERVISOR]

    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    try:
        assert rina.is_supervisor and rina.grant_key is not None
        started = db.execute(
            "SELECT officer_id, detail FROM audit WHERE action = 'grant_key_started'"
        ).fetchall()
        assert [(o, json.loads(d)["granted"]) for o, d in started] == [
            (SUPERVISOR, [OTHER, OFFICER])
        ]
    finally:
        db.close()
    data = _keys(desk_dir)
    assert data["version"] == vault.VERSION == 2
    assert data[grants.DESK_KEY] == data["officers"][SUPERVISOR]["pin"]
    assert "pin" not in data["officers"][OFFICER]  # pinned when its owner signs in
    db, _ = desk.sign_in(desk_dir, OFFICER, OFFICER_PW)
    db.close()
    assert _keys(desk_dir)["officers"][OFFICER]["pin"] == data[grants.DESK_KEY]

    # From now on the officer's forgery gains nothing, on a pinned copy or a waiting one.
    wrap_own_copy_as_supervisor(desk_dir)
    _gains_nothing(desk_dir)
    wrap_own_copy_as_supervisor(desk_dir, OTHER, OTHER_PW)
    _gains_nothing(desk_dir, OTHER, OTHER_PW)
    assert vault.supervisor_ids(desk_dir) == [SUPERVISOR]


def test_a_second_supervisor_from_before_grants_holds_the_key_once_reset(desk_dir) -> None:
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    try:
        accounts.add(db, "wati", "Wati Lestari", "supervisor", "teh-manis-pagi-5", rina)
    finally:
        db.close()
    PASSPHRASES["wati"] = "teh-manis-pagi-5"
    try:
        as_before_grants(desk_dir)
    finally:
        del PASSPHRASES["wati"]
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)  # the upgrade
    db.close()
    assert "sealed" not in _keys(desk_dir)["officers"]["wati"]["grant"]  # open, from the upgrade
    db, wati = desk.sign_in(desk_dir, "wati", "teh-manis-pagi-5")
    try:
        assert wati.is_supervisor and wati.grant_key is None  # granted, not holding the key
        assert refused(lambda: accounts.add(db, "eko", "Eko", "supervisor", "sepeda-biru-31",
                                            wati)) == "grant_key_needed"  # fmt: skip
        accounts.add(db, "ani", "Ani Rahma", "officer", "gula-aren-tiga-3", wati)  # fine
        rina = check_supervisor(db, SUPERVISOR, SUPERVISOR_PW)
        accounts.reset_passphrase(db, "wati", "awan-putih-pagi-7", rina)
    finally:
        db.close()
    db, wati = desk.sign_in(desk_dir, "wati", "awan-putih-pagi-7")
    try:
        assert wati.is_supervisor and wati.grant_key is not None
        accounts.add(db, "eko", "Eko Santoso", "supervisor", "sepeda-biru-31", wati)
    finally:
        db.close()
    assert _keys(desk_dir)["officers"]["wati"]["grant"].get("sealed") is True  # sealed now


def test_an_old_backup_restores_after_the_upgrade(desk_dir) -> None:
    as_before_grants(desk_dir)
    db, rina = desk.sign_in(desk_dir, OFFICER, OFFICER_PW)
    try:
        made = backup.make_backup(db, "manual", clock=fixed_clock)  # before the upgrade
    finally:
        db.close()
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)  # the upgrade
    db.close()
    assert _keys(desk_dir)["version"] == 2
    key = backup.unlock_supervisor(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    backup.restore(desk_dir, made.path, key, officer_id=SUPERVISOR, clock=fixed_clock)
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    try:
        assert rina.is_supervisor and rina.grant_key is not None
        assert db.execute("SELECT COUNT(*) FROM audit WHERE action = 'restore'").fetchone()[0]
    finally:
        db.close()
    wrap_own_copy_as_supervisor(desk_dir)
    _gains_nothing(desk_dir)


def test_two_sign_ins_at_once_during_the_upgrade_both_see_the_supervisor(
    desk_dir, monkeypatch
) -> None:
    """Another process signs the same supervisor in (and upgrades the file) between this
    sign-in's unwrapping and its own upgrade step: this one still counts them."""
    as_before_grants(desk_dir)
    real, nested, started = vault._take_back, [], []

    def meanwhile(*args: Any) -> None:
        real(*args)
        if not started:
            started.append(True)
            nested.append(vault.open_copy(desk_dir, SUPERVISOR, SUPERVISOR_PW))

    monkeypatch.setattr(vault, "_take_back", meanwhile)
    opened = vault.open_copy(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    assert nested[0].notes and nested[0].supervisor  # the other one upgraded the file
    assert opened.supervisor and opened.grant_key is not None
    assert opened.grant_key.public == nested[0].grant_key.public


def test_a_key_an_officer_pinned_before_the_upgrade_sign_in_is_not_trusted_for_long(
    desk_dir,
) -> None:
    """The race docs/security.md describes: on a desk from before grants, an officer pins
    their copy to a key of their own before any supervisor signs in. The file cannot tell
    it from a real key: the supervisor is refused as one (on the audit trail) rather than
    a sign-in winning by itself, which an officer could use as well. Once branch IT removes
    the pinned copy, the supervisor's next sign-in starts the grant key anew."""
    as_before_grants(desk_dir)
    wrap_own_copy_as_supervisor(desk_dir, own_key=True)
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    try:
        assert not rina.is_supervisor
        refusals = db.execute(
            "SELECT COUNT(*) FROM audit WHERE action = 'role_not_granted' AND officer_id = ?",
            [SUPERVISOR],
        ).fetchone()[0]
        assert refusals == 1
    finally:
        db.close()
    data = _keys(desk_dir)
    assert [oid for oid, e in data["officers"].items() if "pin" in e] == [OFFICER]
    del data["officers"][OFFICER]  # branch IT
    _save(desk_dir, data)
    db, rina = desk.sign_in(desk_dir, SUPERVISOR, SUPERVISOR_PW)
    db.close()
    assert rina.is_supervisor and rina.grant_key is not None
    assert vault.supervisor_ids(desk_dir) == [SUPERVISOR]
