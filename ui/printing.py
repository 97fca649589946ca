"""PDF pages as images (pypdfium2; this Qt has no QtPdf) for previews, and printing a PDF
through any QPrinter by painting those images onto its pages, one page at a time."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72.0
# A printer reports up to 1200 dpi; an A4 page at that resolution is half a gigabyte of
# pixels. 300 dpi is what laser and card printers resolve anyway.
MAX_PRINT_DPI = 300

_FORMATS = {
    "RGB": QImage.Format.Format_RGB888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGBX": QImage.Format.Format_RGBX8888,
    "BGR": QImage.Format.Format_BGR888,
    "L": QImage.Format.Format_Grayscale8,
}


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points."""
    import pypdfium2 as pdfium  # loaded at the first preview, not at start

    doc = pdfium.PdfDocument(pdf)
    try:
        sizes = []
        for i in range(len(doc)):
            page = doc[i]
            sizes.append(page.get_size())
            page.close()
        return sizes
    finally:
        doc.close()


def pdf_title(pdf: bytes) -> str:
    """The title the PDF gives itself (its document information), or "" when it has none:
    the document's own word for itself, in its own language ("Kwitansi KW-…")."""
    import pypdfium2 as pdfium  # loaded at the first preview, not at start

    doc = pdfium.PdfDocument(pdf)
    try:
        return str(doc.get_metadata_value("Title") or "").strip()
    finally:
        doc.close()


def render_page(page: Any, dpi: float) -> QImage:
    """One pdfium page rendered at `dpi`, on white, as a QImage that owns its pixels."""
    # rev_byteorder: RGB(A) in memory, which QImage reads without a conversion.
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
    try:
        fmt = _FORMATS.get(bitmap.mode)
        if fmt is None:
            raise ValueError(f"unexpected bitmap mode {bitmap.mode!r}")
        data = bytes(bitmap.buffer)
        # QImage only borrows the buffer: copy before the bitmap and `data` go away.
        return QImage(data, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
    finally:
        bitmap.close()


def iter_page_images(pdf: bytes, dpi: float) -> Generator[QImage, None, None]:
    """The pages of the PDF rendered at `dpi`, one at a time: a page is rendered only when
    the one before has been taken, and nothing here keeps it afterwards."""
    import pypdfium2 as pdfium  # loaded at the first preview, not at start

    doc = pdfium.PdfDocument(pdf)
    try:
        for i in range(len(doc)):
            page = doc[i]
            try:
                yield render_page(page, dpi)
            finally:
                page.close()
    finally:
        doc.close()


def pdf_page_images(pdf: bytes, dpi: float) -> list[QImage]:
    """Every page of the PDF rendered at `dpi`, on white (for a preview of a few pages)."""
    return list(iter_page_images(pdf, dpi))


def match_page_size(printer: QPrinter, pdf: bytes) -> None:
    """Propose the PDF's first page size with no margins, so an A6 receipt or an ID-1 card
    comes out at its own size (the print dialog can still change it)."""
    sizes = pdf_page_sizes(pdf)
    if not sizes:
        return
    width, height = sizes[0]
    landscape = width > height
    size = QPageSize(
        QSizeF(min(width, height), max(width, height)),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    orientation = QPageLayout.Orientation.Portrait
    if landscape:
        orientation = QPageLayout.Orientation.Landscape
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    )


class PrintCancelled(Exception):
    """The print was stopped between two pages (the pages printed so far: `args[0]`)."""


def print_pdf(pdf: bytes, printer: QPrinter, on_page: Callable[[int], bool] | None = None) -> int:
    """Paint each page of the PDF onto the printer's pages, each scaled to fit its page
    rectangle (aspect kept, centred). One page at a time: it is rendered, painted and let
    go before the next is rendered, so 1,000 cards need the memory of one page at 300 dpi,
    not of 1,000. `on_page(pages printed so far)` after each page: False stops the print
    there (the print job is aborted, PrintCancelled raised). Runs in any one thread, as a
    QPainter on a QPrinter may. Returns the number of pages printed."""
    dpi = min(max(printer.resolution(), 72), MAX_PRINT_DPI)
    painter = QPainter()
    pages = iter_page_images(pdf, dpi)
    printed = 0
    try:
        for image in pages:
            if printed == 0:
                if not painter.begin(printer):
                    raise OSError("the printer could not be opened")
            elif not printer.newPage():
                raise OSError("the printer refused a new page")
            _paint(painter, printer, image)
            del image  # let the page go before the next one is rendered
            printed += 1
            if on_page is not None and not on_page(printed):
                printer.abort()
                raise PrintCancelled(printed)
    finally:
        pages.close()
        if painter.isActive():
            painter.end()
    return printed


def _paint(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    # The painter's origin is the top left of the page rectangle (of the paper with
    # full-page printing), so only its size matters.
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    area = QRectF(0, 0, page.width(), page.height())
    scale = min(area.width() / image.width(), area.height() / image.height())
    w, h = image.width() * scale, image.height() * scale
    target = QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)
