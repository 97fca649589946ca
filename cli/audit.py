"""`audit verify | export`: the tamper-evident audit log."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_ERROR, EXIT_OK
from cli.output import print_json, say
from cli.session import Desk
from models import audit as log
from models.messages import text


def audit(args: argparse.Namespace, desk: Desk) -> int:
    if args.action == "export":
        desk.require_supervisor()
        print_json({"rows": log.export_csv(desk.db, args.out), "out": str(args.out)})
        return EXIT_OK
    report = log.verify_chain(desk.db)
    out = {"ok": report.ok, "entries": report.entries, "first_bad_id": report.first_bad_id,
           "reason": report.reason}  # fmt: skip
    ok = report.ok
    if args.head:  # a head written down earlier (a day closing, HQ): is it still there?
        entry, _, digest = args.head.partition(":")
        held = entry.strip().lstrip("#").isdigit() and log.holds_head(
            desk.db, int(entry.strip().lstrip("#")), digest
        )
        out["head_held"] = held
        ok = ok and held
        if not held:
            say(text("audit_head_missing", args.lang, head=args.head))
    print_json(out)
    if not report.ok:
        say(report.message(args.lang))
    return EXIT_OK if ok else EXIT_ERROR
