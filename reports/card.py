"""Membership cards as PDF: one card (ID-1 pages, front then back) or A4 sheets of ten
with crop marks, laid out for duplex printing. Data in, bytes out.

Everything printed stays 3.5 mm inside the card's edge, so a card cut a little off its
marks, or a back printed a millimetre off its front, loses nothing and shows no sliver
of its neighbour; that is also why nothing is printed to the edge (no bleed needed).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import segno
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from models.cards import CardData
from models.money import long_date, month_year
from reports.document import pdf_canvas
from reports.fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts
from reports.jobs import Cancelled, Progress

# ID-1 (ISO/IEC 7810), the size of a bank card: CR80 card printers take it as is.
CARD_W = 85.60 * mm
CARD_H = 53.98 * mm
SAFE = 3.5 * mm  # text and lines stay this far inside the trim

GREEN = HexColor("#00693A")  # prints as a solid dark grey on a monochrome laser
QR_SIZE = 24 * mm  # with its 4-module quiet zone: a version 8 code gets 0.42 mm modules
QR_QUIET = 4
QR_LEVEL = "M"
QR_MASK = 0

# The name: one line, shrinking from NAME_MAX to NAME_MIN_ONE_LINE; then two lines from
# NAME_MAX_TWO_LINES down to NAME_MIN; then (only names near the 100-character limit)
# three lines, shrinking to NAME_FLOOR.
NAME_MAX = 11.0
NAME_MIN_ONE_LINE = 8.0
NAME_MAX_TWO_LINES = 9.0
NAME_MIN = 6.5
NAME_FLOOR = 5.0
NAME_FONT = CONDENSED_BOLD
NAME_TOP = 10.6 * mm  # from the top edge: the name block
NAME_BOTTOM = 19.6 * mm

# Front columns: labels, values, and the QR code on the right.
LABEL_X = SAFE
VALUE_X = 19.5 * mm
QR_X = CARD_W - 2 * mm - QR_SIZE  # the quiet zone is white, so it may come nearer the edge
QR_TOP = 10 * mm
LEFT_WIDTH = QR_X - SAFE  # nothing enters the QR code's quiet zone
VALUE_WIDTH = QR_X - VALUE_X
ROW_TOPS = tuple(v * mm for v in (23.6, 28.4, 33.2, 38.0, 42.8, 47.6))  # baselines

# A4 sheets: 2 × 5 cards, edge to edge, centred; crop marks in the margins.
SHEET_W, SHEET_H = A4
COLS, ROWS = 2, 5
PER_SHEET = COLS * ROWS
GRID_X = (SHEET_W - COLS * CARD_W) / 2
GRID_Y = (SHEET_H - ROWS * CARD_H) / 2
MARK_GAP = 1.5 * mm
MARK_LEN = 6 * mm

TEXTS: dict[str, dict[str, str]] = {
    "id": {
        "title": "BPJS Ketenagakerjaan",
        "subtitle": "Kartu Peserta BPU",
        "member_number": "No. Peserta",
        "provisional": "SEMENTARA",
        "nik": "NIK",
        "programmes": "Program",
        "paid_until": "Iuran s.d.",
        "unpaid": "belum dibayar",
        "branch_event": "Cabang · Acara",
        "issued": "Terbit",
        "scan": "Pindai untuk cek keaslian",
        "accident_title": "Bila terjadi kecelakaan kerja (JKK)",
        "accident_1": "Tunjukkan kartu ini di rumah sakit atau klinik terdekat.",
        "accident_2": "Segera laporkan ke kantor cabang BPJS Ketenagakerjaan atau telepon 175.",
        "death_title": "Bila peserta meninggal dunia (JKM)",
        "death_1": "Ahli waris melapor ke kantor cabang membawa kartu ini, "
        "KTP dan KK peserta dan ahli waris, serta surat keterangan kematian.",
        "signature": "Tanda tangan peserta",
        "personal": "Kartu ini milik pribadi peserta dan tidak dapat dipindahtangankan.",
        "found": "Bila menemukan kartu ini, serahkan ke kantor BPJS Ketenagakerjaan.",
        "sheet": "Lembar {sheet} dari {sheets} · {side}",
        "front": "DEPAN",
        "back": "BELAKANG",
        "duplex": "Cetak bolak-balik (sisi panjang), skala 100%",
        "pdf_title": "Kartu Peserta BPU",
    },
    "en": {
        "title": "BPJS Ketenagakerjaan",
        "subtitle": "BPU Membership Card",
        "member_number": "Member no.",
        "provisional": "PROVISIONAL",
        "nik": "NIK",
        "programmes": "Programmes",
        "paid_until": "Paid until",
        "unpaid": "not paid yet",
        "branch_event": "Branch · Event",
        "issued": "Issued",
        "scan": "Scan to check it is genuine",
        "accident_title": "After a work accident (JKK)",
        "accident_1": "Show this card at the nearest hospital or clinic.",
        "accident_2": "Report it to a BPJS Ketenagakerjaan branch office or call 175 "
        "as soon as you can.",
        "death_title": "If the member dies (JKM)",
        "death_1": "The heir goes to a branch office with this card, the ID cards and "
        "family cards (KK) of the member and the heir, and the death certificate.",
        "signature": "Member's signature",
        "personal": "This card is personal and cannot be transferred to anyone else.",
        "found": "If you find this card, hand it to a BPJS Ketenagakerjaan office.",
        "sheet": "Sheet {sheet} of {sheets} · {side}",
        "front": "FRONT",
        "back": "BACK",
        "duplex": "Print double-sided (long edge), at 100% scale",
        "pdf_title": "BPU Membership Card",
    },
}


def _t(lang: str) -> dict[str, str]:
    return TEXTS["en"] if lang == "en" else TEXTS["id"]


def group_digits(number: str) -> str:
    """`12345678901` → `1234 5678 901`: easier to read out and to copy by hand."""
    if not number.isdigit():
        return number
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


# ------------------------------------------------------------------ fitting text


@dataclass(frozen=True)
class NameFit:
    font: str
    size: float
    lines: tuple[str, ...]

    @property
    def leading(self) -> float:
        return self.size * 1.12

    def widest(self) -> float:
        return max(float(stringWidth(line, self.font, self.size)) for line in self.lines)


def _sizes(start: float, stop: float) -> list[float]:
    out, size = [], start
    while size >= stop - 1e-9:
        out.append(round(size, 2))
        size -= 0.25
    return out


def _wrap(words: list[str], font: str, size: float, width: float) -> list[str]:
    """Greedy wrap; a word wider than the line is broken between letters."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for ch in word:
            if current and stringWidth(current + ch, font, size) > width:
                lines.append(current)
                current = ""
            current += ch
    if current:
        lines.append(current)
    return lines


