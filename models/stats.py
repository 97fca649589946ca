"""The figures of an event's dashboard (`status` reads models/desk_status.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from models.database import Database
from models.enrolments import SchemeLedger
from models.events import require_event
from models.reference import ReferenceData, default_reference
from models.tallies import OUTBOX, event_pending, tally
from models.vocabulary import PENDING


def event_dashboard(
    db: Database, event_id: str, today: date, ref: ReferenceData | None = None
) -> dict[str, Any]:
    """The figures of an event's dashboard for `today` (the laptop's local date).

    Quota and budget are the scheme's, counted from this device's records across all its
    events, as the enrolment checks count them. Money leaves voided payments out.
    `recorded_at` is local time with its offset, so its date and hour are read from the text.
    """
    event = require_event(db, event_id)
    ref = ref or default_reference()
    day = today.isoformat()
    next_day = (today + timedelta(days=1)).isoformat()

    total, on_day = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(recorded_at >= ? AND recorded_at < ?), 0) "
        "FROM enrolments WHERE event_id = ?",
        [day, next_day, event_id],
    ).fetchone()

    per_hour = [0] * 24
    for hour, n in db.execute(
        "SELECT substr(recorded_at, 12, 2), COUNT(*) FROM enrolments "
        "WHERE event_id = ? AND recorded_at >= ? AND recorded_at < ? GROUP BY 1",
        [event_id, day, next_day],
    ).fetchall():
        if str(hour).isdigit() and 0 <= int(hour) < 24:
            per_hour[int(hour)] += int(n)

    per_officer = [
        {"officer_id": str(oid), "name": str(name or oid), "count": int(n)}
        for oid, name, n in db.execute(
            "SELECT e.officer_id, o.name, COUNT(*) FROM enrolments e "
            "LEFT JOIN officers o ON o.id = e.officer_id WHERE e.event_id = ? "
            "GROUP BY e.officer_id ORDER BY COUNT(*) DESC, e.officer_id",
            [event_id],
        ).fetchall()
    ]

    money = {"self_cash": 0, "self_transfer": 0, "sponsor": 0}
    voided = 0
    for method, is_void, amount in db.execute(
        "SELECT p.method, p.voided_at IS NOT NULL, SUM(p.amount) FROM payments p "
        "JOIN enrolments e ON e.id = p.enrolment_id WHERE e.event_id = ? GROUP BY 1, 2",
        [event_id],
    ).fetchall():
        if is_void:
            voided += int(amount)
        else:
            key = {"cash": "self_cash", "transfer": "self_transfer"}.get(str(method), "sponsor")
            money[key] += int(amount)
    money["total"] = sum(money.values())

    quota = quota_used = quota_left = budget = budget_used = budget_left = None
    scheme = ref.schemes.get(event.scheme_code) if event.scheme_code else None
    if scheme is not None:
        ledger = SchemeLedger(db, scheme)
        quota, quota_used = scheme.quota, ledger.used
        quota_left = None if quota is None else max(quota - quota_used, 0)
        budget, budget_used = scheme.budget, ledger.spent
        budget_left = None if budget is None else max(budget - budget_used, 0)

    return {
        "event_id": event.id,
        "today": day,
        "enrolled_today": int(on_day),
        "enrolled_total": int(total),
        "scheme_code": scheme.code if scheme else event.scheme_code,
        "quota": quota,
        "quota_used": quota_used,
        "quota_left": quota_left,
        "budget": budget,
        "budget_used": budget_used,
        "budget_left": budget_left,
        "money": money,
        "money_voided": voided,
        "waiting_hq": event_pending(db, event_id),
        "waiting_hq_device": tally(db, OUTBOX + PENDING),
        "per_officer": per_officer,
        "per_hour": per_hour,
    }
