"""A sponsored scheme's counter row (`scheme_usage`): its places (`used`, against the
scheme's quota) and its money (`budget_used`, against its budget), each taken with one
conditional UPDATE. The UPDATE is the check: of two writers for the last place or the last
rupiah, the second waits for the first's row lock and then finds the condition false, on
SQLite and on PostgreSQL at READ COMMITTED alike. Nothing counts or sums the scheme's rows."""

from __future__ import annotations

from hq.db import Connection


def _ensure_row(db: Connection, scheme_code: str) -> None:
    """The scheme's row, made on first use (or wait for the writer making it)."""
    db.execute(
        "INSERT INTO scheme_usage (code, used) VALUES (?, 0) ON CONFLICT (code) DO NOTHING",
        [scheme_code],
    )


def take_place(db: Connection, scheme_code: str, quota: int | None) -> bool:
    """One more active member of a sponsored scheme; False when its quota is full."""
    for attempt in range(2):
        if quota is None:
            row = db.execute(
                "UPDATE scheme_usage SET used = used + 1 WHERE code = ? RETURNING used",
                [scheme_code],
            ).fetchone()
        else:
            row = db.execute(
                "UPDATE scheme_usage SET used = used + 1 WHERE code = ? AND used < ? "
                "RETURNING used",
                [scheme_code, quota],
            ).fetchone()
        if row is not None:
            return True
        if attempt == 0:
            _ensure_row(db, scheme_code)
    return False


def give_back_place(db: Connection, payer_type: str | None, scheme_code: str | None) -> None:
    if payer_type == "sponsor" and scheme_code is not None:
        db.execute(
            "UPDATE scheme_usage SET used = used - 1 WHERE code = ? AND used > 0", [scheme_code]
        )


def take_budget(db: Connection, scheme_code: str, budget: int | None, amount: int) -> bool:
    """`amount` rupiah more paid by a scheme; False when that would take it past its
    budget (a scheme without a budget is only counted)."""
    for attempt in range(2):
        if budget is None:
            row = db.execute(
                "UPDATE scheme_usage SET budget_used = budget_used + ? WHERE code = ? "
                "RETURNING budget_used",
                [amount, scheme_code],
            ).fetchone()
        else:
            row = db.execute(
                "UPDATE scheme_usage SET budget_used = budget_used + ? WHERE code = ? "
                "AND budget_used + ? <= ? RETURNING budget_used",
                [amount, scheme_code, amount, budget],
            ).fetchone()
        if row is not None:
            return True
        if attempt == 0:
            _ensure_row(db, scheme_code)
    return False


def give_back_budget(db: Connection, scheme_code: str, amount: int) -> None:
    """A void of a sponsored payment: its amount is the scheme's again."""
    db.execute(
        "UPDATE scheme_usage SET budget_used = CASE WHEN budget_used > ? "
        "THEN budget_used - ? ELSE 0 END WHERE code = ?",
        [amount, amount, scheme_code],
    )
