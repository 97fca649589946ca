"""Receipts (kwitansi) for one payment: an A6 page for laser printers, or an 80 mm strip
for thermal roll printers. Data in, PDF bytes out."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from num2words import num2words
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from models.messages import member_number_text
from models.money import long_date, rupiah
from models.rates import PROGRAMMES
from models.receipts import ReceiptData
from reports.document import pdf_canvas
from reports.fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts
from reports.jobs import RECEIPT_FORMATS
from reports.text import join_list, period_text

FORMATS = RECEIPT_FORMATS
STAMP_DUTY = 10_000

# A6 portrait, 105 × 148 mm: a receipt fits when the type shrinks a little for long
# names or a void reason (see `_fit`); A5 landscape was not needed.
A6 = (105 * mm, 148 * mm)
A6_MARGIN = 7 * mm
# An 80 mm roll: thermal heads print about 72 mm of it, so 4 mm stays blank each side.
ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm
ROLL_FEED = 6 * mm  # blank paper above and below, so the cutter misses the text

BODY_SIZE = 9.0  # points, at scale 1
MIN_SCALE = 0.7  # never below 6.3 pt body text; reached only by the longest inputs
STAMP_BOX = (24 * mm, 18 * mm)
SIGNATURE_SPACE = 14 * mm
LABEL_WIDTH = 27 * mm
ROW_PAD = 1.1  # points, at scale 1, above and below each label | value row
SIGNATURE_WIDTH = 52 * mm
STAMP_GAP = 3 * mm

INK = colors.black
RULE = colors.Color(0.45, 0.45, 0.45)
VOID_INK = colors.Color(0.75, 0.05, 0.05)

# WIB, WITA and WIT are what Indonesians call their three zones; others get a UTC offset.
ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "agency": "BPJS KETENAGAKERJAAN",
        "branch": "Kantor Cabang {branch}",
        "title": "KWITANSI",
        "number": "No. {number}",
        "received_from": "Telah terima dari",
        "sponsor": "Penyandang dana",
        "member": "Untuk peserta",
        "member_number": "No. peserta",
        "nik": "NIK",
        "amount": "Uang sejumlah",
        "words": "Terbilang",
        "for_payment": "Untuk pembayaran",
        "purpose": "Iuran BPJS Ketenagakerjaan program {programmes}, {months}",
        "period": "Periode",
        "months_one": "{n} bulan",
        "months_many": "{n} bulan",
        "and": "dan",
        "breakdown": "Rincian",
        "method": "Cara bayar",
        "event": "Acara",
        "place_date": "{place}, {date}, pukul {time}",
        "receiver": "Petugas penerima,",
        "officer_line": "ID petugas {officer_id} · Kantor Cabang {branch}",
        "copy": "SALINAN",
        "copy_n": "salinan ke-{n}",
        "void": "BATAL",
        "void_reason": "Alasan: {reason}",
        "stamp": "Meterai",
        "keep": "Simpan kwitansi ini sebagai bukti pembayaran iuran.",
        "words_suffix": "RUPIAH",
        "JKK": "Kecelakaan Kerja",
        "JKM": "Kematian",
        "JHT": "Hari Tua",
        "cash": "Tunai",
        "transfer": "Transfer bank",
        "sponsor_method": "Dibayar sponsor",
        "qris": "QRIS",
        "full_price": "Iuran penuh",
        "relief": "Keringanan {regulation}",
        "waiting": "MENUNGGU VERIFIKASI",
        "waiting_detail": "Belum lunas: {method} ref. {reference} belum dipastikan kantor pusat.",
        "verified": "TERVERIFIKASI",
        "verified_detail": "{method} ref. {reference} sudah dipastikan kantor pusat.",
        "not_received": "TIDAK DITERIMA",
        "not_received_detail": "{method} ref. {reference} tidak diterima; peserta bayar lagi.",
    },
    "en": {
        "agency": "BPJS KETENAGAKERJAAN",
        "branch": "Branch office {branch}",
        "title": "RECEIPT",
        "number": "No. {number}",
        "received_from": "Received from",
        "sponsor": "Funded by",
        "member": "For member",
        "member_number": "Member no.",
        "nik": "NIK",
        "amount": "Amount",
        "words": "In words",
        "for_payment": "For payment of",
        "purpose": "BPJS Ketenagakerjaan contributions for {programmes}, {months}",
        "period": "Period",
        "months_one": "{n} month",
        "months_many": "{n} months",
        "and": "and",
        "breakdown": "Breakdown",
        "method": "Payment",
        "event": "Event",
        "place_date": "{place}, {date}, {time}",
        "receiver": "Received by,",
        "officer_line": "Officer ID {officer_id} · Branch office {branch}",
        "copy": "COPY",
        "copy_n": "copy no. {n}",
        "void": "VOID",
        "void_reason": "Reason: {reason}",
        "stamp": "Stamp duty",
        "keep": "Keep this receipt as proof of payment.",
        "words_suffix": "RUPIAH",
        "JKK": "Work accident",
        "JKM": "Death",
        "JHT": "Old age",
        "cash": "Cash",
        "transfer": "Bank transfer",
        "sponsor_method": "Sponsor scheme",
        "qris": "QRIS",
        "full_price": "Full contribution",
        "relief": "{regulation} relief",
        "waiting": "WAITING FOR VERIFICATION",
        "waiting_detail": "Not yet paid: {method} ref. {reference} not yet confirmed by HQ.",
        "verified": "VERIFIED",
        "verified_detail": "{method} ref. {reference} confirmed by HQ.",
        "not_received": "NOT RECEIVED",
        "not_received_detail": "{method} ref. {reference} not received; the member pays again.",
    },
}
_METHOD_KEYS = {
    "cash": "cash",
    "transfer": "transfer",
    "sponsor": "sponsor_method",
    "qris": "qris",
}


def amount_in_words(amount: int, lang: str = "id") -> str:
    """Terbilang: 50400 → `LIMA PULUH RIBU EMPAT RATUS RUPIAH`."""
    words = str(num2words(amount, lang="en" if lang == "en" else "id"))
    return f"{words} {LABELS[lang]['words_suffix']}".upper()


def _time_text(moment: datetime, lang: str) -> str:
    clock = moment.strftime("%H.%M" if lang == "id" else "%H:%M")
    offset = moment.utcoffset()
    if offset is None:
        return clock
    hours, rest = divmod(int(offset / timedelta(minutes=1)), 60)
    zone = ZONES.get(hours) if rest == 0 else None
    if zone is None:
        sign = "+" if offset >= timedelta(0) else "-"
        minutes = abs(int(offset / timedelta(minutes=1)))
        zone = f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{clock} {zone}"


# ------------------------------------------------------------------ layout


@dataclass(frozen=True)
class _Page:
    width: float
    height: float | None  # None: as tall as the content (a roll)
    margin: float
    feed: float  # extra blank space above and below (a roll's cutter)


_PAGES = {
    "a6": _Page(A6[0], A6[1], A6_MARGIN, 0.0),
    "80mm": _Page(ROLL_WIDTH, None, ROLL_MARGIN, ROLL_FEED),
}


def _styles(scale: float) -> dict[str, ParagraphStyle]:
    """The named paragraph styles, at `scale` times their normal size."""
    body = BODY_SIZE * scale

    def style(
        name: str, font: str, size: float, align: int = TA_LEFT, **kw: object
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * 1.22,
            alignment=align,
            textColor=INK,
            **kw,
        )

    return {
        "agency": style("agency", BOLD, body * 0.95, TA_CENTER),
        "branch": style("branch", REGULAR, body * 0.9, TA_CENTER),
        "title": style("title", BOLD, body * 2.0, TA_CENTER, spaceBefore=2 * scale),
        "number": style("number", BOLD, body * 1.1, TA_CENTER, spaceBefore=1 * scale),
        "mark": style("mark", BOLD, body * 1.25, TA_CENTER),
        "mark_detail": style("mark_detail", REGULAR, body, TA_CENTER),
        "label": style("label", CONDENSED, body),
        "value": style("value", REGULAR, body),
        "value_bold": style("value_bold", BOLD, body),
        "amount": style("amount", BOLD, body * 1.6),
        "words": style("words", CONDENSED_BOLD, body),
        "line_label": style("line_label", CONDENSED, body * 0.95),
        "line_amount": style("line_amount", REGULAR, body * 0.95, TA_RIGHT),
        "place_date": style("place_date", REGULAR, body, TA_RIGHT),
        "sign": style("sign", REGULAR, body, TA_CENTER),
        "sign_name": style("sign_name", BOLD, body, TA_CENTER),
        "sign_detail": style("sign_detail", CONDENSED, body * 0.85, TA_CENTER),
        "stamp": style("stamp", CONDENSED, body * 0.9, TA_CENTER),
        "footnote": style("footnote", CONDENSED, body * 0.85, TA_CENTER),
    }


class _Receipt:
    """Builds the flowables of one receipt for one page width and type scale."""

    def __init__(self, data: ReceiptData, width: float, scale: float) -> None:
        self.d = data
        self.width = width
        self.scale = scale
        self.s = _styles(scale)
        self.t = LABELS[data.lang]

    @property
    def stamp_duty_due(self) -> bool:
        return self.d.stamp_duty_due

    def p(self, text: str, style: str) -> Paragraph:
        return Paragraph(escape(text), self.s[style])

    def gap(self, millimetres: float) -> Spacer:
        return Spacer(1, millimetres * mm * self.scale)

    # -- parts, top to bottom

    def header(self) -> list[Flowable]:
        d, t = self.d, self.t
        return [
            self.p(t["agency"], "agency"),
            self.p(t["branch"].format(branch=d.branch_code), "branch"),
            self.p(t["title"], "title"),
            self.p(t["number"].format(number=d.receipt_number), "number"),
        ]

    def marks(self) -> list[Flowable]:
        """Boxed banners under the title: a copy says so, a void says why."""
        d, t = self.d, self.t
        out: list[Flowable] = []
        if d.void_reason is not None:
            out += [
                self.gap(2),
                self._banner(
                    t["void"], t["void_reason"].format(reason=d.void_reason), VOID_INK, 1.4
                ),
            ]
        if d.verification is not None:  # a transfer or QRIS: never shown as money in hand
            detail = t[d.verification + "_detail"].format(
                method=t[_METHOD_KEYS[d.method]], reference=d.reference or "-"
            )
            ink = INK if d.verification == "verified" else VOID_INK
            out += [self.gap(2), self._banner(t[d.verification], detail, ink, 1.0)]
        if d.copy_number > 1:
            out += [
                self.gap(2),
                self._banner(t["copy"], t["copy_n"].format(n=d.copy_number), INK, 1.0),
            ]
        return out

    def _banner(self, word: str, detail: str, ink: colors.Color, weight: float) -> Table:
        mark = ParagraphStyle("mark_ink", parent=self.s["mark"], textColor=ink)
        detail_style = ParagraphStyle(
            "mark_detail_ink", parent=self.s["mark_detail"], textColor=ink
        )
        table = Table(
            [[Paragraph(escape(word), mark)], [Paragraph(escape(detail), detail_style)]],
            colWidths=[self.width],
        )
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), weight * self.scale, ink),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5 * self.scale),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * self.scale),
                    ("TOPPADDING", (0, 1), (-1, 1), 0),
                ]
            )
        )
        return table

    def facts(self) -> list[Flowable]:
        """The labelled lines: who paid, how much, for what."""
        d, t, p = self.d, self.t, self.p
        number = member_number_text(d.member_number, None, d.lang)
        rows: list[list[Flowable | str]] = [
            [p(t["received_from"], "label"), p(d.payer_name, "value_bold")]
        ]
        if d.sponsor_name:
            rows.append([p(t["sponsor"], "label"), p(d.sponsor_name, "value")])
        if d.member_name:
            rows.append([p(t["member"], "label"), p(d.member_name, "value_bold")])
        rows += [
            [p(t["member_number"], "label"), p(number, "value")],
            [p(t["nik"], "label"), p(d.nik_masked, "value")],
        ]
        rows += self.relief_rows()
        amount_row = len(rows)
        rows += [
            [p(t["amount"], "label"), p(rupiah(d.amount, d.lang), "amount")],
            [p(t["words"], "label"), p(amount_in_words(d.amount, d.lang), "words")],
        ]
        months = t["months_one" if d.months == 1 else "months_many"].format(n=d.months)
        purpose = t["purpose"].format(programmes=join_list(d.programmes, t["and"]), months=months)
        rows += [
            [p(t["for_payment"], "label"), p(purpose, "value")],
            [
                p(t["period"], "label"),
                p(period_text(d.period_start, d.period_end, d.lang), "value"),
            ],
            [p(t["breakdown"], "label"), self._breakdown()],
            [p(t["method"], "label"), p(t[_METHOD_KEYS[d.method]], "value")],
            [p(t["event"], "label"), p(d.event_name, "value")],
        ]
        pad = ROW_PAD * self.scale
        # The amount and its words stand out between two rules.
        return [
            self.gap(2.5),
            self.label_table(
                rows,
                ("LINEABOVE", (0, amount_row), (-1, amount_row), 0.6, RULE),
                ("LINEBELOW", (0, amount_row + 1), (-1, amount_row + 1), 0.6, RULE),
                ("TOPPADDING", (0, amount_row), (-1, amount_row), pad * 2),
                ("VALIGN", (0, amount_row), (0, amount_row), "MIDDLE"),
                ("BOTTOMPADDING", (0, amount_row + 1), (-1, amount_row + 1), pad * 2.5),
            ),
        ]

    def label_table(self, rows: list[list[Flowable | str]], *marks: tuple[object, ...]) -> Table:
        """A receipt's or slip's label | value table; `marks`: its own extra style commands."""
        label_width = LABEL_WIDTH * self.scale
        pad = ROW_PAD * self.scale
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 2 * self.scale),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ]
        table = Table(rows, colWidths=[label_width, self.width - label_width])
        table.setStyle(TableStyle([*style, *marks]))
        return table

    def relief_rows(self) -> list[list[Flowable | str]]:
        """The full price and the relief taken off it (`Keringanan PP 50/2025`), above the
        amount charged; none without a relief."""
        d, t, p = self.d, self.t, self.p
        if not d.discount_amount:
            return []
        relief = t["relief"].format(regulation=d.discount_regulation or "-")
        return [
            [p(t["full_price"], "label"), p(rupiah(d.amount + d.discount_amount, d.lang), "value")],
            [p(relief, "label"), p("−" + rupiah(d.discount_amount, d.lang), "value")],
        ]

    def _breakdown(self) -> Table:
        d, t = self.d, self.t
        rows = [
            [
                self.p(f"{code} · {t[code]}", "line_label"),
                self.p(rupiah(d.breakdown[code], d.lang), "line_amount"),
            ]
            for code in PROGRAMMES
            if code in d.breakdown and (d.breakdown[code] or code in d.programmes)
        ]
        inner = self.width - LABEL_WIDTH * self.scale
        # Amounts never wrap: their column is as wide as the widest one.
        amount_style = self.s["line_amount"]
        amounts = max(
            stringWidth(rupiah(v, d.lang), amount_style.fontName, amount_style.fontSize)
            for v in d.breakdown.values()
        )
        amount_width = min(inner / 2, amounts + 1 * mm)
        table = Table(rows, colWidths=[inner - amount_width, amount_width])
        table.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * self.scale),
                ]
            )
        )
        return table

    def signature(self) -> list[Flowable]:
        """Place and date, then the officer's signature (beside the stamp-duty box when due)."""
        d, t = self.d, self.t
        place_date = t["place_date"].format(
            place=d.place,
            date=long_date(d.received_at.date(), d.lang),
            time=_time_text(d.received_at, d.lang),
        )
        sign_width = min(self.width, SIGNATURE_WIDTH * self.scale)
        if self.stamp_duty_due:
            # On a roll the box and the signature share 72 mm: the signature gives way.
            sign_width = min(sign_width, self.width - (STAMP_BOX[0] + STAMP_GAP) * self.scale)
        signer = Table(
            [
                [self.p(t["receiver"], "sign")],
                [Spacer(1, SIGNATURE_SPACE * self.scale)],
                [self.p(d.officer_name, "sign_name")],
                [
                    self.p(
                        t["officer_line"].format(officer_id=d.officer_id, branch=d.branch_code),
                        "sign_detail",
                    )
                ],
            ],
            colWidths=[sign_width],
        )
        signer.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 1), (0, 1), 0.6, INK),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.5 * self.scale),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5 * self.scale),
                    ("TOPPADDING", (0, 2), (0, 2), 1.5 * self.scale),
                ]
            ),
        )
        left: Flowable | str = ""
        if self.stamp_duty_due:
            left = self._stamp_box()
        block = Table(
            [[left, signer]],
            colWidths=[self.width - sign_width, sign_width],
        )
        block.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [self.p(place_date, "place_date"), self.gap(1.5), block]

    def _stamp_box(self) -> Table:
        """The place for a Rp10,000 meterai, over which the officer signs."""
        d, t = self.d, self.t
        w, h = STAMP_BOX[0] * self.scale, STAMP_BOX[1] * self.scale
        box = Table(
            [[self.p(t["stamp"], "stamp")], [self.p(rupiah(STAMP_DUTY, d.lang), "stamp")]],
            colWidths=[w],
            rowHeights=[h / 2, h / 2],
            hAlign="LEFT",
        )
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.6, INK, None, (2, 2)),
                    ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                    ("VALIGN", (0, 1), (-1, 1), "TOP"),
                ]
            )
        )
        return box

    def footnote(self) -> list[Flowable]:
        return [self.gap(2.5), self.p(self.t["keep"], "footnote")]

    def top(self) -> list[Flowable]:
        return self.header() + self.marks() + self.facts()

    def bottom(self) -> list[Flowable]:
        return [self.gap(4)] + self.signature() + self.footnote()