def _two_lines(words: list[str], font: str, size: float) -> tuple[str, str] | None:
    """The split between words that makes the longer of the two lines shortest."""
    best: tuple[float, tuple[str, str]] | None = None
    for i in range(1, len(words)):
        pair = (" ".join(words[:i]), " ".join(words[i:]))
        widest = max(stringWidth(p, font, size) for p in pair)
        if best is None or widest < best[0]:
            best = (widest, pair)
    return None if best is None else best[1]


def fit_name(name: str, width: float, height: float = NAME_BOTTOM - NAME_TOP) -> NameFit:
    """How the member's name is set in `width` × `height` points: the layout decision,
    on its own so it can be tested. Never cut short: a card with half a name is useless."""
    register_fonts()
    words = name.split()
    font = NAME_FONT
    for size in _sizes(NAME_MAX, NAME_MIN_ONE_LINE):
        if stringWidth(name, font, size) <= width:
            return NameFit(font, size, (name,))
    for size in _sizes(NAME_MAX_TWO_LINES, NAME_MIN):
        pair = _two_lines(words, font, size)
        if pair is not None and max(stringWidth(p, font, size) for p in pair) <= width:
            return NameFit(font, size, pair)
    for size in _sizes(NAME_MIN, NAME_FLOOR):
        lines = _wrap(words, font, size, width)
        if len(lines) <= 3 and len(lines) * size * 1.12 <= height + 1e-6:
            return NameFit(font, size, tuple(lines))
    return NameFit(font, NAME_FLOOR, tuple(_wrap(words, font, NAME_FLOOR, width)))


