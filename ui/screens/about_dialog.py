"""Desk → About Sigap: the version, where this desk's data and log are, and the licences of
the fonts, data and libraries Sigap carries."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.version import NAME, app_version
from services.applog import current_log_file, log_dir
from ui.branding import app_icon
from ui.widgets.fit import fit

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"

# What the desk's bundle carries: every runtime package in uv.lock, with its licence (from
# its own metadata); tests/packaging/test_about.py fails when uv.lock gains one not here.
LIBRARIES: dict[str, str] = {
    "Python": "PSF-2.0",
    "pyside6-essentials": "LGPL-3.0-only (Qt 6 for Python; Qt itself under LGPL-3.0)",
    "shiboken6": "LGPL-3.0-only",
    "sqlcipher3": "zlib (with SQLCipher, BSD-3-Clause, and OpenSSL, Apache-2.0)",
    "reportlab": "BSD-3-Clause",
    "pillow": "MIT-CMU",
    "httpx": "BSD-3-Clause",
    "httpcore": "BSD-3-Clause",
    "h11": "MIT",
    "anyio": "MIT",
    "idna": "BSD-3-Clause",
    "certifi": "MPL-2.0",
    "argon2-cffi": "MIT",
    "argon2-cffi-bindings": "MIT",
    "cffi": "MIT-0",
    "pycparser": "BSD-3-Clause",
    "cryptography": "Apache-2.0 OR BSD-3-Clause",
    "num2words": "LGPL-2.1",
    "babel": "BSD-3-Clause",
    "openpyxl": "MIT",
    "et-xmlfile": "MIT",
    "platformdirs": "MIT",
    "pypdfium2": "Apache-2.0 OR BSD-3-Clause (with PDFium, BSD-3-Clause)",
    "segno": "BSD-3-Clause",
    "rl-accel": "BSD-3-Clause (ReportLab's licence)",
    "typing-extensions": "PSF-2.0",
    "charset-normalizer": "MIT",
}
DATA = [
    ("DejaVu Sans", "Bitstream Vera licence; DejaVu changes in the public domain",
     RESOURCES / "fonts" / "LICENSE"),
    ("Kode wilayah (cahyadsn/wilayah)", "MIT", RESOURCES / "regions" / "LICENSE"),
    ("Ikon Sigap", "dibuat untuk Sigap", RESOURCES / "icons" / "sigap.svg"),
]  # fmt: skip


def facts(data_dir: Path) -> dict[str, str]:
    """What the About box shows, also what its copy button copies."""
    return {
        "version": app_version(),
        "data": str(data_dir),
        "log": str(current_log_file() or log_dir()),
    }


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("Tentang Sigap"))
        self.facts = facts(data_dir)
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"<b>{NAME}</b> {escape(self.facts['version'])}")
        title.setObjectName("about_version")
        summary = QLabel(
            self.tr("Meja pendaftaran luring untuk petugas lapangan BPJS Ketenagakerjaan.")
        )
        summary.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(summary)
        heading.addLayout(text, 1)
        self.where = QLabel(
            self.tr("Folder data: {data}\nFolder log: {log}").format(
                data=self.facts["data"], log=self.facts["log"]
            )
        )
        self.where.setObjectName("about_folders")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setWordWrap(True)
        self.licences = QTextBrowser()
        self.licences.setObjectName("about_licences")
        self.licences.setOpenLinks(False)
        self.licences.setHtml(self._licences_html())
        buttons = QDialogButtonBox()
        copy = QPushButton(self.tr("Salin info"))
        copy.clicked.connect(self.copy_facts)
        close = QPushButton(self.tr("Tutup"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.where)
        layout.addWidget(QLabel(self.tr("Lisensi huruf, data dan pustaka yang dibawa Sigap:")))
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        fit(self, 560, 520, data_dir)

    def _licences_html(self) -> str:
        rows = [
            f"<tr><td>{escape(name)}</td><td>{escape(licence)}</td>"
            f"<td>{escape(path.relative_to(RESOURCES.parent).as_posix())}</td></tr>"
            for name, licence, path in DATA
        ]
        rows += [
            f"<tr><td>{escape(name)}</td><td colspan='2'>{escape(licence)}</td></tr>"
            for name, licence in sorted(LIBRARIES.items(), key=lambda kv: kv[0].lower())
        ]
        return "<table cellspacing='4'>" + "".join(rows) + "</table>"

    def copy_facts(self) -> None:
        QGuiApplication.clipboard().setText(
            f"{NAME} {self.facts['version']}\ndata: {self.facts['data']}\nlog: {self.facts['log']}"
        )
