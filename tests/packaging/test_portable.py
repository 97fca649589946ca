"""The desk runs on Windows too: no POSIX-only call outside a branch that checks the OS.

Scans the production code (everything the bundle carries) for modules, functions and
constants Windows lacks; each use must sit under an `if` on `os.name` / `sys.platform` /
`hasattr(...)`, or in a `try` that catches ImportError or AttributeError."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("models", "sync", "reports", "services", "ui", "cli")
POSIX_MODULES = {"fcntl", "pwd", "grp", "termios", "tty", "pty", "resource", "posix"}
POSIX_NAMES = {
    ("os", "fchmod"), ("os", "fchown"), ("os", "chown"), ("os", "lchown"), ("os", "getuid"),
    ("os", "geteuid"), ("os", "getgid"), ("os", "fork"), ("os", "setsid"), ("os", "killpg"),
    ("os", "getpgid"), ("os", "O_DIRECTORY"), ("os", "O_NOFOLLOW"), ("os", "sync"),
    ("os", "statvfs"), ("os", "uname"), ("os", "mkfifo"), ("os", "WNOHANG"),
    ("signal", "SIGKILL"), ("signal", "SIGHUP"), ("signal", "SIGUSR1"),
    ("signal", "SIGUSR2"), ("signal", "SIGALRM"), ("signal", "SIGCHLD"), ("signal", "alarm"),
    ("signal", "SIGQUIT"), ("signal", "SIGPIPE"),
}  # fmt: skip
GUARD_WORDS = ("os.name", "sys.platform", "hasattr", "platform.system")


def _sources() -> list[Path]:
    files = [ROOT / "main.py"]
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py")) if (ROOT / package).is_dir() else []
    return files


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    child = node
    while child in parents:
        parent = parents[child]
        if isinstance(parent, ast.If | ast.IfExp | ast.While):
            if any(word in ast.unparse(parent.test) for word in GUARD_WORDS):
                return True
        if isinstance(parent, ast.Try) and child in parent.body:
            caught = " ".join(ast.unparse(h.type) for h in parent.handlers if h.type is not None)
            if "ImportError" in caught or "AttributeError" in caught:
                return True
        if isinstance(parent, ast.FunctionDef) and any(
            isinstance(n, ast.If) and any(w in ast.unparse(n.test) for w in GUARD_WORDS)
            and any(isinstance(s, ast.Return) for s in n.body)
            for n in parent.body[:3]
        ):  # fmt: skip
            return True  # an early `if os.name == "nt": return` at the top of the function
        child = parent
    return False


def posix_only_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Import):
            names = {a.name.split(".")[0] for a in node.names} & POSIX_MODULES
            what = ", ".join(sorted(names)) if names else None
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in POSIX_MODULES:
                what = node.module
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in POSIX_NAMES:
                what = f"{node.value.id}.{node.attr}"
        if what and not _guarded(node, parents):
            found.append((node.lineno, what))  # type: ignore[attr-defined]
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return [f"{name}:{line}: {what}" for line, what in sorted(found)]


def test_no_unguarded_posix_only_calls() -> None:
    found = [use for path in _sources() for use in posix_only_uses(path)]
    assert not found, "POSIX-only, not behind an OS check:\n" + "\n".join(found)


def test_the_scan_finds_what_it_should(tmp_path: Path) -> None:
    sample = tmp_path / "posix_sample.py"
    sample.write_text(
        "import os, signal\nimport fcntl\nos.fchmod(1, 0o600)\n"
        "if os.name == 'posix':\n    os.fchmod(1, 0o600)\n"
        "try:\n    import pwd\nexcept ImportError:\n    pwd = None\n"
        "signal.SIGKILL\n",
        encoding="utf-8",
    )
    found = posix_only_uses(sample)
    assert [f.split(": ", 1)[1] for f in found] == ["fcntl", "os.fchmod", "signal.SIGKILL"]
