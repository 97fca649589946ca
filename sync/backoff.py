"""When to try a record again: exponential backoff with full jitter, a cap, and HQ's
Retry-After as a floor (docs/sync.md)."""

from __future__ import annotations

from collections.abc import Callable

BASE_SECONDS = 5.0
CAP_SECONDS = 15 * 60.0


def delay(
    attempts: int,
    rng: Callable[[], float],
    *,
    floor: float | None = None,
    base: float = BASE_SECONDS,
    cap: float = CAP_SECONDS,
) -> float:
    """Seconds to wait after the `attempts`-th failed try (1 for the first): a random
    point in `[0, min(cap, base × 2^(attempts-1))]`, and never less than `floor`."""
    exponent = min(max(attempts - 1, 0), 30)
    ceiling = min(cap, base * 2.0**exponent)
    wait = rng() * ceiling
    if floor is not None:
        wait = max(wait, floor)
    return wait
