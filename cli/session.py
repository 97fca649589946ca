"""Signing in from the command line: the `Desk` a command runs against."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cli.output import read_new_passphrase, signing_in_passphrase
from models import desk
from models.db import SigapDatabase
from models.errors import SigapError
from models.integrity import InUse, check_open, unclean_shutdown
from models.officers import Officer

if TYPE_CHECKING:
    from models.reference import ReferenceData


@dataclass(frozen=True)
class Desk:
    """The open database, the officer signed in and (`ref`) the reference data, read when a
    command first asks for it. `new` when this command set the desk up (the demo, or the
    first `officer add`)."""

    db: SigapDatabase
    officer: Officer
    lang: str
    new: bool = False
    in_use: InUse | None = None

    @cached_property
    def ref(self) -> ReferenceData:
        from models.reference import reference_for  # not every command reads it (`status`)

        return reference_for(self.db)

    def require_supervisor(self) -> None:
        if not self.officer.is_supervisor:
            raise SigapError("needs_supervisor")

    def close(self) -> None:
        self.db.close()
        if self.in_use is not None:
            self.in_use.close()


def open_desk(args: argparse.Namespace, data_dir: Path, only_reads: bool = False) -> Desk:
    """Sign in and open the database; on a new folder, `demo` and the first `officer add`
    set the desk up instead. A command that writes runs the full integrity check first when
    the last process on the folder ended uncleanly; one that `only_reads` never waits for
    it."""
    state = desk.folder_state(data_dir)
    if args.command == "demo" and state != desk.NEW:
        # never beside real records: the demo adds a supervisor whose passphrase is public
        raise SigapError("demo_not_empty")
    if state == desk.NEW:
        if args.command == "demo":
            from models.demo import DEMO_OFFICER, DEMO_PASSPHRASE  # only this command fills

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
    passphrase = signing_in_passphrase(args.officer, args.lang)
    check = not only_reads and unclean_shutdown(data_dir)
    db, officer = desk.sign_in(data_dir, args.officer, passphrase, only_reads=only_reads)
    if check:
        try:
            check_open(db)
        except BaseException:
            db.close()
            raise
    return _desk(db, officer, args.lang, new=False)


def _desk(db: SigapDatabase, officer: Officer, lang: str, new: bool) -> Desk:
    in_use: InUse | None = None
    try:
        in_use = InUse(db.data_dir)
        return Desk(db, officer, lang, new, in_use)
    except BaseException:
        db.close()
        if in_use is not None:
            in_use.close()
        raise
