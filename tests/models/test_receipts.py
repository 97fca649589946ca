"""Receipts through the database: what a receipt shows, and printing with the print log."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from models.enrolments import enrol, void_payment
from models.errors import SigapError
from models.messages import text
from models.prints import prints_for
from models.receipts import receipt_data
from services.printing import print_receipt
from tests.helpers import fixed_clock, person, sponsored_event


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_receipt_data_from_the_records(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(months=3), officer, fixed_clock)
    data = receipt_data(db, ref, saved.receipt_number, "id")
    assert data.receipt_number == saved.receipt_number
    assert data.amount == saved.amount
    assert sum(data.breakdown.values()) == saved.amount
    assert data.programmes == ("JKK", "JKM")
    assert data.months == 3
    assert (data.period_start, data.period_end) == (date(2026, 11, 1), date(2027, 1, 1))
    assert data.payer_name == "Ni Luh Putu Ayu Regapu’u Saraswati"
    assert data.member_name is None and data.sponsor_name is None
    assert data.nik_masked == "3577********0001"
    assert data.place == "Kota Madiun"
    assert data.officer_name == "Sari Wulandari" and data.officer_id == officer
    assert data.branch_code == "MDN01"
    assert data.event_name == "Sosialisasi Pasar Besar"
    assert data.method == "cash"
    assert data.received_at == fixed_clock()
    assert (data.copy_number, data.void_reason) == (1, None)
    # A number typed in lower case with spaces around it finds the same receipt.
    assert receipt_data(db, ref, f" {saved.receipt_number.lower()} ", "en").lang == "en"


def test_first_print_is_the_original_then_copies(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(months=3), officer, fixed_clock)
    first = pdf_text(print_receipt(db, ref, saved.receipt_number, officer, "a6", "id", fixed_clock))
    second = pdf_text(
        print_receipt(db, ref, saved.receipt_number, officer, "80mm", "id", fixed_clock)
    )
    log = prints_for(db, [saved.payment_id])
    assert [(e.kind, e.copy_number, e.officer_id) for e in log] == [
        ("receipt", 1, officer),
        ("receipt", 2, officer),
    ]
    assert log[1].detail == {"format": "80mm", "lang": "id"}
    assert saved.receipt_number in first and "SALINAN" not in first
    assert "SALINAN" in second and "salinan ke-2" in second
    assert "3577********0001" in first and "3577015708900001" not in first
    # A preview shows what the next print will be.
    assert receipt_data(db, ref, saved.receipt_number, "id").copy_number == 3


def test_voided_payment_prints_batal_with_the_reason(db, ref, event, officer, supervisor):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    void_payment(db, saved.payment_id, "Salah pilih jumlah bulan", officer, supervisor, fixed_clock)
    out = pdf_text(print_receipt(db, ref, saved.receipt_number, officer, "a6", "id", fixed_clock))
    assert "BATAL" in out
    assert "Alasan: Salah pilih jumlah bulan" in out


def test_sponsored_payment_names_the_scheme_and_the_member(db, ref, officer):
    ev = sponsored_event(db, ref, officer, name="Warteg Terlindungi")
    saved = enrol(db, ref, ev.id, person(occupation_code="K006"), officer, fixed_clock)
    data = receipt_data(db, ref, saved.receipt_number, "id")
    assert data.payer_name == "Kowantara Warteg Terlindungi"
    assert data.sponsor_name == "Koperasi Warung Tegal Nusantara (Kowantara)"
    assert data.member_name == "Ni Luh Putu Ayu Regapu’u Saraswati"
    assert data.method == "sponsor"
    out = pdf_text(print_receipt(db, ref, saved.receipt_number, officer, "a6", "id", fixed_clock))
    # The sponsor pays BPJS directly: a registration slip, not a kwitansi (issue 13).
    assert "BUKTI PENDAFTARAN" in out and "KWITANSI" not in out
    assert "Telah terima dari" not in out
    assert "Dibayar oleh skema Kowantara Warteg Terlindungi" in out
    assert "Peserta Ni Luh Putu Ayu Regapu’u Saraswati" in out


def test_unknown_receipt_number(db, ref, event, officer):
    with pytest.raises(SigapError) as caught:
        print_receipt(db, ref, "KW-00000000-999999", officer, "a6", "id", fixed_clock)
    assert caught.value.code == "receipt_unknown"
    assert "kwitansi" in caught.value.message("id")
    assert text("receipt_unknown", "en").startswith("There is no receipt")
    with pytest.raises(SigapError) as again:
        receipt_data(db, ref, "KW-00000000-999999", "id")
    assert again.value.code == "receipt_unknown"
    assert db.execute("SELECT COUNT(*) FROM print_log").fetchone()[0] == 0


def test_nothing_is_logged_when_the_print_cannot_happen(db, ref, event, officer):
    saved = enrol(db, ref, event.id, person(), officer, fixed_clock)
    with pytest.raises(ValueError):
        print_receipt(db, ref, saved.receipt_number, officer, "a4", "id", fixed_clock)
    with pytest.raises(SigapError) as caught:
        print_receipt(db, ref, saved.receipt_number, "nobody", "a6", "id", fixed_clock)
    assert caught.value.code == "officer_unknown"
    assert prints_for(db, [saved.payment_id]) == []
