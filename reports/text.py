"""How the printed documents write dates, times, periods, shares and receipt ranges, in the
document's language (`id` or `en`): one wording for every renderer."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time
from babel.numbers import format_percent

from models.money import LOCALES, long_date
from models.report_data import MoneyLine, ReceiptRange, Tally

WIDE = "MMMM y"  # `November 2026`: a receipt's period, written out in full
SHORT = "MMM y"  # `Nov 2026`: a period in a report's table column


def join_list(items: list[str] | tuple[str, ...], word: str) -> str:
    """`a, b and c` with the document's word for "and"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def labels(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    """A renderer's words in `lang` (Indonesian for any language it does not know)."""
    return table["en"] if lang == "en" else table["id"]


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "id_ID")


def month_text(d: date, lang: str, pattern: str = SHORT) -> str:
    return str(format_date(d, pattern, locale=_locale(lang)))


def period_text(start: date, end: date, lang: str = "id", pattern: str = WIDE) -> str:
    """The months a payment covers, `November 2026 – Januari 2027`, or one month alone;
    `pattern=SHORT` for a table column (`Nov 2026 – Jan 2027`)."""
    first = month_text(start, lang, pattern)
    if (start.year, start.month) == (end.year, end.month):
        return first
    return f"{first} – {month_text(end, lang, pattern)}"


def date_range(start: date, end: date, lang: str) -> str:
    if start == end:
        return long_date(start, lang)
    return f"{long_date(start, lang)} – {long_date(end, lang)}"


def time_text(moment: datetime, lang: str) -> str:
    """Local wall time as recorded (09.15 / 09:15), not converted to another zone."""
    return str(format_time(moment.replace(tzinfo=None).time(), "short", locale=_locale(lang)))


def moment_text(moment: datetime, lang: str) -> str:
    return f"{long_date(moment.date(), lang)} {time_text(moment, lang)}"


def share(n: int, total: int, lang: str) -> str:
    if total == 0:
        return "–"
    return str(format_percent(n / total, "#,##0.0%", locale=_locale(lang)))


def receipt_range_text(r: ReceiptRange) -> str:
    if r.first is None:
        return "–"
    return r.first if r.first == r.last else f"{r.first} – {r.last}"


def tally_name(t: Tally | MoneyLine, words: dict[str, str]) -> str:
    """Reference data comes named; fixed words (`M`, `self`, `cash`, `15-24`) are the
    renderer's, as `word_<key>` in its labels."""
    if t.key != t.name:
        return t.name
    return words.get(f"word_{t.key}", t.key.replace("-", "–"))