def fit_one_line(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest size from `size` down to `smallest` at which `text` fits; `smallest`
    if none does (the caller then shortens the text)."""
    for s in _sizes(size, smallest):
        if stringWidth(text, font, s) <= width:
            return s
    return smallest


def shorten(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut with an ellipsis to fit (only for an event name, never a person's)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# ------------------------------------------------------------------ drawing one card


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code's modules: segno's encoder, error correction M, one fixed mask.

    Choosing the mask by the standard's penalty rules is most of an encoder's time (segno
    evaluates all eight; reportlab's encoder took 75% of a card batch). The rules only keep
    a scanner from meeting long runs and finder-like patterns by bad luck; a card's code is
    short, printed large and scanned up close, and every card decodes with zbarimg at 300
    and at 150 dpi (tests/reports/test_card.py) with this mask."""
    code = segno.make_qr(text, error=QR_LEVEL, mask=QR_MASK, boost_error=False)
    return [[bool(m) for m in row] for row in code.matrix]


def draw_qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The code as one filled path of horizontal runs: no hairline seams between modules
    when a viewer or a printer driver rasterises it, and a small PDF."""
    rows = qr_matrix(text)
    module = size / (len(rows) + 2 * QR_QUIET)
    path = c.beginPath()
    for r, row in enumerate(rows):
        top = y + size - (QR_QUIET + r + 1) * module
        col = 0
        while col < len(row):
            if not row[col]:
                col += 1
                continue
            start = col
            while col < len(row) and row[col]:
                col += 1
            path.rect(x + (QR_QUIET + start) * module, top, (col - start) * module, module)
    c.setFillColor(black)
    c.drawPath(path, stroke=0, fill=1)


def _text(c: Canvas, x: float, top: float, text: str, font: str, size: float) -> None:
    """Text with its baseline `top` points below the card's top edge."""
    c.setFont(font, size)
    c.drawString(x, CARD_H - top, text)


def _front_static(c: Canvas, t: dict[str, str]) -> None:
    """What every front shares: the title, the rule under it, the labels."""
    c.setFillColor(GREEN)
    _text(c, SAFE, 6.4 * mm, t["title"], BOLD, 9.5)
    c.setFont(CONDENSED_BOLD, 7.5)
    c.drawRightString(CARD_W - SAFE, CARD_H - 6.4 * mm, t["subtitle"])
    c.setStrokeColor(GREEN)
    c.setLineWidth(0.8)
    c.line(SAFE, CARD_H - 8.4 * mm, CARD_W - SAFE, CARD_H - 8.4 * mm)
    c.setFillColor(black)
    labels = ("member_number", "nik", "programmes", "paid_until", "branch_event", "issued")
    for key, top in zip(labels, ROW_TOPS, strict=True):
        _text(c, LABEL_X, top, t[key], CONDENSED, 6)
    c.setFont(CONDENSED, 5.5)
    c.drawCentredString(QR_X + QR_SIZE / 2, CARD_H - QR_TOP - QR_SIZE - 1.6 * mm, t["scan"])


def _number(c: Canvas, card: CardData, t: dict[str, str], top: float) -> None:
    """The member number, or the provisional one with a black SEMENTARA tag beside it."""
    if card.member_number:
        number = group_digits(card.member_number)
        size = fit_one_line(number, CONDENSED_BOLD, 10, VALUE_WIDTH, 7)
        _text(c, VALUE_X, top, number, CONDENSED_BOLD, size)
        return
    label = t["provisional"]
    pad, gap = 0.9 * mm, 1.5 * mm
    tag_w = stringWidth(label, CONDENSED_BOLD, 6.5) + 2 * pad
    size = fit_one_line(card.provisional_number, CONDENSED_BOLD, 10, VALUE_WIDTH - gap - tag_w, 7)
    _text(c, VALUE_X, top, card.provisional_number, CONDENSED_BOLD, size)
    tag_x = VALUE_X + stringWidth(card.provisional_number, CONDENSED_BOLD, size) + gap
    c.rect(tag_x, CARD_H - top - 1.0 * mm, tag_w, 3.4 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    _text(c, tag_x + pad, top, label, CONDENSED_BOLD, 6.5)
    c.setFillColor(black)


def _front(c: Canvas, card: CardData) -> None:
    t = _t(card.lang)
    _form(c, f"front-{'en' if card.lang == 'en' else 'id'}", lambda: _front_static(c, t))
    c.setFillColor(black)

    fit = fit_name(card.full_name, LEFT_WIDTH)
    block = len(fit.lines) * fit.leading
    # Centred in the name area, so one line and two lines both sit well.
    first = NAME_TOP + ((NAME_BOTTOM - NAME_TOP) - block) / 2 + fit.size * 0.8
    for i, line in enumerate(fit.lines):
        _text(c, SAFE, first + i * fit.leading, line, fit.font, fit.size)

    wide_width = CARD_W - SAFE - VALUE_X  # rows below the QR code
    rows = iter(ROW_TOPS)

    _number(c, card, t, next(rows))
    _text(c, VALUE_X, next(rows), card.masked_nik, CONDENSED_BOLD, 8)
    _text(c, VALUE_X, next(rows), " · ".join(card.programmes), CONDENSED_BOLD, 8)
    paid = month_year(card.paid_until, card.lang) if card.paid_until else t["unpaid"]
    _text(c, VALUE_X, next(rows), paid, CONDENSED_BOLD, 8)

    where = f"{card.branch_code} · {card.event_name}"
    size = fit_one_line(where, CONDENSED, 7, wide_width, 6)
    _text(c, VALUE_X, next(rows), shorten(where, CONDENSED, size, wide_width), CONDENSED, size)
    _text(c, VALUE_X, next(rows), long_date(card.issued_on, card.lang), CONDENSED, 7)

    draw_qr(c, card.qr_text, QR_X, CARD_H - QR_TOP - QR_SIZE, QR_SIZE)


BACK_TEXT = 7.0  # pt: members read this when something has gone wrong; not small print
BACK_HEADING = 7.5
SIGNATURE_LINE = 43.2 * mm  # from the top edge
SIGNATURE_ROOM = 8 * mm  # clear space above the line to sign in


def back_lines(lang: str) -> list[tuple[float, float, str, str, float]]:
    """The back's text as (x, top, text, font, size), `top` being the baseline's distance
    from the card's top edge; a layout of its own so a test can check it ends above the
    room left for the signature in both languages."""
    register_fonts()
    t = _t(lang)
    bullet = 2.6 * mm
    out: list[tuple[float, float, str, str, float]] = []
    top = 6.4 * mm

    def paragraph(text: str, x: float, font: str, size: float) -> None:
        nonlocal top
        for line in simpleSplit(text, font, size, CARD_W - SAFE - x):
            out.append((x, top, line, font, size))
            top += size * 1.22

    for heading, items in (
        ("accident_title", ("accident_1", "accident_2")),
        ("death_title", ("death_1",)),
    ):
        paragraph(t[heading], SAFE, BOLD, BACK_HEADING)
        for key in items:
            top += 0.4 * mm
            out.append((SAFE, top, "•", REGULAR, BACK_TEXT))
            paragraph(t[key], SAFE + bullet, REGULAR, BACK_TEXT)
        top += 1.4 * mm
    return out


def _back_static(c: Canvas, lang: str) -> None:
    t = _t(lang)
    for x, top, line, font, size in back_lines(lang):
        c.setFillColor(GREEN if font == BOLD else black)
        _text(c, x, top, line, font, size)
    c.setFillColor(black)

    # Room to sign above the line, on the right where a pen hand has space.
    line_y = CARD_H - SIGNATURE_LINE
    c.setStrokeColor(black)
    c.setLineWidth(0.5)
    c.line(CARD_W / 2, line_y, CARD_W - SAFE, line_y)
    c.setFont(CONDENSED, 6)
    c.drawCentredString((CARD_W / 2 + CARD_W - SAFE) / 2, line_y - 2.4 * mm, t["signature"])
    found = simpleSplit(t["found"], CONDENSED, 6, CARD_W / 2 - SAFE - 3 * mm)
    for i, line in enumerate(found):  # bottom line level with the signature's label
        c.drawString(SAFE, line_y - 2.4 * mm + (len(found) - 1 - i) * 7, line)
    c.setFont(CONDENSED_BOLD, 6)
    c.drawCentredString(CARD_W / 2, SAFE + 0.2 * mm, t["personal"])


def _back(c: Canvas, card: CardData) -> None:
    lang = "en" if card.lang == "en" else "id"
    _form(c, f"back-{lang}", lambda: _back_static(c, lang))


_FORMS = "_sigap_card_forms"


def _form(c: Canvas, name: str, draw: Callable[[], None]) -> None:
    """Draw what every card shares once per PDF, as a form XObject, and place it: a sheet
    of 1,000 cards carries one copy of the back instead of 1,000."""
    made: set[str] = c.__dict__.setdefault(_FORMS, set())
    if name not in made:
        c.beginForm(name, 0, 0, CARD_W, CARD_H)  # keeps the page's graphics state apart
        draw()
        c.endForm()
        made.add(name)
    c.doForm(name)


# ------------------------------------------------------------------ documents


def _canvas(buffer: io.BytesIO, size: tuple[float, float], lang: str) -> Canvas:
    return pdf_canvas(buffer, size, _t(lang)["pdf_title"], lang=lang)


def _at(
    c: Canvas, x: float, y: float, draw: Callable[[Canvas, CardData], None], card: CardData
) -> None:
    c.saveState()
    c.translate(x, y)
    draw(c, card)
    c.restoreState()


def _report(progress: Progress | None, done: int) -> None:
    # The convention of models.imports and ui.tasks.Progress: False means stop.
    if progress is not None and progress(done) is False:
        raise Cancelled


def render_cards(cards: Sequence[CardData], progress: Progress | None = None) -> bytes:
    """Cards for a card printer: each one two ID-1 pages, front then back.
    `progress(cards_done)` after each card; returning False stops with `Cancelled`."""
    if not cards:
        raise ValueError("no cards to render")
    buffer = io.BytesIO()
    c = _canvas(buffer, (CARD_W, CARD_H), cards[0].lang)
    for done, card in enumerate(cards, 1):
        _at(c, 0, 0, _front, card)
        c.showPage()
        _at(c, 0, 0, _back, card)
        c.showPage()
        _report(progress, done)
    c.save()
    return buffer.getvalue()


def render_card(data: CardData) -> bytes:
    """One card: a PDF of two 85.60 × 53.98 mm pages, the front and the back."""
    return render_cards([data])


def sheet_slot(index: int, back: bool) -> tuple[float, float]:
    """Lower-left corner on an A4 sheet of the card at `index` (0–9, left to right, top to
    bottom). A back sits in the mirrored column: printed duplex and flipped on the long
    edge, each back lands behind its own front."""
    row, col = divmod(index, COLS)
    if back:
        col = COLS - 1 - col
    return GRID_X + col * CARD_W, SHEET_H - GRID_Y - (row + 1) * CARD_H


def _crop_marks(c: Canvas) -> None:
    c.setStrokeColor(black)
    c.setLineWidth(0.3)
    top, bottom = SHEET_H - GRID_Y, GRID_Y
    left, right = GRID_X, GRID_X + COLS * CARD_W
    for i in range(COLS + 1):
        x = GRID_X + i * CARD_W
        c.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK_LEN)
        c.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK_LEN)
    for j in range(ROWS + 1):
        y = GRID_Y + j * CARD_H
        c.line(left - MARK_GAP, y, left - MARK_GAP - MARK_LEN, y)
        c.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LEN, y)


