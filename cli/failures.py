"""Every failure a command can meet, told to the officer in words and as an exit code;
never a traceback."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from cli.exits import EXIT_ERROR
from cli.output import say
from models.db_file import driver_errors
from models.errors import SigapError, ValidationError, storage_problem
from models.messages import text


def run_guarded(lang: str, run: Callable[[], int]) -> int:
    """`run()`'s exit code, or EXIT_ERROR with the reason on standard error."""
    try:
        return run()
    except BrokenPipeError:
        # The reader went away (`sigap list | head`): what it wanted was printed. Point
        # standard output at nothing, so the exit's flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except ValidationError as exc:
        for p in exc.problems:
            say(f"{p.field}: {p.message(lang)}")
    except SigapError as exc:
        say(exc.message(lang))
        if exc.code in ("database_damaged", "database_missing"):
            say(text("backup_restore_hint", lang))
    except driver_errors() as exc:  # the driver loads at the sign-in, after the hash
        problem = storage_problem(exc)
        say(problem.message(lang))
        if problem.code == "database_damaged":  # a page that fails its HMAC when read
            say(text("backup_restore_hint", lang))
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            say(text("disk_full", lang))
        else:
            say(text("file_problem", lang, reason=exc.strerror or type(exc).__name__))
    return EXIT_ERROR
