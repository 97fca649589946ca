"""The print preview after a print: it closes (the officer never sees it turn into a copy,
"SALINAN"), the window says what went where, and the preview's title names the document
with the word the document itself uses (KWITANSI, KARTU …). Made-up people only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from models.enrolments import enrol
from models.prints import prints_for
from tests.helpers import fixed_clock, person
from ui.main_window import MainWindow
from ui.screens.print_preview import card_preview, receipt_preview


@pytest.fixture
def saved(db, ref, event, officer):
    return enrol(db, ref, event.id, person(), officer, fixed_clock)


def pdf_printer(path: Path):
    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return choose


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def counting(dialog) -> list[int | None]:
    """Every copy number the preview renders from now on."""
    made: list[int | None] = []
    make = dialog.make_pdf

    def counted(copy, fmt):
        made.append(copy)
        return make(copy, fmt)

    dialog.make_pdf = counted
    return made


def test_the_preview_closes_after_a_print_and_never_shows_a_copy(
    qtbot, session, tasks, db, saved, tmp_path
):
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    dialog = receipt_preview(session, saved.receipt_number, window)
    qtbot.addWidget(dialog)
    dialog.show()
    rendered = counting(dialog)
    out = tmp_path / "printed.pdf"
    dialog.choose_printer = pdf_printer(out)  # type: ignore[method-assign]
    assert dialog.print_()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert rendered == []  # not rendered again as "SALINAN salinan ke-2"
    assert "SALINAN" not in pdf_text(dialog.pdf)
    assert "SALINAN" not in pdf_text(out.read_bytes())
    assert [p.copy_number for p in prints_for(db, [saved.payment_id])] == [1]
    assert window.statusBar().currentMessage() == "Dikirim ke printer."

    # The next preview of the same receipt is honest: the next print is a copy.
    again = receipt_preview(session, saved.receipt_number, window)
    qtbot.addWidget(again)
    assert "SALINAN" in pdf_text(again.pdf)


def test_the_preview_closes_after_saving_the_pdf(qtbot, session, tasks, db, saved, tmp_path):
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    dialog = card_preview(session, saved.enrolment_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    rendered = counting(dialog)
    out = tmp_path / "kartu.pdf"
    dialog.choose_save_path = lambda: str(out)  # type: ignore[method-assign]
    assert dialog.save()
    assert not dialog.isVisible() and rendered == []
    assert len(PdfReader(out).pages) == 2
    assert window.statusBar().currentMessage() == f"Tersimpan: {out}"


def test_a_failed_print_keeps_the_preview_open_with_its_message(
    qtbot, session, db, saved, monkeypatch
):
    import ui.screens.print_preview as preview

    dialog = receipt_preview(session, saved.receipt_number)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_printer = lambda printer: True  # type: ignore[method-assign]

    def jammed(pdf, printer):
        raise OSError("kertas macet")

    monkeypatch.setattr(preview, "print_pdf", jammed)
    assert not dialog.print_()
    assert dialog.isVisible()
    assert dialog.message.text() == "Gagal mencetak: kertas macet"


def test_the_title_is_the_documents_own_word(qtbot, session, saved):
    receipt = receipt_preview(session, saved.receipt_number)
    qtbot.addWidget(receipt)
    assert receipt.windowTitle() == f"Kwitansi {saved.receipt_number}"
    assert "KWITANSI" in pdf_text(receipt.pdf)
    card = card_preview(session, saved.enrolment_id)
    qtbot.addWidget(card)
    assert card.windowTitle() == "Kartu Peserta BPU"
    assert "Kartu Peserta BPU" in pdf_text(card.pdf)


def test_the_title_follows_the_language_of_the_document(qtbot, session, saved):
    session.lang = "en"
    receipt = receipt_preview(session, saved.receipt_number)
    qtbot.addWidget(receipt)
    assert receipt.windowTitle() == f"Receipt {saved.receipt_number}"
    card = card_preview(session, saved.enrolment_id)
    qtbot.addWidget(card)
    assert card.windowTitle() == "BPU Membership Card"
