"""`import`, `list` and `export`: an event's enrolments in and out."""

from __future__ import annotations

import argparse
import contextlib
from typing import Any

from cli.exits import EXIT_ERROR, EXIT_OK, EXIT_REJECTED
from cli.output import print_json, print_table, say
from cli.session import Desk
from models import enrolments, events
from models.exports import safe_cell
from models.files import writing_text
from models.imports import csv_sink
from models.messages import member_number_text, text
from models.nik import mask_nik
from services.approvals import signed_in_approver
from services.exports import export_event_on
from services.imports import ELIGIBILITY, ENROLMENTS, import_on


def import_list(args: argparse.Namespace, desk: Desk) -> int:
    """The report as JSON (the first entries of each kind, exact counts); every entry, row
    by row, in the CSV file `--report` names, written whole or not at all."""
    kind, target = (
        (ENROLMENTS, {"event_id": args.event_id})
        if args.action == "enrolments"
        else (ELIGIBILITY, {"scheme_code": args.scheme})
    )
    with contextlib.ExitStack() as stack:
        sink = None
        if args.report is not None:
            f = stack.enter_context(writing_text(args.report, encoding="utf-8-sig"))
            sink = csv_sink(f, safe_cell, args.lang)
        report = import_on(
            desk.db, desk.ref, kind, args.file, desk.officer.id, lang=args.lang, sink=sink,
            **target,
        )  # fmt: skip
    out: dict[str, Any] = report.as_dict()
    if args.report is not None:
        out["report"] = str(args.report)
    print_json(out)
    if report.stopped is not None:
        say(text("import_stopped", args.lang, row=report.stopped["row"],
                 reason=report.stopped["message"]))  # fmt: skip
        return EXIT_ERROR
    if report.truncated and args.report is None:
        say(text("import_report_listed", args.lang, listed=report.limit))
    return EXIT_REJECTED if report.rejected else EXIT_OK


def list_enrolments(args: argparse.Namespace, desk: Desk) -> int:
    if args.show_nik:
        desk.require_supervisor()  # whole NIKs on a screen or in a file: as the window asks
    events.require_event(desk.db, args.event_id)
    rows = enrolments.list_enrolments(desk.db, args.event_id)
    shown = [r._replace(nik=r.nik if args.show_nik else mask_nik(r.nik)) for r in rows]
    if args.format == "json":
        print_json([r._asdict() for r in shown])
    else:
        print_table(
            ["member_number", "nik", "full_name", "sex", "birth_date", "occupation", "payer"],
            [[member_number_text(r.member_number, r.id, args.lang), r.nik, r.full_name, r.gender,
              r.birth_date, r.occupation_code, r.scheme_code or r.payer_type] for r in shown],
        )  # fmt: skip
    return EXIT_OK


def export(args: argparse.Namespace, desk: Desk) -> int:
    # a file of NIKs and names leaves the encrypted database: the signed-in supervisor
    # approves it themself
    approver = signed_in_approver(desk.officer)
    n = export_event_on(desk.db, args.event_id, args.out, desk.officer.id, approver)
    print_json({"rows": n, "out": str(args.out)})
    return EXIT_OK
