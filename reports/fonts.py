"""The fonts every renderer uses, registered with reportlab once per process and embedded
in each PDF (full Latin coverage: `Regapu’u`, `Ñoman`)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"

REGULAR = "Sigap-Regular"
BOLD = "Sigap-Bold"
CONDENSED = "Sigap-Condensed"
CONDENSED_BOLD = "Sigap-CondensedBold"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CONDENSED: "DejaVuSansCondensed.ttf",
    CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}
_registered = False


def register_fonts() -> None:
    """Idempotent; call before drawing."""
    global _registered
    if _registered:
        return
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    _registered = True
