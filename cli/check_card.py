"""`check-card`: is a card's QR text genuine?"""

from __future__ import annotations

import argparse
from datetime import date

from cli.exits import EXIT_ERROR, EXIT_OK
from cli.output import print_json
from cli.session import Desk
from models.signing import check_card as check


def check_card(args: argparse.Namespace, desk: Desk) -> int:
    result = check(desk.db, args.text, date.today(), desk.ref)
    print_json(result.as_dict(args.lang))
    return EXIT_OK if result.genuine else EXIT_ERROR
