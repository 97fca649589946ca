"""The A4 report frame the event report, the sponsor statement and the day closing share,
so the three look alike: the page (A4 portrait, margins in mm), named paragraph styles,
the tables they are made of, "Halaman 1 dari N" in every footer, signature blocks, and
`A4Report`, a base class with one hook per part of the page (after pretix's
BaseReportlabInvoiceRenderer). A new A4 document subclasses `A4Report`: its words in
`LABELS`, its parts in the hooks, `render()` lays them out."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from models.money import rupiah
from models.report_data import VoidLine
from reports.document import AUTHOR, CREATOR
from reports.fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts
from reports.paged import PagedTable
from reports.text import labels, moment_text

# ------------------------------------------------------------ the page

PAGE = A4
LEFT_MARGIN = RIGHT_MARGIN = 15 * mm
TOP_MARGIN = 16 * mm
BOTTOM_MARGIN = 18 * mm
WIDTH = PAGE[0] - LEFT_MARGIN - RIGHT_MARGIN

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
HEADER_FILL = colors.HexColor("#e4e7eb")
ZEBRA = colors.HexColor("#f5f7fa")
PALETTE = [
    colors.HexColor(c)
    for c in ("#2f6f9f", "#e08a2c", "#3f9b5b", "#b5475b", "#7a5ea8", "#8c6d46", "#4a9fb0")
]

FRAME_LABELS = {
    "id": {"page": "Halaman {page} dari {pages}", "printed": "Dicetak {when}"},
    "en": {"page": "Page {page} of {pages}", "printed": "Printed {when}"},
}


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontName=BOLD, fontSize=11.5, leading=15, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontName=CONDENSED, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=body, fontName=CONDENSED_BOLD, fontSize=8.5, leading=10.5
        ),
        "head": ParagraphStyle(
            "head", parent=body, fontName=CONDENSED_BOLD, fontSize=8.5, leading=10.5
        ),
        "key": ParagraphStyle("key", parent=body, fontName=BOLD, fontSize=9, leading=12),
        "big": ParagraphStyle("big", parent=body, fontName=BOLD, fontSize=14, leading=17),
    }


def heading(text: str) -> list[Flowable]:
    """A section heading that starts a new page rather than stand alone at the foot of
    one (a long table after it still begins on the same page when there is room)."""
    return [CondPageBreak(28 * mm), p(text, styles()["h2"])]


def p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (names may hold `&` or `<`)."""
    return Paragraph(escape(text), style)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float | None],
    right: Sequence[int] = (),
    total: Sequence[str] | None = None,
    stretch: int | None = None,
    size: float = 8.5,
) -> Flowable:
    """A table whose header row repeats on every page; columns in `right` hold figures.
    A width of None fits the column to its widest cell (receipt numbers, amounts and
    periods never break); column `stretch` takes what is left of the page's width.

    A cell is plain text, drawn as it is; only a text wider than its column (a long name)
    becomes a paragraph that wraps inside it. A long table is laid out a page at a time
    (`reports.paged`), each row measured once."""
    st = styles()
    leading = size * 1.25
    plain = ParagraphStyle("c", parent=st["cell"], fontSize=size, leading=leading)
    bold_ = ParagraphStyle("cb", parent=st["head"], fontSize=size, leading=leading)
    by_kind = {
        (False, False): plain,
        (False, True): bold_,
        (True, False): ParagraphStyle("cr", parent=plain, alignment=TA_RIGHT),
        (True, True): ParagraphStyle("cbr", parent=bold_, alignment=TA_RIGHT),
    }
    cols = _fit_widths(header, rows, total, widths, stretch, size)
    room = [w - 2 * CELL_PAD for w in cols]
    one_line = leading + 2 * ROW_PAD

    def row_of(texts: Sequence[str], bold: bool = False) -> tuple[list[Any], float]:
        """The row's cells and its height as the table lays it out."""
        font = CONDENSED_BOLD if bold else CONDENSED
        cells: list[Any] = []
        height = one_line
        for i, text in enumerate(texts):
            if "\n" not in text and stringWidth(text, font, size) <= room[i]:
                cells.append(text)
                continue
            para = p(text, by_kind[(i in right, bold)])
            height = max(height, para.wrap(room[i], 1e6)[1] + 2 * ROW_PAD)
            cells.append(para)
        return cells, height

    head, head_height = row_of(header, True)
    body = [row_of(r) for r in rows]
    if total is not None:
        body.append(row_of(total, True))
    n = len(body)

    def table(first: int, count: int) -> Table:
        """The header and body rows first..first+count (zebra by the whole table's rows)."""
        t = Table(
            [head, *(cells for cells, _ in body[first : first + count])],
            colWidths=cols, repeatRows=1, hAlign="LEFT",
        )  # fmt: skip
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), CONDENSED),
            ("FONTNAME", (0, 0), (-1, 0), CONDENSED_BOLD),
            ("FONTSIZE", (0, 0), (-1, -1), size),
            ("LEADING", (0, 0), (-1, -1), leading),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), ROW_PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PAD),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ]
        commands += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
        for row in range(first, first + count):
            if row % 2:  # the 2nd, 4th, ... body row
                commands.append(("BACKGROUND", (0, row - first + 1), (-1, row - first + 1), ZEBRA))
        if total is not None and first + count == n:
            commands += [
                ("FONTNAME", (0, -1), (-1, -1), CONDENSED_BOLD),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
                ("BACKGROUND", (0, -1), (-1, -1), colors.white),
            ]
        t.setStyle(TableStyle(commands))
        return t

    if n <= PAGED_FROM:
        return table(0, n)
    return PagedTable(n, [h for _, h in body], head_height, sum(cols), table)


