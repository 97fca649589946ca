"""The database key and the officers' copies of it (`sigap.keys`, beside the database).

A random 256-bit key encrypts the database (SQLCipher). Each officer's passphrase, stretched
with Argon2id, wraps one copy of that key with AES-256-GCM, so adding or removing an officer
never re-encrypts the database and no passphrase (nor a hash of one) is kept anywhere. A
wrong passphrase fails the GCM tag; nothing tells which part was wrong.

The file also counts wrong passphrases per officer, because it has to be read before the
database can be opened: after a few the next try waits (2, 4, 8 … 60 s), after
`LOCK_AFTER` the account is locked. An officer's lock is lifted by a supervisor; a
supervisor's lifts by itself after `SUPERVISOR_LOCK_MINUTES`, so a laptop can never be
locked for good. Someone who copies the file can of course reset the counters: they guard
the desk, while Argon2id's cost guards the copy.

Waits are measured on time that survives clock changes: each wrong try keeps the wall clock
and the monotonic clock of this boot, and the time passed is the larger of the two (a clock
set back does not stretch a wait; after a reboot the wall clock alone counts, and a wrong
try stamped in the future counts as long past). No wait is ever longer than its own length
(60 s, or the supervisor's 30 minutes), whatever the clocks say. A try is counted *before*
Argon2 runs, under the file's lock, so wrong guesses made in parallel each count and each
meet the wait the ones before them earned; a right passphrase then takes back only its own
try and the count it saw when it began, never wrong tries others made meanwhile.

Who counts as a supervisor is settled by grants (`models/grants.py`); version 1 files, from
before them, are still read, and the first supervisor's sign-in turns one into version 2.

Nothing here is personal data of members: officer ids, roles, salts, wrapped keys, counts.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw

from models import grants, keywrap
from models.errors import SigapError
from models.files import write_atomic
from models.folder import held_alone, private_dir, private_file
from models.grants import GrantKey
from models.grants import Opened as Opened  # what open_copy returns

KEYS_FILE = "sigap.keys"
KEYS_LOCK_WAIT_S = 30.0  # another process changing the key file finishes well within
KEY_BYTES = 32
FORMAT = "sigap-keys"
VERSION = 2  # 2: grants (models/grants.py); 1, from before them, is still read
READABLE = (1, 2)
FREE_TRIES = 2  # wrong passphrases before any wait
MAX_WAIT_S = 60
LOCK_AFTER = 8
SUPERVISOR_LOCK_MINUTES = 30


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default is RFC 9106's second recommendation (64 MiB, 3 passes),
    about a tenth of a second on an old laptop, paid once per sign-in or approval."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4


DEFAULT_KDF = KdfParams()

# Test suites only. Every test that adds an officer would otherwise pay the real cost (about
# 0.4 s): the suite switches to QUICK_KDF in its own process (`use_quick_cost`), and a child
# process it starts does so only when it is plainly under a test run: QUICK_COST_ENV is "1"
# AND pytest's own PYTEST_CURRENT_TEST is set. Either alone is ignored, so a stray variable
# on an officer's laptop changes nothing. Should a copy weaker than DEFAULT_KDF ever reach a
# real desk all the same (its cost is written beside it in the key file), the first unlock
# outside a test run wraps it again at DEFAULT_KDF and logs a warning.
QUICK_KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
QUICK_COST_ENV = "SIGAP_TEST_QUICK_KDF"
_quick_in_process = False

log = logging.getLogger(__name__)


def use_quick_cost(on: bool = True) -> None:
    """For a test suite's own process: new key copies cost QUICK_KDF (on) or the real cost."""
    global _quick_in_process
    _quick_in_process = on


def _test_run() -> bool:
    if _quick_in_process:
        return True
    env = os.environ
    return env.get(QUICK_COST_ENV) == "1" and bool(env.get("PYTEST_CURRENT_TEST"))


