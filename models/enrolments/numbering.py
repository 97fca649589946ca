"""Numbers given on this device: member numbers from the blocks HQ reserved for it, and the
gap-free receipt numbers. Both are taken inside the saving write transaction."""

from __future__ import annotations

from collections.abc import Iterable

from models.database import Database


def add_blocks(db: Database, blocks: Iterable[tuple[str, str]]) -> int:
    """Keep blocks HQ reserved for this device (a block already kept is not added twice), in
    the caller's transaction. Returns how many member numbers the new blocks hold."""
    added = 0
    for first, last in blocks:
        inserted = db.execute(
            "INSERT OR IGNORE INTO member_number_blocks (first, last, next) VALUES (?, ?, ?)",
            [first, last, first],
        ).rowcount
        if inserted:
            added += int(last) - int(first) + 1
    return added


def take_member_numbers(db: Database, count: int) -> list[str | None]:
    """Numbers from this device's reserved blocks, each used once; None once they run out
    (HQ then assigns one in its result)."""
    out: list[str | None] = []
    for first, last, nxt in db.execute(
        "SELECT first, last, next FROM member_number_blocks WHERE CAST(next AS INTEGER) <= "
        "CAST(last AS INTEGER) ORDER BY first"
    ).fetchall():
        if len(out) == count:
            break
        start, end = int(nxt), int(last)
        take = min(count - len(out), end - start + 1)
        out += [f"{n:011d}" for n in range(start, start + take)]
        db.execute(
            "UPDATE member_number_blocks SET next = ? WHERE first = ?",
            [f"{start + take:011d}", first],
        )
    return out + [None] * (count - len(out))


def member_numbers_left(db: Database) -> int:
    row = db.execute(
        "SELECT COALESCE(SUM(CAST(last AS INTEGER) - CAST(next AS INTEGER) + 1), 0) "
        "FROM member_number_blocks WHERE CAST(next AS INTEGER) <= CAST(last AS INTEGER)"
    ).fetchone()
    return int(row[0])


def next_receipts(db: Database, count: int) -> list[int]:
    """Receipt sequence numbers, gap-free: they follow the highest one given, read in the
    caller's write transaction (payments are never deleted, so a number is never given
    twice, and a rolled-back save gives its numbers back)."""
    if count == 0:
        return []
    last = int(db.execute("SELECT COALESCE(MAX(receipt_seq), 0) FROM payments").fetchone()[0])
    return list(range(last + 1, last + count + 1))


def receipt_number(code: str, seq: int) -> str:
    return f"KW-{code}-{seq:06d}"
