"""Record ids (models/ids.py): UUID version 7 text, the RFC 9562 layout, later ids sort
later, even several in one millisecond or from several threads."""

from __future__ import annotations

import threading
import time
import uuid

from models.ids import new_id


def test_an_id_is_uuid_version_7_text_with_the_time_of_making() -> None:
    before = time.time_ns() // 1_000_000
    made = new_id()
    after = time.time_ns() // 1_000_000
    parsed = uuid.UUID(made)
    assert str(parsed) == made  # lowercase, dashed, 36 characters
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    millis = parsed.int >> 80
    assert before <= millis <= after + 1  # +1: the id before it may have taken this ms


def test_ids_sort_in_the_order_they_were_made_and_never_repeat() -> None:
    made = [new_id() for _ in range(20_000)]  # many in each millisecond
    assert made == sorted(made)
    assert len(set(made)) == len(made)
    assert len({m[19:] for m in made}) == len(made)  # the random part differs too


def test_ids_from_threads_never_repeat() -> None:
    out: list[list[str]] = [[] for _ in range(4)]

    def make(i: int) -> None:
        out[i].extend(new_id() for _ in range(5_000))

    threads = [threading.Thread(target=make, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [m for part in out for m in part]
    assert len(set(every)) == len(every)
    assert len({m[:14] for m in every}) == len(every)  # each its own millisecond
    for part in out:
        assert part == sorted(part)
