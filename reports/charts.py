"""The event report's charts: enrolments by occupation, by payer and by age band, drawn
in the A4 frame's colours and fonts."""

from __future__ import annotations

import textwrap
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from models.report_data import EventReportData
from reports.a4 import INK, PALETTE, RULE, WIDTH
from reports.fonts import BOLD, CONDENSED
from reports.text import tally_name


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


def occupation_chart(data: EventReportData, L: dict[str, str]) -> Drawing:
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


def payer_and_age_charts(data: EventReportData, L: dict[str, str]) -> Drawing:
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
            "\n".join(textwrap.wrap(f"{_clip(tally_name(t, L), 56)} ({t.count})", 28)),
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
    bars.categoryAxis.categoryNames = [tally_name(t, L) for t in bands]
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
