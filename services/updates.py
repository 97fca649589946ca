"""The update notice (contract rev. 2): what the window says about HQ's desk versions, and
that it says it once a day."""

from __future__ import annotations

from datetime import date

from models.database import Database
from models.db import get_setting, set_setting
from sync.updates import UPDATE_AVAILABLE, UPDATE_REQUIRED, update_state

SHOWN = "update_notice_shown"  # "YYYY-MM-DD kind version": the last notice given

__all__ = ["UPDATE_AVAILABLE", "UPDATE_REQUIRED", "notice_due", "update_state"]


def notice_due(db: Database, today: date) -> tuple[str, str] | None:
    """(kind, version) when the window should say so now: at most once a day for the same
    kind and version. Recorded as given."""
    state = update_state(db)
    if state is None:
        return None
    mark = f"{today.isoformat()} {state[0]} {state[1]}"
    if get_setting(db, SHOWN) == mark:
        return None
    set_setting(db, SHOWN, mark)
    return state
