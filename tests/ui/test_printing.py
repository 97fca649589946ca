"""Printing from the window: PDF pages as images, printing to a (PDF) printer, the preview
with its copy numbers, card batches with progress and cancel, and where prints show up.
No native dialog is ever opened: the dialogs' seams are replaced. Made-up people only."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from models.cards import card_data
from models.enrolments import enrol
from models.participants import ParticipantFilter, find_ids
from models.prints import enrolments_without_card, log_print, prints_for
from reports.card import render_card
from tests.helpers import fixed_clock, person
from ui.main_window import MainWindow
from ui.printing import pdf_page_images, print_pdf
from ui.screens.card_batch import SELECTED, WITHOUT_CARD, CardBatchDialog
from ui.screens.participants import ParticipantsScreen
from ui.screens.print_preview import PrintPreviewDialog, card_preview, receipt_preview
from ui.screens.record_view import RecordDialog


def nik_for(born: date, serial: int) -> str:
    return f"357701{born.day + 40:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def woman(name: str, serial: int):
    born = date(1988, 3, 9)
    return person(nik=nik_for(born, serial), full_name=name, birth_date=born)


@pytest.fixture
def saved(db, ref, event, officer):
    return enrol(db, ref, event.id, person(), officer, fixed_clock)


@pytest.fixture
def three(db, ref, event, officer):
    names = ["Siti Aminah", "Ñoman Sukerti", "Dewi Lestari"]
    return [
        enrol(db, ref, event.id, woman(n, i + 1), officer, fixed_clock) for i, n in enumerate(names)
    ]


def pdf_printer(path: Path):
    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return choose


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# ---------------------------------------------------------------------- ui.printing


def test_card_pages_as_images(qapp, db, ref, saved):
    pdf = render_card(card_data(db, ref, saved.enrolment_id, clock=fixed_clock))
    images = pdf_page_images(pdf, 300)
    assert len(images) == 2
    for image in images:
        assert not image.isNull()
        assert image.width() == pytest.approx(85.60 / 25.4 * 300, abs=2)
        assert image.width() / image.height() == pytest.approx(85.60 / 53.98, rel=0.01)


def test_print_pdf_to_a_pdf_printer(qapp, db, ref, saved, tmp_path):
    pdf = render_card(card_data(db, ref, saved.enrolment_id, clock=fixed_clock))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    out = tmp_path / "printed.pdf"
    pdf_printer(out)(printer)
    assert print_pdf(pdf, printer) == 2
    assert len(PdfReader(out).pages) == 2


# ---------------------------------------------------------------------- the preview


def test_printing_a_receipt_logs_copy_1_then_copy_2(qtbot, session, db, saved, tmp_path):
    dialog = receipt_preview(session, saved.receipt_number)
    qtbot.addWidget(dialog)
    assert dialog.page_count() == 1
    assert "SALINAN" not in pdf_text(dialog.pdf)

    out = tmp_path / "receipt.pdf"
    dialog.choose_printer = pdf_printer(out)  # type: ignore[method-assign]
    assert dialog.print_()
    assert len(PdfReader(out).pages) == 1
    logged = prints_for(db, [saved.payment_id])
    assert [(p.kind, p.copy_number, p.officer_id) for p in logged] == [("receipt", 1, "sari")]
    assert logged[0].detail == {"format": "a6", "lang": "id"}

    # After a print the preview closes; the next preview shows what the next print will
    # be: a copy.
    assert dialog.result() == dialog.DialogCode.Accepted
    dialog = receipt_preview(session, saved.receipt_number)
    qtbot.addWidget(dialog)
    dialog.choose_printer = pdf_printer(out)  # type: ignore[method-assign]
    assert "SALINAN" in pdf_text(dialog.pdf)
    assert "SALINAN" in pdf_text(dialog.preview_pdf(2))
    dialog.format.setCurrentIndex(dialog.format.findData("80mm"))
    assert dialog.print_()
    logged = prints_for(db, [saved.payment_id])
    assert [p.copy_number for p in logged] == [1, 2]
    assert logged[1].detail["format"] == "80mm"


def test_cancelled_print_dialog_logs_nothing(qtbot, session, db, saved):
    dialog = receipt_preview(session, saved.receipt_number)
    qtbot.addWidget(dialog)
    dialog.choose_printer = lambda printer: False  # type: ignore[method-assign]
    assert not dialog.print_()
    assert prints_for(db, [saved.payment_id]) == []


def test_saving_the_card_pdf_writes_it_and_logs_it(qtbot, session, db, saved, tmp_path):
    dialog = card_preview(session, saved.enrolment_id)
    qtbot.addWidget(dialog)
    assert dialog.page_count() == 2
    out = tmp_path / "kartu.pdf"
    dialog.choose_save_path = lambda: str(out)  # type: ignore[method-assign]
    assert dialog.save()
    pages = PdfReader(out).pages
    assert len(pages) == 2
    assert float(pages[0].mediabox.width) == pytest.approx(85.60 / 25.4 * 72, abs=0.5)
    assert [(p.kind, p.copy_number) for p in prints_for(db, [saved.enrolment_id])] == [("card", 1)]
    dialog.choose_save_path = lambda: None  # type: ignore[method-assign]
    assert not dialog.save()
    assert len(prints_for(db, [saved.enrolment_id])) == 1


def test_main_window_opens_the_previews(qtbot, session, tasks, saved, monkeypatch):
    shown: list[PrintPreviewDialog] = []
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    window.form.saved.emit(saved)
    window.form.print_receipt.emit(saved.payment_id)
    assert len(shown) == 1
    assert shown[0].windowTitle() == f"Kwitansi {saved.receipt_number}"
    assert shown[0].format.currentData() == "a6"
    assert shown[0].print_button.isDefault()  # Enter goes to the print dialog
    window.form.print_card.emit(saved.enrolment_id)
    assert len(shown) == 2
    assert shown[1].page_count() == 2
    assert not shown[1].format.isVisible()


# ---------------------------------------------------------------------- batches


def batch(qtbot, session, tasks, **kwargs) -> CardBatchDialog:
    dialog = CardBatchDialog(session, tasks, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_batch_sheet_for_the_event_logs_each_card(
    qtbot, session, tasks, db, event, three, tmp_path
):
    dialog = batch(qtbot, session, tasks)
    assert dialog.scope() == WITHOUT_CARD
    assert dialog.sheet.isChecked()
    assert not dialog.save_button.isEnabled()
    dialog.make_button.click()
    assert dialog.pdf is not None
    assert dialog.progress_bar.value() == 3
    out = tmp_path / "sheet.pdf"
    dialog.choose_save_path = lambda: str(out)  # type: ignore[method-assign]
    assert dialog.save()
    pages = PdfReader(out).pages
    assert len(pages) == 2  # one sheet: fronts, then backs
    assert float(pages[0].mediabox.width) == pytest.approx(595.3, abs=0.5)  # A4
    for saved in three:
        assert [p.kind for p in prints_for(db, [saved.enrolment_id])] == ["card"]
    assert [p.kind for p in prints_for(db, [event.id])] == ["card_sheet"]
    assert enrolments_without_card(db, event.id) == []

    printed = tmp_path / "printed.pdf"
    dialog.choose_printer = pdf_printer(printed)  # type: ignore[method-assign]
    assert dialog.print_()
    assert len(PdfReader(printed).pages) == 2


def test_batch_of_the_selection_one_card_a_page(qtbot, session, tasks, db, three):
    chosen = [three[2].enrolment_id]
    dialog = batch(qtbot, session, tasks, selected=chosen)
    assert dialog.scope() == SELECTED
    dialog.single.setChecked(True)
    dialog.make_button.click()
    assert dialog.pdf is not None
    assert len(PdfReader(io.BytesIO(dialog.pdf)).pages) == 2
    assert len(prints_for(db, chosen)) == 1
    assert prints_for(db, [three[0].enrolment_id]) == []


def test_cancelling_a_batch_logs_nothing(qtbot, session, tasks, db, event, three):
    dialog = batch(qtbot, session, tasks)
    dialog.single.setChecked(True)  # progress after every card
    dialog.progress_bar.valueChanged.connect(lambda value: value and dialog.cancel_button.click())
    dialog.make_button.click()
    assert dialog.pdf is None
    assert dialog.message.text() == "Dibatalkan. Tidak ada kartu yang dicatat."
    assert dialog.make_button.isEnabled()
    assert len(enrolments_without_card(db, event.id)) == 3
    assert prints_for(db, [event.id]) == []


# ---------------------------------------------------------------------- where prints show


def test_record_view_lists_prints(qtbot, session, db, saved, officer):
    log_print(db, "receipt", saved.payment_id, officer, fixed_clock, {"format": "a6"})
    log_print(db, "receipt", saved.payment_id, officer, fixed_clock, {"format": "a6"})
    log_print(db, "card", saved.enrolment_id, officer, fixed_clock)
    record = RecordDialog(session, saved.enrolment_id)
    qtbot.addWidget(record)
    table = record.prints_table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows == [
        [f"Kwitansi {saved.receipt_number}", "Asli", "Sari Wulandari (sari)", "22-11-2026 09:15"],
        [f"Kwitansi {saved.receipt_number}", "2", "Sari Wulandari (sari)", "22-11-2026 09:15"],
        ["Kartu peserta", "Asli", "Sari Wulandari (sari)", "22-11-2026 09:15"],
    ]
    assert record.prints.isHidden()


def test_no_card_printed_yet_filter(qtbot, session, tasks, db, event, three, officer):
    log_print(db, "card", three[1].enrolment_id, officer, fixed_clock)
    log_print(db, "receipt", three[2].payment_id, officer, fixed_clock)  # not a card
    assert len(find_ids(db, ParticipantFilter(event_id=event.id, no_card=True))) == 2
    screen = ParticipantsScreen(session, tasks)
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.model.rowCount() == 3
    screen.no_card.setChecked(True)
    shown = {screen.model.enrolment_id(r) for r in range(screen.model.rowCount())}
    assert shown == {three[0].enrolment_id, three[2].enrolment_id}


def test_batch_renders_off_the_gui_thread(qtbot, session, db, event, three):
    from ui.tasks import Tasks

    tasks = Tasks()
    dialog = batch(qtbot, session, tasks)
    dialog.make_button.click()
    assert dialog.cancel_button.isEnabled()  # running: the window stays usable
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=30_000)
    assert tasks.wait()
    assert not dialog.running
    assert dialog.save_button.isEnabled()
    assert enrolments_without_card(db, event.id) == []


def test_menu_action_opens_the_card_batch(qtbot, session, tasks, three, monkeypatch):
    shown: list[CardBatchDialog] = []
    monkeypatch.setattr(CardBatchDialog, "exec", lambda self: shown.append(self) or 0)
    window = MainWindow(session, tasks)
    qtbot.addWidget(window)
    actions = {a.shortcut().toString(): a for a in window.actions()}
    assert actions["Ctrl+Shift+K"].text() == "Cetak kartu acara…"
    actions["Ctrl+Shift+K"].trigger()
    assert len(shown) == 1
    assert shown[0].counts == {"all": 3, "without_card": 3, "selected": 0}


def test_a_receipt_pdf_that_cannot_be_saved_logs_no_print(
    qtbot, session, db, saved, tmp_path, monkeypatch
):
    import ui.screens.print_preview as preview

    dialog = receipt_preview(session, saved.receipt_number)
    qtbot.addWidget(dialog)
    folder = tmp_path / "simpan"
    folder.mkdir()
    taken = folder / "kwitansi.pdf"
    taken.mkdir()  # a folder in the PDF's place: the file cannot be written
    dialog.choose_save_path = lambda: str(taken)  # type: ignore[method-assign]
    warnings: list[str] = []
    monkeypatch.setattr(preview.QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    assert not dialog.save()
    assert warnings and prints_for(db, [saved.payment_id]) == []
    assert sorted(p.name for p in folder.iterdir()) == ["kwitansi.pdf"]  # no .partial
    out = folder / "kwitansi-1.pdf"
    dialog.choose_save_path = lambda: str(out)  # type: ignore[method-assign]
    assert dialog.save()
    assert [p.copy_number for p in prints_for(db, [saved.payment_id])] == [1]