CELL_PAD = 3
ROW_PAD = 2.5
PAGED_FROM = 40  # rows: a shorter table is one Table, as reportlab lays it out itself
MAX_FIT = 60 * mm


def _fit_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: Sequence[str] | None,
    widths: Sequence[float | None],
    stretch: int | None,
    size: float,
) -> list[float]:
    def natural(col: int) -> float:
        w = float(stringWidth(header[col], CONDENSED_BOLD, size))
        if total is not None:
            w = max(w, stringWidth(total[col], CONDENSED_BOLD, size))
        for r in rows:
            w = max(w, stringWidth(r[col], CONDENSED, size))
        # One point to spare: a paragraph wraps text that fills its width exactly.
        return float(min(w + 2 * CELL_PAD + 1, MAX_FIT))

    cols = [natural(i) if w is None else float(w) for i, w in enumerate(widths)]
    if stretch is not None:
        others = sum(w for i, w in enumerate(cols) if i != stretch)
        cols[stretch] = max(WIDTH - others, 25 * mm)
    return cols


def info_table(pairs: Sequence[tuple[str, str]], key_width: float = 38 * mm) -> Table:
    """Label: value lines under a title."""
    st = styles()
    t = Table(
        [[p(k, st["key"]), p(v, st["body"])] for k, v in pairs],
        colWidths=[key_width, WIDTH - key_width],
        hAlign="LEFT",
    )
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return t


def summary_table(rows: Sequence[Sequence[str]], big: bool = False) -> Table:
    """Label and figure, one pair a line, ruled; `big` for the one figure that matters."""
    st = styles()
    label, value = (st["key"], st["big"]) if big else (st["cell"], st["cell_bold"])
    t = Table(
        [[p(k, label), p(v, value)] for k, v in rows],
        colWidths=[85 * mm, WIDTH - 85 * mm],
        hAlign="LEFT",
    )
    t.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if big else "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 4 if big else 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4 if big else 2.5),
            ]
            + ([("BOX", (0, 0), (-1, -1), 0.8, INK)] if big else [])
        )
    )
    return t


def signature_block(
    columns: Sequence[Sequence[tuple[str, str]]], intro: str = ""
) -> list[Flowable]:
    """Blocks side by side, each a role, room to sign, a line, then `label: value` lines;
    an empty value leaves a dotted line to write on. One table, so the signing lines of
    every block stay level however long a role is. The caller keeps the flowables
    together (a KeepTogether inside another one always moves to the next page)."""
    st = styles()
    width = WIDTH / len(columns)
    longest = max(len(c) for c in columns)
    rows: list[list[Any]] = [[p(c[0][0], st["key"]) for c in columns]]
    rows.append([Spacer(1, 16 * mm) for _ in columns])
    rows.append([p("_" * 34, st["body"]) for _ in columns])
    for i in range(1, longest):
        rows.append(
            [
                p(f"{c[i][0]}: {c[i][1] or '.' * 38}", st["body"]) if i < len(c) else ""
                for c in columns
            ]
        )
    t = Table(rows, colWidths=[width] * len(columns), hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
            ]
        )
    )
    parts: list[Flowable] = [Spacer(1, 6 * mm)]
    if intro:
        parts.append(p(intro, st["body"]))
        parts.append(Spacer(1, 3 * mm))
    parts.append(t)
    return parts


