"""Sigap's version, written in one place: `[project] version` in pyproject.toml.

Read at run time with tomllib, from the source checkout or from the bundle, which carries
pyproject.toml beside the code (packaging/sigap.spec): no installed package metadata is
needed (the project is not installed as a package, and a frozen build has none).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

NAME = "Sigap"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


@cache
def app_version() -> str:
    """`0.1.0`; "unknown" only when pyproject.toml is missing or unreadable."""
    try:
        with PYPROJECT.open("rb") as f:
            version = tomllib.load(f)["project"]["version"]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError):
        return "unknown"
    return str(version)


def user_agent() -> str:
    """What the desk calls itself to HQ: `Sigap/0.1.0`."""
    return f"{NAME}/{app_version()}"


def version_key(version: str) -> tuple[int, ...]:
    """`"0.10.2"` → (0, 10, 2), for comparing versions; parts that are not numbers (a
    suffix such as `rc1`) count from their leading digits, or 0."""
    parts: list[int] = []
    for part in version.strip().split("."):
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        parts.append(int(digits) if digits else 0)
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)
