"""What HQ accepts from a client before deciding anything: JSON it can hold (not nested past
`MAX_DEPTH`, integers within I-JSON's range, text that is Unicode), and how often one
client may register or top up (counted in the database, so every worker counts the same).

A request over a limit is answered 400 or 429; none of them reaches a 500."""

from __future__ import annotations

import json
import math
import random
import re
from datetime import datetime
from typing import Any

from hq.db import Connection

MAX_DEPTH = 20  # a push is nested 6 deep (body, records, record, payload, heirs, heir)
MAX_INTEGER = 2**53 - 1  # I-JSON (RFC 7493): what every JSON reader holds exactly
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


class NotAcceptable(ValueError):
    """A body HQ does not take; the text says why (never repeating what was sent)."""


def _whole(text: str) -> int:
    if len(text) > 17:  # 2**53 has 16 digits; anything longer is out of range
        raise NotAcceptable("A number is out of range.")
    value = int(text)
    if abs(value) > MAX_INTEGER:
        raise NotAcceptable("A number is out of range.")
    return value


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise NotAcceptable("A number is out of range.")
    return value


def _constant(name: str) -> Any:
    raise NotAcceptable(f"{name} is not JSON.")


def _too_deep(doc: Any) -> bool:
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def parse_json(body: bytes) -> Any:
    """The document in `body`, or NotAcceptable: not UTF-8, not JSON, nested too deep, a
    number out of range, or a text with half a UTF-16 pair (which no database stores)."""
    try:
        doc = json.loads(
            body.decode("utf-8"),
            parse_int=_whole,
            parse_float=_finite,
            parse_constant=_constant,
        )
    except NotAcceptable:
        raise
    except (UnicodeDecodeError, ValueError):
        raise NotAcceptable("The body is not JSON.") from None
    except RecursionError:
        raise NotAcceptable("The body is nested too deep.") from None
    if isinstance(doc, (dict, list)) and _too_deep(doc):
        raise NotAcceptable("The body is nested too deep.")
    if _SURROGATE.search(body):
        try:
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise NotAcceptable("A text is not Unicode (half a surrogate pair).") from None
    return doc


# ------------------------------------------------------------------ limits

# name -> (requests allowed, window in seconds)
LIMITS = {
    "devices": (20, 600),  # refused POST /devices, per client address
    "member-numbers": (10, 3600),  # POST /member-numbers, per device
}


def _window(name: str, now: datetime) -> tuple[int, int, int]:
    allowed, window = LIMITS[name]
    start = int(now.timestamp()) // window * window
    return allowed, start, max(1, start + window - int(now.timestamp()))


def count_request(db: Connection, name: str, key: str, now: datetime) -> None:
    """One more request of `key` against limit `name` (fixed windows, in the database)."""
    _, start, _ = _window(name, now)
    db.execute(
        "INSERT INTO rate_limits (name, client, window_start, hits) VALUES (?, ?, ?, 1) "
        "ON CONFLICT (name, client, window_start) DO UPDATE SET hits = rate_limits.hits + 1",
        [name, key, start],
    )
    if random.random() < 0.01:  # now and then, forget windows that are over
        db.execute("DELETE FROM rate_limits WHERE name = ? AND window_start < ?", [name, start])


def over_limit(
    db: Connection, name: str, key: str, now: datetime, counted: bool
) -> int | None:
    """None while `key` is within limit `name` in this window (`counted`: this request was
    counted already); else the seconds until the window ends (the Retry-After)."""
    allowed, start, left = _window(name, now)
    row = db.execute(
        "SELECT hits FROM rate_limits WHERE name = ? AND client = ? AND window_start = ?",
        [name, key, start],
    ).fetchone()
    hits = 0 if row is None else int(row[0])
    return None if hits < allowed + (1 if counted else 0) else left
