"""The price of an enrolment: one function for the check before saving (`validate`) and for
the amount the form shows while the officer is still typing; `price_months` prices any later
payment month by month (its `discount` included); `amount_line` explains the price in words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from models.events import Event
from models.messages import text
from models.money import rupiah
from models.rates import Contribution
from models.reference import ReferenceData, Scheme
from models.vocabulary import SELF, SPONSOR

PROGRAMME_ORDER = ("JKK", "JKM", "JHT")


def ordered_programmes(programmes: Sequence[str]) -> list[str]:
    """The programmes in their fixed order (JKK, JKM, JHT); unknown ones left out."""
    return [p for p in PROGRAMME_ORDER if p in programmes]


def contribution_for(
    ref: ReferenceData,
    today: date,
    *,
    sector: str,
    income: int,
    programmes: Sequence[str],
    months: int,
    scheme: Scheme | None,
) -> Contribution:
    """What the first payment costs. Under a sponsor scheme the scheme's programmes and
    months, paid at its sponsor type's rates; otherwise the worker's own choice, paid by the
    worker."""
    if scheme is not None:
        programmes, months, payer_type = scheme.programmes, scheme.months, scheme.sponsor_type
    else:
        payer_type = SELF
    return ref.rate_table.contribution(
        today, ordered_programmes(programmes), income, months, sector, payer_type
    )


def contribution_so_far(
    ref: ReferenceData,
    event: Event | None,
    today: date,
    *,
    occupation_code: str,
    income: int | None,
    payer: str,
    programmes: Sequence[str],
    months: int,
) -> Contribution | None:
    """The price as soon as the occupation and an income at or above the minimum are known,
    before the rest of the form is filled (the worker wants to hear the amount early); None
    until then. `payer` is `sponsor` or `self`: a sponsor pays by the event's scheme."""
    occupation = ref.occupations.get(occupation_code)
    if event is None or occupation is None or income is None:
        return None
    if ref.rate_table.check_income(today, income):
        return None  # below the floor or above the ceiling: no price to show
    scheme = ref.schemes.get(event.scheme_code or "") if payer == SPONSOR else None
    return contribution_for(
        ref,
        today,
        sector=occupation.sector,
        income=income,
        programmes=programmes,
        months=months,
        scheme=scheme,
    )


def price_months(
    ref: ReferenceData,
    period_start: date,
    *,
    occupation_code: str,
    income: int,
    programmes: Sequence[str],
    months: int,
    sponsor_type: str | None = None,
) -> Contribution:
    """What `months` months from `period_start`'s month cost for a member, month by month:
    for a renewal, overdue months or a first payment after a void. `sponsor_type` is the
    paying scheme's type, None when the worker pays. `Contribution.month_prices` holds each
    month's full and charged price, `Contribution.discount()` the payment's `discount`."""
    occupation = ref.occupations.get(occupation_code)
    sector = occupation.sector if occupation is not None else ""
    return ref.rate_table.contribution(
        period_start,
        ordered_programmes(programmes),
        income,
        months,
        sector,
        sponsor_type or SELF,
    )


def amount_line(ref: ReferenceData, contribution: Contribution, lang: str = "id") -> str:
    """The price explained for the officer and the worker: `3 bulan: Rp8.400 × 1
    (keringanan PP 50/2025) + Rp16.800 × 2 = Rp42.000`; a single price reads `3 bulan:
    Rp16.800 × 3 = Rp50.400`."""
    rates = ref.rate_table
    parts = []
    for run in contribution.runs():
        part = f"{rupiah(run.per_month, lang)} × {run.count}"
        if run.rules:
            regulations = ", ".join(dict.fromkeys(rates.regulation(r) for r in run.rules))
            part += " " + text("relief_note", lang, regulation=regulations)
        parts.append(part)
    months = contribution.months
    head = text("months_one", lang) if months == 1 else text("months_many", lang, months=months)
    return f"{head}: {' + '.join(parts)} = {rupiah(contribution.total, lang)}"
