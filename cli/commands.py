"""Which function runs which command. A command's module is imported only when that
command runs, so `sigap status` never loads the PDF renderers or the HTTP client."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import cast

from cli.session import Desk

Command = Callable[[argparse.Namespace, Desk], int]
#: A command that runs on the data folder without signing in (the database may be damaged).
FolderCommand = Callable[[argparse.Namespace, Path], int]

#: command name -> (module in cli/, function in it)
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("cli.desk_commands", "demo"),
    "status": ("cli.status", "status"),
    "officer": ("cli.officer", "officer"),
    "event": ("cli.event", "event"),
    "import": ("cli.records", "import_list"),
    "list": ("cli.records", "list_enrolments"),
    "pay": ("cli.pay", "pay"),
    "export": ("cli.records", "export"),
    "cards": ("cli.documents", "cards"),
    "receipt": ("cli.documents", "receipt"),
    "report": ("cli.documents", "report"),
    "statement": ("cli.documents", "statement"),
    "day-close": ("cli.documents", "day_close"),
    "check-card": ("cli.check_card", "check_card"),
    "register": ("cli.hq", "register"),
    "sync": ("cli.hq", "sync"),
    "backup": ("cli.backup", "backup"),
    "bundle": ("cli.hq", "bundle"),
    "audit": ("cli.audit", "audit"),
    "settings": ("cli.settings", "settings"),
    "check": ("cli.desk_commands", "check"),
}

#: Commands that only read: they never wait for the full integrity check, even after an
#: unclean end (a damaged page they read is still caught by its HMAC).
READ_ONLY: frozenset[tuple[str, str]] = frozenset(
    {
        ("status", ""), ("list", ""), ("report", ""), ("statement", ""), ("check-card", ""),
        ("officer", "list"), ("event", "list"), ("backup", "list"), ("audit", "verify"),
        ("settings", ""), ("settings", "list"),
        ("check", ""),  # runs the check itself
    }
)  # fmt: skip

#: (command, action) -> the function, for commands that never open the database.
FOLDER_COMMANDS: dict[tuple[str, str], tuple[str, str]] = {
    ("backup", "restore"): ("cli.backup", "restore"),
}


def _load(where: tuple[str, str]) -> object:
    module, name = where
    return getattr(importlib.import_module(module), name)


def only_reads(args: argparse.Namespace) -> bool:
    return (args.command, getattr(args, "action", None) or "") in READ_ONLY


def command_for(args: argparse.Namespace) -> Command:
    return cast(Command, _load(COMMANDS[args.command]))


def folder_command_for(args: argparse.Namespace) -> FolderCommand | None:
    """The command to run on the bare folder, when this is one."""
    where = FOLDER_COMMANDS.get((args.command, getattr(args, "action", None) or ""))
    return None if where is None else cast(FolderCommand, _load(where))
