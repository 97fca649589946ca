"""Rupiah and dates written for the reader's language (Babel's CLDR data, not our own rules)."""

from __future__ import annotations

from datetime import date

# Babel is imported by the functions that write with it (when first needed): its import is
# a tenth of a command-line call's budget, and most calls never write a date or an amount.

LOCALES = {"id": "id_ID", "en": "en_GB"}


def rupiah(amount: int, lang: str = "id") -> str:
    """16800 → `Rp16.800` (id) or `Rp16,800` (en). Whole rupiah only."""
    from babel.numbers import format_decimal

    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{format_decimal(abs(amount), locale=LOCALES.get(lang, 'id_ID'))}"


def long_date(d: date, lang: str = "id") -> str:
    """`22 November 2026` in either language."""
    from babel.dates import format_date

    return format_date(d, format="long", locale=LOCALES.get(lang, "id_ID"))


def month_year(d: date, lang: str = "id") -> str:
    """`November 2026` / `Januari 2027`: how cards and checks say "paid until"."""
    from babel.dates import format_date

    return format_date(d, format="MMMM y", locale=LOCALES.get(lang, "id_ID"))
