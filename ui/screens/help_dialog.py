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
    _tr = QCoreApplication.translate
    return [
        ("Enter", _tr("HelpDialog", "Ke isian berikutnya (di tombol: jalankan tombol itu)")),
        ("Tab / Shift+Tab", _tr("HelpDialog", "Ke isian berikutnya / sebelumnya")),
        ("Spasi", _tr("HelpDialog", "Centang atau hapus centang kotak pilihan")),
        ("Ctrl+S", _tr("HelpDialog", "Simpan pendaftaran, acara atau koreksi")),
        ("Ctrl+Enter", _tr("HelpDialog", "Simpan pendaftaran")),
        ("Ctrl+H", _tr("HelpDialog", "Tambah ahli waris")),
        ("Ctrl+P", _tr("HelpDialog", "Cetak kwitansi pendaftaran yang baru disimpan")),
        ("Ctrl+K", _tr("HelpDialog", "Cetak kartu peserta yang baru disimpan")),
        ("Alt+↓", _tr("HelpDialog", "Buka daftar pilihan atau kalender")),
        (
            "Ctrl+1 … Ctrl+8",
            _tr(
                "HelpDialog",
                "Layar Acara, Dasbor, Pendaftaran, Peserta, Sinkron, Petugas, Audit, Cadangan",
            ),
        ),  # fmt: skip
        ("Ctrl+F", _tr("HelpDialog", "Cari peserta")),
        ("Ctrl+Shift+S / F5", _tr("HelpDialog", "Sinkronkan sekarang")),
        ("Ctrl+I", _tr("HelpDialog", "Impor daftar mitra")),
        ("Ctrl+E", _tr("HelpDialog", "Ekspor")),
        ("Ctrl+Shift+K", _tr("HelpDialog", "Cetak kartu acara")),
        ("Ctrl+Shift+C", _tr("HelpDialog", "Cek kartu")),
        ("Ctrl+Shift+T", _tr("HelpDialog", "Penutupan harian (cetak atau simpan PDF)")),
        ("Ctrl+Shift+L", _tr("HelpDialog", "Laporan acara (cetak atau simpan PDF)")),
        ("Ctrl+Shift+R", _tr("HelpDialog", "Rekapitulasi iuran sponsor (cetak atau simpan PDF)")),
        ("Ctrl+,", _tr("HelpDialog", "Pengaturan")),
        ("Ctrl+L", _tr("HelpDialog", "Kunci meja / ganti petugas")),
        ("F1", _tr("HelpDialog", "Bantuan: daftar pintasan ini")),
        ("Ctrl+Q", _tr("HelpDialog", "Keluar")),
        ("Esc", _tr("HelpDialog", "Tutup dialog tanpa menyimpan")),
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
