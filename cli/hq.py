"""`register`, `sync` and `bundle`: records on their way to HQ."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_ERROR, EXIT_OK
from cli.output import print_json, say
from cli.session import Desk
from models.messages import text
from services.exports import export_bundle_file
from services.registration import register_on
from sync.engine import SyncError, register_device, sync_once


def register(args: argparse.Namespace, desk: Desk) -> int:
    desk.require_supervisor()  # as in the window: records will go wherever it points
    try:
        reg = register_on(
            desk.db,
            lambda db, url, code: register_device(db, url, code, device_name=args.name),
            args.hq_url, args.code,
            desk.officer.id,  # the signed-in supervisor approves it themself
        )  # fmt: skip
    except SyncError as exc:
        say(exc.message(args.lang))
        return EXIT_ERROR
    print_json({"branch_code": reg.branch_code, "member_numbers_reserved": reg.numbers_reserved})
    return EXIT_OK


def sync(args: argparse.Namespace, desk: Desk) -> int:
    report = sync_once(desk.db)
    print_json(report.as_json())
    if report.error:
        say(text(f"sync_{report.error}", args.lang))
    if report.needs_review:
        say(text("sync_needs_review", args.lang, count=report.needs_review))
    return report.exit_code  # EXIT_OK, EXIT_WAITING or EXIT_REVIEW


def bundle(args: argparse.Namespace, desk: Desk) -> int:
    desk.require_supervisor()  # personal data leaves the laptop, encrypted for HQ
    result = export_bundle_file(desk.db, args.out, desk.officer.id)
    print_json({"records": result.count, "out": str(result.path)})
    return EXIT_OK
