"""`backup create | list | restore`: encrypted copies of the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.exits import EXIT_OK
from cli.output import print_json, print_table, signing_in_passphrase
from cli.session import Desk
from models import backup as backups
from models.desk import hold_folder
from models.errors import SigapError
from sync.lock import LOCK_FILE, Busy, sync_lock


def backup(args: argparse.Namespace, desk: Desk) -> int:
    if args.action == "create":
        print_json(backups.make_backup(desk.db, backups.MANUAL).as_dict())
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
    with hold_folder(data_dir):
        if not args.officer:
            raise SigapError("officer_missing")
        key = backups.unlock_supervisor(
            data_dir, args.officer, signing_in_passphrase(args.officer, args.lang)
        )
        if args.latest:
            chosen = backups.newest_good_backup(data_dir, key)
            if chosen is None:
                raise SigapError("backup_none")
            path = chosen.path
        else:
            path = backups.resolve_backup(data_dir, args.file)
        try:
            with sync_lock(data_dir / LOCK_FILE):
                result = backups.restore(data_dir, path, key, officer_id=args.officer.strip())
        except Busy:
            raise SigapError("sync_busy") from None
    print_json(result.as_dict())
    return EXIT_OK
