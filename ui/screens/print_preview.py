"""A PDF before it is printed: its pages as images, then printing through Qt's print dialog
or saving the PDF. A print is logged only when it really goes to a printer or a file; then
the preview closes (the next one would be a copy, "SALINAN", which is not what the officer
just handed out) and the window's status bar says where it went. The preview is titled with
the document's own title (its PDF's), in the document's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.errors import SigapError
from services.changes import Changes
from services.printing import CardPrint, ReceiptPrint, save_printed
from ui.printing import match_page_size, pdf_page_images, pdf_page_sizes, pdf_title, print_pdf
from ui.screens.settings_dialog import preselect_printer
from ui.session import Session
from ui.widgets.fit import fit

# make_pdf(copy_number, fmt): the preview; copy None means the copy the next print gets.
MakePdf = Callable[[int | None, str | None], bytes]
# log_print(fmt): log the print and return the PDF that goes out, with its logged copy.
LogPrint = Callable[[str | None], bytes]
# What a logged print changed, announced to the screens (by default: some prints).
PrintChanges = Callable[[], Changes]

PREVIEW_WIDTH_PX = 560
SMALL_PAGE_POINTS = 340  # narrower than 12 cm (a card, an 80 mm roll): shown at twice the size


class PrintPreviewDialog(QDialog):
    def __init__(
        self,
        session: Session,
        title: str,
        make_pdf: MakePdf,
        log_print: LogPrint,
        parent: QWidget | None = None,
        formats: list[tuple[str, str]] | None = None,
        file_name: str = "sigap.pdf",
        changes: PrintChanges = lambda: Changes(prints=True),
        printer_key: str | None = "receipt_printer",
    ) -> None:
        """`printer_key`: the setting naming the printer the print dialog opens on
        (None: the system's default)."""
        super().__init__(parent)
        self.session = session
        self.make_pdf = make_pdf
        self.log_print = log_print
        self.changes = changes
        self.file_name = file_name
        self.printer_key = printer_key
        self.pdf = b""
        self.printed_copies: list[int] = []
        self.setWindowTitle(title)
        fit(self, 720, 820, session.data_dir)

        self.format = QComboBox()
        self.format.setObjectName("format")
        for label, code in formats or []:
            self.format.addItem(label, code)
        self.format.setVisible(bool(formats))
        self.format.currentIndexChanged.connect(lambda _i: self.refresh())

        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        scroll.setStyleSheet("QScrollArea { background: #808080; }")

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()

        self.print_button = QPushButton(self.tr("Cetak…"))
        self.print_button.setObjectName("print")
        self.print_button.setDefault(True)  # Enter prints: two keystrokes from the form
        self.print_button.clicked.connect(self.print_)
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_)

        buttons = QHBoxLayout()
        if formats:
            buttons.addWidget(QLabel(self.tr("Ukuran:")))
            buttons.addWidget(self.format)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    # ------------------------------------------------------------------ showing

    def current_format(self) -> str | None:
        data = self.format.currentData()
        return str(data) if data is not None else None

    def preview_pdf(self, copy_number: int | None = None) -> bytes:
        """The PDF as the next print (or print `copy_number`) would come out."""
        return self.make_pdf(copy_number, self.current_format())

    def refresh(self) -> None:
        """Render the preview (again, for another size)."""
        try:
            self.pdf = self.preview_pdf()
        except SigapError as exc:
            self._fail(exc.message(self.session.lang))
            return
        title = pdf_title(self.pdf)
        if title:
            self.setWindowTitle(title)
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            page = item.widget() if item is not None else None
            if page is not None:
                page.deleteLater()
        screen = self.screen() or QGuiApplication.primaryScreen()
        dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
        sizes = pdf_page_sizes(self.pdf)
        if sizes and sizes[0][0] < SMALL_PAGE_POINTS:
            dpi *= 2
        if sizes:
            # The whole width of the page in view, without scrolling sideways.
            dpi = min(dpi, PREVIEW_WIDTH_PX / (sizes[0][0] / 72))
        for index, image in enumerate(pdf_page_images(self.pdf, dpi)):
            page = QLabel()
            page.setObjectName(f"page_{index + 1}")
            page.setPixmap(QPixmap.fromImage(image))
            page.setFrameShape(QLabel.Shape.Box)
            self.pages_layout.addWidget(page)

    def page_count(self) -> int:
        return self.pages_layout.count()

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;")
        self.message.show()

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("")
        self.message.show()

    # ------------------------------------------------------------------ the seams tests replace

    def choose_printer(self, printer: QPrinter) -> bool:
        """Qt's print dialog for `printer`; True when the officer chose to print."""
        return QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted

    def choose_save_path(self) -> str | None:
        start = str(Path.home() / self.file_name)
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan PDF"), start, self.tr("PDF (*.pdf)")
        )
        return path or None

    # ------------------------------------------------------------------ printing

    def _log(self) -> bytes | None:
        try:
            pdf = self.log_print(self.current_format())
        except SigapError as exc:
            self._fail(exc.message(self.session.lang))
            return None
        self.session.announce(self.changes(), origin=self)  # "no card printed yet" changes
        return pdf

    def print_(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        if self.printer_key:
            preselect_printer(printer, self.session.db, self.printer_key)
        if self.pdf:
            match_page_size(printer, self.pdf)
        if not self.choose_printer(printer):
            return False
        # Logged (and rendered with the logged copy number) once the officer has chosen to
        # print: a print that then jams is still a copy handed out as far as we can know.
        pdf = self._log()
        if pdf is None:
            return False
        try:
            print_pdf(pdf, printer)
        except OSError as exc:
            self._fail(self.tr("Gagal mencetak: {error}").format(error=str(exc)))
            return False
        self._finish(self.tr("Dikirim ke printer."))
        return True

    def save(self) -> bool:
        path = self.choose_save_path()
        if not path:
            return False
        # A saved PDF is logged as a print (it can be printed anywhere once it leaves here),
        # in one transaction with the file: a PDF that cannot be written logs no print.
        try:
            save_printed(self.session.db, Path(path), lambda: self.log_print(self.current_format()))
        except SigapError as exc:
            self._fail(exc.message(self.session.lang))
            return False
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Simpan PDF"),
                self.tr("PDF tidak dapat disimpan: {error}").format(error=str(exc)),
            )
            return False
        self.session.announce(self.changes(), origin=self)  # "no card printed yet" changes
        self._finish(self.tr("Tersimpan: {path}").format(path=path))
        return True

    def _finish(self, text: str) -> None:
        """Done: the preview closes, never turning into the copy the next print would be;
        the main window's status bar (or, without one, the message here) tells the officer."""
        self._done(text)
        window = self.parentWidget()
        while window is not None and not isinstance(window, QMainWindow):
            window = window.parentWidget()
        if window is not None:
            window.statusBar().showMessage(text, 15000)
        self.accept()


