"""`import`, `list` and `export`: an event's enrolments in and out."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK, EXIT_REJECTED
from cli.output import print_json, print_table
from cli.session import Desk
from models import enrolments, events
from models.nik import mask_nik
from services.approvals import signed_in_approver
from services.exports import export_event_on
from services.imports import ELIGIBILITY, ENROLMENTS, import_on


def import_list(args: argparse.Namespace, desk: Desk) -> int:
    if args.action == "enrolments":
        report = import_on(
            desk.db, desk.ref, ENROLMENTS, args.file, desk.officer.id,
            event_id=args.event_id, lang=args.lang,
        )  # fmt: skip
    else:
        report = import_on(
            desk.db, desk.ref, ELIGIBILITY, args.file, desk.officer.id,
            scheme_code=args.scheme, lang=args.lang,
        )  # fmt: skip
    print_json(report.as_dict())
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
            [[r.member_number or "-", r.nik, r.full_name, r.gender, r.birth_date,
              r.occupation_code, r.scheme_code or r.payer_type] for r in shown],
        )  # fmt: skip
    return EXIT_OK


def export(args: argparse.Namespace, desk: Desk) -> int:
    # a file of NIKs and names leaves the encrypted database: the signed-in supervisor
    # approves it themself
    approver = signed_in_approver(desk.officer)
    n = export_event_on(desk.db, args.event_id, args.out, desk.officer.id, approver)
    print_json({"rows": n, "out": str(args.out)})
    return EXIT_OK
