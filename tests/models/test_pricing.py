"""One price: the amount the form shows while the officer types is the amount `validate`
charges, worked out by the same function."""

from __future__ import annotations

import dataclasses

from models import enrolments as en
from tests.helpers import fixed_clock, person


def test_the_price_so_far_is_the_price_validate_charges(ref, event):
    today = fixed_clock().date()
    inp = person(programmes=["JKK", "JKM", "JHT"], months=3)
    checked, problems = en.validate(inp, event, ref, today)
    assert checked is not None, problems
    so_far = en.contribution_so_far(
        ref,
        event,
        today,
        occupation_code="K002",
        income=1_000_000,
        payer="self",
        programmes=["JHT", "JKM", "JKK"],  # any order
        months=3,
    )
    assert so_far == checked.contribution


def test_under_a_scheme_the_scheme_decides(ref, event):
    scheme = next(iter(ref.schemes.values()))
    sponsored = dataclasses.replace(event, scheme_code=scheme.code)
    today = fixed_clock().date()
    so_far = en.contribution_so_far(
        ref,
        sponsored,
        today,
        occupation_code="K002",
        income=1_000_000,
        payer="sponsor",
        programmes=["JKK"],  # what the officer ticked does not count
        months=1,
    )
    occupation = ref.occupations["K002"]
    assert so_far == en.contribution_for(
        ref,
        today,
        sector=occupation.sector,
        income=1_000_000,
        programmes=scheme.programmes,
        months=scheme.months,
        scheme=scheme,
    )
    assert so_far is not None and so_far.months == scheme.months


def test_no_price_until_occupation_and_enough_income(ref, event):
    today = fixed_clock().date()
    kwargs = dict(payer="self", programmes=["JKK", "JKM"], months=1)
    assert en.contribution_so_far(ref, event, today, occupation_code="", income=1_000_000,
                                  **kwargs) is None  # fmt: skip
    assert en.contribution_so_far(ref, event, today, occupation_code="K002", income=None,
                                  **kwargs) is None  # fmt: skip
    assert en.contribution_so_far(ref, event, today, occupation_code="K002", income=1,
                                  **kwargs) is None  # fmt: skip
    assert en.contribution_so_far(ref, None, today, occupation_code="K002", income=1_000_000,
                                  **kwargs) is None  # fmt: skip
