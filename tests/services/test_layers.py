"""The arrows between the core's packages: models/ imports none of reports/, services/,
sync/ or ui/; reports/ imports models/ at most; services/ no Qt and no ui/. Imports inside
functions count."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGES = ("models", "reports", "services", "sync", "ui", "cli", "hq", "main")
ALLOWED = {
    "models": {"models"},
    "reports": {"reports", "models"},
    "services": {"services", "models", "reports", "sync"},
}


def imported_packages(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in PACKAGES or top == "PySide6":
                found.add(top)
    return found


def test_each_layer_imports_only_what_lies_below_it():
    offenders = []
    for package, allowed in ALLOWED.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            wrong = imported_packages(path) - allowed
            if wrong:
                offenders.append(f"{path.relative_to(ROOT)} imports {sorted(wrong)}")
    assert offenders == []
