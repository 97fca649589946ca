"""`backup create | list | restore`: encrypted copies of the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.exits import EXIT_OK
from cli.output import print_json, print_table, signing_in_passphrase
from cli.session import Desk
from services import backups


def backup(args: argparse.Namespace, desk: Desk) -> int:
    if args.action == "create":
        print_json(backups.back_up_on(desk.db).as_dict())
        return EXIT_OK
    found = [b.as_dict() for b in backups.list_backups(desk.db.data_dir)]
    if args.format == "json":
        print_json(found)
    else:
        rows = [[b["file"], b["made_at"], b["reason"], b["bytes"]] for b in found]
        print_table(["file", "made_at", "reason", "bytes"], rows)
    return EXIT_OK


def restore(args: argparse.Namespace, data_dir: Path) -> int:
    """Without signing in: the database may be damaged, so it is never opened. The key file
    unlocks the key and says whether the officer is a supervisor. Nothing else runs on the
    folder meanwhile: no window, no sync writing to the file being replaced."""
    result = backups.restore_folder(
        data_dir, args.officer, lambda: signing_in_passphrase(args.officer, args.lang),
        args.file, latest=args.latest,
    )  # fmt: skip
    print_json(result.as_dict())
    return EXIT_OK
