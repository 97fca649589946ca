"""Membership cards from the database: what each card shows (with its signed QR text),
and printing them, one at the desk or sheets for an event, each card in the print log."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from models.clock import Clock, system_clock
from models.db import write_transaction
from models.errors import SigapError
from models.nik import mask_nik
from models.officers import require_officer
from models.prints import log_print
from models.reference import ReferenceData
from models.signing import (
    card_payload,
    paid_until_for,
    private_key,
    provisional_number,
    sign_with,
)
from reports.card import (
    CardData,
    Progress,
    render_card,
    render_card_sheets,
    render_cards,
)

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
            raise SigapError("card_enrolment_not_in_event", enrolment_id=enrolment_id)
    return _cards(db, ref, [found[i] for i in wanted], lang, clock)


def _log_cards(
    db: Database, cards: list[CardData], officer_id: str, fmt: str, clock: Clock
) -> None:
    for card in cards:
        # Which number the card carries: a provisional card is due for a reprint once HQ
        # has assigned the member number.
        number = card.member_number or card.provisional_number
        detail = {"format": fmt, "card_number": number}
        log_print(db, "card", card.enrolment_id, officer_id, clock, detail)


def print_card(
    db: Database,
    ref: ReferenceData,
    enrolment_id: str,
    officer_id: str,
    lang: str = "id",
    clock: Clock = system_clock,
) -> bytes:
    """One card as PDF (two ID-1 pages: front, back), logged as a card print."""
    officer = require_officer(db, officer_id)
    card = card_data(db, ref, enrolment_id, lang, clock)
    pdf = render_card(card)
    with write_transaction(db):
        _log_cards(db, [card], officer.id, "card", clock)
    return pdf


def print_cards(
    db: Database,
    ref: ReferenceData,
    event_id: str,
    officer_id: str,
    lang: str = "id",
    enrolment_ids: Sequence[str] | None = None,
    sheet: bool = True,
    clock: Clock = system_clock,
    progress: Progress | None = None,
) -> bytes:
    """An event's cards (or a selection of them) as one PDF: A4 sheets of ten for duplex
    printing (`sheet`), else ID-1 pages for a card printer. Logged only once rendered:
    one card print per enrolment, and for sheets one `card_sheet` print of the event,
    all in one transaction. `progress(cards_done)` as in `reports.card`; when it returns
    False, `reports.card.Cancelled` is raised and nothing is logged."""
    officer = require_officer(db, officer_id)
    cards = cards_for_event(db, ref, event_id, lang, enrolment_ids, clock)
    if not cards:
        raise SigapError("cards_none")
    pdf = render_card_sheets(cards, progress) if sheet else render_cards(cards, progress)
    with write_transaction(db):
        _log_cards(db, cards, officer.id, "sheet" if sheet else "card", clock)
        if sheet:
            log_print(db, "card_sheet", event_id, officer.id, clock, {"cards": len(cards)})
    return pdf
