"""`officer add | list | passphrase | deactivate | unlock`: officer accounts."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK
from cli.output import print_json, print_table, read_new_passphrase
from cli.session import Desk
from models import officers
from services import officers as accounts


def officer(args: argparse.Namespace, desk: Desk) -> int:
    me = desk.officer.id
    if args.action == "list":
        print_table(["id", "name", "role", "active"],
                    [[o.id, o.name, o.role, "yes" if o.active else "no"]
                     for o in officers.list_officers(desk.db)])  # fmt: skip
        return EXIT_OK
    if args.action == "add":
        if desk.new:  # made by set_up() with the first supervisor
            added = desk.officer
        else:
            desk.require_supervisor()
            added = accounts.add(
                desk.db, args.officer_id, args.name, args.role, read_new_passphrase(),
                approver=desk.officer,
            )  # fmt: skip
        print_json({"id": added.id, "name": added.name, "role": added.role})
        return EXIT_OK
    target = args.officer_id or me
    if args.action != "passphrase" or target != me:
        desk.require_supervisor()
    if args.action == "passphrase":  # signed in with the old one: no need to ask again
        accounts.reset_passphrase(desk.db, target, read_new_passphrase(), approver=desk.officer)
    elif args.action == "deactivate":
        accounts.deactivate(desk.db, target, approver=desk.officer)
    else:
        accounts.unlock(desk.db, target, approver=desk.officer)
    print_json({"id": target, "done": args.action})
    return EXIT_OK
