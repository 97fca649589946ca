"""`officer add | list | passphrase | deactivate | unlock`: officer accounts."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK
from cli.output import print_json, print_table, read_new_passphrase
from cli.session import Desk
from models import officers


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
            added = officers.add_officer(
                desk.db, args.officer_id, args.name, args.role, read_new_passphrase(),
                created_by=me,
            )  # fmt: skip
        print_json({"id": added.id, "name": added.name, "role": added.role})
        return EXIT_OK
    target = args.officer_id or me
    if args.action != "passphrase" or target != me:
        desk.require_supervisor()
    if args.action == "passphrase":
        officers.set_passphrase(desk.db, target, read_new_passphrase(), by=me)
    elif args.action == "deactivate":
        officers.deactivate_officer(desk.db, target, by=me)
    else:
        officers.unlock_officer(desk.db, target, by=me)
    print_json({"id": target, "done": args.action})
    return EXIT_OK