class _NumberedCanvas(canvas.Canvas):  # type: ignore[misc]
    """Holds each page until the end so the footer can say how many pages there are."""

    footer_lines: tuple[str, ...] = ()
    page_template = "{page}/{pages}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        top = BOTTOM_MARGIN - 4 * mm
        self.line(LEFT_MARGIN, top, PAGE[0] - RIGHT_MARGIN, top)
        self.setFillColor(MUTED)
        self.setFont(REGULAR, 7.5)
        page_text = self.page_template.format(page=self._pageNumber, pages=total)
        room = WIDTH - self.stringWidth(page_text, REGULAR, 7.5) - 8 * mm
        for i, line in enumerate(self.footer_lines):
            while line and self.stringWidth(line, REGULAR, 7.5) > room:
                line = line[:-2] + "…"
            self.drawString(LEFT_MARGIN, top - (i + 1) * 3.6 * mm, line)
        self.drawRightString(PAGE[0] - RIGHT_MARGIN, top - 3.6 * mm, page_text)
        self.restoreState()


def build_pdf(
    story: list[Flowable], title: str, footer: str, printed: datetime, lang: str
) -> bytes:
    """Lay out `story` on A4 portrait pages with the shared footer (`footer`, then when it
    was printed, and the page number); return the PDF."""
    register_fonts()
    frame = labels(FRAME_LABELS, lang)
    maker = type(
        "ReportCanvas",
        (_NumberedCanvas,),
        {
            "footer_lines": (f"Sigap · {footer}", printed_text(printed, lang)),
            "page_template": frame["page"],
        },
    )
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=AUTHOR,
        creator=CREATOR,
        lang="en-GB" if lang == "en" else "id-ID",
    )
    doc.build(story, canvasmaker=maker)
    return out.getvalue()


def printed_text(moment: datetime, lang: str) -> str:
    return labels(FRAME_LABELS, lang)["printed"].format(when=moment_text(moment, lang))


def voids_table(voids: Sequence[VoidLine], L: dict[str, str], lang: str) -> Table:
    """Receipt, amount, reason, who voided, who approved, when (shared with the day closing)."""
    return data_table(
        [L["receipt"], L["amount"], L["reason"], L["voided_by"], L["approved_by"], L["voided_at"]],
        [
            [
                v.receipt_number,
                rupiah(v.amount, lang),
                v.reason,
                v.voided_by,
                v.approved_by,
                moment_text(v.voided_at, lang),
            ]
            for v in voids
        ],
        [None, None, None, None, None, None],
        right=(1,),
        stretch=2,
    )


# ------------------------------------------------------------ the report


class ReportData(Protocol):
    """What every report's data carries: its language and when it was made."""

    @property
    def lang(self) -> str: ...

    @property
    def generated_at(self) -> datetime: ...


D = TypeVar("D", bound=ReportData)


class A4Report(Generic[D]):
    """One A4 report: a title, a subtitle and the details under them (the head), then the
    report's own sections (the body), with the shared footer on every page. Subclasses
    give `LABELS` (with at least `title`) and the hooks `subtitle`, `details`, `body`
    and `footer`; `head` and `document_title` may be overridden too."""

    LABELS: ClassVar[dict[str, dict[str, str]]] = {}

    def __init__(self, data: D) -> None:
        self.data = data
        self.lang = data.lang
        self.L = labels(self.LABELS, data.lang)
        self.st = styles()

    # ------------------------------------------------------------ hooks

    def title(self) -> str:
        return self.L["title"]

    def subtitle(self) -> str:
        raise NotImplementedError

    def details(self) -> list[tuple[str, str]]:
        """Label and value lines under the title."""
        raise NotImplementedError

    def head(self) -> list[Flowable]:
        return [
            p(self.title(), self.st["title"]),
            p(self.subtitle(), self.st["subtitle"]),
            info_table(self.details()),
        ]

    def body(self) -> list[Flowable]:
        raise NotImplementedError

    def footer(self) -> str:
        """The first footer line of every page (after `Sigap · `)."""
        raise NotImplementedError

    def document_title(self) -> str:
        """The PDF's title property."""
        return f"{self.title()}: {self.subtitle()}"

    # ------------------------------------------------------------ parts

    def p(self, text: str, style: str = "body") -> Paragraph:
        return p(text, self.st[style])

    def heading(self, text: str) -> list[Flowable]:
        return heading(text)

    def money(self, amount: int) -> str:
        return rupiah(amount, self.lang)

    def render(self) -> bytes:
        return build_pdf(
            [*self.head(), *self.body()],
            self.document_title(),
            self.footer(),
            self.data.generated_at,
            self.lang,
        )
