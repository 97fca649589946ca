"""What HQ's /hello says about desk versions (contract rev. 2): kept in the settings after
each hello, so the window can tell the officer an update exists, and a supervisor when
this version is too old for HQ to take its pushes (every record then stays queued)."""

from __future__ import annotations

import json
import logging

from models.database import Database
from models.db import get_setting, set_setting
from models.version import app_version, version_key
from sync.protocol import Hello

log = logging.getLogger(__name__)

LATEST = "hq_latest_app_version"
MINIMUM = "hq_min_app_version"
UPDATE_AVAILABLE, UPDATE_REQUIRED = "update_available", "update_required"


def note_versions(db: Database, hello: Hello) -> None:
    """Keep what this hello said (an empty value when it said nothing)."""
    for key, value in ((LATEST, hello.latest_app_version), (MINIMUM, hello.min_app_version)):
        if (get_setting(db, key) or "") != (value or ""):
            set_setting(db, key, value or "")
    if hello.min_app_version and is_older(app_version(), hello.min_app_version):
        log.warning("this desk (%s) is older than HQ's minimum %s: pushes will be refused",
                    app_version(), hello.min_app_version)  # fmt: skip


def is_older(running: str, other: str) -> bool:
    return version_key(running) < version_key(other)


def update_state(db: Database, running: str | None = None) -> tuple[str, str] | None:
    """(UPDATE_REQUIRED, minimum) when HQ will refuse this version's pushes,
    (UPDATE_AVAILABLE, latest) when a newer one exists, else None."""
    running = running or app_version()
    minimum, latest = get_setting(db, MINIMUM) or "", get_setting(db, LATEST) or ""
    if minimum and is_older(running, minimum):
        return UPDATE_REQUIRED, minimum
    if latest and is_older(running, latest):
        return UPDATE_AVAILABLE, latest
    return None


#: Set when HQ answered a push 426 app_too_old: this desk's version and HQ's minimum then.
REFUSED = "hq_refused_app_version"


def note_refusal(db: Database, minimum: str | None, running: str | None = None) -> None:
    """HQ refused this version's pushes (426): none is sent again until the desk is
    updated or HQ's min_app_version changes (`still_refused`)."""
    running = running or app_version()
    log.warning("HQ refuses pushes from this desk (%s, minimum %s): records stay queued "
                "until Sigap is updated", running, minimum or "not said")  # fmt: skip
    set_setting(db, REFUSED, json.dumps({"version": running, "minimum": minimum or ""}))


def still_refused(db: Database, minimum: str | None, running: str | None = None) -> bool:
    """True while HQ's refusal stands: same desk version, same minimum from /hello. When
    either changed, the refusal is forgotten and pushing is tried again."""
    raw = get_setting(db, REFUSED)
    if not raw:
        return False
    try:
        refused = json.loads(raw)
    except ValueError:
        refused = None
    running = running or app_version()
    if (
        isinstance(refused, dict)
        and refused.get("version") == running
        and refused.get("minimum") == (minimum or "")
    ):
        return True
    set_setting(db, REFUSED, "")
    return False
