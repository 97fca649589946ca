"""Membership cards from the database: what each card shows (with its signed QR text), for
one enrolment or an event. Rendering and logging a print are `services.printing`'s."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from models.clock import Clock, system_clock
from models.database import Database
from models.errors import SigapError
from models.member_numbers import member_reference
from models.nik import mask_nik
from models.reference import ReferenceData
from models.signing import (
    card_payload,
    paid_until_for,
    private_key,
    provisional_number,
    sign_with,
)


@dataclass(frozen=True)
class CardData:
    """Everything a card shows. `member_number` is None until HQ has assigned one; the
    card then shows `provisional_number`, marked SEMENTARA (PROVISIONAL)."""

    full_name: str
    member_number: str | None
    provisional_number: str  # `P-XXXXXXXX`, see models.signing.provisional_number
    masked_nik: str  # never the full NIK: `3577********0001`
    programmes: tuple[str, ...]
    paid_until: date | None  # first day of the last month paid; None: nothing paid yet
    branch_code: str
    event_name: str
    issued_on: date
    qr_text: str
    enrolment_id: str  # not printed; tells the caller which record a card is
    lang: str = "id"

    @property
    def number(self) -> str:
        """The number the card carries: a provisional card is due for a reprint once HQ
        has assigned the member number (the print log keeps this as `card_number`)."""
        return self.member_number or self.provisional_number


_SELECT = (
    "SELECT e.id, e.full_name, e.member_number, e.nik, e.programmes, v.name, v.branch_code "
    "FROM enrolments e JOIN events v ON v.id = e.event_id"
)


def _cards(
    db: Database, ref: ReferenceData, rows: list[tuple[Any, ...]], lang: str, clock: Clock
) -> list[CardData]:
    issued_on = clock().date()
    key = private_key(db)  # read once for the whole batch
    paid = paid_until_for(db, [str(r[0]) for r in rows])
    order = (*ref.rate_table.mandatory, *ref.rate_table.optional)
    out = []
    for enrolment_id, full_name, member_number, nik, programmes, event_name, branch in rows:
        chosen = set(json.loads(programmes))
        provisional = provisional_number(enrolment_id)
        out.append(
            CardData(
                full_name=full_name,
                member_number=member_number,
                provisional_number=provisional,
                masked_nik=mask_nik(nik),
                programmes=tuple(p for p in order if p in chosen),
                paid_until=paid.get(enrolment_id),
                branch_code=branch,
                event_name=event_name,
                issued_on=issued_on,
                qr_text=sign_with(key, card_payload(member_number or provisional, enrolment_id)),
                enrolment_id=enrolment_id,
                lang=lang,
            )
        )
    return out


def card_data(
    db: Database,
    ref: ReferenceData,
    enrolment_id: str,
    lang: str = "id",
    clock: Clock = system_clock,
) -> CardData:
    """What one enrolment's card shows today (its current, corrected values)."""
    rows = db.execute(f"{_SELECT} WHERE e.id = ?", [enrolment_id]).fetchall()
    if not rows:
        raise SigapError("enrolment_unknown", enrolment_id=enrolment_id)
    return _cards(db, ref, rows, lang, clock)[0]


def cards_for_event(
    db: Database,
    ref: ReferenceData,
    event_id: str,
    lang: str = "id",
    enrolment_ids: Sequence[str] | None = None,
    clock: Clock = system_clock,
) -> list[CardData]:
    """The event's cards in enrolment order; or, for a selection (`enrolment_ids`, each of
    this event), those cards in the order given."""
    if enrolment_ids is None:
        rows = db.execute(
            f"{_SELECT} WHERE e.event_id = ? ORDER BY e.recorded_at, e.rowid", [event_id]
        ).fetchall()
        return _cards(db, ref, rows, lang, clock)
    wanted = list(dict.fromkeys(enrolment_ids))
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for row in db.execute(
            f"{_SELECT} WHERE e.event_id = ? AND e.id IN ({','.join('?' * len(chunk))})",
            [event_id, *chunk],
        ).fetchall():
            found[str(row[0])] = row
    for enrolment_id in wanted:
        if enrolment_id not in found:
            row = db.execute(
                "SELECT member_number FROM enrolments WHERE id = ?", [enrolment_id]
            ).fetchone()
            number = member_reference(row[0] if row else None, enrolment_id)
            raise SigapError("card_enrolment_not_in_event", member_number=number)
    return _cards(db, ref, [found[i] for i in wanted], lang, clock)
