"""The layering of the style guide, read from the source.

`ui/` and `cli/` → `services/` (use cases) → `models/`, `reports/`, `sync/`; `reports/` and
`sync/` → `models/` at most; `models/` imports none of them; only `ui/` imports Qt; no import
cycle between modules; no production file over 600 lines. Every import statement counts,
those inside functions too (those under `if TYPE_CHECKING:` only for the layers: they never
run). Run alone: `uv run pytest tests/test_layering.py`.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("models", "sync", "reports", "services", "hq", "cli", "ui")
QT_FREE = ("models", "sync", "reports", "services", "hq", "cli")
MAX_LINES = 600
# The message catalogue is one long table; frozen migrations are never edited again.
LONG_ALLOWED = {"models/messages.py"}

# package → the project's packages it must never import.
FORBIDDEN: dict[str, set[str]] = {
    "models": {"reports", "sync", "services", "ui", "cli", "hq", "main"},
    "reports": {"sync", "services", "ui", "cli", "hq", "main"},
    "sync": {"reports", "services", "ui", "cli", "hq", "main"},
    "services": {"ui", "cli", "hq", "main"},
    # The reference HQ shares the core's code, never the desk's use cases or interfaces;
    # the two interfaces sit side by side; main.py, the composition root, is imported by none.
    "hq": {"services", "ui", "cli", "main"},
    "cli": {"ui", "main"},
    "ui": {"cli", "main"},
}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module, dotted (the project's module where one matches)
    line: int
    runtime: bool  # False under `if TYPE_CHECKING:` (never executed)

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def production_files() -> tuple[Path, ...]:
    files = [ROOT / "main.py"]
    for pkg in PACKAGES:
        if (ROOT / pkg).is_dir():
            files += sorted((ROOT / pkg).rglob("*.py"))
    return tuple(files)


@cache
def project_modules() -> frozenset[str]:
    return frozenset(module_name(p) for p in production_files())


def _type_checking_block(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, runtime: bool = True) -> Iterator[tuple[ast.AST, bool]]:
    """Every node under `node`, with whether it runs (not under `if TYPE_CHECKING:`)."""
    for child in ast.iter_child_nodes(node):
        if _type_checking_block(child):
            assert isinstance(child, ast.If)
            for stmt in child.body:
                yield stmt, False
                yield from _walk(stmt, False)
            for stmt in child.orelse:
                yield stmt, runtime
                yield from _walk(stmt, runtime)
            continue
        yield child, runtime
        yield from _walk(child, runtime)


def _resolve(name: str) -> str:
    """The project's module `name` names, or its nearest project parent, or `name` itself."""
    modules = project_modules()
    probe = name
    while probe:
        if probe in modules:
            return probe
        probe = probe.rpartition(".")[0]
    return name


def imports_of(path: Path) -> list[Import]:
    source = module_name(path)
    is_package = path.name == "__init__.py"
    package = source if is_package else source.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []
    for node, runtime in _walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(source, _resolve(alias.name), node.lineno, runtime))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".") if package else []
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                full = f"{base}.{alias.name}" if base else alias.name
                target = full if full in project_modules() else _resolve(base)
                found.append(Import(source, target, node.lineno, runtime))
    return found


@cache
def all_imports() -> tuple[Import, ...]:
    return tuple(i for p in production_files() for i in imports_of(p))


def top(module: str) -> str:
    return module.partition(".")[0]


def assert_none(problems: list[str]) -> None:
    assert not problems, f"{len(problems)}:\n" + "\n".join(problems)


def test_the_graph_reader_sees_imports_inside_functions_and_relative_ones() -> None:
    """The reader itself: a function-level import, a relative one, TYPE_CHECKING apart."""
    code = (
        "from typing import TYPE_CHECKING\n"
        "import os\n"
        "if TYPE_CHECKING:\n"
        "    from models import db\n"
        "def f():\n"
        "    from sync.engine import sync_once\n"
        "    class C:\n"
        "        def g(self):\n"
        "            import reports\n"
        "from . import outbox\n"
    )
    tree = ast.parse(code)
    seen = [
        (n.lineno, runtime)
        for n, runtime in _walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
    ]
    assert seen == [(1, True), (2, True), (4, False), (6, True), (9, True), (10, True)]
    assert _resolve("sync.engine.sync_once") == "sync.engine"
    assert _resolve("PySide6.QtCore") == "PySide6.QtCore"


def _layer_violations(package: str) -> list[str]:
    forbidden = FORBIDDEN[package]
    return sorted(
        {
            f"{i.where} imports {i.target}"
            for i in all_imports()
            if top(i.source) == package and top(i.target) in forbidden
        }
    )


def test_models_import_no_other_layer() -> None:
    assert_none(_layer_violations("models"))


def test_reports_import_models_at_most() -> None:
    assert_none(_layer_violations("reports"))


def test_sync_imports_models_at_most() -> None:
    assert_none(_layer_violations("sync"))


def test_services_import_no_interface() -> None:
    assert_none(_layer_violations("services"))


def test_hq_and_the_interfaces_keep_their_place() -> None:
    assert_none([v for pkg in ("hq", "cli", "ui") for v in _layer_violations(pkg)])


def test_only_ui_imports_qt() -> None:
    offenders = sorted(
        {
            f"{i.where} imports {i.target}"
            for i in all_imports()
            if top(i.target) in ("PySide6", "shiboken6") and top(i.source) != "ui"
        }
    )
    assert_none(offenders)


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (or a module importing
    itself), each given as one cycle through it: [a, b, …, a]."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0

    def strongconnect(v: str) -> None:  # Tarjan's algorithm, iteratively deep enough here
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return [_cycle_through(graph, set(c)) for c in sorted(components)]


def _cycle_through(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest cycle from the component's first module back to itself (breadth first)."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph.get(v, set()) & component):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover


def test_the_cycle_finder_finds_and_reports_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}, "f": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"], ["e", "e"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_between_modules() -> None:
    """Imports inside functions count (they only postpone the cycle); those under
    `if TYPE_CHECKING:` do not (they never run)."""
    modules = project_modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    lines: dict[tuple[str, str], int] = {}
    for i in all_imports():
        if i.runtime and i.target in modules and i.target != i.source:
            graph[i.source].add(i.target)
            lines.setdefault((i.source, i.target), i.line)
    cycles = [
        " → ".join(f"{a} (line {lines[a, b]})" for a, b in zip(c, c[1:], strict=False))
        + f" → {c[-1]}"
        for c in find_cycles(graph)
    ]
    assert_none(cycles)


def test_no_production_file_over_600_lines() -> None:
    too_long = sorted(
        f"{rel}: {n} lines"
        for p in production_files()
        if (rel := p.relative_to(ROOT).as_posix()) not in LONG_ALLOWED
        and "migrations" not in p.relative_to(ROOT).parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    )
    assert_none(too_long)


@pytest.mark.slow
def test_core_packages_import_without_qt() -> None:
    modules = sorted(
        module_name(p)
        for pkg in QT_FREE
        if (ROOT / pkg).is_dir()
        for p in (ROOT / pkg).rglob("*.py")
    )
    assert {"models", "services", "sync", "reports", "hq"} <= set(modules)
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
    assert len(modules) >= 10


def test_sql_lives_in_models_only() -> None:
    sql = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("ui", "cli", "services", "sync", "reports")
        for p in (ROOT / folder).rglob("*.py")
        if sql.search(p.read_text(encoding="utf-8"))
    ]
    if sql.search((ROOT / "main.py").read_text(encoding="utf-8")):
        offenders.append("main.py")
    assert offenders == []
