"""`cards`, `receipt`, `report`, `statement` and `day-close`: printed documents as PDF
files. Only these commands load the renderers."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK
from cli.output import print_json, write_pdf
from cli.session import Desk
from models import events
from services.printing import print_cards, print_receipt, save_printed
from services.reports import day_close_pdf, event_report_pdf, statement_pdf


def cards(args: argparse.Namespace, desk: Desk) -> int:
    events.require_event(desk.db, args.event_id)
    pdf = save_printed(desk.db, args.out, lambda: print_cards(
        desk.db, desk.ref, args.event_id, desk.officer.id, args.lang, sheet=args.sheet,
    ))  # fmt: skip
    print_json({"out": str(args.out), "bytes": len(pdf)})
    return EXIT_OK


def receipt(args: argparse.Namespace, desk: Desk) -> int:
    pdf = save_printed(desk.db, args.out, lambda: print_receipt(
        desk.db, desk.ref, args.number, desk.officer.id, args.fmt, args.lang))  # fmt: skip
    print_json({"out": str(args.out), "bytes": len(pdf)})
    return EXIT_OK


def report(args: argparse.Namespace, desk: Desk) -> int:
    write_pdf(args.out, event_report_pdf(desk.db, desk.ref, args.event_id, args.lang))
    return EXIT_OK


def statement(args: argparse.Namespace, desk: Desk) -> int:
    pdf = statement_pdf(desk.db, desk.ref, args.event_id, args.scheme, args.lang)
    write_pdf(args.out, pdf)
    return EXIT_OK


def day_close(args: argparse.Namespace, desk: Desk) -> int:
    write_pdf(args.out, day_close_pdf(desk.db, desk.ref, desk.officer.id, args.day, args.lang))
    return EXIT_OK
