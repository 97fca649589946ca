"""Signing in from the command line: the `Desk` a command runs against."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from cli.output import read_new_passphrase, signing_in_passphrase
from models import desk
from models.db import SigapDatabase
from models.demo import DEMO_OFFICER, DEMO_PASSPHRASE
from models.errors import SigapError
from models.officers import Officer
from models.reference import ReferenceData, reference_for


@dataclass(frozen=True)
class Desk:
    """The open database, its reference data and the officer signed in. `new` when this
    command set the desk up (the demo, or the first `officer add`)."""

    db: SigapDatabase
    ref: ReferenceData
    officer: Officer
    lang: str
    new: bool = False

    def require_supervisor(self) -> None:
        if not self.officer.is_supervisor:
            raise SigapError("needs_supervisor")

    def close(self) -> None:
        self.db.close()


def open_desk(args: argparse.Namespace, data_dir: Path) -> Desk:
    """Sign in and open the database; on a new folder, `demo` and the first `officer add`
    set the desk up instead."""
    state = desk.folder_state(data_dir)
    if args.command == "demo" and state != desk.NEW:
        # never beside real records: the demo adds a supervisor whose passphrase is public
        raise SigapError("demo_not_empty")
    if state == desk.NEW:
        if args.command == "demo":
            db, first = desk.set_up(data_dir, DEMO_OFFICER, "Petugas Contoh", DEMO_PASSPHRASE)
        elif args.command == "officer" and args.action == "add":
            if args.role != "supervisor":
                raise SigapError("first_officer_supervisor")
            db, first = desk.set_up(data_dir, args.officer_id, args.name, read_new_passphrase())
        else:
            raise SigapError("desk_not_set_up")
        return _desk(db, first, args.lang, new=True)
    if not args.officer:
        raise SigapError("officer_missing")
    db, officer = desk.sign_in(
        data_dir, args.officer, signing_in_passphrase(args.officer, args.lang)
    )
    return _desk(db, officer, args.lang, new=False)


def _desk(db: SigapDatabase, officer: Officer, lang: str, new: bool) -> Desk:
    try:
        return Desk(db, reference_for(db), officer, lang, new)
    except BaseException:
        db.close()
        raise
