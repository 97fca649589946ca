"""`status`: the desk as a whole, in counts. Run often (by scripts too), so it imports only
what it prints."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK
from cli.output import print_json
from cli.session import Desk
from models.desk_status import device_status


def status(args: argparse.Namespace, desk: Desk) -> int:
    print_json(device_status(desk.db))
    return EXIT_OK
