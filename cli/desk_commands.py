"""`demo` and `check`: the desk as a whole (`status` is in cli/status.py)."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK
from cli.output import print_json
from cli.session import Desk
from models import integrity
from models.demo import DEMO_PASSPHRASE, fill_demo


def demo(args: argparse.Namespace, desk: Desk) -> int:
    result = fill_demo(desk.db, desk.ref)
    out: dict[str, object] = {
        "event_id": result.event_id, "officer_id": result.officer_id,
        "enrolments": result.enrolments,
    }  # fmt: skip
    if desk.new:
        out["passphrase"] = DEMO_PASSPHRASE
    print_json(out)
    return EXIT_OK


def check(args: argparse.Namespace, desk: Desk) -> int:
    """The full integrity check, at a supervisor's word (a damaged file: exit 1 and the
    restore hint, as at any command)."""
    desk.require_supervisor()
    integrity.check_open(desk.db)
    print_json({"integrity": "ok"})
    return EXIT_OK
