"""Exporting an event's enrolments to a CSV or XLSX file: personal data leaving the
encrypted database, so each export is approved by a supervisor and audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from models.bundle import BundleResult, export_bundle
from models.clock import Clock, system_clock
from models.database import Database
from models.exports import export_event
from services.approvals import record_approval

FORMATS = (".csv", ".xlsx")


def export_event_file(
    connect: Callable[[], Database],
    event_id: str,
    out: Path,
    officer_id: str,
    approver_id: str,
    clock: Clock = system_clock,
) -> int:
    """Write the event's enrolments to `out`; returns the number of rows. Runs where it is
    called (a background task) on a connection of its own from `connect`. The file is
    written whole or not at all (`models.files`); the supervisor's approval (checked by
    `services.approvals.check_supervisor` beforehand) is audited with the export."""
    db = connect()  # SQLite connections stay in the thread that made them
    try:
        return export_event_on(db, event_id, out, officer_id, approver_id, clock)
    finally:
        db.close()


def export_event_on(
    db: Database,
    event_id: str,
    out: Path,
    officer_id: str,
    approver_id: str,
    clock: Clock = system_clock,
) -> int:
    """`export_event_file` on a connection the caller owns (the command line's). A
    supervisor exporting themself (`approver_id == officer_id`, the command line's signed-in
    supervisor) is still recorded as the approver: the audit names who approved every
    export the same way, whichever door it came through."""
    rows = export_event(db, event_id, out, officer_id=officer_id, clock=clock)
    record_approval(
        db, approver_id, "export", "event", event_id, clock, officer_id=officer_id, rows=rows
    )
    return rows


def export_bundle_file(
    db: Database, out: Path, officer_id: str, clock: Clock = system_clock
) -> BundleResult:
    """Every record not yet at HQ in one encrypted, signed file at `out` (for a USB stick),
    audited under `officer_id`."""
    return export_bundle(db, out, officer_id, clock)
