"""Registering this laptop with HQ, approved by a supervisor: the registration code is
spent at HQ, then the approval is audited on the desk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from models.clock import Clock, system_clock
from models.database import Database
from models.db import device_id
from services.approvals import record_approval

Register = Callable[[Database, str, str], Any]


def register_device(
    connect: Callable[[], Database],
    register: Register,
    hq_url: str,
    code: str,
    approver_id: str,
    clock: Clock = system_clock,
) -> Any:
    """Register with HQ at `hq_url` using `code` (`register`: the sync engine's
    `register_device`, or a test's stand-in), on a connection of its own from `connect`
    (this runs in a background task); returns the engine's Registration."""
    db = connect()  # SQLite connections stay in their thread
    try:
        return register_on(db, register, hq_url, code, approver_id, clock)
    finally:
        db.close()


def register_on(
    db: Database,
    register: Register,
    hq_url: str,
    code: str,
    approver_id: str | None,
    clock: Clock = system_clock,
) -> Any:
    """`register_device` on a connection the caller owns (the command line's). The
    approval is recorded when there is an approver; `None` when the command line's
    signed-in officer is not a supervisor (the command has never asked for one)."""
    registration = register(db, hq_url, code)
    if approver_id is not None:
        record_approval(db, approver_id, "register", "device", device_id(db), clock, hq_url=hq_url)
    return registration
