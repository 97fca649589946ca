"""The command line's exit codes, declared once."""

from __future__ import annotations

from typing import Final

EXIT_OK: Final = 0
EXIT_ERROR: Final = 1  # the command failed; the reason is on standard error
EXIT_USAGE: Final = 2  # argparse's own code for a malformed command line
EXIT_REJECTED: Final = 3  # an import refused some rows
# `sync` exits with the sync report's own code, declared with the engine that classifies a
# cycle (sync.engine: EXIT_WAITING 4 while records still wait for HQ, EXIT_REVIEW 5 when
# records need the officer).
