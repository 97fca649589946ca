"""Importing a partner's list from a file, in a background task on a connection of its
own: enrolments into the open event, or the people a sponsor scheme pays for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from models.clock import Clock, system_clock
from models.database import Database
from models.imports import ImportReport, Sink, import_eligibility, import_enrolments
from models.reference import ReferenceData

ENROLMENTS, ELIGIBILITY = "enrolments", "eligibility"


def import_file(
    connect: Callable[[], Database],
    ref: ReferenceData,
    kind: str,
    path: Path,
    officer_id: str,
    *,
    event_id: str = "",
    scheme_code: str = "",
    lang: str = "id",
    clock: Clock = system_clock,
    progress: Callable[[int], bool] | None = None,
    stop: Callable[[], bool] | None = None,
    sink: Sink | None = None,
) -> ImportReport:
    """`kind` ENROLMENTS into `event_id` (`progress(rows)` after each chunk written; False
    stops), or ELIGIBILITY for `scheme_code`. `stop()` is asked before every row: True
    cancels within a second. `sink` gets every report entry, the report the first ones."""
    db = connect()  # SQLite connections stay in the thread that made them
    try:
        return import_on(
            db, ref, kind, path, officer_id, event_id=event_id, scheme_code=scheme_code,
            lang=lang, clock=clock, progress=progress, stop=stop, sink=sink,
        )  # fmt: skip
    finally:
        db.close()


def import_on(
    db: Database,
    ref: ReferenceData,
    kind: str,
    path: Path,
    officer_id: str,
    *,
    event_id: str = "",
    scheme_code: str = "",
    lang: str = "id",
    clock: Clock = system_clock,
    progress: Callable[[int], bool] | None = None,
    stop: Callable[[], bool] | None = None,
    sink: Sink | None = None,
) -> ImportReport:
    """`import_file` on a connection the caller owns (the command line's)."""
    if kind == ENROLMENTS:
        return import_enrolments(
            db, ref, path, event_id, officer_id=officer_id, lang=lang, clock=clock,
            progress=progress, stop=stop, sink=sink,
        )  # fmt: skip
    return import_eligibility(
        db, ref, path, scheme_code, officer_id=officer_id, lang=lang, clock=clock, stop=stop,
        sink=sink,
    )  # fmt: skip
