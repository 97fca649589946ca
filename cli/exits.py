"""The command line's exit codes, declared once."""

from __future__ import annotations

from typing import Final

EXIT_OK: Final = 0
EXIT_ERROR: Final = 1  # the command failed; the reason is on standard error
EXIT_USAGE: Final = 2  # argparse's own code for a malformed command line
EXIT_REJECTED: Final = 3  # an import refused some rows
# `sync` exits with the sync report's own code: 4 while records still wait for HQ, 5 when
# records need the officer (the sync engine classifies a cycle; see SyncReport.exit_code).
EXIT_WAITING: Final = 4
EXIT_REVIEW: Final = 5
