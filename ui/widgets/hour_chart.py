"""A small bar chart of enrolments per hour of the day, painted by hand (QtCharts is not
part of PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

# Hours always shown, so an empty morning still reads as a working day.
DAY_START, DAY_END = 7, 18


class HourChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts = [0] * 24
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def set_counts(self, counts: list[int]) -> None:
        """24 numbers, one per hour from 00 to 23."""
        values = [int(c) for c in counts[:24]]
        self._counts = values + [0] * (24 - len(values))
        self.setToolTip("\n".join(f"{h:02d}.00  {n}" for h, n in enumerate(self._counts) if n))
        self.update()

    def counts(self) -> list[int]:
        return list(self._counts)

    def hours_shown(self) -> range:
        busy = [h for h, n in enumerate(self._counts) if n]
        first = min([DAY_START, *busy])
        last = max([DAY_END, *busy])
        return range(first, last + 1)

    def sizeHint(self) -> QSize:
        return QSize(420, 140)

    def paintEvent(self, event: QPaintEvent) -> None:
        hours = self.hours_shown()
        peak = max(max(self._counts), 1)
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pal = self.palette()
            text_color = pal.color(QPalette.ColorRole.WindowText)
            bar_color = pal.color(QPalette.ColorRole.Highlight)
            metrics = painter.fontMetrics()
            label_h = metrics.height()
            top_pad = label_h  # room for the count over the tallest bar
            area = QRectF(self.rect()).adjusted(4, top_pad, -4, -label_h - 4)
            slot = area.width() / len(hours)
            bar_w = max(slot * 0.7, 1.0)
            painter.setPen(QColor(text_color))
            painter.drawLine(area.bottomLeft(), area.bottomRight())
            for i, hour in enumerate(hours):
                n = self._counts[hour]
                x = area.left() + i * slot + (slot - bar_w) / 2
                h = area.height() * n / peak
                if n:
                    painter.fillRect(QRectF(x, area.bottom() - h, bar_w, h), bar_color)
                    painter.drawText(
                        QRectF(x - slot, area.bottom() - h - label_h, bar_w + 2 * slot, label_h),
                        Qt.AlignmentFlag.AlignCenter,
                        str(n),
                    )
                if hour % 2 == 0 or len(hours) <= 12:
                    painter.drawText(
                        QRectF(x - slot / 2, area.bottom() + 2, bar_w + slot, label_h),
                        Qt.AlignmentFlag.AlignCenter,
                        f"{hour:02d}",
                    )
        finally:
            painter.end()
