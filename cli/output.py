"""What commands print, and what they read from the officer at the terminal."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from models.errors import SigapError
from models.files import write_atomic
from models.messages import text


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    cells = [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for r in cells:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def say(message: str) -> None:
    """A message for the officer, on standard error (standard output carries the data)."""
    print(message, file=sys.stderr)


def write_pdf(out: Path, pdf: bytes) -> None:
    """Beside the target, then moved into place: a failed write never leaves half a PDF."""
    write_atomic(out, pdf)
    print_json({"out": str(out), "bytes": len(pdf)})


def read_new_passphrase() -> str:
    """A new passphrase: asked twice on a terminal, else one line of standard input."""
    if sys.stdin.isatty():
        first = getpass.getpass("Kata sandi / passphrase: ")
        if getpass.getpass("Ulangi / repeat: ") != first:
            raise SystemExit("Kata sandi tidak sama. / The passphrases differ.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def signing_in_passphrase(officer_id: str, lang: str) -> str:
    """The signing-in officer's passphrase: $SIGAP_PASSPHRASE, else asked on a terminal."""
    env = os.environ.get("SIGAP_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise SigapError("passphrase_needed")
    return getpass.getpass(text("passphrase_prompt", lang, officer_id=officer_id))
