"""What a use case changed, so each screen refreshes only from what it shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """Returned (or emitted) by a use case; screens and open dialogs refresh from it.

    ``records`` names the enrolments whose view changed (an empty set with ``queue`` means
    "some queue states changed, ids unknown", as after a sync cycle).
    """

    records: frozenset[str] = frozenset()
    queue: bool = False
    events: bool = False
    settings: bool = False
    officers: bool = False
    prints: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            records=self.records | other.records,
            queue=self.queue or other.queue,
            events=self.events or other.events,
            settings=self.settings or other.settings,
            officers=self.officers or other.officers,
            prints=self.prints or other.prints,
        )

    def __bool__(self) -> bool:
        return bool(self.records) or any(
            (self.queue, self.events, self.settings, self.officers, self.prints)
        )

    def touches(self, record_id: str) -> bool:
        """True when a screen showing ``record_id`` should read it again."""
        return record_id in self.records or (self.queue and not self.records)


NOTHING = Changes()
