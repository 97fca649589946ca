"""Work-arounds for bugs in the Qt binding this project pins.

PySide6 6.12.0's `SignalInstance.emit()` returns `True` without taking a reference to it.
On Python 3.11, where `True` is an ordinary counted object, every emit from Python code
therefore drops one reference nobody took; after a few thousand emits (a day of probing HQ,
or one batch of 4,000 cards reporting progress) the count reaches zero and the interpreter
aborts with "bool_dealloc: deallocating True or False". Python 3.12 made `True` immortal,
so the bug is harmless there. Here we give `True` so many references that no run of the
program can use them up, which is what 3.12 does by design.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

SPARE_REFERENCES = 1 << 40  # a trillion emits


class _Probe(QObject):
    ping = Signal()


def emit_drops_a_reference_to_true() -> bool:
    """Whether this binding has the bug (measured, not guessed from version numbers)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def keep_true_alive() -> bool:
    """Apply the work-around where needed; True when it was applied."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not emit_drops_a_reference_to_true():
        return False
    # CPython's object header starts with the reference count (a Py_ssize_t). Checked
    # after writing; undone if the layout were ever different.
    count = ctypes.c_ssize_t.from_address(id(True))
    before = sys.getrefcount(True)
    count.value += SPARE_REFERENCES
    if sys.getrefcount(True) - before != SPARE_REFERENCES:
        count.value -= SPARE_REFERENCES
        return False
    return True


def install() -> None:
    """Once per process (importing `ui` does it)."""
    global _installed
    if not _installed:
        _installed = True
        keep_true_alive()


_installed = False
