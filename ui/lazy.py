"""Screens behind other screens do not read the database for nothing."""

from __future__ import annotations

from typing import Any


class RefreshWhenShown:
    """Mixed into a QWidget screen with a `refresh()`: a refresh asked for while the screen
    is hidden waits until it is next shown. With 100,000 enrolments this keeps start-up and
    each save from recounting a dashboard or re-listing a table nobody is looking at."""

    _stale = True

    def refresh_soon(self, *_args: Any) -> None:
        if self.isVisible():  # type: ignore[attr-defined]
            self.refresh()  # type: ignore[attr-defined]
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)  # type: ignore[misc]
        if self._stale:
            self._stale = False
            self.refresh()  # type: ignore[attr-defined]
