"""What a device asks HQ about its records: their status, and the changes decided since."""

from __future__ import annotations

from typing import Any

from hq.store import Store

MAX_CHANGES = 500


def status(store: Store, device_id: str, ids: list[str]) -> list[dict[str, Any]]:
    """What HQ holds for these ids of this device; another device's ids are `unknown`."""
    held: dict[str, tuple[Any, ...]] = {}
    conflicted: set[str] = set()
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), 250):
        chunk = unique[start : start + 250]
        marks = ",".join("?" * len(chunk))
        for row in store.db.execute(
            "SELECT id, status, member_number, code, message, field, sha256 FROM records "
            f"WHERE device_id = ? AND id IN ({marks})",
            [device_id, *chunk],
        ).fetchall():
            held[row[0]] = tuple(row)
        conflicted.update(
            r[0]
            for r in store.db.execute(
                f"SELECT record_id FROM conflicts WHERE device_id = ? AND record_id IN ({marks})",
                [device_id, *chunk],
            ).fetchall()
        )
    out = []
    for rid in ids:
        found = held.get(rid)
        if found is None:
            out.append(
                {
                    "id": rid,
                    "status": "unknown",
                    "member_number": None,
                    "code": None,
                    "message": None,
                    "field": None,
                }
            )
            continue
        _, status_, number, code, message, field, sha = found
        out.append(
            {
                "id": rid,
                "status": "conflict" if rid in conflicted else status_,
                "member_number": number,
                "code": code,
                "message": message,
                "field": field,
                "sha256": sha,
            }
        )
    return out


def changes(store: Store, device_id: str, since: int) -> list[dict[str, Any]]:
    """Decisions taken after receipt for this device's records, after `since`, oldest first."""
    rows = store.db.execute(
        "SELECT cursor, record_id, kind, member_number, status, message FROM changes "
        "WHERE device_id = ? AND cursor > ? ORDER BY cursor LIMIT ?",
        [device_id, since, MAX_CHANGES],
    ).fetchall()
    return [
        {
            "cursor": str(cursor),
            "record_id": record_id,
            "kind": kind,
            "member_number": number,
            "status": status_,
            "message": message,
        }
        for cursor, record_id, kind, number, status_, message in rows
    ]
