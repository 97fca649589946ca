"""Contributions from the effective-dated rate data in resources/rates.json."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.rates import RateTable, add_months
from models.reference import RESOURCES, default_reference

BASE = ["JKK", "JKM"]
WITH_JHT = ["JKK", "JKM", "JHT"]
MIN_INCOME = 1_000_000

# Dates outside any PP 50/2025 discount, for every sector.
OUTSIDE_DISCOUNT = [date(2025, 6, 1), date(2027, 6, 1)]


@pytest.fixture(scope="module")
def table() -> RateTable:
    return default_reference().rate_table


@pytest.fixture(scope="module")
def sectors() -> dict[str, str]:
    """Occupation code → sector, from resources/occupations.csv."""
    return {code: o.sector for code, o in default_reference().occupations.items()}


def test_the_table_reads_the_shipped_rates_document(table: RateTable) -> None:
    on_disk = json.loads((RESOURCES / "rates.json").read_text(encoding="utf-8"))
    assert table.doc == on_disk
    assert table.months_allowed == (1, 3, 6, 12)
    assert table.mandatory == ("JKK", "JKM")
    assert table.optional == ("JHT",)


# --- the plain rates ---------------------------------------------------------------------


@pytest.mark.parametrize("on", OUTSIDE_DISCOUNT)
@pytest.mark.parametrize("sector", ["trade", "transport", "food", ""])
def test_minimum_income_jkk_jkm_is_16800(table: RateTable, on: date, sector: str) -> None:
    c = table.contribution(on, BASE, MIN_INCOME, 1, sector=sector)
    assert c.total == 16_800
    assert c.per_month == 16_800
    assert c.breakdown == {"JKK": 10_000, "JKM": 6_800}
    assert c.monthly == {"JKK": 10_000, "JKM": 6_800}
    assert c.discounts == ()


@pytest.mark.parametrize("on", OUTSIDE_DISCOUNT)
def test_minimum_income_with_jht_is_36800(table: RateTable, on: date) -> None:
    c = table.contribution(on, WITH_JHT, MIN_INCOME, 1, sector="trade")
    assert c.total == 36_800
    assert c.breakdown == {"JKK": 10_000, "JKM": 6_800, "JHT": 20_000}
    assert c.discounts == ()


def test_breakdown_per_programme_at_a_higher_income(table: RateTable) -> None:
    c = table.contribution(date(2025, 6, 1), WITH_JHT, 2_500_000, 1, sector="trade")
    # JKK 1%, JKM flat, JHT 2%.
    assert c.breakdown == {"JKK": 25_000, "JKM": 6_800, "JHT": 50_000}
    assert c.total == 81_800


def test_programme_order_does_not_matter(table: RateTable) -> None:
    a = table.contribution(date(2025, 6, 1), ["JHT", "JKM", "JKK"], MIN_INCOME, 3)
    b = table.contribution(date(2025, 6, 1), WITH_JHT, MIN_INCOME, 3)
    assert a == b


@pytest.mark.parametrize("months", [1, 3, 6, 12])
@pytest.mark.parametrize(("programmes", "monthly"), [(BASE, 16_800), (WITH_JHT, 36_800)])
def test_months_multiply_outside_a_discount(
    table: RateTable, months: int, programmes: list[str], monthly: int
) -> None:
    c = table.contribution(date(2027, 6, 1), programmes, MIN_INCOME, months, sector="trade")
    assert c.total == monthly * months
    assert c.per_month == monthly
    assert c.months == months
    assert c.breakdown["JKK"] == 10_000 * months
    assert c.breakdown["JKM"] == 6_800 * months
    if "JHT" in programmes:
        assert c.breakdown["JHT"] == 20_000 * months


def test_period_runs_from_the_first_of_the_start_month(table: RateTable) -> None:
    c = table.contribution(date(2027, 6, 17), BASE, MIN_INCOME, 12, sector="trade")
    assert c.period_start == date(2027, 6, 1)
    assert c.period_start_text == "2027-06"
    assert c.period_end == date(2028, 5, 1)


def test_add_months_crosses_years() -> None:
    assert add_months(date(2026, 11, 15), 0) == date(2026, 11, 1)
    assert add_months(date(2026, 11, 15), 2) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 31), 12) == date(2027, 1, 1)
    assert add_months(date(2026, 3, 1), -3) == date(2025, 12, 1)


def test_no_rate_period_before_2021(table: RateTable) -> None:
    with pytest.raises(LookupError):
        table.contribution(date(2020, 12, 1), BASE, MIN_INCOME, 1)


# --- PP 50/2025 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "month", [date(2026, m, 1) for m in range(4, 13)], ids=lambda d: d.strftime("%Y-%m")
)
@pytest.mark.parametrize("sector", ["trade", "food", "construction", "agriculture", "domestic"])
def test_others_halved_april_to_december_2026(table: RateTable, month: date, sector: str) -> None:
    c = table.contribution(month, WITH_JHT, MIN_INCOME, 1, sector=sector)
    assert c.breakdown == {"JKK": 5_000, "JKM": 3_400, "JHT": 20_000}  # JHT not halved
    assert c.total == 28_400
    assert c.discounts == ("PP50-2025-OTHERS",)


@pytest.mark.parametrize(
    "month",
    [date(2025, 12, 1), date(2026, 1, 1), date(2026, 3, 1), date(2027, 1, 1), date(2027, 3, 1)],
    ids=lambda d: d.strftime("%Y-%m"),
)
def test_others_not_halved_outside_april_to_december_2026(table: RateTable, month: date) -> None:
    c = table.contribution(month, BASE, MIN_INCOME, 1, sector="trade")
    assert c.total == 16_800
    assert c.discounts == ()


def month_amounts(
    table: RateTable, on: date, programmes: list[str], income: int, sector: str, payer_type: str
) -> tuple[dict[str, int], list[str]]:
    """Rupiah per programme for the month containing `on`, and the discounts applied: a
    payment of that one month."""
    c = table.contribution(on, programmes, income, 1, sector, payer_type)
    return c.monthly, list(c.discounts)


def test_others_discount_edges_are_the_first_and_last_day(table: RateTable) -> None:
    assert month_amounts(table, date(2026, 3, 31), BASE, MIN_INCOME, "trade", "self") == (
        {"JKK": 10_000, "JKM": 6_800},
        [],
    )
    assert month_amounts(table, date(2026, 4, 1), BASE, MIN_INCOME, "trade", "self") == (
        {"JKK": 5_000, "JKM": 3_400},
        ["PP50-2025-OTHERS"],
    )
    assert month_amounts(table, date(2026, 12, 31), BASE, MIN_INCOME, "trade", "self")[1] == [
        "PP50-2025-OTHERS"
    ]
    assert month_amounts(table, date(2027, 1, 1), BASE, MIN_INCOME, "trade", "self")[1] == []


@pytest.mark.parametrize(
    "month",
    [date(2026, 1, 1), date(2026, 3, 1), date(2026, 4, 1), date(2026, 12, 1), date(2027, 3, 1)],
    ids=lambda d: d.strftime("%Y-%m"),
)
def test_transport_halved_january_2026_to_march_2027(table: RateTable, month: date) -> None:
    c = table.contribution(month, WITH_JHT, MIN_INCOME, 1, sector="transport")
    assert c.breakdown == {"JKK": 5_000, "JKM": 3_400, "JHT": 20_000}
    assert c.discounts == ("PP50-2025-TRANSPORT",)  # never both rules at once


@pytest.mark.parametrize(
    "month", [date(2025, 12, 1), date(2027, 4, 1)], ids=lambda d: d.strftime("%Y-%m")
)
def test_transport_not_halved_outside_its_window(table: RateTable, month: date) -> None:
    c = table.contribution(month, BASE, MIN_INCOME, 1, sector="transport")
    assert c.total == 16_800
    assert c.discounts == ()


def test_transport_sector_comes_from_the_occupation_catalogue(
    table: RateTable, sectors: dict[str, str]
) -> None:
    transport = [code for code, s in sectors.items() if s == "transport"]
    others = [code for code, s in sectors.items() if s != "transport"]
    assert transport and others
    # February 2026: only transport workers have the discount.
    for code in transport:
        assert table.contribution(date(2026, 2, 1), BASE, MIN_INCOME, 1, sectors[code]).total == (
            8_400
        ), code
    for code in others:
        assert table.contribution(date(2026, 2, 1), BASE, MIN_INCOME, 1, sectors[code]).total == (
            16_800
        ), code


@pytest.mark.parametrize("sector", ["transport", "trade"])
@pytest.mark.parametrize(
    "month", [date(2026, 2, 1), date(2026, 6, 1), date(2027, 2, 1)], ids=lambda d: str(d)
)
def test_never_discounted_when_a_local_government_pays(
    table: RateTable, sector: str, month: date
) -> None:
    c = table.contribution(
        month, BASE, MIN_INCOME, 12, sector=sector, payer_type="local_government"
    )
    assert c.total == 16_800 * 12
    assert c.discounts == ()


@pytest.mark.parametrize("payer_type", ["self", "company_csr", "community", "cooperative"])
def test_other_payers_get_the_discount(table: RateTable, payer_type: str) -> None:
    c = table.contribution(date(2026, 6, 1), BASE, MIN_INCOME, 1, "trade", payer_type)
    assert c.total == 8_400


def test_payment_running_past_the_discount_is_priced_month_by_month(table: RateTable) -> None:
    # November and December 2026 halved, January 2027 full.
    c = table.contribution(date(2026, 11, 5), BASE, MIN_INCOME, 3, sector="trade")
    assert c.breakdown == {"JKK": 5_000 + 5_000 + 10_000, "JKM": 3_400 + 3_400 + 6_800}
    assert c.total == 8_400 + 8_400 + 16_800 == 33_600
    assert c.monthly == {"JKK": 5_000, "JKM": 3_400}  # the first month paid
    assert c.discounts == ("PP50-2025-OTHERS",)
    assert c.period_end == date(2027, 1, 1)


def test_payment_running_into_the_discount_is_priced_month_by_month(table: RateTable) -> None:
    # March 2026 full, April to August halved (5 months).
    c = table.contribution(date(2026, 3, 20), WITH_JHT, MIN_INCOME, 6, sector="food")
    assert c.breakdown == {
        "JKK": 10_000 + 5 * 5_000,
        "JKM": 6_800 + 5 * 3_400,
        "JHT": 6 * 20_000,
    }
    assert c.monthly == {"JKK": 10_000, "JKM": 6_800, "JHT": 20_000}
    assert c.discounts == ("PP50-2025-OTHERS",)


def test_transport_year_from_2026_06_is_ten_discounted_months(table: RateTable) -> None:
    # June 2026 .. March 2027 halved (10), April and May 2027 full (2).
    c = table.contribution(date(2026, 6, 1), BASE, MIN_INCOME, 12, sector="transport")
    assert c.total == 10 * 8_400 + 2 * 16_800


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2021, 1, 1), max_value=date(2029, 12, 31)),
    months=st.sampled_from([1, 3, 6, 12]),
    income=st.integers(min_value=MIN_INCOME, max_value=50_000_000),
    jht=st.booleans(),
    sector=st.sampled_from(["transport", "trade", "food", "agriculture", ""]),
    payer_type=st.sampled_from(["self", "local_government", "company_csr", "community"]),
)
def test_contribution_is_the_sum_of_its_months(
    table: RateTable,
    start: date,
    months: int,
    income: int,
    jht: bool,
    sector: str,
    payer_type: str,
) -> None:
    programmes = WITH_JHT if jht else BASE
    c = table.contribution(start, programmes, income, months, sector, payer_type)
    per_month = [
        month_amounts(table, add_months(start, i), programmes, income, sector, payer_type)[0]
        for i in range(months)
    ]
    for prog in programmes:
        assert c.breakdown[prog] == sum(m[prog] for m in per_month)
    assert c.monthly == per_month[0]
    assert c.total == sum(c.breakdown.values())
    # Never more than the undiscounted price, and a discount is never more than half.
    full = table.contribution(start, programmes, income, months, sector, "local_government")
    assert full.discounts == ()
    assert c.total <= full.total
    assert c.total * 2 >= full.total
    if payer_type == "local_government":
        assert c.discounts == ()
    assert c.breakdown.get("JHT", 0) == full.breakdown.get("JHT", 0)


# --- rounding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("income", "jkk", "jht"),
    [
        (1_000_049, 10_000, 20_001),  # 10,000.49 → 10,000; 20,000.98 → 20,001
        (1_000_050, 10_001, 20_001),  # 10,000.50 → 10,001 (half up); 20,001.00
        (1_000_025, 10_000, 20_001),  # 10,000.25 → 10,000; 20,000.50 → 20,001 (half up)
        (1_234_567, 12_346, 24_691),  # 12,345.67 → 12,346; 24,691.34 → 24,691
        (1_500_000, 15_000, 30_000),
    ],
)
def test_percentages_round_half_up_to_whole_rupiah(
    table: RateTable, income: int, jkk: int, jht: int
) -> None:
    c = table.contribution(date(2025, 6, 1), WITH_JHT, income, 1, sector="trade")
    assert c.breakdown == {"JKK": jkk, "JKM": 6_800, "JHT": jht}
    assert all(isinstance(v, int) for v in c.breakdown.values())


def test_halving_an_odd_amount_rounds_half_up(table: RateTable) -> None:
    # JKK 1% of 1,000,100 = 10,001; halved 5,000.5 → 5,001.
    c = table.contribution(date(2026, 6, 1), BASE, 1_000_100, 1, sector="trade")
    assert c.breakdown == {"JKK": 5_001, "JKM": 3_400}


# --- limits from the data ----------------------------------------------------------------


@pytest.mark.parametrize("on", [date(2021, 1, 1), date(2026, 11, 22), date(2030, 1, 1)])
def test_minimum_income_and_age_limits_come_from_the_data(table: RateTable, on: date) -> None:
    period = table.period(on)
    assert table.minimum_income(on) == period["minimum_declared_income"] == 1_000_000
    assert table.age_limits(on) == (period["age"]["min"], period["age"]["max_exclusive"])
    assert table.age_limits(on) == (15, 65)


# --- programmes --------------------------------------------------------------------------


@pytest.mark.parametrize("programmes", [BASE, WITH_JHT, ["JKM", "JKK"], ["JKK", "JKM", "JKK"]])
def test_valid_programme_choices(table: RateTable, programmes: list[str]) -> None:
    assert table.check_programmes(programmes) == []


@pytest.mark.parametrize("programmes", [[], ["JKK"], ["JKM"], ["JHT"], ["JKK", "JHT"]])
def test_jkk_and_jkm_are_mandatory(table: RateTable, programmes: list[str]) -> None:
    problems = table.check_programmes(programmes)
    assert [(p.field, p.code, p.params) for p in problems] == [
        ("programmes", "programme_mandatory", {"names": "JKK+JKM"})
    ]


@pytest.mark.parametrize(
    ("programmes", "names"),
    [
        (["JKK", "JKM", "JP"], "JP"),  # JP and JKP are not for BPU
        (["JKK", "JKM", "JKP", "JP"], "JKP, JP"),
        (["JKK", "JKM", "jht"], "jht"),
    ],
)
def test_unknown_programmes_are_refused(
    table: RateTable, programmes: list[str], names: str
) -> None:
    problems = table.check_programmes(programmes)
    assert [(p.field, p.code, p.params) for p in problems] == [
        ("programmes", "programme_unknown", {"names": names})
    ]


def test_unknown_and_missing_are_both_reported(table: RateTable) -> None:
    problems = table.check_programmes(["JP"])
    assert [p.code for p in problems] == ["programme_unknown", "programme_mandatory"]


# --- the rules are data ------------------------------------------------------------------


def modified_rates(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(default_reference().rates)
    doc.update(changes)
    return doc


def test_a_new_discount_rule_in_the_data_is_applied() -> None:
    doc = modified_rates()
    doc["discounts"].append(
        {
            "id": "TEST-FISHERY-2030",
            "from": "2030-01-01",
            "to": "2030-06-30",
            "programmes": ["JKK", "JKM", "JHT"],
            "percent_off": 25,
            "sectors": ["fishery"],
            "excluded_payer_types": ["company_csr"],
        }
    )
    table = RateTable(doc)
    c = table.contribution(date(2030, 1, 1), WITH_JHT, MIN_INCOME, 1, sector="fishery")
    assert c.breakdown == {"JKK": 7_500, "JKM": 5_100, "JHT": 15_000}
    assert c.discounts == ("TEST-FISHERY-2030",)
    # Its dates, sectors and payers are the ones written in the data.
    assert table.contribution(date(2030, 7, 1), WITH_JHT, MIN_INCOME, 1, "fishery").total == 36_800
    assert table.contribution(date(2029, 12, 1), WITH_JHT, MIN_INCOME, 1, "fishery").total == (
        36_800
    )
    assert table.contribution(date(2030, 3, 1), WITH_JHT, MIN_INCOME, 1, "trade").total == 36_800
    assert (
        table.contribution(
            date(2030, 3, 1), WITH_JHT, MIN_INCOME, 1, "fishery", "company_csr"
        ).total
        == 36_800
    )
    # A five-month payment from May 2030: May and June at 75%, July to September full.
    c5 = table.contribution(date(2030, 5, 1), BASE, MIN_INCOME, 5, sector="fishery")
    assert c5.total == 2 * (7_500 + 5_100) + 3 * 16_800
    # The shipped table knows nothing of it.
    shipped = default_reference().rate_table
    assert shipped.contribution(date(2030, 1, 1), WITH_JHT, MIN_INCOME, 1, "fishery").total == (
        36_800
    )


def test_removing_the_discounts_from_the_data_removes_them() -> None:
    table = RateTable(modified_rates(discounts=[]))
    c = table.contribution(date(2026, 6, 1), BASE, MIN_INCOME, 1, sector="transport")
    assert c.total == 16_800
    assert c.discounts == ()


def test_a_new_rate_period_in_the_data_changes_rates_and_limits() -> None:
    doc = modified_rates()
    doc["periods"][0]["to"] = "2027-12-31"
    doc["periods"].append(
        {
            "from": "2028-01-01",
            "to": None,
            "source": "made-up regulation for a test",
            "minimum_declared_income": 1_200_000,
            "age": {"min": 16, "max_exclusive": 70},
            "programmes": {
                "JKK": {"basis_points": 150},
                "JKM": {"flat": 7_500},
                "JHT": {"basis_points": 200},
            },
        }
    )
    table = RateTable(doc)
    assert table.minimum_income(date(2027, 12, 31)) == 1_000_000
    assert table.minimum_income(date(2028, 1, 1)) == 1_200_000
    assert table.age_limits(date(2028, 1, 1)) == (16, 70)
    c = table.contribution(date(2028, 1, 1), WITH_JHT, 1_200_000, 1, sector="trade")
    assert c.breakdown == {"JKK": 18_000, "JKM": 7_500, "JHT": 24_000}
    # A payment across the change is priced with each month's own rates.
    across = table.contribution(date(2027, 12, 1), BASE, 1_200_000, 3, sector="trade")
    assert across.breakdown == {"JKK": 12_000 + 2 * 18_000, "JKM": 6_800 + 2 * 7_500}


def test_mandatory_and_optional_programmes_are_data() -> None:
    table = RateTable(modified_rates(mandatory_programmes=["JKK"], optional_programmes=["JKM"]))
    assert table.check_programmes(["JKK"]) == []
    assert [p.code for p in table.check_programmes(["JKK", "JHT"])] == ["programme_unknown"]
    assert [p.params for p in table.check_programmes(["JKM"])] == [{"names": "JKK"}]
