"""A long table laid out a page at a time.

reportlab splits a long `Table` at the foot of each page into the rows that fit and a new
table of all the rows left, which it measures again: a statement of 4,500 members measured
its remaining rows on each of its 80 pages. `PagedTable` knows each row's height, and at
each page hands reportlab one page-sized `Table` (the header row first) and itself with the
rest, so every row is measured once."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any

from reportlab.platypus import Flowable, Table

#: make(first, count): the Table of the header and body rows first .. first + count - 1.
MakeTable = Callable[[int, int], Table]


class PagedTable(Flowable):  # type: ignore[misc]
    def __init__(
        self,
        count: int,
        heights: Sequence[float],
        header_height: float,
        width: float,
        make: MakeTable,
        first: int = 0,
    ) -> None:
        super().__init__()
        self.first, self.count, self.make = first, count, make
        self.heights = list(heights)  # of rows first .. first + count - 1
        self.header_height, self.table_width = header_height, width
        self.ends = list(accumulate(self.heights))  # each row's bottom, below the header

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = self.table_width
        self.height = self.header_height + (self.ends[-1] if self.ends else 0.0)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fit = bisect_right(self.ends, avail_height - self.header_height + 0.01)
        table = None
        while fit > 0:
            table = self.make(self.first, fit)
            if table.wrap(avail_width, avail_height)[1] <= avail_height + 0.01:
                break
            fit -= 1  # measured taller than summed (rounding): one row fewer
        if fit == 0 or table is None:
            return []  # not even one row here: the frame moves on to the next page
        if fit == self.count:
            return [table]
        rest = PagedTable(
            self.count - fit, self.heights[fit:], self.header_height, self.table_width,
            self.make, self.first + fit,
        )  # fmt: skip
        return [table, rest]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        # Reached when the whole rest fits where it is: drawn as one table.
        table = self.make(self.first, self.count)
        table.wrap(self.table_width, self.height)
        table.drawOn(canvas, x, y, _sW)
