"""Smoke test of the built bundle: the frozen program, not the source, does what CI needs.

    python3 packaging/smoke.py [--bundle dist/sigap] [--compare-source]

Runs `sigap --version`, `demo` on a fresh folder, `status`, `cards --sheet`, `receipt`,
`report`, checks every file of resources/ is in the bundle, and starts the window in a
fresh Xvfb until the sign-in screen is on it (`xwininfo`, Debian x11-utils). With
--compare-source, also times the source's window start (`python main.py`) in the same run
and prints the ratio. Standard library only; exit 0 when all passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASS_ENV = "SIGAP_PASSPHRASE"
WINDOW_TIMEOUT = 60.0
SIGN_IN_TITLE = "masuk"  # "Sigap — masuk", the sign-in dialog (ui/screens/sign_in.py)
WINDOW_LINE = re.compile(r'^\s*(0x[0-9a-fA-F]+) "(.*)": ')


class SmokeFailure(Exception):
    pass


def run(program: Sequence[str], *args: str, env: dict[str, str] | None = None,
        timeout: float = 120) -> str:  # fmt: skip
    """Run one command; its standard output, or SmokeFailure with its standard error."""
    command = [*program, *args]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, errors="replace",
                            env=env, timeout=timeout, stdin=subprocess.DEVNULL)  # fmt: skip
    took = time.monotonic() - started
    shown = " ".join(args)
    if result.returncode != 0:
        raise SmokeFailure(f"`sigap {shown}` exited {result.returncode}:\n{result.stderr}")
    if "Traceback" in result.stderr:
        raise SmokeFailure(f"`sigap {shown}` wrote a traceback:\n{result.stderr}")
    print(f"ok   sigap {shown}  ({took:.1f} s)")
    return result.stdout


def pdf(path: Path) -> None:
    data = path.read_bytes() if path.is_file() else b""
    if not data.startswith(b"%PDF-") or len(data) < 1000:
        raise SmokeFailure(f"{path} is not a PDF")


def check_resources(bundle: Path) -> None:
    """Every file of the source's resources/ is in the bundle (data files, LICENSE files)."""
    internal = bundle / "_internal"
    source = ROOT / "resources"
    missing = [
        str(p.relative_to(ROOT))
        for p in sorted(source.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
        and not (internal / p.relative_to(ROOT)).is_file()
    ]  # fmt: skip
    if not (internal / "pyproject.toml").is_file():
        missing.append("pyproject.toml")
    if missing:
        raise SmokeFailure("the bundle lacks: " + ", ".join(missing))
    print(f"ok   every file of resources/ is in the bundle ({internal})")


def commands(program: Sequence[str], work: Path) -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        version = tomllib.load(f)["project"]["version"]
    out = run(program, "--version")
    if version not in out:
        raise SmokeFailure(f"--version said {out!r}, pyproject.toml says {version}")
    data = work / "data"
    os.environ["SIGAP_LOG_DIR"] = str(work / "logs")  # the programs started from here on
    demo = json.loads(run(program, "demo", "--data-dir", str(data)))
    env = dict(os.environ, SIGAP_OFFICER="demo", **{PASS_ENV: demo["passphrase"]})
    status = json.loads(run(program, "status", "--data-dir", str(data), env=env))
    if status.get("enrolments") != demo["enrolments"]:
        raise SmokeFailure(f"status: {status}")
    events = json.loads(run(program, "event", "list", "--format", "json",
                            "--data-dir", str(data), env=env))  # fmt: skip
    event = events[0]["event_id"]
    run(program, "cards", "--event", event, "--sheet", "--out", str(work / "cards.pdf"),
        "--data-dir", str(data), env=env)  # fmt: skip
    pdf(work / "cards.pdf")
    run(program, "export", "--event", event, "--out", str(work / "export.csv"),
        "--data-dir", str(data), env=env)  # fmt: skip
    with (work / "export.csv").open(newline="", encoding="utf-8-sig") as f:
        receipts = [row.get("receipt_number") for row in csv.DictReader(f)]
    receipt = next((r for r in receipts if r), None)
    if receipt is None:
        raise SmokeFailure("the export has no receipt number")
    run(program, "receipt", receipt, "--out", str(work / "receipt.pdf"),
        "--data-dir", str(data), env=env)  # fmt: skip
    pdf(work / "receipt.pdf")
    run(program, "report", "--event", event, "--out", str(work / "report.pdf"),
        "--data-dir", str(data), env=env)  # fmt: skip
    pdf(work / "report.pdf")
    people = json.loads(run(program, "list", "--event", event, "--format", "json",
                            "--show-nik", "--data-dir", str(data), env=env))  # fmt: skip
    check_log(work / "logs", people)


def check_log(folder: Path, people: list[dict[str, str]]) -> None:
    """The frozen program logged to $SIGAP_LOG_DIR, and none of the demo's NIKs or names."""
    logs = sorted(folder.glob("sigap.log*"))
    if not logs:
        raise SmokeFailure(f"no log written in {folder}")
    text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    leaked = {v for p in people for v in (p.get("nik"), p.get("full_name")) if v and v in text}
    if leaked:
        raise SmokeFailure(f"the log holds personal data: {len(leaked)} values")
    print(f"ok   log: {len(text.splitlines())} lines, none of {len(people)} people's "
          "NIKs or names")  # fmt: skip


# ------------------------------------------------------------------ the window


def start_xvfb(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    read_fd, write_fd = os.pipe()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
             "-nolisten", "tcp"],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, pass_fds=(write_fd,),
        )  # fmt: skip
    os.close(write_fd)
    data = b""
    deadline = time.monotonic() + 30
    try:
        while not data.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([read_fd], [], [], remaining)[0]:
                break
            chunk = os.read(read_fd, 64)
            if not chunk:
                break
            data += chunk
    finally:
        os.close(read_fd)
    if not data.strip().isdigit():
        stop(proc)
        raise SmokeFailure(f"Xvfb gave no display: {log.read_text(errors='replace')}")
    return proc, f":{int(data)}"


def stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def xwininfo(display: str, *args: str) -> str:
    result = subprocess.run(["xwininfo", "-display", display, *args], capture_output=True,
                            text=True, errors="replace", timeout=10)  # fmt: skip
    return result.stdout if result.returncode == 0 else ""


def sign_in_window(display: str) -> str | None:
    """The title of a mapped window of the sign-in screen, if one is up."""
    for line in xwininfo(display, "-root", "-children").splitlines():
        match = WINDOW_LINE.match(line)
        if match and SIGN_IN_TITLE in match.group(2):
            info = xwininfo(display, "-id", match.group(1))
            if "Map State: IsViewable" in info:
                return match.group(2)
    return None


def window_start(program: Sequence[str], data: Path, work: Path, label: str) -> float:
    """Seconds from starting the program to its sign-in window being shown."""
    xvfb, display = start_xvfb(work / f"xvfb-{label}.log")
    app = None
    err = work / f"window-{label}.stderr"
    try:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        for name in ("WAYLAND_DISPLAY", "SIGAP_OFFICER", PASS_ENV):
            env.pop(name, None)
        with err.open("wb") as err_file:
            started = time.monotonic()
            app = subprocess.Popen([*program, "--data-dir", str(data)], cwd=ROOT, env=env,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=err_file)  # fmt: skip
            title = None
            while time.monotonic() - started < WINDOW_TIMEOUT and app.poll() is None:
                title = sign_in_window(display)
                if title:
                    break
                time.sleep(0.05)
            took = time.monotonic() - started
        stderr = err.read_text(errors="replace")
        if app.poll() is not None:
            raise SmokeFailure(f"{label}: the window exited {app.returncode}:\n{stderr}")
        if title is None:
            windows = xwininfo(display, "-root", "-children")
            raise SmokeFailure(f"{label}: no sign-in window in {WINDOW_TIMEOUT:.0f} s; "
                               f"windows:\n{windows}\nstderr:\n{stderr}")  # fmt: skip
        if "Traceback" in stderr or "Could not load the Qt platform plugin" in stderr:
            raise SmokeFailure(f"{label}: the window started with errors:\n{stderr}")
        print(f"ok   {label} window: sign-in screen {title!r} shown in {took:.2f} s")
        return took
    finally:
        stop(app)
        stop(xvfb)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "sigap")
    parser.add_argument("--compare-source", action="store_true",
                        help="also time the source's window start, for the ratio")  # fmt: skip
    args = parser.parse_args(argv)
    exe = args.bundle / ("sigap.exe" if sys.platform == "win32" else "sigap")
    if not exe.is_file():
        print(f"FAIL no program at {exe}; build it first (packaging/build.py)", file=sys.stderr)
        return 1
    frozen = [str(exe.resolve())]
    missing_tools = [t for t in ("Xvfb", "xwininfo") if shutil.which(t) is None]
    try:
        with tempfile.TemporaryDirectory(prefix="sigap-smoke-") as tmp:
            work = Path(tmp)
            check_resources(args.bundle)
            commands(frozen, work)
            if missing_tools:
                raise SmokeFailure(f"{', '.join(missing_tools)} not found (Debian xvfb, "
                                   "x11-utils): the window cannot be checked")  # fmt: skip
            took = window_start(frozen, work / "data", work, "frozen")
            if args.compare_source:
                source = window_start([sys.executable, str(ROOT / "main.py")],
                                      work / "data", work, "source")  # fmt: skip
                print(f"window start, frozen/source: {took:.2f} s / {source:.2f} s "
                      f"= {took / source:.2f}")  # fmt: skip
    except (SmokeFailure, subprocess.TimeoutExpired, OSError, ValueError, KeyError) as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
