"""`event create | list | close`: outreach events."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from cli.exits import EXIT_OK
from cli.output import print_json, print_table
from cli.session import Desk
from models import events
from services import events as event_cases


def _event_json(e: events.Event) -> dict[str, Any]:
    return {**e.payload(), "status": e.status, "default_programmes": list(e.default_programmes),
            "default_months": e.default_months, "closed_at": e.closed_at}  # fmt: skip


def event(args: argparse.Namespace, desk: Desk) -> int:
    if args.action == "create":
        starts = args.starts or date.today()
        programmes = args.programmes  # checked by the parser: each programme once
        created = event_cases.open_event(
            desk.db, desk.ref, name=args.name, starts_on=starts, ends_on=args.ends or starts,
            location=args.location, region_code=args.region, officer_id=desk.officer.id,
            scheme_code=args.scheme, branch_code=args.branch, default_programmes=programmes,
            default_months=args.months,
        )  # fmt: skip
        print_json(_event_json(created))
    elif args.action == "list":
        found = events.list_events(desk.db)
        if args.format == "json":
            print_json([_event_json(e) for e in found])
        else:
            print_table(["id", "name", "dates", "scheme", "status"],
                        [[e.id, e.name, f"{e.starts_on}..{e.ends_on}", e.scheme_code or "-",
                          e.status] for e in found])  # fmt: skip
    else:
        print_json(_event_json(event_cases.close(desk.db, args.event_id, desk.officer.id)))
    return EXIT_OK
