"""`pay`: a payment after enrolment (a renewal, overdue months, a list member's first
payment) for an enrolment this desk holds, printed as JSON."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date

from cli.exits import EXIT_OK
from cli.output import print_json, say
from cli.session import Desk
from models.errors import SigapError
from models.messages import text
from models.payments import payments_not_received
from models.visitors import VisitorInput
from services import payments


def _enrolment(args: argparse.Namespace, desk: Desk) -> str:
    if args.enrolment_id:
        return str(args.enrolment_id).strip()
    if args.card:
        return payments.member_from_card(desk.db, args.card, date.today())
    if not (args.member and args.nik):
        raise SigapError("pay_needs_member")
    return payments.member_by_number(desk.db, args.member, args.nik)


def _visitor(args: argparse.Namespace) -> VisitorInput:
    """Another desk's member: what the officer read from the card, KTP and last receipt."""
    if not (args.event_id and args.nik and args.name and args.occupation and args.income):
        raise SigapError("visitor_needs_event")
    programmes = args.programmes.split("+") if args.programmes else None
    return VisitorInput(
        nik=args.nik, full_name=args.name, occupation_code=args.occupation,
        declared_income=args.income, programmes=programmes, paid_until=args.paid_until or "",
    )  # fmt: skip


def pay(args: argparse.Namespace, desk: Desk) -> int:
    if args.not_received:
        print_json([asdict(p) for p in payments_not_received(desk.db)])
        return EXIT_OK
    if args.months is None:
        raise SigapError("pay_needs_months")
    if args.card and not payments.card_held_here(desk.db, args.card):
        saved, _ = payments.pay_visitor(
            desk.db, desk.ref, args.card, _visitor(args), args.event_id, args.months,
            desk.officer.id, args.method, args.reference,
        )  # fmt: skip
    else:
        saved, _ = payments.pay(
            desk.db, desk.ref, _enrolment(args, desk), args.months, desk.officer.id,
            args.method, args.reference,
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
