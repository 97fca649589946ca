"""Sigap's log, for the people who support a desk: a rotating file in the user's log folder
at INFO, with personal data kept out, and hard crashes written beside it. Qt-free, so the
command line uses it as the window does (`ui/crash.py` adds the window's dialog).

Personal data stays out two ways. The code never logs a record's contents (ids, counts,
states and codes only). And a filter on the file redacts, in every message and traceback,
what looks like personal data anyway: 16-digit numbers (NIKs), phone numbers, passphrases
and secrets after their keyword, the values of name, address and phone fields, and quoted
text that reads as a name."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import re
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from models.version import NAME, app_version

LOG_DIR_ENV = "SIGAP_LOG_DIR"  # where the log goes instead of the user's log folder
LOG_FILE = "sigap.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

log = logging.getLogger("sigap")

# ------------------------------------------------------------------ redaction

REDACTED = "[…]"
_PERSONAL_KEYS = (
    r"nik|full_name|name|nama|mother_maiden_name|birth_place|phone|telepon|hp|address|"
    r"alamat|street|heirs?|ahli_waris|passphrase|password|kata_sandi|sandi|secret|token|"
    r"device_token|registration_code|key"
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "full_name": "Siti", 'phone': '+62…', nik=3577…, passphrase: abc
    (
        re.compile(
            rf"""(?ix)(["']?\b(?:{_PERSONAL_KEYS})\b["']?\s*[:=]\s*)
                 ("[^"]*"|'[^']*'|[^\s,;)}}\]]+)"""
        ),
        r"\1" + REDACTED,
    ),
    # "Authorization: Bearer …"
    (re.compile(r"(?i)\b(bearer)\s+\S+"), r"\1 " + REDACTED),
    # a NIK: 16 digits (also with separators inside, e.g. 3577-0112-…)
    (re.compile(r"(?<!\d)\d(?:[ .-]?\d){15}(?!\d)"), "[NIK]"),
    # other long digit runs: member numbers, card and account numbers
    (re.compile(r"(?<!\d)\d{11,}(?!\d)"), "[number]"),
    # Indonesian phone numbers: +62 8…, 62 8…, 08…
    (re.compile(r"(?<![\w+])(?:\+?62|0)[ -]?8\d(?:[ -]?\d){6,11}(?!\d)"), "[phone]"),
    # quoted text of two or more capitalised words: what a name looks like in a message
    (
        re.compile(r"""(["'])\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)+\s*\1"""),
        r"\1" + REDACTED + r"\1",
    ),
)


def redact(text: str) -> str:
    """`text` with what looks like personal data replaced."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Redacts a record's whole message and traceback before any handler writes it; the
    record's arguments (where data would hide) are folded into the message first."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg!r} (arguments not shown)"
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# ------------------------------------------------------------------ the file


def log_dir() -> Path:
    """$SIGAP_LOG_DIR, or the user's log folder (platformdirs: ~/.local/state/Sigap/log on
    Linux, %LOCALAPPDATA%\\Sigap\\Logs on Windows)."""
    configured = os.environ.get(LOG_DIR_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_log_path

    return user_log_path(NAME, appauthor=False)


_state: dict[str, Any] = {}


def start_logging(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Log to `folder`/sigap.log (rotated at 1 MB, 5 kept) and hard crashes to crash.log;
    the log file's path. Again with another folder moves the log there. A folder that
    cannot be written leaves logging off: Sigap works without its log."""
    folder = folder or log_dir()
    stop_logging()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return folder / LOG_FILE
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))  # writes the redacted exc_text
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    _state["root_level"] = root.level
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    # httpcore's INFO is every socket event; httpx's own INFO (one line a request) stays.
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    _state["handler"] = handler
    _state["folder"] = folder
    _enable_faulthandler(folder)
    # Not platform.platform(): on Linux it runs `uname -p` in a subprocess at every start.
    system = f"{platform.system()}-{platform.release()}-{platform.machine()}"
    log.info("%s %s started on %s, Python %s, pid %d", NAME, app_version(),
             system, platform.python_version(), os.getpid())  # fmt: skip
    return folder / LOG_FILE


def stop_logging() -> None:
    handler = _state.pop("handler", None)
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
        logging.getLogger().setLevel(_state.pop("root_level", logging.WARNING))
    crash_file: IO[str] | None = _state.pop("crash_file", None)
    if crash_file is not None:
        faulthandler.disable()
        crash_file.close()
    _state.pop("folder", None)


def current_log_file() -> Path | None:
    folder = _state.get("folder")
    return folder / LOG_FILE if folder is not None else None


def _enable_faulthandler(folder: Path) -> None:
    """A segfault or abort (in Qt, SQLCipher…) writes every thread's stack to crash.log;
    Python cannot log those itself."""
    try:
        crash_file = open(folder / CRASH_FILE, "a", encoding="utf-8")  # noqa: SIM115
    except OSError:
        return
    crash_file.write(f"--- {NAME} {app_version()} pid {os.getpid()} started "
                     f"{datetime.now(UTC).isoformat(timespec='seconds')}\n")  # fmt: skip
    crash_file.flush()
    faulthandler.enable(file=crash_file, all_threads=True)
    _state["crash_file"] = crash_file


# ------------------------------------------------------------------ unexpected errors

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def details(exc_info: ExcInfo, where: str = "") -> str:
    """What support needs about one error, without personal data: version, system, time,
    where, the traceback (redacted)."""
    lines = [
        f"{NAME} {app_version()}",
        f"{platform.platform()}, Python {platform.python_version()}",
        datetime.now(UTC).isoformat(timespec="seconds"),
    ]
    if where:
        lines.append(where)
    lines.append("")
    lines.append("".join(traceback.format_exception(*exc_info)).rstrip())
    return redact("\n".join(lines))


def install_excepthooks(show: Callable[[str], None] | None = None) -> None:
    """Every uncaught exception, in the main thread or any other, goes to the log with its
    traceback, and to `show(details)` (the window's dialog) when given. Ctrl+C in a
    terminal stays a plain interruption."""
    previous = sys.excepthook

    def on_error(exc_info: ExcInfo, where: str) -> None:
        log.error("unexpected error%s", f" in {where}" if where else "", exc_info=exc_info)
        if show is not None:
            try:
                show(details(exc_info, where))
            except Exception:  # noqa: BLE001 - the dialog failing must not loop
                log.exception("the error dialog failed")

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        on_error((exc_type, exc, tb), "")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        on_error((args.exc_type, args.exc_value, args.exc_traceback), f"thread {name}")

    sys.excepthook = hook
    threading.excepthook = thread_hook


def terminal_notice(details: str) -> None:
    """The command line's word on an unexpected error: plain, both languages, where the
    details are; never the traceback itself (that is in the log)."""
    where = current_log_file() or log_dir()
    stream = sys.stderr or sys.__stderr__
    if stream is None:
        return
    try:
        stream.write(
            f"Terjadi kesalahan yang tidak terduga; detail disimpan di {where}.\n"
            f"An unexpected error occurred; the details are in {where}.\n"
        )
    except (OSError, ValueError):
        pass
