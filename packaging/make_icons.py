"""Make the application icon's PNG and ICO from its SVG source, with Qt's SVG renderer.

    uv run python packaging/make_icons.py

Writes resources/icons/sigap.png (256 px) and resources/icons/sigap.ico (16 to 256 px,
each size a PNG inside the ICO, as Windows Vista and later read it). Run it again after
changing resources/icons/sigap.svg, and commit the three files together.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "sigap.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: object, size: int) -> bytes:
    """The SVG at `size` × `size` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)  # type: ignore[attr-defined]
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding each PNG as one image (ICONDIR, ICONDIRENTRY × n, data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"{SVG} is not a valid SVG", file=sys.stderr)
        return 1
    pngs = {size: render(renderer, size) for size in ICO_SIZES}
    (ICONS / "sigap.png").write_bytes(pngs[256])
    (ICONS / "sigap.ico").write_bytes(ico(pngs))
    print(f"wrote {ICONS / 'sigap.png'} and {ICONS / 'sigap.ico'} ({len(pngs)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
