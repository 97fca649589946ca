"""A sponsor statement of 4,500 members (`reports.statement.render_statement`), against
drawing the same text straight on a reportlab canvas, in the same run.

- **Sigap:** `render_statement(data)`: the A4 report with its header, the members' table
  (header row on every page, zebra rows, the total), the summary, the signature block and
  the numbered footer.
- **Baseline:** the same cell texts (the row number, name, masked NIK, member number,
  months, period, amount and receipt number, each as Sigap writes it) drawn with
  `drawString` at fixed column positions on A4 pages of 60 rows, with the same fonts and a
  header line on each page: the text alone, no layout.
- The data is made up (`common.make_people`), built once before timing; the period and
  amount texts are made by the same functions the statement uses, outside the timed part.
- **Memory:** the peak of Python's allocations (tracemalloc) during one render of each
  side, untimed.

    uv run python bench/bench_statement.py [--members 4500] [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date, datetime, timedelta, timezone

import common
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from models.money import rupiah
from models.report_data import EventInfo, StatementData, StatementLine
from reports.fonts import CONDENSED, CONDENSED_BOLD, register_fonts
from reports.statement import render_statement
from reports.text import SHORT, period_text

TARGET = 3.0
WIB = timezone(timedelta(hours=7))


def statement(members: int) -> StatementData:
    people = common.make_people(members, seed=45)
    start = date(2026, 12, 1)
    lines = tuple(
        StatementLine(
            full_name=p.full_name,
            nik_masked=p.nik[:4] + "********" + p.nik[-4:],
            member_number=f"3577{i:07d}",
            months=p.months,
            period_start=start,
            period_end=date(2026 + (p.months + 10) // 12, (p.months + 10) % 12 + 1, 1),
            amount=16_800 * p.months,
            receipt_number=f"KW-1F05CDC7-{i:06d}",
        )
        for i, p in enumerate(people, 1)
    )
    event = EventInfo(
        id="019a4f3e-7c21-7d4a-9b1e-0f6a5b2c9e41", name="Sosialisasi Pasar Besar",
        starts_on=date(2026, 11, 22), ends_on=date(2026, 11, 23), location="Pasar Besar",
        region_name="Kartoharjo, Kota Madiun", branch_code="MDN01", status="open",
        scheme_code="PEMKOT-MDN-2026", scheme_name="Iuran Pekerja Rentan Kota Madiun",
        sponsor_name="Pemerintah Kota Madiun",
    )  # fmt: skip
    return StatementData(
        lang="id", generated_at=datetime(2026, 11, 23, 16, 30, tzinfo=WIB), event=event,
        scheme_code="PEMKOT-MDN-2026", scheme_name="Iuran Pekerja Rentan Kota Madiun",
        sponsor_name="Pemerintah Kota Madiun", sponsor_type="apbd",
        officer_name="Sari Wulandari", lines=lines, total=sum(x.amount for x in lines),
        voided=(), voided_total=0,
    )  # fmt: skip


def texts(data: StatementData) -> list[list[str]]:
    return [
        [
            str(i),
            x.full_name,
            x.nik_masked,
            x.member_number,
            str(x.months),
            period_text(x.period_start, x.period_end, data.lang, SHORT),
            rupiah(x.amount),
            x.receipt_number,
        ]  # fmt: skip
        for i, x in enumerate(data.lines, 1)
    ]


COLUMNS = [0, 10, 62, 92, 116, 128, 152, 170]  # mm from the left margin


def straight(rows: list[list[str]]) -> bytes:
    """The same text drawn at fixed positions, 60 rows a page, a header line on each."""
    register_fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4)
    header = ["No.", "Nama", "NIK", "No. peserta", "Bulan", "Periode", "Iuran", "No. kwitansi"]
    for first in range(0, len(rows), 60):
        y = A4[1] - 20 * mm
        c.setFont(CONDENSED_BOLD, 8)
        for x, text in zip(COLUMNS, header, strict=True):
            c.drawString(18 * mm + x * mm, y, text)
        c.setFont(CONDENSED, 8)
        for row in rows[first : first + 60]:
            y -= 4.2 * mm
            for x, text in zip(COLUMNS, row, strict=True):
                c.drawString(18 * mm + x * mm, y, text)
        c.showPage()
    c.save()
    return out.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--members", type=int, default=4500)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    data = statement(args.members)
    rows = texts(data)
    sigap = lambda: render_statement(data)  # noqa: E731
    base = lambda: straight(rows)  # noqa: E731
    size_sigap, size_base = len(sigap()), len(base())  # warm both
    pairs = common.Pairs()
    for r in range(args.rounds):
        if common.baseline_first(r):
            b = common.timed(base)
            s = common.timed(sigap)
        else:
            s = common.timed(sigap)
            b = common.timed(base)
        pairs.add(b, s)
    print(f"bench_statement: {args.members} members, {args.rounds} interleaved rounds")
    print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}")
    common.print_comparison(
        "render_statement", pairs, TARGET, 1, "statement",
        "the same text drawn straight on the canvas", "Sigap's statement",
    )  # fmt: skip
    print(f"  PDF size: Sigap {size_sigap / 1e6:.2f} MB, baseline {size_base / 1e6:.2f} MB")
    print(f"  peak Python allocations during one render: Sigap {common.peak_mb(sigap):.1f} MB, "
          f"baseline {common.peak_mb(base):.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
