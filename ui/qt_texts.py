"""The interface language, Qt's own texts included. Sigap's texts are written in Indonesian
and translated to English (resources/i18n); the texts Qt itself puts in its dialogs (the
Ya/Tidak of a question, the file dialog's "Cari di:", the print dialog's "Cetak") are
English, and Qt ships no Indonesian translation of them. `QtTexts` translates the ones
Sigap's dialogs show, by Qt's own context and source text (as in Qt's qtbase_*.ts files);
anything else stays as Qt wrote it. Keyboard shortcut names ("Alt+Left") are not texts.

The contexts and source texts were taken from the dialogs themselves (a translator that
records every lookup, with each dialog opened) and checked against Qt's translation
catalogues; tests/ui/test_qt_texts.py checks every entry against qtbase's German catalogue,
so a misspelt source text fails there instead of silently staying English."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"

_BUTTONS = {
    "OK": "OK",
    "Save": "Simpan",
    "Save All": "Simpan semua",
    "Open": "Buka",
    "&Yes": "&Ya",
    "Yes to &All": "Ya untuk &semua",
    "&No": "&Tidak",
    "N&o to All": "Tidak untuk s&emua",
    "Abort": "Hentikan",
    "Retry": "Coba lagi",
    "Ignore": "Abaikan",
    "Close": "Tutup",
    "Cancel": "Batal",
    "Discard": "Buang",
    "Help": "Bantuan",
    "Apply": "Terapkan",
    "Reset": "Atur ulang",
    "Restore Defaults": "Kembalikan bawaan",
}

_EDITING = {  # the right-click menu of text fields
    "&Undo": "&Urungkan",
    "&Redo": "U&langi",
    "Cu&t": "Po&tong",
    "&Copy": "&Salin",
    "&Paste": "T&empel",
    "Delete": "Hapus",
    "Select All": "Pilih semua",
}

_FILE_DIALOG = {
    "&Look in:": "&Cari di:",
    "File &name:": "&Nama berkas:",
    "Files of &type:": "&Jenis berkas:",
    "&Open": "&Buka",
    "&Save": "&Simpan",
    "&Choose": "&Pilih",
    "Open": "Buka",
    "Save As": "Simpan sebagai",
    "Find Directory": "Cari folder",
    "Back": "Kembali",
    "Forward": "Maju",
    "Parent Directory": "Folder induk",
    "Go back": "Kembali",
    "Go forward": "Maju",
    "Go to the parent directory": "Ke folder induk",
    "Create New Folder": "Buat folder baru",
    "Create a New Folder": "Buat folder baru",
    "New Folder": "Folder baru",
    "&New Folder": "Folder &baru",
    "Detail View": "Tampilan rinci",
    "List View": "Tampilan daftar",
    "Change to detail view mode": "Ganti ke tampilan rinci",
    "Change to list view mode": "Ganti ke tampilan daftar",
    "Directories": "Folder",
    "Directory:": "Folder:",
    "Files": "Berkas",
    "All Files (*)": "Semua berkas (*)",
    "All files (*)": "Semua berkas (*)",
    "List of places and bookmarks": "Daftar tempat dan penanda",
    "Sidebar": "Bilah samping",
    "Recent Places": "Tempat terakhir",
    "Show ": "Tampilkan ",
    "Show &hidden files": "Tampilkan berkas &tersembunyi",
    "&Rename": "&Ganti nama",
    "&Delete": "&Hapus",
    "Delete": "Hapus",
    "Remove": "Hapus",
    "%1 already exists.\nDo you want to replace it?": "%1 sudah ada.\nGanti dengan yang baru?",
    "%1\nFile not found.\nPlease verify the correct file name was given.": (
        "%1\nBerkas tidak ditemukan.\nPeriksa apakah nama berkasnya benar."
    ),
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
        "%1\nFolder tidak ditemukan.\nPeriksa apakah nama foldernya benar."
    ),
    "'%1' is write protected.\nDo you want to delete it anyway?": (
        "'%1' dilindungi dari perubahan.\nTetap hapus?"
    ),
    "Are you sure you want to delete '%1'?": "Yakin akan menghapus '%1'?",
    "Could not delete directory.": "Folder tidak bisa dihapus.",
}

_FILE_LIST = {
    "Name": "Nama",
    "Size": "Ukuran",
    "Type": "Jenis",
    "Kind": "Jenis",
    "Date Modified": "Tanggal diubah",
    "Computer": "Komputer",
    "My Computer": "Komputer Saya",
}

_FILE_KINDS = {
    "Drive": "Drive",
    "File": "Berkas",
    "File Folder": "Folder berkas",
    "Folder": "Folder",
    "Shortcut": "Pintasan",
    "Unknown": "Tidak dikenal",
    "Alias": "Alias",
}

_PRINT_DIALOG = {
    "Print": "Cetak",
    "&Print": "&Cetak",
    "&Options >>": "&Pilihan >>",
    "&Options <<": "&Pilihan <<",
    "Local file": "Berkas di laptop ini",
    "Write PDF file": "Tulis berkas PDF",
    "Print to File (PDF)": "Cetak ke berkas (PDF)",
    "Print To File ...": "Cetak ke berkas …",
    "All Pages": "Semua halaman",
    "Odd Pages": "Halaman ganjil",
    "Even Pages": "Halaman genap",
    "Left to Right, Top to Bottom": "Kiri ke kanan, atas ke bawah",
    "Left to Right, Bottom to Top": "Kiri ke kanan, bawah ke atas",
    "Right to Left, Bottom to Top": "Kanan ke kiri, bawah ke atas",
    "Right to Left, Top to Bottom": "Kanan ke kiri, atas ke bawah",
    "Bottom to Top, Left to Right": "Bawah ke atas, kiri ke kanan",
    "Bottom to Top, Right to Left": "Bawah ke atas, kanan ke kiri",
    "Top to Bottom, Left to Right": "Atas ke bawah, kiri ke kanan",
    "Top to Bottom, Right to Left": "Atas ke bawah, kanan ke kiri",
    "%1 already exists.\nDo you want to overwrite it?": "%1 sudah ada.\nTimpa berkas itu?",
    "%1 is a directory.\nPlease choose a different file name.": (
        "%1 adalah folder.\nPilih nama berkas lain."
    ),
    "File %1 is not writable.\nPlease choose a different file name.": (
        "Berkas %1 tidak bisa ditulis.\nPilih nama berkas lain."
    ),
    "The 'From' value cannot be greater than the 'To' value.": (
        "Halaman 'dari' tidak boleh lebih besar dari halaman 'sampai'."
    ),
    "Invalid Pages Definition": "Halaman tidak sah",
    "%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, "
    "'-' to define ranges and make sure ranges do not intersect with each other.": (
        "%1 tidak ditulis dengan benar. Pisahkan halaman dan rentang dengan ',', tulis "
        "rentang dengan '-', dan pastikan rentang tidak saling tumpang tindih."
    ),
    "Duplex Settings Conflicts": "Pengaturan cetak bolak-balik bertentangan",
    "There are conflicts in duplex settings. Do you want to fix them?": (
        "Pengaturan cetak bolak-balik saling bertentangan. Perbaiki?"
    ),
    "Options 'Pages Per Sheet' and 'Page Set' cannot be used together.\n"
    "Please turn one of those options off.": (
        "Pilihan 'Halaman per lembar' dan 'Set halaman' tidak bisa dipakai bersamaan.\n"
        "Matikan salah satunya."
    ),
}

_PRINTER = {
    "Printer": "Printer",
    "&Name:": "&Nama:",
    "P&roperties": "P&roperti",
    "Location:": "Lokasi:",
    "Type:": "Jenis:",
    "Output &file:": "&Berkas keluaran:",
    "Preview": "Pratinjau",
    "Form": "Formulir",
}

_PRINT_OUTPUT = {
    "Copies": "Salinan",
    "Copies:": "Jumlah salinan:",
    "Collate": "Susun per set",
    "Reverse": "Urutan terbalik",
    "Options": "Pilihan",
    "Output Settings": "Pengaturan keluaran",
    "Print range": "Halaman yang dicetak",
    "Print all": "Cetak semua",
    "Pages from": "Halaman dari",
    "to": "sampai",
    "Pages": "Halaman",
    "Current Page": "Halaman ini",
    "Selection": "Yang dipilih",
    "Color Mode": "Warna",
    "Color": "Berwarna",
    "Grayscale": "Abu-abu",
    "Double Sided Printing": "Cetak bolak-balik",
    "Off": "Satu sisi saja",
    "Long side binding": "Dijilid di sisi panjang",
    "Short side binding": "Dijilid di sisi pendek",
    "Page &Set:": "&Set halaman:",
    "Form": "Formulir",
    "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
    "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.": (
        "Tulis halaman atau rentang, dipisah koma. Rentang ditulis dua angka dengan tanda "
        "hubung. Misalnya 3,5-7,9 mencetak halaman 3, 5, 6, 7 dan 9."
    ),
}

_PAGE_SETUP = {
    "Paper": "Kertas",
    "Page size:": "Ukuran halaman:",
    "Width:": "Lebar:",
    "Height:": "Tinggi:",
    "Paper source:": "Sumber kertas:",
    "Orientation": "Orientasi",
    "Portrait": "Tegak",
    "Landscape": "Mendatar",
    "Reverse portrait": "Tegak terbalik",
    "Reverse landscape": "Mendatar terbalik",
    "Margins": "Margin",
    "top margin": "margin atas",
    "bottom margin": "margin bawah",
    "left margin": "margin kiri",
    "right margin": "margin kanan",
    "Page Layout": "Tata letak halaman",
    "Page &order:": "&Urutan halaman:",
    "Pages &per sheet:": "Halaman &per lembar:",
    "Custom": "Ukuran lain",
    "Millimeters (mm)": "Milimeter (mm)",
    "Inches (in)": "Inci (in)",
    "Points (pt)": "Poin (pt)",
    "Form": "Formulir",
}

_PRINTER_PROPERTIES = {
    "Printer Properties": "Properti printer",
    "Job Options": "Pilihan pencetakan",
    "Page Setup Conflicts": "Pengaturan halaman bertentangan",
    "Advanced Option Conflicts": "Pilihan lanjutan bertentangan",
    "There are conflicts in page setup options. Do you want to fix them?": (
        "Pengaturan halaman saling bertentangan. Perbaiki?"
    ),
    "There are conflicts in some advanced options. Do you want to fix them?": (
        "Beberapa pilihan lanjutan saling bertentangan. Perbaiki?"
    ),
}

_PRINTER_SIGN_IN = {
    "Authentication Needed": "Perlu masuk",
    "Authentication needed to use %1.": "Perlu masuk untuk memakai %1.",
    "Authentication needed to use %1 on %2.": "Perlu masuk untuk memakai %1 di %2.",
    "Username:": "Nama pengguna:",
    "Password:": "Kata sandi:",
}

_PRINT_PREVIEW = {
    "Print Preview": "Pratinjau cetak",
    "Print": "Cetak",
    "Page Setup": "Pengaturan halaman",
    "Page setup": "Pengaturan halaman",
    "Zoom in": "Perbesar",
    "Zoom out": "Perkecil",
    "Fit width": "Selebar jendela",
    "Fit page": "Satu halaman penuh",
    "First page": "Halaman pertama",
    "Previous page": "Halaman sebelumnya",
    "Next page": "Halaman berikutnya",
    "Last page": "Halaman terakhir",
    "Portrait": "Tegak",
    "Landscape": "Mendatar",
    "Show single page": "Tampilkan satu halaman",
    "Show facing pages": "Tampilkan halaman berhadapan",
    "Show overview of all pages": "Tampilkan semua halaman",
    "Export to PDF": "Ekspor ke PDF",
}

# Qt's context → its source text → the Indonesian shown instead.
TEXTS: dict[str, dict[str, str]] = {
    "QPlatformTheme": _BUTTONS,
    "QMessageBox": {
        "Show Details...": "Tampilkan rincian…",
        "Hide Details...": "Sembunyikan rincian…",
    },
    "QLineEdit": _EDITING,
    "QWidgetTextControl": {**_EDITING, "Copy &Link Location": "Salin alamat &tautan"},
    "QAbstractSpinBox": {
        "&Select All": "&Pilih semua",
        "&Step up": "&Naik satu",
        "Step &down": "&Turun satu",
    },
    "QFileDialog": _FILE_DIALOG,
    "QFileSystemModel": _FILE_LIST,
    "QAbstractFileIconProvider": _FILE_KINDS,
    "QPrintDialog": _PRINT_DIALOG,
    "QPrintWidget": _PRINTER,
    "QPrintSettingsOutput": _PRINT_OUTPUT,
    "QPageSetupWidget": _PAGE_SETUP,
    "QPrintPropertiesDialog": _PRINTER_PROPERTIES,
    "QCupsPrinterSupport": _PRINTER_SIGN_IN,
    "QPrintPreviewDialog": _PRINT_PREVIEW,
    "QTabBar": {"Scroll Left": "Gulir ke kiri", "Scroll Right": "Gulir ke kanan"},
}


class QtTexts(QTranslator):
    """Qt's own texts in Indonesian, from `TEXTS`. A text not in the table is left to the
    next translator (in the end, Qt's English)."""

    def translate(
        self,
        context: str,
        source: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None, not "": an empty string would be taken as the translation.
        return TEXTS.get(context, {}).get(source)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt name)
        return False


INDONESIAN = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


class InterfaceLanguage:
    """The translators of the language the interface speaks: in English, Sigap's English
    catalogue; in Indonesian (the source language), `QtTexts` for Qt's own dialogs, and
    the Indonesian locale for the names Qt takes from it (the months and days of a date's
    calendar). `use(code)` switches, for the windows and dialogs built after it."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.sigap = QTranslator()
        self.qt = QtTexts()
        self.code: str | None = None
        self.locale_before = QLocale()  # the laptop's, unless set already

    def use(self, code: str) -> None:
        self.app.removeTranslator(self.sigap)
        self.app.removeTranslator(self.qt)
        if code == "en":
            if self.sigap.load(str(I18N / "sigap_en.qm")):
                self.app.installTranslator(self.sigap)
            # English months and days, whatever the laptop's own language.
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        else:
            self.app.installTranslator(self.qt)
            QLocale.setDefault(INDONESIAN)
        self.code = code

    def close(self) -> None:
        """No translator of this one stays installed (tests, a second start)."""
        self.app.removeTranslator(self.sigap)
        self.app.removeTranslator(self.qt)
        QLocale.setDefault(self.locale_before)
        self.code = None
