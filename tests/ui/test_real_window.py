"""Start the real application (``main.py``) in a real X server and check its window appears.

Needs the Debian packages ``xvfb`` (Xvfb) and ``x11-utils`` (xwininfo).
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

pytestmark = pytest.mark.slow  # starts Xvfb and the application

REPO_ROOT = Path(__file__).resolve().parents[2]
TITLE = "Sigap"
TIMEOUT = 30.0  # seconds, for Xvfb to come up and for the window to appear
# A child of the root window, as listed by `xwininfo -root -children`:
#      0x1a00007 "Sigap": ("main.py" "main.py")  1024x700+0+0  +0+0
WINDOW_LINE = re.compile(r'^\s*(0x[0-9a-fA-F]+) "(.*)": ')


def _require_tools(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"{', '.join(missing)} not found; install the Debian packages xvfb and x11-utils"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _start_xvfb(log: IO[bytes]) -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb on a display number of its own choosing (-displayfd) and return it."""
    read_fd, write_fd = os.pipe()
    proc = None
    try:
        proc = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_fd),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            pass_fds=(write_fd,),
        )
        os.close(write_fd)
        write_fd = -1
        # Xvfb writes "N\n" to the pipe once it accepts connections.
        data = b""
        deadline = time.monotonic() + TIMEOUT
        while not data.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([read_fd], [], [], remaining)[0]:
                break
            chunk = os.read(read_fd, 64)
            if not chunk:  # Xvfb exited
                break
            data += chunk
    except BaseException:
        _stop(proc)
        raise
    finally:
        os.close(read_fd)
        if write_fd >= 0:
            os.close(write_fd)
    if not data.strip().isdigit():
        _stop(proc)
        log.flush()
        pytest.fail(
            f"Xvfb did not report a display number (got {data!r}); "
            f"its log:\n{Path(log.name).read_text(errors='replace')}",
            pytrace=False,
        )
    return proc, f":{int(data)}"


def _xwininfo(display: str, *args: str) -> str:
    result = subprocess.run(
        ["xwininfo", "-display", display, *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=10,
    )
    return result.stdout if result.returncode == 0 else ""


def _find_window(display: str) -> tuple[str, str] | None:
    """Id and xwininfo report of a mapped top-level window whose title contains TITLE.

    Qt also creates small unmapped helper windows (e.g. "Qt Selection Owner for <app>"),
    hence the check on the map state.
    """
    for line in _xwininfo(display, "-root", "-children").splitlines():
        match = WINDOW_LINE.match(line)
        if match and TITLE in match.group(2):
            info = _xwininfo(display, "-id", match.group(1))
            if "Map State: IsViewable" in info:
                return match.group(1), info
    return None


def _geometry(info: str, field: str) -> int:
    match = re.search(rf"^\s*{field}:\s*(\d+)", info, re.MULTILINE)
    assert match, f"no {field} in xwininfo output:\n{info}"
    return int(match.group(1))


@pytest.mark.xvfb
def test_main_window_appears_in_real_x_server(tmp_path: Path) -> None:
    _require_tools("Xvfb", "xwininfo")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    xvfb = app = None
    with (
        open(tmp_path / "xvfb.log", "w+b") as xvfb_log,
        open(tmp_path / "app.stdout", "w+b") as app_out,
        open(tmp_path / "app.stderr", "w+b") as app_err,
    ):

        def app_stderr() -> str:
            app_err.flush()
            return (tmp_path / "app.stderr").read_text(errors="replace")

        try:
            xvfb, display = _start_xvfb(xvfb_log)
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
            env.pop("WAYLAND_DISPLAY", None)
            app = subprocess.Popen(
                [sys.executable, "main.py", "--data-dir", str(data_dir)],
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=app_out,
                stderr=app_err,
            )

            found = None
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline and app.poll() is None:
                found = _find_window(display)
                if found:
                    break
                time.sleep(0.25)

            if app.poll() is not None:
                pytest.fail(
                    f"main.py exited with code {app.returncode} "
                    f"(window {'seen' if found else 'never seen'}); "
                    f"stderr:\n{app_stderr()}",
                    pytrace=False,
                )
            if found is None:
                pytest.fail(
                    f"no window titled '*{TITLE}*' within {TIMEOUT:.0f}s; windows:\n"
                    f"{_xwininfo(display, '-root', '-children')}\n"
                    f"main.py stderr:\n{app_stderr()}",
                    pytrace=False,
                )

            _window_id, info = found
            width, height = _geometry(info, "Width"), _geometry(info, "Height")
            assert width > 200 and height > 200, f"window is only {width}x{height}:\n{info}"
        finally:
            _stop(app)
            _stop(xvfb)
