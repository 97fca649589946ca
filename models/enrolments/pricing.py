"""The price of an enrolment: one function for the check before saving (`validate`) and for
the amount the form shows while the officer is still typing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from models.events import Event
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
    if income < ref.rate_table.minimum_income(today):
        return None
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
