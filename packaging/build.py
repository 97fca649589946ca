"""Build Sigap's one-folder bundle: dist/sigap/sigap (sigap.exe on Windows).

    uv run --group build python packaging/build.py

Runs PyInstaller on packaging/sigap.spec from a clean build/ and dist/sigap/, checks the
bundle holds every data file the desk reads, and prints its size. Exit 1 on any problem.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "sigap.spec"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
BUNDLE = DIST / "sigap"
WINDOWS = sys.platform == "win32"
PROGRAM = BUNDLE / ("sigap.exe" if WINDOWS else "sigap")
INNO_VERSION = BUILD / "version.iss"

# Data files the desk cannot work without, relative to the bundle's data folder.
REQUIRED = [
    "pyproject.toml",
    "resources/rates.json",
    "resources/schemes.json",
    "resources/occupations.csv",
    "resources/regions/LICENSE",
    "resources/fonts/LICENSE",
    "resources/i18n/sigap_en.qm",
    "resources/icons/sigap.png",
    "resources/icons/sigap.svg",
]


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def windows_version_info(path: Path) -> None:
    """The version resource of sigap.exe (Properties → Details), from pyproject.toml."""
    numbers = [int(p) for p in version().split(".")[:3] if p.isdigit()]
    numbers += [0] * (4 - len(numbers))
    tup = tuple(numbers)
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tup}, prodvers={tup}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'Sigap'),
      StringStruct('FileDescription', 'Sigap enrolment desk'),
      StringStruct('FileVersion', '{version()}'),
      StringStruct('ProductName', 'Sigap'),
      StringStruct('ProductVersion', '{version()}'),
      StringStruct('OriginalFilename', 'sigap.exe')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def inno_version(path: Path) -> None:
    """build/version.iss, which packaging/sigap.iss includes: the installer's version."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#define AppVersion "{version()}"\n', encoding="utf-8")


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    shutil.rmtree(BUILD, ignore_errors=True)
    shutil.rmtree(BUNDLE, ignore_errors=True)
    if WINDOWS:
        windows_version_info(BUILD / "version_info.txt")
    inno_version(INNO_VERSION)  # for packaging/sigap.iss (Windows installer)
    command = [
        sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean",
        "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
        "--log-level", "WARN",
    ]  # fmt: skip
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        print("PyInstaller failed", file=sys.stderr)
        return 1
    internal = BUNDLE / "_internal"
    missing = [name for name in REQUIRED if not (internal / name).is_file()]
    if not PROGRAM.is_file():
        missing.append(str(PROGRAM.relative_to(BUNDLE)))
    if missing:
        print("the bundle lacks: " + ", ".join(missing), file=sys.stderr)
        return 1
    print(f"built {PROGRAM} (Sigap {version()}): {size_of(BUNDLE) / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
