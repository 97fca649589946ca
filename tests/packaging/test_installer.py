"""packaging/sigap.iss (the Windows installer, not yet run on Windows) against what the
build really makes: every path it names is one the spec's one-folder layout or the
repository has, and its version comes from pyproject.toml through build.py. This reads the
script; it does not run Inno Setup."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path, PureWindowsPath
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "sigap.iss"
SPEC = ROOT / "packaging" / "sigap.spec"


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sigap_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _build_module()


def sections() -> dict[str, list[str]]:
    """Lines of each [Section] (comments and blank lines left out); "" holds the
    preprocessor lines before the first section."""
    out: dict[str, list[str]] = {"": []}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if m := re.fullmatch(r"\[(\w+)\]", line):
            current = m.group(1)
            out.setdefault(current, [])
            continue
        out[current].append(line)
    return out


def setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in sections()["Setup"])


def entries(section: str) -> list[dict[str, str]]:
    """`Name: "x"; Filename: "y"; Flags: a b` lines as dicts."""
    out = []
    for line in sections()[section]:
        params = {}
        for part in line.split(";"):
            key, _, value = part.strip().partition(":")
            params[key.strip()] = value.strip().strip('"')
        out.append(params)
    return out


def app_path(value: str) -> PureWindowsPath:
    """`{app}\\sigapw.exe` → the path inside the bundle folder."""
    assert value.startswith("{app}\\"), value
    return PureWindowsPath(value.removeprefix("{app}\\"))


def spec_text() -> str:
    return SPEC.read_text(encoding="utf-8")


def test_paths_are_from_the_repository_root() -> None:
    # Source, OutputDir and SetupIconFile are relative to SourceDir, itself relative to
    # the script's folder: the repository root.
    assert (ISS.parent / setup()["SourceDir"]).resolve() == ROOT


def test_it_installs_the_bundle_build_py_makes() -> None:
    files = entries("Files")
    assert [f["Source"] for f in files] == ["dist\\sigap\\*"]
    assert ROOT / Path(*PureWindowsPath(files[0]["Source"]).parent.parts) == build.BUNDLE
    assert "recursesubdirs" in files[0]["Flags"].split()  # _internal\ and below
    assert files[0]["DestDir"] == "{app}"
    # The spec's one-folder output is named sigap, under build.py's --distpath dist.
    assert re.search(r'COLLECT\([^)]*name="sigap"', spec_text(), re.S)
    assert build.DIST == ROOT / "dist"


def test_the_shortcut_starts_the_windowed_program_with_the_icon() -> None:
    (icon,) = entries("Icons")
    assert icon["Name"] == "{autoprograms}\\Sigap"
    assert app_path(icon["Filename"]) == PureWindowsPath("sigapw.exe")
    # The spec makes sigapw (no console) on Windows, beside sigap.
    assert re.search(r'name="sigapw",\s*console=False', spec_text())
    # The icon is the repository's ICO, shipped with resources/ in the bundle's _internal.
    ico = app_path(icon["IconFilename"])
    assert ico.parts[0] == "_internal"  # build.py checks the data files there
    assert (ROOT / Path(*ico.parts[1:])).is_file()
    assert '(str(ROOT / "resources"), "resources")' in spec_text()
    assert (ROOT / Path(*PureWindowsPath(setup()["SetupIconFile"]).parts)).is_file()
    assert app_path(setup()["UninstallDisplayIcon"]) == PureWindowsPath("sigapw.exe")


def test_64_bit_windows_10_1809_per_machine() -> None:
    s = setup()
    assert s["MinVersion"] == "10.0.17763"
    assert s["ArchitecturesAllowed"] == s["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert s["PrivilegesRequired"] == "admin"
    assert s["DefaultDirName"] == "{autopf}\\Sigap"  # C:\Program Files\Sigap


def test_the_version_comes_from_pyproject_through_build_py(tmp_path: Path) -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        version = tomllib.load(f)["project"]["version"]
    pre = sections()[""]
    included = [m.group(1) for line in pre if (m := re.fullmatch(r'#include "(.+)"', line))]
    assert len(included) == 1
    target = (ISS.parent / Path(*PureWindowsPath(included[0]).parts)).resolve()
    assert target == build.INNO_VERSION.resolve()  # the file build.py writes
    out = tmp_path / "version.iss"
    build.inno_version(out)
    assert out.read_text(encoding="utf-8") == f'#define AppVersion "{version}"\n'
    s = setup()
    assert s["AppVersion"] == s["VersionInfoVersion"] == "{#AppVersion}"
    assert s["OutputBaseFilename"] == "sigap-setup-{#AppVersion}"
    assert "#ifndef AppVersion" in pre  # ISCC /DAppVersion=… still wins


def test_uninstall_leaves_the_officers_data_alone() -> None:
    text = ISS.read_text(encoding="utf-8").lower()
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(";"))
    assert "uninstalldelete" not in code and "[code]" not in code
    assert "localappdata" not in code and "userappdata" not in code


@pytest.mark.parametrize(
    "words",
    [
        "NOT YET RUN ON WINDOWS",
        "packaging\\sigap.iss",
        '"${env:ProgramFiles(x86)}\\Inno Setup 6\\ISCC.exe" packaging\\sigap.iss',
        "dist\\sigap-setup-",
        "MinVersion=10.0.17763",
    ],
)
def test_the_docs_give_the_scripts_steps(words: str) -> None:
    assert words in (ROOT / "docs" / "packaging.md").read_text(encoding="utf-8")
