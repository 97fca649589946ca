"""The printed reports: the event report, a sponsor's statement and an officer's day
closing, each gathered from `models.report_data` and rendered by `reports/`. Closing the
day also keeps a backup of the database."""

from __future__ import annotations

from datetime import date

from models.backup import DAY_CLOSE, backup_quietly
from models.clock import Clock, system_clock
from models.database import Database
from models.reference import ReferenceData
from models.report_data import day_close_data, event_report_data, statement_data


def event_report_pdf(
    db: Database, ref: ReferenceData, event_id: str, lang: str, clock: Clock = system_clock
) -> bytes:
    from reports.event_report import render_event_report  # reportlab loads when first needed

    return render_event_report(event_report_data(db, ref, event_id, lang, clock))


def statement_pdf(
    db: Database,
    ref: ReferenceData,
    event_id: str,
    scheme_code: str,
    lang: str,
    clock: Clock = system_clock,
) -> bytes:
    from reports.statement import render_statement  # reportlab loads when first needed

    return render_statement(statement_data(db, ref, event_id, scheme_code, lang, clock))


def day_close_pdf(
    db: Database,
    ref: ReferenceData,
    officer_id: str,
    day: date,
    lang: str,
    clock: Clock = system_clock,
) -> bytes:
    from reports.day_close import render_day_close  # reportlab loads when first needed

    pdf = render_day_close(day_close_data(db, ref, officer_id, day, lang, clock))
    backup_quietly(db, DAY_CLOSE, clock)  # closing the day keeps a copy; a failure is logged
    return pdf
