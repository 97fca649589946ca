"""Rupiah and dates for the reader's language."""

from __future__ import annotations

from datetime import date

from models.money import long_date, month_year, rupiah


def test_rupiah_in_both_languages():
    assert rupiah(16_800) == "Rp16.800"
    assert rupiah(2_000_000_000, "en") == "Rp2,000,000,000"
    assert rupiah(0) == "Rp0"
    assert rupiah(-50_400) == "-Rp50.400"


def test_long_dates_in_both_languages():
    assert long_date(date(2026, 11, 22)) == "22 November 2026"
    assert long_date(date(2026, 8, 17)) == "17 Agustus 2026"
    assert long_date(date(2026, 8, 17), "en") == "17 August 2026"


def test_month_and_year():
    assert month_year(date(2027, 1, 1)) == "Januari 2027"
    assert month_year(date(2026, 11, 30), "en") == "November 2026"
