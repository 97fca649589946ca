"""Printing receipts and membership cards: read what the document shows (one join), render it,
and log the print, in one transaction so a rendering that fails leaves no print in the log.

A preview (`ReceiptPrint`, `CardPrint`) reads its record once and keeps what it rendered: a
print straight after the preview reuses the PDF the officer saw when the copy number the
log gives it is the one previewed, so one print costs one join and one render.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from models.cards import CardData, card_data, cards_for_event
from models.clock import Clock, system_clock
from models.database import Database
from models.db import write_transaction
from models.errors import SigapError
from models.files import write_atomic
from models.messages import LANGUAGES
from models.officers import require_officer
from models.prints import enrolments_without_card, log_print, next_copy_number
from models.receipts import ReceiptData, payment_for_receipt, receipt_data, receipt_owner
from models.reference import ReferenceData
from reports.jobs import RECEIPT_FORMATS as FORMATS
from reports.jobs import Cancelled, Progress
from services.changes import Changes

__all__ = [
    "Cancelled",
    "CardPrint",
    "ReceiptPrint",
    "print_card",
    "print_card_batch",
    "print_cards",
    "print_receipt",
    "save_pdf",
    "save_printed",
]


# The renderers load reportlab (and num2words for receipts) when the first document is
# made, not when the window or a command starts.
def render_receipt(data: ReceiptData, fmt: str) -> bytes:
    """What the desk prints for a payment: a kwitansi, or a registration slip when a
    sponsor pays."""
    from reports.registration_slip import render_payment_document

    return render_payment_document(data, fmt)


def render_card(data: CardData) -> bytes:
    from reports.card import render_card as render

    return render(data)


def render_cards(cards: Sequence[CardData], progress: Progress | None = None) -> bytes:
    from reports.card import render_cards as render

    return render(cards, progress)


def render_card_sheets(cards: Sequence[CardData], progress: Progress | None = None) -> bytes:
    from reports.card import render_card_sheets as render

    return render(cards, progress)


def _check_receipt(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown receipt format {fmt!r}; use one of {', '.join(FORMATS)}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown receipt language {lang!r}")


def _log_receipt(
    db: Database, payment_id: str, officer_id: str, fmt: str, lang: str, clock: Clock
) -> int:
    officer = require_officer(db, officer_id)
    detail = {"format": fmt, "lang": lang}
    return log_print(db, "receipt", payment_id, officer.id, clock, detail=detail)


def print_receipt(
    db: Database,
    ref: ReferenceData,
    receipt_number: str,
    officer_id: str,
    fmt: str = "a6",
    lang: str = "id",
    clock: Clock = system_clock,
) -> bytes:
    """Log the print, then render the receipt with the copy number the log gave it (a
    reprint says SALINAN, a voided payment BATAL). The log row and the rendering share one
    transaction: a rendering that fails leaves no print in the log."""
    _check_receipt(fmt, lang)
    with write_transaction(db):
        payment_id = payment_for_receipt(db, receipt_number)
        copy = _log_receipt(db, payment_id, officer_id, fmt, lang, clock)
        return render_receipt(receipt_data(db, ref, receipt_number, lang, copy), fmt)


class ReceiptPrint:
    """One receipt being previewed and printed: its data read once (at the first preview,
    so an unknown receipt number fails there), each (format, copy) rendered once."""

    def __init__(
        self,
        db: Database,
        ref: ReferenceData,
        receipt_number: str,
        lang: str = "id",
        clock: Clock = system_clock,
    ) -> None:
        self.db, self.ref, self.lang, self.clock = db, ref, lang, clock
        self.receipt_number = receipt_number
        self._read: tuple[str, ReceiptData] | None = None
        self._pdfs: dict[tuple[str, int], bytes] = {}
        self.changes = Changes(prints=True)

    def _data(self) -> tuple[str, ReceiptData]:
        if self._read is None:
            payment_id, enrolment_id = receipt_owner(self.db, self.receipt_number)
            data = receipt_data(self.db, self.ref, self.receipt_number, self.lang)
            self._read = (payment_id, data)
            # What a print of it changes: the print log of this enrolment's receipt.
            self.changes = Changes(records=frozenset({enrolment_id}), prints=True)
        return self._read

    @property
    def sponsored(self) -> bool:
        """Whether a sponsor paid, so the paper is a registration slip (Bukti pendaftaran);
        known once the receipt was read (its first preview), False before."""
        return self._read is not None and self._read[1].method == "sponsor"

    def preview(self, fmt: str = "a6", copy_number: int | None = None) -> bytes:
        """The receipt as print `copy_number` comes out; by default the next print."""
        _check_receipt(fmt, self.lang)
        payment_id, data = self._data()
        if copy_number is None:
            copy_number = next_copy_number(self.db, "receipt", payment_id)
        key = (fmt, copy_number)
        if key not in self._pdfs:
            self._pdfs[key] = render_receipt(replace(data, copy_number=copy_number), fmt)
        return self._pdfs[key]

    def print(self, officer_id: str, fmt: str = "a6") -> bytes:
        """Log the print and return the PDF that goes out, with the copy number logged."""
        _check_receipt(fmt, self.lang)
        payment_id, _data = self._data()
        with write_transaction(self.db):
            copy = _log_receipt(self.db, payment_id, officer_id, fmt, self.lang, self.clock)
            return self.preview(fmt, copy)


def _log_cards(
    db: Database, cards: Sequence[CardData], officer_id: str, fmt: str, clock: Clock
) -> None:
    for card in cards:
        detail = {"format": fmt, "card_number": card.number}
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
    return CardPrint(db, ref, enrolment_id, lang, clock).print(officer.id)


class CardPrint:
    """One membership card being previewed and printed: read and rendered once (every
    print of a card looks the same; the log counts them)."""

    def __init__(
        self,
        db: Database,
        ref: ReferenceData,
        enrolment_id: str,
        lang: str = "id",
        clock: Clock = system_clock,
    ) -> None:
        self.db, self.ref, self.lang, self.clock = db, ref, lang, clock
        self.enrolment_id = enrolment_id
        self._read: tuple[CardData, bytes] | None = None
        # What a print of it changes: the print log (and "no card printed yet").
        self.changes = Changes(records=frozenset({enrolment_id}), prints=True)

    def _rendered(self) -> tuple[CardData, bytes]:
        if self._read is None:
            data = card_data(self.db, self.ref, self.enrolment_id, self.lang, self.clock)
            self._read = (data, render_card(data))
        return self._read

    def preview(self) -> bytes:
        return self._rendered()[1]

    def print(self, officer_id: str) -> bytes:
        officer = require_officer(self.db, officer_id)
        data, pdf = self._rendered()
        with write_transaction(self.db):
            _log_cards(self.db, [data], officer.id, "card", self.clock)
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


def print_card_batch(
    connect: Callable[[], Database],
    ref: ReferenceData,
    event_id: str,
    officer_id: str,
    lang: str = "id",
    *,
    without_card: bool = False,
    enrolment_ids: Sequence[str] | None = None,
    sheet: bool = True,
    clock: Clock = system_clock,
    progress: Progress | None = None,
) -> bytes:
    """`print_cards` in a background task, on a connection of its own from `connect`: the
    event's cards, those never printed (`without_card`), or the ones chosen. Every card
    (and the sheet) is logged once the PDF is made: a batch is made to be printed."""
    db = connect()  # SQLite connections stay in their thread
    try:
        ids = enrolments_without_card(db, event_id) if without_card else enrolment_ids
        return print_cards(
            db, ref, event_id, officer_id, lang, enrolment_ids=ids, sheet=sheet, clock=clock,
            progress=progress,
        )  # fmt: skip
    finally:
        db.close()


def save_pdf(path: Path, pdf: bytes) -> None:
    """A PDF saved whole or not at all: a failed write never leaves half a PDF (OSError)."""
    write_atomic(path, pdf)


def save_printed(db: Database, path: Path, make: Callable[[], bytes]) -> bytes:
    """`make()` (a print that logs itself: a receipt, cards) and the PDF saved to `path`, in
    one transaction: a file that cannot be written (a full disk, a folder it may not write,
    a directory in its place) logs no print, so the next real print is not marked as a copy,
    and leaves no `.partial` file behind."""
    with write_transaction(db):
        pdf = make()
        save_pdf(path, pdf)
    return pdf
