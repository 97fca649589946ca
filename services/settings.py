"""The desk's settings a supervisor may change, from the window (ui/screens/settings_dialog.py)
or the command line (`settings`): each one checked, written with an audit entry, never a
record's data. Changing the HQ address needs a supervisor's approval as well: records go
wherever it points."""

from __future__ import annotations

from dataclasses import dataclass

from models import audit
from models.clock import Clock, rfc3339, system_clock
from models.database import Database
from models.db import get_setting, set_setting
from models.errors import SigapError
from models.officers import get_officer
from models.sync_state import plain_http_allowed
from services.changes import Changes


@dataclass(frozen=True)
class Setting:
    key: str
    kind: str  # "int", "url" or "text"
    default: str
    lowest: int = 0
    highest: int = 0
    approval: bool = False  # a supervisor approves, besides the one signed in


SETTINGS: tuple[Setting, ...] = (
    Setting("lock_minutes", "int", "5", 1, 60),  # ui/lock.py
    Setting("backup_keep", "int", "10", 1, 100),  # models/backup.py
    Setting("backup_sync_minutes", "int", "15", 0, 1440),  # 0: before every sync
    Setting("hq_url", "url", "", approval=True),  # models/sync_state.py
    # 1: an http:// HQ address on the network is accepted (docs/sync.md); records then
    # cross the network unencrypted, so it takes a supervisor's approval as well
    Setting("allow_plain_http", "int", "0", 0, 1, approval=True),
    Setting("receipt_printer", "text", ""),  # "": ask each time (the print dialog)
    Setting("card_printer", "text", ""),
)
BY_KEY = {s.key: s for s in SETTINGS}


def current(db: Database) -> dict[str, str]:
    """Every setting's value as stored, or its default."""
    return {s.key: (get_setting(db, s.key) or s.default) for s in SETTINGS}


def checked(key: str, raw: str) -> str:
    """The value to store for `key`, or SigapError("setting_invalid") saying why not."""
    spec = BY_KEY.get(key)
    if spec is None:
        raise SigapError("setting_unknown", key=key)
    value = raw.strip()
    if spec.kind == "int":
        try:
            n = int(value)
        except ValueError:
            n = spec.lowest - 1
        if not spec.lowest <= n <= spec.highest:
            raise SigapError("setting_invalid", key=key, lowest=spec.lowest, highest=spec.highest)
        return str(n)
    if spec.kind == "url":
        from sync.transport import normalise_hq_url  # httpx loads only when a URL is set

        try:
            return normalise_hq_url(value)
        except ValueError:
            raise SigapError("hq_url_invalid") from None
    if len(value) > 200 or any(ch in value for ch in "\r\n\t"):
        raise SigapError("setting_invalid_text", key=key)
    return value


def _plain_http(url: str) -> bool:
    from sync.transport import plain_http  # httpx loads only when a URL is set

    return plain_http(url)


def change(
    db: Database,
    key: str,
    raw: str,
    officer_id: str,
    approved_by: str | None = None,
    clock: Clock = system_clock,
) -> Changes:
    """Store one setting: the signed-in officer must be a supervisor, and the HQ address
    needs `approved_by` (a supervisor, may be the same one, whose passphrase the caller has
    checked). Audited with the key and, for numbers, the new value."""
    spec = BY_KEY.get(key)
    value = checked(key, raw)
    assert spec is not None
    officer = get_officer(db, officer_id)
    if officer is None or not officer.active or not officer.is_supervisor:
        raise SigapError("needs_supervisor")
    if spec.approval:
        approver = get_officer(db, approved_by) if approved_by else None
        if approver is None or not approver.active or not approver.is_supervisor:
            raise SigapError("needs_supervisor")
    if spec.kind == "url" and _plain_http(value) and not plain_http_allowed(db):
        raise SigapError("hq_url_plain_http")
    if get_setting(db, key) == value:
        return Changes()
    detail: dict[str, object] = {"key": key}
    if spec.kind == "int":
        detail["value"] = int(value)
    if spec.approval:
        detail["approved_by"] = approved_by
    with db.atomic():
        set_setting(db, key, value)
        audit.log(db, rfc3339(clock()), officer_id, "setting", "device", None, detail)
    return Changes(settings=True)