def _officer_id(session: Session) -> str:
    # Nobody signed in cannot happen behind the window; the core refuses it anyway.
    return session.officer.id if session.officer is not None else ""


def receipt_preview(
    session: Session, receipt_number: str, parent: QWidget | None = None
) -> PrintPreviewDialog:
    """The preview of one receipt, A6 unless the officer picks the 80 mm roll. The receipt
    is read once; printing reuses the preview's PDF when its copy number still holds."""
    receipt = ReceiptPrint(session.db, session.ref, receipt_number, session.lang, session.clock)

    def make(copy: int | None, fmt: str | None) -> bytes:
        return receipt.preview(fmt or "a6", copy)

    def log(fmt: str | None) -> bytes:
        return receipt.print(_officer_id(session), fmt or "a6")

    title = QCoreApplication.translate("PrintPreviewDialog", "Kwitansi {number}").format(
        number=receipt_number
    )
    dialog = PrintPreviewDialog(
        session,
        title,
        make,
        log,
        parent,
        formats=[("A6", "a6"), ("80 mm", "80mm")],
        file_name=f"kwitansi-{receipt_number.replace('/', '-')}.pdf",
        changes=lambda: receipt.changes,
    )
    if receipt.sponsored:  # read by the first preview: a sponsor's registration slip
        dialog.file_name = f"bukti-pendaftaran-{receipt_number.replace('/', '-')}.pdf"
    return dialog


def card_preview(
    session: Session, enrolment_id: str, parent: QWidget | None = None
) -> PrintPreviewDialog:
    """The preview of one membership card (front and back), rendered once."""
    card = CardPrint(session.db, session.ref, enrolment_id, session.lang, session.clock)

    def make(_copy: int | None, _fmt: str | None) -> bytes:
        return card.preview()

    def log(_fmt: str | None) -> bytes:
        return card.print(_officer_id(session))

    title = QCoreApplication.translate("PrintPreviewDialog", "Kartu peserta")
    return PrintPreviewDialog(
        session,
        title,
        make,
        log,
        parent,
        file_name=f"kartu-{enrolment_id}.pdf",
        changes=lambda: card.changes,
        printer_key="card_printer",
    )


def report_preview(
    session: Session, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None
) -> PrintPreviewDialog:
    """The preview of a report already made (day closing, event report, statement): A4 on
    the system's default printer; printing or saving it logs no print (it is no receipt or
    card, and has no copies)."""
    return PrintPreviewDialog(
        session,
        title,
        lambda _copy, _fmt: pdf,
        lambda _fmt: pdf,
        parent,
        file_name=file_name,
        changes=lambda: Changes(),
        printer_key=None,
    )
