"""Printing a PDF sends its pages one at a time: each page is rendered, painted onto the
printer's page and let go before the next one is rendered, so a batch of 1,000 cards needs
the memory of one page, not of 1,000. Printed to a real PDF-file QPrinter; made-up people."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

import ui.printing as printing
from models.cards import card_data
from models.enrolments import enrol
from reports.card import render_card
from tests.helpers import fixed_clock, person
from ui.screens.card_batch import CardBatchDialog


class Held:
    """Counts the rendered pages alive at once (a page is alive until nothing holds it)."""

    def __init__(self) -> None:
        self.alive = 0
        self.peak = 0
        self.rendered = 0

    def wrap(self, render):
        held = self

        class Tracked(QImage):
            def __init__(self, image: QImage) -> None:
                super().__init__(image)  # shares the pixels: they live as long as this
                held.alive += 1
                held.rendered += 1
                held.peak = max(held.peak, held.alive)

            def __del__(self) -> None:
                held.alive -= 1

        def tracked(*args, **kwargs):
            return Tracked(render(*args, **kwargs))

        return tracked


@pytest.fixture
def held(monkeypatch) -> Held:
    counter = Held()
    monkeypatch.setattr(printing, "render_page", counter.wrap(printing.render_page))
    return counter


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pages_of(pdf: bytes, n: int) -> bytes:
    """A PDF of `n` pages, repeating the pages of `pdf`."""
    source = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for i in range(n):
        writer.add_page(source.pages[i % len(source.pages)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_long_pdf_goes_to_the_printer_one_page_at_a_time(qapp, db, ref, event, officer,
                                                            tmp_path, held):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    pdf = pages_of(render_card(card_data(db, ref, saved.enrolment_id, clock=fixed_clock)), 24)
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    assert printing.print_pdf(pdf, printer) == 24
    assert len(PdfReader(out).pages) == 24
    assert held.rendered == 24
    assert held.peak == 1  # never two rendered pages held at once, let alone 24
    assert held.alive == 0


def test_a_page_is_painted_before_the_next_is_rendered(qapp, db, ref, event, officer,
                                                        tmp_path, monkeypatch):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    pdf = pages_of(render_card(card_data(db, ref, saved.enrolment_id, clock=fixed_clock)), 5)
    steps: list[str] = []
    render = printing.render_page

    def logged_render(*args, **kwargs):
        steps.append("render")
        return render(*args, **kwargs)

    paint = printing._paint

    def logged_paint(*args, **kwargs):
        steps.append("paint")
        return paint(*args, **kwargs)

    monkeypatch.setattr(printing, "render_page", logged_render)
    monkeypatch.setattr(printing, "_paint", logged_paint)
    out = tmp_path / "printed.pdf"
    assert printing.print_pdf(pdf, pdf_printer(out)) == 5
    assert steps == ["render", "paint"] * 5
    assert len(PdfReader(out).pages) == 5


def nik_for(born: date, serial: int) -> str:
    return f"357701{born.day + 40:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def test_a_card_batch_prints_page_by_page(qtbot, session, tasks, db, ref, event, officer,
                                          tmp_path, held):
    six_cards(db, ref, event, officer)
    dialog = CardBatchDialog(session, tasks)
    qtbot.addWidget(dialog)
    dialog.single.setChecked(True)  # a card printer: one card a page, front and back
    dialog.make_button.click()
    assert dialog.pdf is not None
    out = tmp_path / "batch.pdf"

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    dialog.choose_printer = choose  # type: ignore[method-assign]
    assert dialog.print_()
    assert len(PdfReader(out).pages) == 12
    assert held.rendered == 12 and held.peak == 1


def six_cards(db, ref, event, officer) -> None:
    born = date(1988, 3, 9)
    names = ["Siti Aminah", "Dewi Lestari", "Rina Wati", "Sri Rahayu", "Tuti Handayani",
             "Yuli Astuti"]  # fmt: skip
    for i, name in enumerate(names):
        enrol(db, ref, event.id, person(nik=nik_for(born, i + 1), full_name=name, birth_date=born),
              officer, fixed_clock)  # fmt: skip


def test_printing_stops_when_told_after_a_page(qapp, db, ref, event, officer, tmp_path):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    pdf = pages_of(render_card(card_data(db, ref, saved.enrolment_id, clock=fixed_clock)), 6)
    told: list[int] = []
    with pytest.raises(printing.PrintCancelled):
        printing.print_pdf(pdf, pdf_printer(tmp_path / "x.pdf"),
                           on_page=lambda n: told.append(n) or n < 2)  # fmt: skip
    assert told == [1, 2]  # stopped after the second page, never rendered a third


def test_a_card_batch_prints_off_the_windows_thread(qtbot, session, db, ref, event, officer,
                                                     tmp_path):
    from ui.tasks import Tasks

    six_cards(db, ref, event, officer)
    tasks = Tasks()
    dialog = CardBatchDialog(session, tasks)
    qtbot.addWidget(dialog)
    dialog.single.setChecked(True)
    dialog.make_button.click()
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=30_000)
    out = tmp_path / "batch.pdf"

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    dialog.choose_printer = choose  # type: ignore[method-assign]
    assert dialog.print_()
    assert dialog.cancel_button.isEnabled() and not dialog.print_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert tasks.wait()
    assert dialog.message.text() == "Dikirim ke printer."
    assert dialog.progress_bar.maximum() == 12 and dialog.progress_bar.value() == 12
    assert len(PdfReader(out).pages) == 12
    assert dialog.print_button.isEnabled()


def test_cancelling_a_batch_print(qtbot, session, tasks, db, ref, event, officer, tmp_path):
    six_cards(db, ref, event, officer)
    dialog = CardBatchDialog(session, tasks)
    qtbot.addWidget(dialog)
    dialog.make_button.click()
    assert dialog.pdf is not None

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "batch.pdf"))
        return True

    dialog.choose_printer = choose  # type: ignore[method-assign]
    dialog.single.setChecked(True)
    dialog.progress_bar.valueChanged.connect(lambda v: v and dialog.cancel_button.click())
    dialog.print_()
    assert dialog.message.text() == "Pencetakan dibatalkan."
    assert dialog.progress_bar.value() == 1
    assert dialog.print_button.isEnabled() and dialog.make_button.isEnabled()
