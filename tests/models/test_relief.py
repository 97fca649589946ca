"""Contributions as the regulations say: the income table's floor and ceiling, the PP 50/2025
relief month by month (what a later payment's `discount` is made of), the amount line that
explains it, and the sponsor types the relief excludes."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from models import enrolments as en
from models.enrolments.pricing import amount_line, price_months
from models.rates import RateTable, sponsor_type
from models.reference import ReferenceData, Scheme, default_reference
from tests.helpers import TODAY, person

BASE = ["JKK", "JKM"]
WITH_JHT = ["JKK", "JKM", "JHT"]
TRADER = "K002"  # a non-transport occupation of the shipped catalogue


def transport_code(ref: ReferenceData) -> str:
    return next(code for code, o in ref.occupations.items() if o.sector == "transport")


# --- the income table -------------------------------------------------------------------


def test_the_shipped_table_is_one_range_from_the_floor_to_the_ceiling(ref: ReferenceData) -> None:
    rates = ref.rate_table
    assert rates.income_brackets(TODAY) == [{"from": 1_000_000, "to": 20_700_000, "basis": None}]
    assert rates.minimum_income(TODAY) == 1_000_000
    assert rates.maximum_income(TODAY) == 20_700_000


@pytest.mark.parametrize(
    ("income", "codes"),
    [
        (999_999, ["income_too_low"]),
        (1_000_000, []),
        (20_700_000, []),
        (20_700_001, ["income_too_high"]),
        (50_000_000, ["income_too_high"]),
    ],
)
def test_the_ceiling_and_the_floor(ref: ReferenceData, income: int, codes: list[str]) -> None:
    assert [p.code for p in ref.rate_table.check_income(TODAY, income)] == codes


def test_jkk_at_the_ceiling_is_rp207000_a_month(ref: ReferenceData) -> None:
    c = ref.rate_table.contribution(date(2027, 6, 1), BASE, 20_700_000, 1, "trade")
    assert c.breakdown == {"JKK": 207_000, "JKM": 6_800}


def test_the_desk_refuses_above_the_ceiling_and_names_the_highest_amount(
    ref: ReferenceData, event: Any
) -> None:
    _, problems = en.validate(person(declared_income=20_700_001), event, ref, TODAY)
    [problem] = [p for p in problems if p.field == "declared_income"]
    assert problem.code == "income_too_high"
    assert "Rp20.700.000" in problem.message("id")
    assert "Rp20,700,000" in problem.message("en")
    checked, problems = en.validate(person(declared_income=20_700_000), event, ref, TODAY)
    assert checked is not None, problems


def test_no_price_is_shown_above_the_ceiling(ref: ReferenceData, event: Any) -> None:
    args: dict[str, Any] = dict(
        occupation_code=TRADER, payer="self", programmes=BASE, months=1
    )
    assert en.contribution_so_far(ref, event, TODAY, income=20_700_001, **args) is None
    assert en.contribution_so_far(ref, event, TODAY, income=20_700_000, **args) is not None


def table_with_brackets(brackets: list[dict[str, Any]]) -> RateTable:
    doc = copy.deepcopy(default_reference().rates)
    doc["periods"][0]["income_brackets"] = brackets
    return RateTable(doc)


def test_a_bracket_table_from_hq_prices_by_the_brackets_basis() -> None:
    # A made-up table of three brackets: the percentages apply to each bracket's basis.
    table = table_with_brackets(
        [
            {"from": 1_000_000, "to": 1_999_999, "basis": 1_000_000},
            {"from": 2_000_000, "to": 2_999_999, "basis": 2_000_000},
            {"from": 3_000_000, "to": 5_000_000, "basis": 3_000_000},
        ]
    )
    on = date(2027, 6, 1)
    assert table.contribution(on, BASE, 1_500_000, 1, "trade").breakdown["JKK"] == 10_000
    assert table.contribution(on, BASE, 2_999_999, 1, "trade").breakdown["JKK"] == 20_000
    assert table.contribution(on, WITH_JHT, 4_000_000, 1, "trade").breakdown == {
        "JKK": 30_000,
        "JKM": 6_800,
        "JHT": 60_000,
    }
    assert table.maximum_income(on) == 5_000_000
    assert [p.code for p in table.check_income(on, 5_000_001)] == ["income_too_high"]


def test_a_period_without_a_table_has_no_ceiling() -> None:
    table = table_with_brackets([])
    assert table.maximum_income(date(2027, 6, 1)) is None
    assert table.check_income(date(2027, 6, 1), 90_000_000) == []


# --- the relief, month by month -----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "charged"),
    [
        # Other BPU workers: April to December 2026.
        (date(2026, 3, 1), 1, [16_800]),
        (date(2026, 3, 1), 3, [16_800, 8_400, 8_400]),
        (date(2026, 4, 1), 1, [8_400]),
        (date(2026, 12, 1), 1, [8_400]),
        (date(2026, 12, 1), 3, [8_400, 16_800, 16_800]),
        (date(2027, 1, 1), 1, [16_800]),
    ],
)
def test_boundary_months_of_the_relief_for_other_workers(
    ref: ReferenceData, start: date, months: int, charged: list[int]
) -> None:
    c = price_months(
        ref, start, occupation_code=TRADER, income=1_000_000, programmes=BASE, months=months
    )
    assert [m.total for m in c.month_prices] == charged
    assert [m.full_total for m in c.month_prices] == [16_800] * months
    assert c.total == sum(charged)
    assert c.full_total == 16_800 * months
    discount = c.full_total - c.total
    assert c.discount() == (
        {"rule": "PP50-2025-OTHERS", "amount": discount} if discount else None
    )


@pytest.mark.parametrize(
    ("start", "months", "relieved"),
    [
        (date(2025, 12, 1), 1, 0),
        (date(2025, 12, 1), 3, 2),  # December full, January and February relieved
        (date(2026, 1, 1), 1, 1),
        (date(2027, 3, 1), 1, 1),
        (date(2027, 2, 1), 3, 2),  # February and March relieved, April full
        (date(2027, 4, 1), 1, 0),
    ],
)
def test_boundary_months_of_the_relief_for_transport_workers(
    ref: ReferenceData, start: date, months: int, relieved: int
) -> None:
    c = price_months(
        ref,
        start,
        occupation_code=transport_code(ref),
        income=1_000_000,
        programmes=WITH_JHT,
        months=months,
    )
    assert sum(1 for m in c.month_prices if m.rules == ("PP50-2025-TRANSPORT",)) == relieved
    # JHT is never halved; JKK and JKM are, in the relieved months only.
    assert c.breakdown["JHT"] == 20_000 * months
    assert c.discount_amount == relieved * 8_400
    assert c.full_breakdown == {"JKK": 10_000 * months, "JKM": 6_800 * months,
                                "JHT": 20_000 * months}  # fmt: skip


def test_each_month_names_its_own_month(ref: ReferenceData) -> None:
    c = price_months(
        ref, date(2026, 11, 15), occupation_code=TRADER, income=1_000_000, programmes=BASE,
        months=3,
    )  # fmt: skip
    assert [m.month_text for m in c.month_prices] == ["2026-11", "2026-12", "2027-01"]
    assert [m.full_total for m in c.month_prices] == [16_800] * 3


@pytest.mark.parametrize("payer", ["apbn", "apbd", "local_government"])
def test_no_relief_where_a_government_budget_pays(ref: ReferenceData, payer: str) -> None:
    c = price_months(
        ref, date(2026, 6, 1), occupation_code=TRADER, income=1_000_000, programmes=BASE,
        months=3, sponsor_type=payer,
    )  # fmt: skip
    assert c.total == 3 * 16_800
    assert c.discount() is None


@pytest.mark.parametrize(
    "payer", ["village", "company_csr", "community", "cooperative", "donor", None]
)
def test_relief_for_every_other_payer(ref: ReferenceData, payer: str | None) -> None:
    c = price_months(
        ref, date(2026, 6, 1), occupation_code=TRADER, income=1_000_000, programmes=BASE,
        months=1, sponsor_type=payer,
    )  # fmt: skip
    assert c.total == 8_400
    assert c.discount() == {"rule": "PP50-2025-OTHERS", "amount": 8_400}


def test_the_exclusion_is_data_naming_sponsor_types() -> None:
    doc = copy.deepcopy(default_reference().rates)
    for rule in doc["discounts"]:
        assert rule["excluded_sponsor_types"] == ["apbn", "apbd"]
        rule["excluded_sponsor_types"] = ["donor"]
    table = RateTable(doc)
    on = date(2026, 6, 1)
    assert table.contribution(on, BASE, 1_000_000, 1, "trade", "apbd").total == 8_400
    assert table.contribution(on, BASE, 1_000_000, 1, "trade", "donor").total == 16_800


def test_local_government_is_read_as_apbd() -> None:
    assert sponsor_type("local_government") == "apbd"
    assert sponsor_type("APBN") == "apbn"
    scheme = Scheme.from_dict(
        {"code": "X", "name": "X", "sponsor_type": "local_government", "programmes": BASE,
         "months": 12}
    )  # fmt: skip
    assert scheme.sponsor_type == "apbd"


# --- the amount line -----------------------------------------------------------------------


def test_the_amount_line_explains_mixed_months(ref: ReferenceData) -> None:
    c = price_months(
        ref, date(2026, 12, 1), occupation_code=TRADER, income=1_000_000, programmes=BASE,
        months=3,
    )  # fmt: skip
    assert amount_line(ref, c) == (
        "3 bulan: Rp8.400 × 1 (keringanan PP 50/2025) + Rp16.800 × 2 = Rp42.000"
    )
    assert amount_line(ref, c, "en") == (
        "3 months: Rp8,400 × 1 (PP 50/2025 relief) + Rp16,800 × 2 = Rp42,000"
    )


def test_the_amount_line_of_one_price(ref: ReferenceData) -> None:
    c = price_months(
        ref, date(2027, 6, 1), occupation_code=TRADER, income=1_000_000, programmes=WITH_JHT,
        months=1,
    )  # fmt: skip
    assert amount_line(ref, c) == "1 bulan: Rp36.800 × 1 = Rp36.800"
    assert amount_line(ref, c, "en") == "1 month: Rp36,800 × 1 = Rp36,800"


def test_the_amount_line_when_the_relief_starts_mid_payment(ref: ReferenceData) -> None:
    c = price_months(
        ref, date(2026, 2, 1), occupation_code=TRADER, income=1_000_000, programmes=BASE,
        months=6,
    )  # fmt: skip
    assert amount_line(ref, c) == (
        "6 bulan: Rp16.800 × 2 + Rp8.400 × 4 (keringanan PP 50/2025) = Rp67.200"
    )


def test_hqs_reference_data_replaces_the_income_table(ref: ReferenceData, event: Any) -> None:
    from models.reference import reference_from_hq

    rates = copy.deepcopy(ref.rates)
    rates["periods"][0]["income_brackets"] = [
        {"from": 1_000_000, "to": 2_999_999, "basis": 1_000_000},
        {"from": 3_000_000, "to": 6_000_000, "basis": 3_000_000},
    ]
    doc = {
        "version": "2099-01-01",
        "occupations": [
            {"code": o.code, "name_id": o.name_id, "name_en": o.name_en}
            for o in ref.occupations.values()
        ],
        "rates": rates,
        "schemes": [],
    }
    hq = reference_from_hq(doc, ref)
    _, problems = en.validate(person(declared_income=6_000_001), event, hq, TODAY)
    assert [p.code for p in problems if p.field == "declared_income"] == ["income_too_high"]
    checked, problems = en.validate(person(declared_income=4_500_000), event, hq, TODAY)
    assert checked is not None, problems
    # November 2026, trade: JKK 1% of the bracket's Rp3,000,000, halved by PP 50/2025.
    assert checked.contribution.breakdown["JKK"] == 15_000
