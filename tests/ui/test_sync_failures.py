"""A sync that fails on this laptop is told in the officer's words, never with the
exception's own text (which could quote a record)."""

from __future__ import annotations

import errno

from models.errors import SigapError
from models.messages import text
from tests.ui.test_sync_controller import register
from ui.sync_controller import SyncController
from ui.sync_texts import sync_error_text, sync_failure_text


def test_the_officer_reads_words_not_an_exception(qapp):
    secret = RuntimeError("NIK 3577015708900001 broke it")  # made up
    words = sync_failure_text(secret, "id")
    assert "3577015708900001" not in words and "RuntimeError" not in words
    assert "kantor cabang" in words
    full = OSError(errno.ENOSPC, "No space left on device")
    assert sync_failure_text(full, "en") == text("disk_full", "en")
    assert sync_failure_text(SigapError("sync_busy"), "en") == text("sync_busy", "en")


def test_the_controller_keeps_the_words_for_the_sync_screen(qtbot, session, tasks, db):
    register(db)

    def broken(db, progress):
        raise RuntimeError("NIK 3577015708900001 broke it")  # made up

    c = SyncController(session, tasks, probe=lambda db: True, run_sync=broken)
    c.start()
    assert c.last_failure_text is not None
    assert "3577015708900001" not in c.last_failure_text
    c.stop()


def test_hq_refusing_this_version_is_told_in_the_core_words(qapp):
    # The sync screen's status and last-error line for a push answered 426 app_too_old.
    assert sync_error_text("app_too_old") == text("sync_app_too_old", "id")
