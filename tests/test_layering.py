"""The layering of the style guide: the core imports without Qt, and SQL lives in models/."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ("models", "sync", "reports", "hq")


@pytest.mark.slow
def test_core_packages_import_without_qt():
    modules = [
        f"{pkg}.{p.stem}" if p.stem != "__init__" else pkg
        for pkg in CORE
        for p in sorted((ROOT / pkg).glob("*.py"))
    ]
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(k for k in sys.modules if k.startswith('PySide6')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
    assert len(modules) >= 10


def test_sql_lives_in_models_only():
    sql = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("ui", "sync", "reports")
        for p in (ROOT / folder).rglob("*.py")
        if sql.search(p.read_text(encoding="utf-8"))
    ]
    if sql.search((ROOT / "main.py").read_text(encoding="utf-8")):
        offenders.append("main.py")
    assert offenders == []
