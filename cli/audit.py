"""`audit verify | export`: the tamper-evident audit log."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_ERROR, EXIT_OK
from cli.output import print_json, say
from cli.session import Desk
from models import audit as log


def audit(args: argparse.Namespace, desk: Desk) -> int:
    if args.action == "export":
        desk.require_supervisor()
        print_json({"rows": log.export_csv(desk.db, args.out), "out": str(args.out)})
        return EXIT_OK
    report = log.verify_chain(desk.db)
    print_json({"ok": report.ok, "entries": report.entries, "first_bad_id": report.first_bad_id,
                "reason": report.reason})  # fmt: skip
    if not report.ok:
        say(report.message(args.lang))
    return EXIT_OK if report.ok else EXIT_ERROR