def _height(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for f in flowables:
        _, h = f.wrap(width, 10_000 * mm)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _draw(
    canvas: Canvas, flowables: Sequence[Flowable], x: float, top: float, width: float
) -> float:
    """Draw top-down from `top`; returns where the next flowable would start."""
    y = top
    for f in flowables:
        y -= f.getSpaceBefore()
        w, h = f.wrap(width, 10_000 * mm)
        f.drawOn(canvas, x, y - h, _sW=width - w)
        y -= h + f.getSpaceAfter()
    return y


def _void_watermark(canvas: Canvas, word: str, width: float, height: float) -> None:
    """The void word, big and pale, along the page's diagonal, over everything."""
    angle = math.degrees(math.atan2(height, width))
    diagonal = math.hypot(width, height)
    # Long enough to be seen at a glance, thin enough that its corners stay on the page.
    size = min(0.62 * diagonal / (stringWidth(word, BOLD, 1) or 1), 0.42 * min(width, height))
    canvas.saveState()
    canvas.setFont(BOLD, size)
    canvas.setFillColor(VOID_INK)
    canvas.setFillAlpha(0.22)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(angle)
    canvas.drawCentredString(0, -size * 0.36, word)
    canvas.restoreState()


def render_receipt(
    data: ReceiptData, fmt: str = "a6", builder: type[_Receipt] | None = None
) -> bytes:
    """A one-page PDF receipt. `a6`: A6 portrait (105 × 148 mm) for laser printers, the
    officer's signature at the foot of the page; `80mm`: an 80 mm wide strip, as tall as
    its content, for thermal roll printers. The same data gives the same bytes."""
    page = _PAGES.get(fmt)
    if page is None:
        raise ValueError(f"unknown receipt format {fmt!r}; use one of {', '.join(FORMATS)}")
    register_fonts()
    content_width = page.width - 2 * page.margin
    receipt, top, bottom = _fit(data, page, content_width, builder or _Receipt)
    top_height = _height(top, content_width)
    bottom_height = _height(bottom, content_width)
    if page.height is None:
        height = top_height + bottom_height + 2 * (page.margin + page.feed)
    else:
        height = page.height

    buf = io.BytesIO()
    t = receipt.t
    title = f"{t['title'].capitalize()} {data.receipt_number}"
    canvas = pdf_canvas(buf, (page.width, height), title, invariant=1)
    x = page.margin
    _draw(canvas, top, x, height - page.margin - page.feed, content_width)
    # The signature block sits at the foot of a fixed page, right after the facts on a roll.
    _draw(canvas, bottom, x, page.margin + page.feed + bottom_height, content_width)
    if data.void_reason is not None:
        _void_watermark(canvas, t["void"], page.width, height)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _fit(
    data: ReceiptData, page: _Page, width: float, builder: type[_Receipt]
) -> tuple[_Receipt, list[Flowable], list[Flowable]]:
    """The receipt at the largest type scale that fits the page (a roll always fits).
    Raises ValueError rather than print text over text."""
    scale = 1.0
    while True:
        receipt = builder(data, width, scale)
        top, bottom = receipt.top(), receipt.bottom()
        if page.height is None:
            return receipt, top, bottom
        if _height(top, width) + _height(bottom, width) <= page.height - 2 * page.margin:
            return receipt, top, bottom
        if scale <= MIN_SCALE:
            raise ValueError("this receipt's text is too long for an A6 page; use the 80 mm roll")
        scale = max(MIN_SCALE, round(scale - 0.04, 2))
