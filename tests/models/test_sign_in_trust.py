"""Sign-in waits and locks (issue 14, item 7): a wrong clock never makes them permanent,
wrong guesses made in parallel each count, and a right passphrase takes back only its own
count, never the wrong guesses others made meanwhile."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from models import desk, vault
from models.errors import SigapError
from tests.helpers import fixed_clock

SUPERVISOR, SUPERVISOR_PW = "rina.s", "gerimis-senja-42"
OFFICER, OFFICER_PW = "sari", "pasar-pagi-77"
WRONG = "bukan-kata-sandinya-9"
TEN_YEARS = 10 * 365 * 86400.0


@pytest.fixture
def desk_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    db, _ = desk.set_up(folder, SUPERVISOR, "Rina Setiawati", SUPERVISOR_PW, clock=fixed_clock)
    try:
        from models.officers import add_officer

        add_officer(db, OFFICER, "Sari Wulandari", "officer", OFFICER_PW, SUPERVISOR)
    finally:
        db.close()
    return folder


def _try(folder: Path, who: str, passphrase: str, at: float | None = None) -> str:
    try:
        vault.unlock(folder, who, passphrase, clock=(lambda: at) if at is not None else None)
    except SigapError as exc:
        return exc.code
    return "ok"


def test_a_clock_set_wrong_never_makes_a_wait_permanent(desk_dir: Path) -> None:
    now = time.time()
    ahead = now + TEN_YEARS  # the laptop's clock was set ten years ahead, then corrected
    for _ in range(vault.FREE_TRIES + 3):
        vault._count_failure(desk_dir, OFFICER, ahead)
    state = vault.attempts(desk_dir, OFFICER, now)
    assert 0 < state.wait_s <= vault.MAX_WAIT_S
    # a supervisor's timed lock: at most its own 30 minutes, never ten years
    for _ in range(vault.LOCK_AFTER):
        vault._count_failure(desk_dir, SUPERVISOR, ahead)
    locked = vault.attempts(desk_dir, SUPERVISOR, now)
    assert locked.locked and 0 < locked.wait_s <= vault.SUPERVISOR_LOCK_MINUTES * 60


def test_a_clock_set_back_does_not_stretch_a_wait(desk_dir: Path, monkeypatch) -> None:
    now = time.time()
    for _ in range(vault.FREE_TRIES + 1):
        vault._count_failure(desk_dir, OFFICER, now)
    assert vault.attempts(desk_dir, OFFICER, now).wait_s == 2
    mono = vault.monotonic()
    monkeypatch.setattr(vault, "monotonic", lambda: mono + 3)  # 3 s really passed ...
    # ... while the clock went back a day: the wait is over all the same
    assert vault.attempts(desk_dir, OFFICER, now - 86400 + 3).wait_s == 0
    assert _try(desk_dir, OFFICER, OFFICER_PW, now - 86400 + 3) == "ok"


def test_a_wrong_try_stamped_in_the_future_on_another_boot_is_long_past(desk_dir) -> None:
    now = time.time()
    for _ in range(vault.LOCK_AFTER):
        vault._count_failure(desk_dir, SUPERVISOR, now + TEN_YEARS)
    with vault._locked(desk_dir):
        data = vault._read(desk_dir)
        data["attempts"][SUPERVISOR]["boot"] = "another-boot"
        vault._write(desk_dir, data)
    assert vault.attempts(desk_dir, SUPERVISOR, now).locked is False


def _slow_kdf(monkeypatch, seconds: float, calls: list[str]) -> None:
    real = vault._kek

    def slow(passphrase: str, salt: bytes, kdf: vault.KdfParams) -> bytes:
        calls.append(passphrase)
        time.sleep(seconds)
        return real(passphrase, salt, kdf)

    monkeypatch.setattr(vault, "_kek", slow)


def test_wrong_guesses_in_parallel_each_count_and_meet_the_wait(desk_dir, monkeypatch) -> None:
    calls: list[str] = []
    _slow_kdf(monkeypatch, 0.3, calls)
    n = 10
    start = threading.Barrier(n)
    codes: list[str] = []

    def guess() -> None:
        start.wait()
        codes.append(_try(desk_dir, OFFICER, WRONG))

    threads = [threading.Thread(target=guess) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    tried = len(calls)
    # Only the free tries and the one that earns the first wait reach the passphrase check;
    # the others are told to wait, as one guess after the other would be.
    assert tried == vault.FREE_TRIES + 1
    assert codes.count("passphrase_wait") == n - tried
    assert vault.attempts(desk_dir, OFFICER).failures == tried


def test_a_right_passphrase_keeps_the_count_others_built_up(desk_dir, monkeypatch) -> None:
    real = vault._kek
    inside, finish = threading.Event(), threading.Event()

    def kek(passphrase: str, salt: bytes, kdf: vault.KdfParams) -> bytes:
        if passphrase == OFFICER_PW:
            inside.set()
            finish.wait(10)  # the officer's sign-in is slow; guesses run meanwhile
        return real(passphrase, salt, kdf)

    monkeypatch.setattr(vault, "_kek", kek)
    result: list[str] = []
    officer = threading.Thread(target=lambda: result.append(_try(desk_dir, OFFICER, OFFICER_PW)))
    officer.start()
    assert inside.wait(10)
    # the officer's own try counts as the first while it runs: the second guess earns a wait
    guesses = [_try(desk_dir, OFFICER, WRONG) for _ in range(2)]
    assert guesses == ["passphrase_wrong", "passphrase_wrong_wait"]
    finish.set()
    officer.join(10)
    assert result == ["ok"]
    assert vault.attempts(desk_dir, OFFICER).failures == 2
    # and a sign-in alone clears what it saw, as before
    assert _try(desk_dir, OFFICER, OFFICER_PW) == "ok"
    assert vault.attempts(desk_dir, OFFICER).failures == 0
