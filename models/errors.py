"""Validation problems with a stable code, a field and a message in the officer's language.

Messages never quote the values typed: an exception or a log line must not carry a NIK,
a name or a phone number (UU 27/2022). The screen shows the value next to the message.
"""

from __future__ import annotations

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
