"""What every renderer does before its first line: register the fonts, open a PDF canvas
and give the PDF its generic properties (no member's name or number travels in them)."""

from __future__ import annotations

import io
from typing import Any

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from reports.fonts import register_fonts

AUTHOR = CREATOR = "Sigap"

# Compressed streams are written as they are, not also in ASCII85 text (reportlab's default,
# from when PDFs went through 7-bit mail): a quarter smaller, and no time spent encoding.
rl_config.useA85 = 0


def pdf_canvas(buffer: io.BytesIO, size: tuple[float, float], title: str, **options: Any) -> Canvas:
    """A compressed PDF canvas with Sigap's fonts registered and its properties set;
    `options` go to reportlab's Canvas (`lang`, `invariant`)."""
    register_fonts()
    canvas = Canvas(buffer, pagesize=size, pageCompression=1, **options)
    canvas.setTitle(title)
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(CREATOR)
    return canvas
