"""Validation problems with a stable code, a field and a message in the officer's language.

Messages never quote the values typed: an exception or a log line must not carry a NIK,
a name or a phone number (UU 27/2022). The screen shows the value next to the message.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from models.messages import text

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field. Warnings are shown but do not block saving."""

    field: str
    code: str
    params: dict[str, Any] = dc_field(default_factory=dict)
    severity: str = ERROR

    def message(self, lang: str = "id") -> str:
        return text(self.code, lang, **self.params)

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {"field": self.field, "code": self.code, "message": self.message(lang)}


class SigapError(Exception):
    """An error the officer can act on; its text is safe to show and to log."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(text(code, "en", **params))

    def message(self, lang: str = "id") -> str:
        return text(self.code, lang, **self.params)


class ValidationError(SigapError):
    """One or more blocking problems; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == ERROR]
        self.code = "validation_failed"
        self.params = {"count": len(self.problems)}
        Exception.__init__(self, "; ".join(f"{p.field}: {p.code}" for p in self.problems))

    def message(self, lang: str = "id") -> str:
        return "\n".join(f"{p.field}: {p.message(lang)}" for p in self.problems)


def raise_if_errors(problems: list[Problem]) -> None:
    if any(p.severity == ERROR for p in problems):
        raise ValidationError(problems)


# ------------------------------------------------------------------ storage errors by kind

# SQLite's primary result codes (https://sqlite.org/rescode.html) the desk tells apart. The
# driver puts the code on the exception (`sqlite_errorcode`, `sqlite_errorname`), so the kind
# of error is read from there, never from the wording of its message.
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CONSTRAINT = 19
SQLITE_NOTADB = 26


def sqlite_code(exc: BaseException) -> int | None:
    """The primary result code of a database error (extended codes folded), or None when the
    exception does not come from SQLite."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if not isinstance(code, int) else code & 0xFF


def is_constraint_violation(exc: BaseException) -> bool:
    """A UNIQUE, NOT NULL, CHECK or foreign key constraint refused the write."""
    return sqlite_code(exc) == SQLITE_CONSTRAINT


def _error_name(exc: BaseException) -> str:
    """A stable name for the error, for the officer to pass on to IT: SQLite's own name for
    the code (`SQLITE_IOERR`), the OS's (`EACCES`), or the exception's type. Never the
    exception's text, which can quote what was being written."""
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str) and name:
        return name
    if isinstance(exc, OSError) and exc.errno is not None:
        return errno.errorcode.get(exc.errno, f"errno {exc.errno}")
    return type(exc).__name__


def storage_problem(exc: BaseException) -> SigapError:
    """The officer's words for a database or file error, by its kind: a full disk says so and
    what to do; a database another program holds asks to close it; anything else names the
    error for IT."""
    code = sqlite_code(exc)
    if code == SQLITE_FULL or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
        return SigapError("disk_full")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return SigapError("database_busy")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        # A page whose HMAC no longer matches (SQLCipher checks each page it reads), or a
        # b-tree that no longer holds together: the same words as the full check's.
        return SigapError("database_damaged")
    return SigapError("database_problem", reason=_error_name(exc))
