"""What callers of the renderers need without loading them: the progress callback of a long
render, its cancellation, the receipt formats. No reportlab here: the window and the
command line import this at start, and the renderers (reportlab, num2words) only when
something is printed."""

from __future__ import annotations

from collections.abc import Callable

RECEIPT_FORMATS = ("a6", "80mm")

#: Called with the number of items done; returning False stops with `Cancelled`.
Progress = Callable[[int], bool]


class Cancelled(Exception):
    """The `progress` callback asked to stop; no PDF was made."""
