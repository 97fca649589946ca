"""`settings [list] | settings set KEY VALUE`: the desk's settings, for branch IT. Changing
one takes a supervisor signed in; for the HQ address, their sign-in is the approval."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK
from cli.output import print_json
from cli.session import Desk
from services import settings as desk_settings


def settings(args: argparse.Namespace, desk: Desk) -> int:
    if getattr(args, "action", None) == "set":
        desk.require_supervisor()
        spec = desk_settings.BY_KEY.get(args.key)
        approver = desk.officer.id if spec is not None and spec.approval else None
        desk_settings.change(desk.db, args.key, args.value, desk.officer.id, approver)
    print_json(desk_settings.current(desk.db))
    return EXIT_OK
