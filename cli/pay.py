"""`pay`: a payment after enrolment (a renewal, overdue months, a list member's first
payment) for an enrolment this desk holds, printed as JSON."""

from __future__ import annotations

import argparse
from datetime import date

from cli.exits import EXIT_OK
from cli.output import print_json, say
from cli.session import Desk
from models.errors import SigapError
from models.messages import text
from services import payments


def _enrolment(args: argparse.Namespace, desk: Desk) -> str:
    if args.enrolment_id:
        return str(args.enrolment_id).strip()
    if args.card:
        return payments.member_from_card(desk.db, args.card, date.today())
    if not (args.member and args.nik):
        raise SigapError("pay_needs_member")
    return payments.member_by_number(desk.db, args.member, args.nik)


def pay(args: argparse.Namespace, desk: Desk) -> int:
    enrolment_id = _enrolment(args, desk)
    saved, _ = payments.pay(
        desk.db, desk.ref, enrolment_id, args.months, desk.officer.id, args.method,
        args.reference,
    )  # fmt: skip
    for notice in saved.quote.notices():
        say(notice.message(desk.lang))
    out = saved.as_dict()
    if saved.waiting_for_verification:
        say(
            text(
                "payment_waiting_verification",
                desk.lang,
                method=saved.method.upper(),
                reference=saved.reference,
            )  # fmt: skip
        )
    print_json(out)
    return EXIT_OK