def new_key_cost() -> KdfParams:
    """The cost a new key copy is made with: DEFAULT_KDF, except in a test run (above)."""
    return QUICK_KDF if _test_run() else DEFAULT_KDF


def _weaker_than_default(kdf: KdfParams) -> bool:
    return kdf.time_cost < DEFAULT_KDF.time_cost or kdf.memory_kib < DEFAULT_KDF.memory_kib


@dataclass(frozen=True)
class Attempts:
    failures: int
    wait_s: int  # seconds before the next try is accepted
    locked: bool
    locked_until: float | None  # supervisors only: when the lock lifts by itself


def keys_path(data_dir: Path) -> Path:
    return data_dir / KEYS_FILE


def exists(data_dir: Path) -> bool:
    return keys_path(data_dir).exists()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _kek(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _aad(
    vault_id: str, officer_id: str, role: str, pin: str | None = None, copy: str | None = None
) -> bytes:
    """What a copy's wrapping authenticates: the desk, the officer, the role and, once the
    desk has a grant key, the key the copy pins and the copy's id (`models/grants.py`)."""
    if pin is None:
        return f"sigap-key|{vault_id}|{officer_id}|{role}".encode()  # version 1
    return f"sigap-key|2|{vault_id}|{officer_id}|{role}|{pin}|{copy}".encode()


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    """Read-change-write of the file, one process at a time."""
    with held_alone(data_dir / (KEYS_FILE + ".lock"), KEYS_LOCK_WAIT_S):
        yield


def _read(data_dir: Path) -> dict[str, Any]:
    path = keys_path(data_dir)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise SigapError("keys_missing") from None
    except (OSError, ValueError, UnicodeDecodeError):
        raise SigapError("keys_damaged") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SigapError("keys_damaged")
    if data.get("version") not in READABLE:
        raise SigapError("keys_version", version=str(data.get("version")))
    return data


def _write(data_dir: Path, data: dict[str, Any]) -> None:
    # Version 1 while nothing of grants is in it, so an older Sigap still reads the file.
    data["version"] = 1 if grants.before_grants(data) else VERSION
    write_atomic(keys_path(data_dir), json.dumps(data, indent=1, sort_keys=True).encode())
    private_file(keys_path(data_dir))  # written in a 0700 folder, then kept to its owner


def _put(
    data: dict[str, Any],
    key: bytes,
    officer_id: str,
    role: str,
    kek: bytes,
    salt: bytes,
    kdf: KdfParams,
    pin: str | None = None,
    copy: str | None = None,
    grant: dict[str, Any] | None = None,
    holds: GrantKey | None = None,
    seal: bytes | None = None,
) -> None:
    """The officer's copy of `key`, wrapped under `kek`, replacing any earlier one."""
    nonce = secrets.token_bytes(12)
    vault_id = data["vault_id"]
    wrapped = keywrap.seal(kek, nonce, key, _aad(vault_id, officer_id, role, pin, copy))
    entry: dict[str, Any] = {
        "role": role,
        "kdf": {
            "alg": "argon2id",
            "t": kdf.time_cost,
            "m": kdf.memory_kib,
            "p": kdf.parallelism,
            "salt": _b64(salt),
        },
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
    }
    if pin is not None:
        entry.update(pin=pin, copy=copy)
    if grant is not None:
        entry["grant"] = grant
    if holds is not None:
        entry[grants.DESK_KEY] = grants.wrap_private(kek, holds, vault_id, officer_id)
    if seal is not None:
        entry["seal"] = grants.wrap_seal(kek, seal, vault_id, officer_id)
    data["officers"][officer_id] = entry
    data["attempts"].pop(officer_id, None)
    if officer_id in data.get("pending", []):
        data["pending"].remove(officer_id)


def _wrap(
    data: dict[str, Any],
    key: bytes,
    officer_id: str,
    role: str,
    passphrase: str,
    kdf: KdfParams,
    grant_key: GrantKey | None,
    seal: bytes | None,
) -> None:
    """A new copy for `officer_id` (see `add`)."""
    salt = secrets.token_bytes(16)
    kek = _kek(passphrase, salt, kdf)
    vault_id, desk = data["vault_id"], grants.desk_key(data)
    if grants.before_grants(data):
        if role != grants.SUPERVISOR:
            _put(data, key, officer_id, role, kek, salt, kdf)  # as before grants
            return
        # The desk's first supervisor (a new desk): the grant key starts with them.
        made, seal = GrantKey.new(), grants.new_seal()
        grants.start(data, made, officer_id)
        copy = grants.seal_id(seal)
        _put(data, key, officer_id, role, kek, salt, kdf, made.public, copy,
             made.sign(vault_id, officer_id, role, copy, True), made, seal)  # fmt: skip
        return
    old = data["officers"].get(officer_id) or {}

    def old_seal() -> bytes | None:  # the same passphrase again (a cost upgrade, say)
        k = old.get("kdf") or {}
        if "seal" not in old or "salt" not in k:
            return None
        old_kek = _kek(passphrase, _unb64(k["salt"]), KdfParams(k["t"], k["m"], k["p"]))
        return grants.unwrap_seal(old_kek, old, vault_id, officer_id)

    copy, grant, seal = grants.grant_for(data, officer_id, role, grant_key, seal, old_seal)
    mine = role == grants.SUPERVISOR and grant_key is not None and grant_key.public == desk
    holds = grant_key if mine else None
    if holds is None and grants.DESK_KEY in old:
        log.warning("copy of %s wrapped again without the grant key it held", officer_id)
    pin = desk if grants.in_line(data) else None  # never pin a copy to a disputed key
    _put(data, key, officer_id, role, kek, salt, kdf, pin, copy if pin else None, grant,
         holds, seal)  # fmt: skip


def create(data_dir: Path, key: bytes | None = None, pending: list[str] | None = None) -> bytes:
    """A new random database key (or `key`, for a database being encrypted) and an empty key
    file; `add` then wraps it for each officer. `pending` names accounts that exist but get
    their copy only when a supervisor sets their passphrase. Refuses to replace an existing
    file: that would lock every record out for good."""
    private_dir(data_dir)
    with _locked(data_dir):
        if exists(data_dir):
            raise SigapError("keys_exist")
        key = key or secrets.token_bytes(KEY_BYTES)
        _write(
            data_dir,
            {
                "format": FORMAT,
                "version": VERSION,
                "vault_id": secrets.token_hex(16),
                "officers": {},
                "attempts": {},
                "pending": sorted(set(pending or [])),
            },
        )
    return key


def add(
    data_dir: Path,
    key: bytes,
    officer_id: str,
    role: str,
    passphrase: str,
    kdf: KdfParams | None = None,
    grant_key: GrantKey | None = None,
    seal: bytes | None = None,
) -> None:
    """Wrap the (already unlocked) key for an officer: a new account, a new passphrase, or
    a changed role. Replaces their earlier copy and clears their wrong-passphrase count.
    `kdf` defaults to `new_key_cost()`, the real cost outside a test run.

    Once the desk has a grant key, a supervisor's copy needs a grant: a new passphrase
    keeps the one the copy had (with its `seal`, `Opened.seal`), otherwise it needs
    `grant_key` (the approving supervisor's, `Opened.grant_key`), else SigapError
    `grant_key_needed` (`grants.grant_for`). A supervisor's copy made with `grant_key`
    holds it too. The desk's first supervisor starts the grant key (`models/grants.py`)."""
    with _locked(data_dir):
        data = _read(data_dir)
        _wrap(data, key, officer_id, role, passphrase, kdf or new_key_cost(), grant_key, seal)
        _write(data_dir, data)


def remove(data_dir: Path, officer_id: str) -> None:
    """The officer's copy of the key is gone: their passphrase opens nothing any more."""
    with _locked(data_dir):
        data = _read(data_dir)
        data["officers"].pop(officer_id, None)
        data["attempts"].pop(officer_id, None)
        _write(data_dir, data)


def officer_ids(data_dir: Path) -> list[str]:
    """Accounts that can sign in here (with a key), then those still waiting for one."""
    data = _read(data_dir)
    return sorted(data["officers"]) + sorted(set(data.get("pending", [])) - set(data["officers"]))


def role_of(data_dir: Path, officer_id: str) -> str | None:
    """The role sealed in this officer's copy (None: no copy here); whether a copy that
    says "supervisor" makes a supervisor is `counts_as_supervisor`."""
    try:
        entry = _read(data_dir)["officers"].get(officer_id)
    except SigapError:
        return None
    return None if entry is None else str(entry.get("role", ""))


def counts_as_supervisor(data_dir: Path, officer_id: str) -> bool | None:
    """Whether this officer's copy makes them a supervisor: granted, and in line with every
    other copy (`grants.counts_as_supervisor`). None: no copy here (or no readable file)."""
    try:
        data = _read(data_dir)
    except SigapError:
        return None
    if officer_id not in data["officers"]:
        return None
    return grants.counts_as_supervisor(data, officer_id)


def supervisor_ids(data_dir: Path) -> list[str]:
    """The officers whose copies make them supervisors."""
    return sorted(grants.supervisors(_read(data_dir)))


def has_key(data_dir: Path, officer_id: str) -> bool:
    return officer_id in _read(data_dir)["officers"]


def _attempts(entry: dict[str, Any] | None, supervisor: bool, now: float) -> Attempts:
    if not entry:
        return Attempts(0, 0, False, None)
    failures = int(entry.get("failures", 0))
    if failures >= LOCK_AFTER:
        if not supervisor:
            return Attempts(failures, 0, True, None)
        length = SUPERVISOR_LOCK_MINUTES * 60
        left = _remaining(entry, now, length)
        if left > 0:
            return Attempts(failures, left, True, now + left)
        return Attempts(failures, 0, False, None)
    if failures <= FREE_TRIES:
        return Attempts(failures, 0, False, None)
    wait = min(2 ** (failures - FREE_TRIES), MAX_WAIT_S)
    return Attempts(failures, _remaining(entry, now, wait), False, None)


def now() -> float:
    """The wall clock the waits are measured on (a test moves it instead of sleeping)."""
    return time.time()


def monotonic() -> float:
    """Seconds on this boot's monotonic clock (untouched by clock changes)."""
    return time.monotonic()


def boot_id() -> str:
    """Which boot the monotonic clock belongs to: the kernel's boot id on Linux, else the
    boot's wall time to the minute (a clock change then reads as a new boot: the wall
    clock alone is used, with every wait still capped)."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text("ascii").strip()
    except OSError:
        return f"t{round((time.time() - time.monotonic()) / 60)}"


def _elapsed(entry: dict[str, Any], now: float, length: float) -> float:
    """Seconds since the entry's last wrong try, for a wait of `length` seconds."""
    wall = now - float(entry.get("last", 0.0))
    if entry.get("boot") == boot_id() and "mono" in entry:
        return max(wall, monotonic() - float(entry["mono"]), 0.0)
    return wall if wall >= 0 else length  # stamped in the future, on another boot: long past


def _remaining(entry: dict[str, Any], now: float, length: float) -> int:
    """Whole seconds left of a wait of `length` seconds: never more than `length`."""
    left = length - _elapsed(entry, now, length)
    return max(0, min(int(length), int(left + 0.999)))


def attempts(data_dir: Path, officer_id: str, at: float | None = None) -> Attempts:
    data = _read(data_dir)
    supervisor = grants.counts_as_supervisor(data, officer_id)
    return _attempts(data["attempts"].get(officer_id), supervisor, at or now())


def reset_attempts(data_dir: Path, officer_id: str) -> None:
    """A supervisor lifts an officer's lock."""
    with _locked(data_dir):
        data = _read(data_dir)
        if data["attempts"].pop(officer_id, None) is not None:
            _write(data_dir, data)


def unlock(
    data_dir: Path,
    officer_id: str,
    passphrase: str,
    clock: Callable[[], float] | None = None,
) -> bytes:
    """The database key, when `passphrase` is this officer's. Otherwise a SigapError:
    `passphrase_wrong` (no hint whether the id or the passphrase was wrong),
    `passphrase_wait` with the seconds left, `officer_locked`, or `officer_no_key` for an
    account that exists in the database but has no copy of the key on this laptop."""
    return open_copy(data_dir, officer_id, passphrase, clock).key


def open_copy(
    data_dir: Path,
    officer_id: str,
    passphrase: str,
    clock: Callable[[], float] | None = None,
) -> Opened:
    """As `unlock`, with what the copy grants (`Opened`). A sign-in also brings the file's
    grants up to date where this passphrase is needed for it (`_settle`)."""
    clock = clock or now
    data = _read(data_dir)
    entry = data["officers"].get(officer_id)
    if entry is None and officer_id in data.get("pending", []):
        raise SigapError("officer_no_key", officer_id=officer_id)
    if entry is None:
        # Spend the same time as a real try, so timing does not tell which ids exist.
        _kek(passphrase, secrets.token_bytes(16), new_key_cost())
        raise SigapError("passphrase_wrong")
    seen = _reserve_try(data_dir, officer_id, clock())
    k = entry["kdf"]
    kdf = KdfParams(int(k["t"]), int(k["m"]), int(k["p"]))
    try:
        kek, salt = _kek(passphrase, _unb64(k["salt"]), kdf), _unb64(k["salt"])
        aad = _aad(data["vault_id"], officer_id, entry["role"], entry.get("pin"),
                   entry.get("copy"))  # fmt: skip
        key = keywrap.unseal(kek, _unb64(entry["nonce"]), _unb64(entry["wrapped"]), aad)
    except (ValueError, KeyError):
        # counted already, before the try (_reserve_try)
        after = attempts(data_dir, officer_id, clock())
        supervisor = grants.counts_as_supervisor(_read(data_dir), officer_id)
        if after.locked and not supervisor:
            raise SigapError("officer_locked") from None
        if after.locked:
            raise SigapError("supervisor_locked", minutes=SUPERVISOR_LOCK_MINUTES) from None
        if after.wait_s > 0:
            raise SigapError("passphrase_wrong_wait", seconds=after.wait_s) from None
        raise SigapError("passphrase_wrong") from None
    _take_back(data_dir, officer_id, seen)
    opened = _settle(data_dir, officer_id, entry, key, kek, salt, kdf)
    if _weaker_than_default(kdf) and not _test_run():
        log.warning("key copy of %s below the real Argon2 cost; wrapped again", officer_id)
        add(data_dir, key, officer_id, entry["role"], passphrase, DEFAULT_KDF, opened.grant_key,
            opened.seal)  # fmt: skip
    return opened


def _settle(
    data_dir: Path,
    officer_id: str,
    entry: dict[str, Any],
    key: bytes,
    kek: bytes,
    salt: bytes,
    kdf: KdfParams,
) -> Opened:
    """After a right passphrase, what only it can do for the file's grants (`grants.settle`).
    A supervisor counts when their copy is granted and is the one its grant was sealed to."""
    with _locked(data_dir):
        data = _read(data_dir)
        now_entry, vault_id = data["officers"].get(officer_id), data["vault_id"]
        if now_entry is None:
            return Opened(key)  # removed meanwhile
        role = str(now_entry["role"])
        if now_entry.get("wrapped") != entry.get("wrapped"):  # wrapped again meanwhile
            held = grants.unwrap_private(kek, now_entry, vault_id, officer_id)
            seal = grants.unwrap_seal(kek, now_entry, vault_id, officer_id)
            notes: list[tuple[str, tuple[str, ...]]] = []
        else:

            def rewrap(pin: str, copy: str, grant: Any, holds: Any, seal: Any) -> None:
                _put(data, key, officer_id, role, kek, salt, kdf, pin, copy, grant, holds, seal)

            held, seal, notes = grants.settle(data, officer_id, kek, rewrap)
            if notes or data["officers"][officer_id] is not now_entry:
                _write(data_dir, data)
        ok = grants.seal_holds(kek, data["officers"][officer_id], vault_id, officer_id)
        counts = ok and grants.counts_as_supervisor(data, officer_id)
        return Opened(key, held if counts else None, counts, role == grants.SUPERVISOR,
                      tuple(notes), seal)  # fmt: skip


def _reserve_try(data_dir: Path, officer_id: str, now: float) -> int:
    """Check the account may try now and count the try as wrong before it is made, in one
    step under the file's lock, so tries made in parallel each count and each meet the wait
    earned by those before. Returns the count seen before this try. Raises SigapError
    (`officer_locked`, `supervisor_locked`, `passphrase_wait`) without counting."""
    with _locked(data_dir):
        data = _read(data_dir)
        entry = data["attempts"].get(officer_id)
        supervisor = bool(entry) and grants.counts_as_supervisor(data, officer_id)
        state = _attempts(entry, supervisor, now)
        if state.locked and not supervisor:
            raise SigapError("officer_locked")
        if state.locked:
            raise SigapError("supervisor_locked", minutes=max(1, (state.wait_s + 59) // 60))
        if state.wait_s > 0:
            raise SigapError("passphrase_wait", seconds=state.wait_s)
        seen = state.failures
        # A supervisor's timed lock had run out: one more wrong try locks it again.
        failures = min(seen + 1, LOCK_AFTER)
        data["attempts"][officer_id] = {
            "failures": failures, "last": now, "mono": monotonic(), "boot": boot_id(),
        }  # fmt: skip
        _write(data_dir, data)
    return seen


def _count_failure(data_dir: Path, officer_id: str, now: float) -> None:
    """One wrong try more, made at `now` (the way _reserve_try counts one)."""
    with _locked(data_dir):
        data = _read(data_dir)
        entry = data["attempts"].get(officer_id) or {"failures": 0}
        data["attempts"][officer_id] = {
            "failures": min(int(entry["failures"]) + 1, LOCK_AFTER), "last": now,
            "mono": monotonic(), "boot": boot_id(),
        }  # fmt: skip
        _write(data_dir, data)


def _take_back(data_dir: Path, officer_id: str, seen: int) -> None:
    """The passphrase was right: take back this try and the `seen` wrong ones before it;
    wrong tries counted meanwhile by others stay counted (with their time)."""
    with _locked(data_dir):
        data = _read(data_dir)
        entry = data["attempts"].get(officer_id)
        if entry is None:
            return  # a supervisor cleared the count meanwhile
        left = int(entry.get("failures", 0)) - seen - 1
        if left > 0:
            entry["failures"] = left
        else:
            data["attempts"].pop(officer_id)
        _write(data_dir, data)


def check(data_dir: Path, officer_id: str, passphrase: str, key: bytes) -> bool:
    """Whether `passphrase` is this officer's (for approvals while the desk is open):
    it must unwrap this very key. Wrong tries count as at sign-in."""
    return check_copy(data_dir, officer_id, passphrase, key) is not None


def check_copy(data_dir: Path, officer_id: str, passphrase: str, key: bytes) -> Opened | None:
    """As `check`, with what the copy grants; None for a wrong passphrase."""
    try:
        opened = open_copy(data_dir, officer_id, passphrase)
    except SigapError as exc:
        if exc.code in ("passphrase_wrong", "passphrase_wrong_wait"):
            return None
        raise
    return opened if secrets.compare_digest(opened.key, key) else None
