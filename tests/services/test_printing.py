"""services.printing: a preview reads its record once, and a print right after it hands out
the PDF that was previewed (one join, one render), with the copy number the log gave."""

from __future__ import annotations

import pytest

import services.printing as printing
from models.enrolments import enrol
from models.prints import log_print, prints_for
from services.printing import CardPrint, ReceiptPrint
from tests.helpers import fixed_clock, person


@pytest.fixture
def saved(db, ref, event, officer):
    return enrol(db, ref, event.id, person(), officer, fixed_clock)


@pytest.fixture
def counted(monkeypatch):
    """How often each renderer and each read ran."""
    calls = {"receipt_data": 0, "render_receipt": 0, "card_data": 0, "render_card": 0}

    def count(name):
        original = getattr(printing, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(printing, name, wrapper)

    for name in calls:
        count(name)
    return calls


def test_a_receipt_print_reuses_the_preview(db, ref, saved, officer, counted):
    receipt = ReceiptPrint(db, ref, saved.receipt_number, "id", fixed_clock)
    shown = receipt.preview("a6")
    printed = receipt.print(officer, "a6")
    assert printed == shown
    assert counted == {"receipt_data": 1, "render_receipt": 1, "card_data": 0, "render_card": 0}
    assert [p.copy_number for p in prints_for(db, [saved.payment_id])] == [1]

    # The next preview is the copy: rendered, not read again.
    assert receipt.preview("a6") != shown
    assert counted["receipt_data"] == 1
    assert counted["render_receipt"] == 2


def test_a_print_logged_elsewhere_meanwhile_gets_its_own_copy(db, ref, saved, officer, counted):
    receipt = ReceiptPrint(db, ref, saved.receipt_number, "id", fixed_clock)
    shown = receipt.preview("a6")  # copy 1
    log_print(db, "receipt", saved.payment_id, officer, fixed_clock, {"format": "a6"})
    printed = receipt.print(officer, "a6")  # copy 2: rendered again, with SALINAN
    assert printed != shown
    assert [p.copy_number for p in prints_for(db, [saved.payment_id])] == [1, 2]


def test_a_rendering_that_fails_logs_no_print(db, ref, saved, officer, monkeypatch):
    receipt = ReceiptPrint(db, ref, saved.receipt_number, "id", fixed_clock)

    def broken(*_args, **_kwargs):
        raise RuntimeError("no paper in the renderer")

    monkeypatch.setattr(printing, "render_receipt", broken)
    with pytest.raises(RuntimeError):
        receipt.print(officer, "a6")
    assert prints_for(db, [saved.payment_id]) == []


def test_a_card_is_read_and_rendered_once(db, ref, saved, officer, counted):
    card = CardPrint(db, ref, saved.enrolment_id, "id", fixed_clock)
    assert card.preview() == card.print(officer) == card.preview()
    assert (counted["card_data"], counted["render_card"]) == (1, 1)
    assert [(p.kind, p.copy_number) for p in prints_for(db, [saved.enrolment_id])] == [("card", 1)]


@pytest.mark.parametrize("where", ["a directory in its place", "a folder that is not there"])
def test_a_receipt_that_cannot_be_written_logs_no_print_and_leaves_no_partial(
    db, ref, saved, officer, tmp_path, where
):
    folder = tmp_path / "cetak"
    folder.mkdir()
    if where == "a directory in its place":
        out = folder / "kwitansi.pdf"
        out.mkdir()
    else:
        out = folder / "tidak-ada" / "kwitansi.pdf"
    make = lambda: printing.print_receipt(  # noqa: E731
        db, ref, saved.receipt_number, officer, "a6", "id", fixed_clock
    )
    with pytest.raises(OSError):
        printing.save_printed(db, out, make)
    assert prints_for(db, [saved.payment_id]) == []
    assert [p.name for p in folder.iterdir()] == (["kwitansi.pdf"] if out.is_dir() else [])

    # The next real print is the first: no SALINAN.
    good = folder / "kwitansi-1.pdf"
    printing.save_printed(db, good, make)
    assert [p.copy_number for p in prints_for(db, [saved.payment_id])] == [1]
    assert good.read_bytes().startswith(b"%PDF")
