"""Sigap's entry point and composition root: parse the command line, then either start the
window or open the desk and run one command (`cli/`). `python main.py --help` lists the
commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.failures import run_guarded
from cli.parser import parse_args
from models import folder
from models.db_file import resolve_data_dir
from services.applog import install_excepthooks, start_logging, terminal_notice


def _window(args: argparse.Namespace, data_dir: Path) -> int:
    """One window per data folder (a second start is told in a message box). Qt is loaded
    only here, never for a command."""
    from ui.app import run_gui
    from ui.crash import install_crash_handlers
    from ui.start_refusal import run_held

    install_crash_handlers()  # errors to the log and a plain dialog, never a traceback
    return run_held(data_dir, args.lang, lambda: run_gui(data_dir, args.lang))


def _command(args: argparse.Namespace, data_dir: Path) -> int:
    """Commands may run beside the window: each is short and transactional, and syncs take
    their own lock. Each holds the data folder shared while it runs; a restore runs on the
    bare folder, alone (models/folder.py). The commands' modules load only here, never
    for the window."""
    from cli.commands import command_for, folder_command_for, only_reads
    from cli.session import open_desk

    on_folder = folder_command_for(args)
    if on_folder is not None:
        return on_folder(args, data_dir)
    with folder.shared(data_dir):
        desk = open_desk(args, data_dir, only_reads(args))
        try:
            return command_for(args)(args, desk)
        finally:
            desk.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    start = _window if args.command is None else _command
    return run_guarded(args.lang, lambda: start(args, data_dir))


if __name__ == "__main__":
    start_logging()  # the user's log folder, or $SIGAP_LOG_DIR
    install_excepthooks(terminal_notice)
    sys.exit(main())
