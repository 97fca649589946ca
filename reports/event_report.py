"""The event report (A4 portrait): who enrolled, who paid what, which receipts were used,
voids, officers and what still waits for HQ, with charts. Data in (`EventReportData`),
PDF bytes out.

The page frame (styles, tables, "Halaman 1 dari N", signature blocks) is shared with the
sponsor statement and the day closing, which import it from here, so the three reports
look alike."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from babel.dates import format_date, format_time
from babel.numbers import format_percent
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
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
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from models.money import LOCALES, long_date, rupiah
from models.report_data import EventReportData, MoneyLine, ReceiptRange, Tally, VoidLine
from reports.fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts

# ------------------------------------------------------------ the page frame

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


def labels(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    return table["en"] if lang == "en" else table["id"]


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
) -> Table:
    """A table whose header row repeats on every page; columns in `right` hold figures.
    A width of None fits the column to its widest cell (receipt numbers, amounts and
    periods never break); column `stretch` takes what is left of the page's width. Every
    cell is a paragraph, so long names wrap inside their column."""
    st = styles()
    plain = ParagraphStyle("c", parent=st["cell"], fontSize=size, leading=size * 1.25)
    bold_ = ParagraphStyle("cb", parent=st["head"], fontSize=size, leading=size * 1.25)
    by_kind = {
        (False, False): plain,
        (False, True): bold_,
        (True, False): ParagraphStyle("cr", parent=plain, alignment=TA_RIGHT),
        (True, True): ParagraphStyle("cbr", parent=bold_, alignment=TA_RIGHT),
    }

    def cell(text: str, col: int, bold: bool = False) -> Paragraph:
        return p(text, by_kind[(col in right, bold)])

    cols = _fit_widths(header, rows, total, widths, stretch, size)
    body = [[cell(h, i, True) for i, h in enumerate(header)]]
    body += [[cell(v, i) for i, v in enumerate(r)] for r in rows]
    if total is not None:
        body.append([cell(v, i, True) for i, v in enumerate(total)])
    t = Table(body, colWidths=cols, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
    ]
    for i in range(2, len(body), 2):
        commands.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    if total is not None:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("BACKGROUND", (0, -1), (-1, -1), colors.white),
        ]
    t.setStyle(TableStyle(commands))
    return t


CELL_PAD = 3
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


def date_range(start: date, end: date, lang: str) -> str:
    if start == end:
        return long_date(start, lang)
    return f"{long_date(start, lang)} – {long_date(end, lang)}"


def month_text(d: date, lang: str) -> str:
    return format_date(d, "MMM y", locale=LOCALES.get(lang, "id_ID"))


def period_text(start: date, end: date, lang: str) -> str:
    if start == end:
        return month_text(start, lang)
    return f"{month_text(start, lang)} – {month_text(end, lang)}"


def time_text(moment: datetime, lang: str) -> str:
    """Local wall time as recorded (09.15 / 09:15), not converted to another zone."""
    return format_time(
        moment.replace(tzinfo=None).time(), "short", locale=LOCALES.get(lang, "id_ID")
    )


def moment_text(moment: datetime, lang: str) -> str:
    return f"{long_date(moment.date(), lang)} {time_text(moment, lang)}"


def share(n: int, total: int, lang: str) -> str:
    if total == 0:
        return "–"
    return format_percent(n / total, "#,##0.0%", locale=LOCALES.get(lang, "id_ID"))


def receipt_range_text(r: ReceiptRange) -> str:
    if r.first is None:
        return "–"
    return r.first if r.first == r.last else f"{r.first} – {r.last}"


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
        author="Sigap",
        creator="Sigap",
        lang="en-GB" if lang == "en" else "id-ID",
    )
    doc.build(story, canvasmaker=maker)
    return out.getvalue()


def printed_text(moment: datetime, lang: str) -> str:
    return labels(FRAME_LABELS, lang)["printed"].format(when=moment_text(moment, lang))


# ------------------------------------------------------------ the event report

LABELS = {
    "id": {
        "title": "Laporan Acara",
        "dates": "Tanggal",
        "location": "Lokasi",
        "region": "Wilayah",
        "branch": "Kantor cabang",
        "payer": "Pembayar",
        "sponsor": "Sponsor",
        "status": "Status",
        "open": "Berlangsung",
        "closed": "Ditutup",
        "printed": "Dicetak",
        "self_only": "Bayar sendiri",
        "summary": "Ringkasan",
        "enrolments": "Peserta terdaftar",
        "money_in": "Iuran diterima (tanpa yang dibatalkan)",
        "voided": "Pembayaran dibatalkan",
        "receipts": "Kwitansi",
        "waiting": "Data belum terkirim ke kantor pusat",
        "quota": "Kuota skema (perangkat ini)",
        "budget": "Anggaran skema (perangkat ini)",
        "of": "{used} dari {total}",
        "records": "{n} data",
        "payments_n": "{n} pembayaran",
        "charts": "Grafik",
        "chart_occupation": "Pendaftar menurut pekerjaan (10 terbanyak)",
        "chart_payer": "Menurut pembayar",
        "chart_age": "Menurut kelompok umur",
        "by_occupation": "Menurut pekerjaan",
        "by_sex": "Menurut jenis kelamin",
        "by_age": "Menurut kelompok umur (pada tanggal pendaftaran)",
        "by_programmes": "Menurut program",
        "by_payer": "Menurut pembayar",
        "occupation": "Pekerjaan",
        "code": "Kode",
        "sex": "Jenis kelamin",
        "age": "Umur",
        "programmes": "Program",
        "count": "Jumlah",
        "share": "Persentase",
        "total": "Total",
        "money": "Iuran",
        "money_by_payer": "Iuran menurut pembayar",
        "money_by_method": "Iuran menurut cara bayar",
        "method": "Cara bayar",
        "payments": "Pembayaran",
        "amount": "Nilai",
        "receipt_range": "Nomor kwitansi",
        "first_last": "Pertama – terakhir",
        "receipt_count": "Kwitansi acara ini",
        "used_elsewhere": "Nomor di rentang ini yang dipakai acara lain",
        "gaps": "Nomor terlewat",
        "no_gaps": "Tidak ada",
        "voids": "Pembatalan",
        "no_voids": "Tidak ada pembayaran yang dibatalkan.",
        "receipt": "Kwitansi",
        "reason": "Alasan",
        "voided_by": "Dibatalkan oleh",
        "approved_by": "Disetujui",
        "voided_at": "Waktu",
        "officers": "Pendaftaran per petugas",
        "officer": "Petugas",
        "hq": "Antrean ke kantor pusat",
        "hq_text": "{n} data acara ini masih menunggu terkirim ke kantor pusat.",
        "hq_none": "Semua data acara ini sudah terkirim ke kantor pusat.",
        "none": "Belum ada pendaftaran.",
        "word_M": "Laki-laki",
        "word_F": "Perempuan",
        "word_other": "Lainnya",
        "word_self": "Bayar sendiri",
        "word_cash": "Tunai",
        "word_transfer": "Transfer",
        "word_sponsor": "Dibayar sponsor",
    },
    "en": {
        "title": "Event report",
        "dates": "Dates",
        "location": "Location",
        "region": "Region",
        "branch": "Branch office",
        "payer": "Payer",
        "sponsor": "Sponsor",
        "status": "Status",
        "open": "Open",
        "closed": "Closed",
        "printed": "Printed",
        "self_only": "Self-paid",
        "summary": "Summary",
        "enrolments": "Members enrolled",
        "money_in": "Contributions received (voids left out)",
        "voided": "Voided payments",
        "receipts": "Receipts",
        "waiting": "Records not yet sent to HQ",
        "quota": "Scheme quota (this device)",
        "budget": "Scheme budget (this device)",
        "of": "{used} of {total}",
        "records": "{n} records",
        "payments_n": "{n} payments",
        "charts": "Charts",
        "chart_occupation": "Enrolments by occupation (top 10)",
        "chart_payer": "By payer",
        "chart_age": "By age band",
        "by_occupation": "By occupation",
        "by_sex": "By sex",
        "by_age": "By age band (on the enrolment date)",
        "by_programmes": "By programmes",
        "by_payer": "By payer",
        "occupation": "Occupation",
        "code": "Code",
        "sex": "Sex",
        "age": "Age",
        "programmes": "Programmes",
        "count": "Count",
        "share": "Share",
        "total": "Total",
        "money": "Contributions",
        "money_by_payer": "Contributions by payer",
        "money_by_method": "Contributions by payment method",
        "method": "Method",
        "payments": "Payments",
        "amount": "Amount",
        "receipt_range": "Receipt numbers",
        "first_last": "First – last",
        "receipt_count": "Receipts of this event",
        "used_elsewhere": "Numbers in this range used by other events",
        "gaps": "Numbers skipped",
        "no_gaps": "None",
        "voids": "Voids",
        "no_voids": "No payment was voided.",
        "receipt": "Receipt",
        "reason": "Reason",
        "voided_by": "Voided by",
        "approved_by": "Approved by",
        "voided_at": "When",
        "officers": "Enrolments per officer",
        "officer": "Officer",
        "hq": "Queue for HQ",
        "hq_text": "{n} records of this event are still waiting to be sent to HQ.",
        "hq_none": "Every record of this event has reached HQ.",
        "none": "No enrolments yet.",
        "word_M": "Male",
        "word_F": "Female",
        "word_other": "Other",
        "word_self": "Self-paid",
        "word_cash": "Cash",
        "word_transfer": "Bank transfer",
        "word_sponsor": "Paid by sponsor",
    },
}


def _name(t: Tally | MoneyLine, L: dict[str, str]) -> str:
    """Reference data comes named; fixed words (`M`, `self`, `cash`, `15-24`) are ours."""
    if t.key != t.name:
        return t.name
    return L.get(f"word_{t.key}", t.key.replace("-", "–"))


def render_event_report(data: EventReportData) -> bytes:
    lang = data.lang
    L = labels(LABELS, lang)
    st = styles()
    ev = data.event
    story: list[Flowable] = [
        p(L["title"], st["title"]),
        p(ev.name, st["subtitle"]),
    ]
    details = [
        (L["dates"], date_range(ev.starts_on, ev.ends_on, lang)),
        (L["location"], ev.location),
        (L["region"], ev.region_name),
        (L["branch"], ev.branch_code),
        (L["payer"], ev.scheme_name or L["self_only"]),
    ]
    if ev.sponsor_name:
        details.append((L["sponsor"], ev.sponsor_name))
    details += [
        (L["status"], L.get(ev.status, ev.status)),
        (L["printed"], moment_text(data.generated_at, lang)),
    ]
    story.append(info_table(details))

    # Summary
    story += heading(L["summary"])
    voided_n = len(data.voids)
    summary = [
        [L["enrolments"], str(data.enrolments)],
        [L["money_in"], rupiah(data.money_total, lang)],
        [
            L["voided"],
            f"{L['payments_n'].format(n=voided_n)} · {rupiah(data.voided_amount, lang)}",
        ],
        [L["receipts"], f"{receipt_range_text(data.receipts)} ({data.receipts.count})"],
        [L["waiting"], L["records"].format(n=data.waiting_hq)],
    ]
    if data.quota is not None:
        summary.append([L["quota"], L["of"].format(used=data.quota_used, total=data.quota)])
    if data.budget is not None:
        summary.append(
            [
                L["budget"],
                L["of"].format(
                    used=rupiah(data.budget_used or 0, lang), total=rupiah(data.budget, lang)
                ),
            ]
        )
    story.append(summary_table(summary))

    if data.enrolments == 0:
        story.append(Spacer(1, 4 * mm))
        story.append(p(L["none"], st["body"]))
    else:
        story += heading(L["charts"])
        story.append(_occupation_chart(data, L))
        story.append(Spacer(1, 4 * mm))
        story.append(_payer_and_age_charts(data, L))

    # Breakdowns
    total = data.enrolments
    story += heading(L["by_occupation"])
    story.append(
        data_table(
            [L["code"], L["occupation"], L["count"], L["share"]],
            [
                [t.key, t.name, str(t.count), share(t.count, total, lang)]
                for t in data.by_occupation
            ],
            [None, None, 25 * mm, 25 * mm],
            right=(2, 3),
            stretch=1,
            total=["", L["total"], str(total), share(total, total, lang)],
        )
    )
    small = [WIDTH - 50 * mm, 25 * mm, 25 * mm]
    for title, column, tallies in (
        (L["by_sex"], L["sex"], data.by_sex),
        (L["by_age"], L["age"], data.by_age_band),
        (L["by_programmes"], L["programmes"], data.by_programmes),
        (L["by_payer"], L["payer"], data.by_payer),
    ):
        story.append(
            KeepTogether(
                [
                    p(title, st["h2"]),
                    data_table(
                        [column, L["count"], L["share"]],
                        [[_name(t, L), str(t.count), share(t.count, total, lang)] for t in tallies],
                        small,
                        right=(1, 2),
                        total=[L["total"], str(total), share(total, total, lang)],
                    ),
                ]
            )
        )

    # Money
    money_widths = [WIDTH - 70 * mm, 25 * mm, 45 * mm]
    for title, column, lines in (
        (L["money_by_payer"], L["payer"], data.money_by_payer),
        (L["money_by_method"], L["method"], data.money_by_method),
    ):
        story.append(
            KeepTogether(
                [
                    p(title, st["h2"]),
                    data_table(
                        [column, L["payments"], L["amount"]],
                        [[_name(m, L), str(m.payments), rupiah(m.amount, lang)] for m in lines],
                        money_widths,
                        right=(1, 2),
                        total=[
                            L["total"],
                            str(sum(m.payments for m in lines)),
                            rupiah(sum(m.amount for m in lines), lang),
                        ],
                    ),
                ]
            )
        )

    # Receipts
    r = data.receipts
    gaps = ", ".join(a if a == b else f"{a} – {b}" for a, b in r.gaps) or L["no_gaps"]
    story.append(
        KeepTogether(
            [
                p(L["receipt_range"], st["h2"]),
                summary_table(
                    [
                        [L["first_last"], receipt_range_text(r)],
                        [L["receipt_count"], str(r.count)],
                        [L["used_elsewhere"], str(r.used_elsewhere)],
                        [L["gaps"], gaps],
                    ]
                ),
            ]
        )
    )

    # Voids
    story += heading(L["voids"])
    story.append(voids_table(data.voids, L, lang) if data.voids else p(L["no_voids"], st["body"]))

    # Officers and the queue
    story.append(
        KeepTogether(
            [
                p(L["officers"], st["h2"]),
                data_table(
                    [L["officer"], L["count"], L["share"]],
                    [
                        [f"{t.name} ({t.key})", str(t.count), share(t.count, total, lang)]
                        for t in data.per_officer
                    ],
                    small,
                    right=(1, 2),
                    total=[L["total"], str(total), share(total, total, lang)],
                ),
            ]
        )
    )
    story += heading(L["hq"])
    hq = L["hq_text"].format(n=data.waiting_hq) if data.waiting_hq else L["hq_none"]
    story.append(p(hq, st["body"]))

    footer = f"{L['title']} · {ev.name}"
    return build_pdf(story, f"{L['title']}: {ev.name}", footer, data.generated_at, lang)


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


# ------------------------------------------------------------------ charts


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 6:
            return step
    return max(1, top // 5)


def _value_axis(axis: Any, top: int) -> None:
    step = _nice_step(top)
    axis.valueMin = 0
    axis.valueMax = max(step, -(-top // step) * step)
    axis.valueStep = step
    axis.labelTextFormat = "%d"
    axis.labels.fontName = CONDENSED
    axis.labels.fontSize = 7
    axis.strokeColor = RULE
    axis.gridStrokeColor = colors.HexColor("#d9dee3")
    axis.gridStrokeWidth = 0.4
    axis.visibleGrid = True


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chart_title(drawing: Drawing, x: float, y: float, text: str) -> None:
    drawing.add(String(x, y, text, fontName=BOLD, fontSize=8.5, fillColor=INK))


def _occupation_chart(data: EventReportData, L: dict[str, str]) -> Drawing:
    top = list(data.by_occupation[:10])
    bar_height = 6 * mm
    height = len(top) * bar_height + 16 * mm
    d = Drawing(WIDTH, height)
    _chart_title(d, 0, height - 4 * mm, L["chart_occupation"])
    chart = HorizontalBarChart()
    chart.x = 62 * mm
    chart.y = 6 * mm
    chart.width = WIDTH - chart.x - 8 * mm
    chart.height = len(top) * bar_height
    # The chart draws its first category at the bottom: most enrolments go on top.
    chart.data = [[t.count for t in reversed(top)]]
    chart.categoryAxis.categoryNames = [_clip(t.name, 38) for t in reversed(top)]
    chart.categoryAxis.labels.fontName = CONDENSED
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = RULE
    _value_axis(chart.valueAxis, max(t.count for t in top))
    chart.bars[0].fillColor = PALETTE[0]
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 2.5
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = CONDENSED
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    d.add(chart)
    return d


def _payer_and_age_charts(data: EventReportData, L: dict[str, str]) -> Drawing:
    height = 62 * mm
    d = Drawing(WIDTH, height)
    half = WIDTH / 2

    # Payer: a pie with a legend beside it (scheme names are too long for slice labels).
    _chart_title(d, 0, height - 4 * mm, L["chart_payer"])
    payers = [t for t in data.by_payer if t.count]
    pie = Pie()
    pie.x = 2 * mm
    pie.y = 8 * mm
    pie.width = pie.height = 38 * mm
    pie.data = [t.count for t in payers]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for i in range(len(payers)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(pie)
    legend = Legend()
    legend.x = pie.x + pie.width + 5 * mm
    legend.y = pie.y + pie.height
    legend.fontName = CONDENSED
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.dx = legend.dy = 6
    legend.deltay = 11
    # Long scheme names wrap onto a second line rather than run into the next chart.
    legend.colorNamePairs = [
        (
            PALETTE[i % len(PALETTE)],
            "\n".join(textwrap.wrap(f"{_clip(_name(t, L), 56)} ({t.count})", 28)),
        )
        for i, t in enumerate(payers)
    ]
    d.add(legend)

    # Age bands: vertical bars.
    _chart_title(d, half + 4 * mm, height - 4 * mm, L["chart_age"])
    bands = list(data.by_age_band)
    bars = VerticalBarChart()
    bars.x = half + 12 * mm
    bars.y = 10 * mm
    bars.width = half - 16 * mm
    bars.height = height - 24 * mm
    bars.data = [[t.count for t in bands]]
    bars.categoryAxis.categoryNames = [_name(t, L) for t in bands]
    bars.categoryAxis.labels.fontName = CONDENSED
    bars.categoryAxis.labels.fontSize = 7.5
    bars.categoryAxis.labels.dy = -2
    bars.categoryAxis.strokeColor = RULE
    _value_axis(bars.valueAxis, max([t.count for t in bands] + [1]))
    bars.bars[0].fillColor = PALETTE[1]
    bars.bars[0].strokeColor = None
    bars.barLabelFormat = "%d"
    bars.barLabels.fontName = CONDENSED
    bars.barLabels.fontSize = 7
    bars.barLabels.boxAnchor = "s"
    bars.barLabels.dy = 2
    d.add(bars)
    return d
