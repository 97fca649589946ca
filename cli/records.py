"""`import`, `list` and `export`: an event's enrolments in and out."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK, EXIT_REJECTED
from cli.output import print_json, print_table
from cli.session import Desk
from models import enrolments, events, exports, imports
from models.nik import mask_nik


def import_list(args: argparse.Namespace, desk: Desk) -> int:
    if args.action == "enrolments":
        report = imports.import_enrolments(
            desk.db, desk.ref, args.file, args.event_id, desk.officer.id, lang=args.lang
        )
    else:
        report = imports.import_eligibility(
            desk.db, desk.ref, args.file, args.scheme, desk.officer.id, lang=args.lang
        )
    print_json(report.as_dict())
    return EXIT_REJECTED if report.rejected else EXIT_OK


def list_enrolments(args: argparse.Namespace, desk: Desk) -> int:
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
    desk.require_supervisor()  # a file of NIKs and names leaves the encrypted database
    n = exports.export_event(desk.db, args.event_id, args.out, desk.officer.id)
    print_json({"rows": n, "out": str(args.out)})
    return EXIT_OK
