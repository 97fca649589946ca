"""A supervisor's approval: their passphrase checked first, outside any write lock (Argon2
takes about 0.4 s), then recorded in the same transaction as the action it approves."""

from __future__ import annotations

from typing import Any

from models import audit
from models.clock import Clock, rfc3339
from models.database import Database
from models.errors import SigapError
from models.officers import Officer, approve, list_officers


def check_supervisor(db: Database, supervisor_id: str | None, passphrase: str) -> Officer:
    """The approving supervisor when `passphrase` is theirs. Raises SigapError saying what
    is wrong (`passphrase_wrong`, `needs_supervisor`, a lock after wrong tries). Call it
    before opening a transaction: it holds no lock while the passphrase is checked."""
    return approve(db, supervisor_id, passphrase)


def signed_in_approver(officer: Officer) -> str:
    """The approver when a signed-in supervisor acts themself (the command line: signing
    in already checked their passphrase, so nothing is asked again). Raises SigapError
    `needs_supervisor` for any other officer. The approval is still recorded under their
    id, so the audit names an approver for every approved action, however it was run."""
    if not officer.is_supervisor:
        raise SigapError("needs_supervisor")
    return officer.id


def supervisors(db: Database) -> list[Officer]:
    """The officers who may approve: active supervisors."""
    return [o for o in list_officers(db) if o.is_supervisor and o.active]


def record_approval(
    db: Database,
    approver_id: str,
    action: str,
    record_type: str,
    record_id: str | None,
    clock: Clock,
    **detail: Any,
) -> None:
    """An audit entry naming the supervisor who approved `action`, for the model functions
    that take no `approved_by` of their own. Inside the caller's transaction when there is
    one, so the action and its approval are kept together."""
    with db.atomic():
        audit.log(
            db, rfc3339(clock()), approver_id, "approve", record_type, record_id,
            {"action": action, **detail},
        )  # fmt: skip
