"""Every package the desk needs at run time has a 64-bit Windows wheel for the version
uv.lock pins, so the Windows bundle can be built without a compiler (docs/packaging.md).

The desk's packages are [project] dependencies and what they need on Windows, read from
uv.lock (the hq, dev and build groups are not in the bundle)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from packaging.markers import Marker

ROOT = Path(__file__).resolve().parents[2]
PYTHON = (3, 11)  # .python-version
WINDOWS = {
    "sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
    "platform_machine": "AMD64", "python_version": "3.11", "python_full_version": "3.11.9",
    "implementation_name": "cpython", "platform_python_implementation": "CPython",
}  # fmt: skip
WHEEL = re.compile(
    r"^(?P<name>[^-]+)-(?P<version>[^-]+)(-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$"
)  # noqa: E501


def _lock() -> dict[str, Any]:
    with (ROOT / "uv.lock").open("rb") as f:
        return tomllib.load(f)


def _on_windows(dep: dict[str, Any]) -> bool:
    marker = dep.get("marker")
    return marker is None or Marker(marker).evaluate(WINDOWS)


def runtime_packages(lock: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The desk's locked packages on 64-bit Windows, by name: [project] dependencies of
    the project, and theirs, transitively."""
    packages = {p["name"]: p for p in lock["package"]}
    root = next(p for p in lock["package"] if p.get("source", {}).get("virtual") == ".")
    wanted, todo = {}, [d for d in root.get("dependencies", []) if _on_windows(d)]
    while todo:
        dep = todo.pop()
        name = dep["name"]
        if name in wanted:
            continue
        wanted[name] = packages[name]
        todo.extend(d for d in packages[name].get("dependencies", []) if _on_windows(d))
        for extra in dep.get("extra", []):
            todo.extend(
                d for d in packages[name].get("optional-dependencies", {}).get(extra, [])
                if _on_windows(d)
            )  # fmt: skip
    return wanted


def installs_on_windows_x64(filename: str) -> bool:
    """A wheel CPython 3.11 on 64-bit Windows takes: pure Python (`py3-none-any`), or
    built for win_amd64 with cp311, an abi3 of 3.11 or older, or py3-none."""
    match = WHEEL.match(filename)
    if match is None:
        return False
    plats, abis = match["plat"].split("."), match["abi"].split(".")
    pys = match["py"].split(".")
    if "any" in plats:
        return "none" in abis and any(py in ("py3", "py2.py3") or py.startswith("py3")
                                      for py in pys)  # fmt: skip
    if "win_amd64" not in plats:
        return False
    for py in pys:
        if py == f"cp{PYTHON[0]}{PYTHON[1]}" and ({"cp311", "none"} & set(abis)):
            return True
        if py.startswith("cp3") and "abi3" in abis and int(py[3:]) <= PYTHON[1]:
            return True
        if py.startswith("py3") and "none" in abis:
            return True
    return False


def test_the_desk_packages_are_found() -> None:
    names = set(runtime_packages(_lock()))
    assert {"pyside6-essentials", "sqlcipher3", "cryptography", "reportlab"} <= names
    # the HQ server's web stack and the test tools are not the desk's
    assert not names & {"starlette", "uvicorn", "pytest", "mypy", "pyinstaller"}


def test_every_runtime_package_has_a_windows_x64_wheel() -> None:
    lacking = []
    for name, package in sorted(runtime_packages(_lock()).items()):
        wheels = [w["url"].rsplit("/", 1)[-1] for w in package.get("wheels", [])]
        if not any(installs_on_windows_x64(w) for w in wheels):
            lacking.append(f"{name} {package['version']}")
    assert not lacking, "no 64-bit Windows wheel for Python 3.11 in uv.lock: " + ", ".join(lacking)


def test_wheel_names_are_read_right() -> None:
    assert installs_on_windows_x64("httpx-0.28.1-py3-none-any.whl")
    assert installs_on_windows_x64("cryptography-50.0.2-cp311-abi3-win_amd64.whl")
    assert installs_on_windows_x64("pyside6_essentials-6.11.0-cp39-abi3-win_amd64.whl")
    assert installs_on_windows_x64("argon2_cffi_bindings-25.1.0-cp311-cp311-win_amd64.whl")
    assert not installs_on_windows_x64("x-1.0-cp311-cp311-win32.whl")
    assert not installs_on_windows_x64("x-1.0-cp312-cp312-win_amd64.whl")
    assert not installs_on_windows_x64("x-1.0-cp311-cp311-manylinux_2_28_x86_64.whl")
