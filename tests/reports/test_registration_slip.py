"""Honest paperwork: a sponsored enrolment prints a registration slip (Bukti Pendaftaran),
never a kwitansi for money the desk did not receive; a receipt for money taken at the desk
shows the full price, the relief with its regulation's name and the amount charged. People
are made up."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from pypdf import PdfReader

from models import enrolments as en
from models.receipts import receipt_data
from reports.receipt import render_receipt
from reports.registration_slip import render_payment_document, render_registration_slip
from services.printing import print_receipt
from tests.helpers import fixed_clock, person, sponsored_event
from tests.reports.test_receipt import sample


def words(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def sponsored(**changes: object):
    return sample(
        payer_name="Siaga Kita Kota Madiun",
        member_name="Sri Wahyuni",
        sponsor_name="Pemerintah Kota Madiun (APBD)",
        method="sponsor",
        **changes,
    )


@pytest.mark.parametrize("fmt", ["a6", "80mm"])
def test_the_slip_says_who_is_enrolled_and_who_pays(fmt: str) -> None:
    text = words(render_registration_slip(sponsored(), fmt))
    assert "BUKTI PENDAFTARAN" in text
    assert "KWITANSI" not in text and "Telah terima dari" not in text
    assert "Terbilang" not in text  # no amount in words: nothing was received
    assert "Peserta Sri Wahyuni" in text
    assert "Dibayar oleh skema Siaga Kita Kota Madiun" in text
    assert "Pemerintah Kota Madiun (APBD)" in text
    assert "Ditagihkan Rp50.400" in text
    assert "JKK (Kecelakaan Kerja) dan JKM (Kematian), 3 bulan" in text
    assert "Bukan kwitansi" in text
    assert "3577********0001" in text


def test_the_slip_in_english() -> None:
    text = words(render_registration_slip(sponsored(lang="en")))
    assert "REGISTRATION SLIP" in text and "RECEIPT" not in text
    assert "To be billed Rp50,400" in text
    assert "Not a receipt" in text


def test_a_slip_never_carries_a_stamp_duty_box() -> None:
    big = sponsored(
        amount=6_000_000,
        breakdown={"JKK": 3_000_000, "JKM": 3_000_000},
        months=12,
        period_end=date(2027, 10, 1),
    )
    assert "Meterai" in words(render_receipt(dataclasses.replace(big, method="cash")))
    assert "Meterai" not in words(render_registration_slip(big))


def test_money_taken_at_the_desk_still_gets_a_kwitansi() -> None:
    for method in ("cash", "transfer"):
        data = sample(method=method)
        assert render_payment_document(data) == render_receipt(data)
    assert "BUKTI PENDAFTARAN" in words(render_payment_document(sponsored()))
    with pytest.raises(ValueError):
        render_registration_slip(sample())


def test_the_receipt_shows_full_price_relief_and_amount_charged() -> None:
    # 3 months from December 2026: December relieved, January and February full.
    data = sample(
        amount=42_000,
        breakdown={"JKK": 25_000, "JKM": 17_000},
        discount_amount=8_400,
        discount_regulation="PP 50/2025",
    )
    text = words(render_receipt(data))
    assert "Iuran penuh Rp50.400" in text
    assert "Keringanan PP 50/2025 −Rp8.400" in text
    assert "Uang sejumlah Rp42.000" in text
    english = words(render_receipt(dataclasses.replace(data, lang="en")))
    assert "Full contribution Rp50,400" in english and "PP 50/2025 relief" in english
    # Without a relief, no such lines.
    assert "Keringanan" not in words(render_receipt(sample()))


def test_a_desk_enrolment_in_the_relief_prints_it(db, ref, event, officer) -> None:
    saved = en.enrol(db, ref, event.id, person(months=3), officer, fixed_clock)
    # 22 November 2026, trade: November and December relieved, January full.
    data = receipt_data(db, ref, str(saved.receipt_number), "id")
    assert (data.amount, data.discount_amount, data.discount_regulation) == (
        33_600, 16_800, "PP 50/2025"
    )  # fmt: skip
    text = words(print_receipt(db, ref, str(saved.receipt_number), officer, "a6", "id",
                               fixed_clock))  # fmt: skip
    assert "KWITANSI" in text and "Keringanan PP 50/2025 −Rp16.800" in text


def test_a_sponsored_desk_enrolment_prints_a_slip(db, ref, officer) -> None:
    ev = sponsored_event(db, ref, officer)
    saved = en.enrol(db, ref, ev.id, person(occupation_code="K006"), officer, fixed_clock)
    pdf = print_receipt(db, ref, str(saved.receipt_number), officer, "80mm", "id", fixed_clock)
    text = words(pdf)
    assert "BUKTI PENDAFTARAN" in text and "Telah terima dari" not in text
    assert "Kowantara Warteg Terlindungi" in text
