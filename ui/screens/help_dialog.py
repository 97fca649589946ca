"""Help (F1): the keyboard shortcuts of the desk, the same list as the README's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.fit import fit
from ui.widgets.keyboard import keyboard_ready


def shortcuts() -> list[tuple[str, str]]:
    """(keys, what they do), in the order an officer meets them."""
    # Written out as QCoreApplication.translate: lupdate collects only literal texts in
    # tr() and translate() calls, never through an alias.
    return [
        (
            "Enter",
            QCoreApplication.translate(
                "HelpDialog", "Ke isian berikutnya (di tombol: jalankan tombol itu)"
            ),
        ),
        (
            "Tab / Shift+Tab",
            QCoreApplication.translate("HelpDialog", "Ke isian berikutnya / sebelumnya"),
        ),
        (
            "Spasi",
            QCoreApplication.translate("HelpDialog", "Centang atau hapus centang kotak pilihan"),
        ),
        (
            "Ctrl+S",
            QCoreApplication.translate("HelpDialog", "Simpan pendaftaran, acara atau koreksi"),
        ),
        ("Ctrl+Enter", QCoreApplication.translate("HelpDialog", "Simpan pendaftaran")),
        ("Ctrl+H", QCoreApplication.translate("HelpDialog", "Tambah ahli waris")),
        (
            "Ctrl+P",
            QCoreApplication.translate(
                "HelpDialog", "Cetak kwitansi pendaftaran yang baru disimpan"
            ),
        ),
        (
            "Ctrl+K",
            QCoreApplication.translate("HelpDialog", "Cetak kartu peserta yang baru disimpan"),
        ),
        ("Alt+↓", QCoreApplication.translate("HelpDialog", "Buka daftar pilihan atau kalender")),
        (
            "Ctrl+1 … Ctrl+8",
            QCoreApplication.translate(
                "HelpDialog",
                "Layar Acara, Dasbor, Pendaftaran, Peserta, Sinkron, Petugas, Audit, Cadangan",
            ),
        ),  # fmt: skip
        ("Ctrl+F", QCoreApplication.translate("HelpDialog", "Cari peserta")),
        ("Ctrl+Shift+S / F5", QCoreApplication.translate("HelpDialog", "Sinkronkan sekarang")),
        ("Ctrl+I", QCoreApplication.translate("HelpDialog", "Impor daftar mitra")),
        ("Ctrl+E", QCoreApplication.translate("HelpDialog", "Ekspor")),
        ("Ctrl+Shift+K", QCoreApplication.translate("HelpDialog", "Cetak kartu acara")),
        ("Ctrl+Shift+C", QCoreApplication.translate("HelpDialog", "Cek kartu")),
        (
            "Ctrl+Shift+T",
            QCoreApplication.translate("HelpDialog", "Penutupan harian (cetak atau simpan PDF)"),
        ),
        (
            "Ctrl+Shift+L",
            QCoreApplication.translate("HelpDialog", "Laporan acara (cetak atau simpan PDF)"),
        ),
        (
            "Ctrl+Shift+R",
            QCoreApplication.translate(
                "HelpDialog", "Rekapitulasi iuran sponsor (cetak atau simpan PDF)"
            ),
        ),
        ("Ctrl+,", QCoreApplication.translate("HelpDialog", "Pengaturan")),
        ("Ctrl+L", QCoreApplication.translate("HelpDialog", "Kunci meja / ganti petugas")),
        ("F1", QCoreApplication.translate("HelpDialog", "Bantuan: daftar pintasan ini")),
        ("Ctrl+Q", QCoreApplication.translate("HelpDialog", "Keluar")),
        ("Esc", QCoreApplication.translate("HelpDialog", "Tutup dialog tanpa menyimpan")),
    ]


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help")
        self.setWindowTitle(self.tr("Bantuan — pintasan keyboard"))
        rows = shortcuts()
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Tombol"), self.tr("Gunanya")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        about = QLabel(
            self.tr("Di formulir pendaftaran, Enter saja sudah cukup dari NIK sampai Simpan.")
        )
        about.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        keyboard_ready(self, close)
        fit(self, 640, 560)