def _sheet_footer(c: Canvas, t: dict[str, str], sheet: int, sheets: int, back: bool) -> None:
    c.setFillColor(black)
    c.setFont(CONDENSED, 7)
    y = GRID_Y - 5 * mm
    side = t["back"] if back else t["front"]
    # Between the crop marks at the left, middle and right of the grid.
    c.drawString(GRID_X + 3 * mm, y, t["sheet"].format(sheet=sheet, sheets=sheets, side=side))
    c.drawRightString(GRID_X + COLS * CARD_W - 3 * mm, y, t["duplex"])


def render_card_sheets(cards: Sequence[CardData], progress: Progress | None = None) -> bytes:
    """A4 sheets of 10 cards (2 × 5) with crop marks: a page of fronts, then a page of
    their backs mirrored left to right, for duplex printing flipped on the long edge.
    `progress(cards_done)` after each sheet; returning False stops with `Cancelled`."""
    if not cards:
        raise ValueError("no cards to render")
    buffer = io.BytesIO()
    lang = cards[0].lang
    t = _t(lang)
    c = _canvas(buffer, A4, lang)
    sheets = (len(cards) + PER_SHEET - 1) // PER_SHEET
    for sheet in range(sheets):
        batch = cards[sheet * PER_SHEET : (sheet + 1) * PER_SHEET]
        for back in (False, True):
            for index, card in enumerate(batch):
                x, y = sheet_slot(index, back)
                _at(c, x, y, _back if back else _front, card)
            if not back:
                _crop_marks(c)
            _sheet_footer(c, t, sheet + 1, sheets, back)
            c.showPage()
        _report(progress, min(len(cards), (sheet + 1) * PER_SHEET))
    c.save()
    return buffer.getvalue()
