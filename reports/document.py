"""What every renderer does before its first line: register the fonts, open a PDF canvas
and give the PDF its generic properties (no member's name or number travels in them)."""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from reports.fonts import register_fonts

AUTHOR = CREATOR = "Sigap"


def pdf_canvas(buffer: io.BytesIO, size: tuple[float, float], title: str, **options: Any) -> Canvas:
    """A compressed PDF canvas with Sigap's fonts registered and its properties set;
    `options` go to reportlab's Canvas (`lang`, `invariant`)."""
    register_fonts()
    canvas = Canvas(buffer, pagesize=size, pageCompression=1, **options)
    canvas.setTitle(title)
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(CREATOR)
    return canvas
