"""Contribution calculation from effective-dated rate data (resources/rates.json).

Rules that change by regulation (rates, the income table, the PP 50/2025 relief and the
sponsor types it excludes) live in the data, not here: this module only knows how to apply a
period's rates and a discount's conditions. Every payment is priced month by month
(`RateTable.month_prices`), so a later payment, the form's amount line, the receipt and the
payment's `discount` all read the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from models.errors import Problem

PROGRAMMES = ("JKK", "JKM", "JHT")

# Sponsor types as hq-api.md revision 2 names them; revision 1's `local_government` is a
# province, city or regency budget.
SPONSOR_TYPE_ALIASES = {"local_government": "apbd"}


def sponsor_type(raw: str) -> str:
    """A sponsor type as stored and compared: `local_government` is read as `apbd`."""
    s = (raw or "").strip().casefold()
    return SPONSOR_TYPE_ALIASES.get(s, s)


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def add_months(d: date, months: int) -> date:
    """First day of the month `months` after `d`'s month."""
    total = d.year * 12 + (d.month - 1) + months
    return date(total // 12, total % 12 + 1, 1)


@dataclass(frozen=True)
class MonthPrice:
    """One month paid: the full price, what is charged after any relief, and which rules
    lowered it."""

    month: date  # first day of the month
    full: Mapping[str, int]  # programme → rupiah before any relief
    charged: Mapping[str, int]  # programme → rupiah charged
    rules: tuple[str, ...]  # ids of the discount rules applied this month

    @property
    def full_total(self) -> int:
        return sum(self.full.values())

    @property
    def total(self) -> int:
        return sum(self.charged.values())

    @property
    def discount(self) -> int:
        return self.full_total - self.total

    @property
    def month_text(self) -> str:
        return f"{self.month.year:04d}-{self.month.month:02d}"


@dataclass(frozen=True)
class PriceRun:
    """Consecutive months charged the same under the same rules: `Rp8.400 × 1`."""

    first: date
    count: int
    per_month: int
    full_per_month: int
    rules: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.per_month * self.count


@dataclass(frozen=True)
class Contribution:
    monthly: dict[str, int]  # programme → rupiah for the first month paid
    breakdown: dict[str, int]  # programme → rupiah for all months paid
    months: int
    period_start: date  # first day of the first month paid
    discounts: tuple[str, ...]  # ids of the discount rules applied in any month
    month_prices: tuple[MonthPrice, ...] = ()  # each month paid, in order

    @property
    def total(self) -> int:
        return sum(self.breakdown.values())

    @property
    def full_breakdown(self) -> dict[str, int]:
        """programme → rupiah for all months paid before any relief."""
        out = {p: 0 for p in self.breakdown}
        for m in self.month_prices:
            for prog, amount in m.full.items():
                out[prog] = out.get(prog, 0) + amount
        return out if self.month_prices else dict(self.breakdown)

    @cached_property
    def full_total(self) -> int:
        """Worked out once: a save asks for it three times (discount amount, discount)."""
        return sum(self.full_breakdown.values())

    @property
    def discount_amount(self) -> int:
        """Rupiah taken off by relief rules (0 when none applied)."""
        return self.full_total - self.total

    def discount(self) -> dict[str, Any] | None:
        """The payment's `discount` of hq-api.md: None, or the rule (the ids of the rules
        applied, joined by `+` in the rare payment two rules lower) and the rupiah taken off."""
        if not self.discounts or self.discount_amount == 0:
            return None
        return {"rule": "+".join(self.discounts), "amount": self.discount_amount}

    def runs(self) -> list[PriceRun]:
        """The months paid as runs of equal price and rules, in order: what the form's
        amount line and the receipt explain (`Rp8.400 × 1 + Rp16.800 × 2`)."""
        out: list[PriceRun] = []
        for m in self.month_prices:
            last = out[-1] if out else None
            if last is not None and last.per_month == m.total and last.rules == m.rules:
                out[-1] = PriceRun(
                    last.first, last.count + 1, last.per_month, last.full_per_month, last.rules
                )
            else:
                out.append(PriceRun(m.month, 1, m.total, m.full_total, m.rules))
        return out

    @property
    def per_month(self) -> int:
        return sum(self.monthly.values())

    @property
    def period_start_text(self) -> str:
        return f"{self.period_start.year:04d}-{self.period_start.month:02d}"

    @property
    def period_end(self) -> date:
        """First day of the last month paid."""
        return add_months(self.period_start, self.months - 1)


class RateTable:
    """Reads one rates document; every date-dependent answer takes the date it is for."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.months_allowed: tuple[int, ...] = tuple(doc["months_allowed"])
        self.mandatory: tuple[str, ...] = tuple(doc["mandatory_programmes"])
        self.optional: tuple[str, ...] = tuple(doc["optional_programmes"])
        # Which rates and discounts hold in a month depends only on the month, the sector and
        # the payer type; a save prices up to 12 months and an import 100,000 saves.
        self._rules_cache: dict[
            tuple[Any, ...],
            tuple[dict[str, Any], tuple[tuple[str, int, tuple[str, ...]], ...]],
        ] = {}
        # Each set of months priced, by everything its price depends on: the desk's saves
        # price the same few (start month, programmes, income, months) again and again.
        # The month prices are read-only (Mapping), so they can be shared.
        self._prices_cache: dict[tuple[Any, ...], tuple[MonthPrice, ...]] = {}

    PRICES_KEPT = 1024  # sets of month prices kept; the cache starts over beyond that

    def period(self, on: date) -> dict[str, Any]:
        iso = on.isoformat()
        for p in self.doc["periods"]:
            if p["from"] <= iso and (p["to"] is None or iso <= p["to"]):
                return p  # type: ignore[no-any-return]
        raise LookupError(f"no rate period covers {iso}")

    def minimum_income(self, on: date) -> int:
        return int(self.period(on)["minimum_declared_income"])

    def income_brackets(self, on: date) -> list[dict[str, Any]]:
        """The income table in force: an ordered list of `{from, to, basis}` (rupiah; `basis`
        null means the declared income itself is what the percentages apply to). A period
        written without a table has one open range from the floor."""
        period = self.period(on)
        brackets = period.get("income_brackets")
        if not brackets:
            return [{"from": int(period["minimum_declared_income"]), "to": None, "basis": None}]
        return list(brackets)

    def maximum_income(self, on: date) -> int | None:
        """The highest declared income accepted (the last bracket's upper end), or None."""
        top = self.income_brackets(on)[-1].get("to")
        return None if top is None else int(top)

    def income_basis(self, on: date, income: int) -> int:
        """The income the percentages apply to: the bracket's basis where the table gives
        one, else the declared income."""
        for bracket in self.income_brackets(on):
            top = bracket.get("to")
            if int(bracket["from"]) <= income and (top is None or income <= int(top)):
                basis = bracket.get("basis")
                return income if basis is None else int(basis)
        return income

    def check_income(self, on: date, income: int, field: str = "declared_income") -> list[Problem]:
        """Below the floor or above the ceiling of the income table in force."""
        minimum = self.minimum_income(on)
        if income < minimum:
            return [Problem(field, "income_too_low", {"minimum": minimum})]
        maximum = self.maximum_income(on)
        if maximum is not None and income > maximum:
            return [Problem(field, "income_too_high", {"maximum": maximum})]
        return []

    def rule(self, rule_id: str) -> dict[str, Any] | None:
        """The discount rule of that id, as written in the data."""
        for rule in self.doc.get("discounts", []):
            if rule.get("id") == rule_id:
                return rule  # type: ignore[no-any-return]
        return None

    def regulation(self, rule_id: str) -> str:
        """The regulation a discount rule comes from (`PP 50/2025`), else its id."""
        rule = self.rule(rule_id)
        return str(rule.get("regulation") or rule_id) if rule else rule_id

    def age_limits(self, on: date) -> tuple[int, int]:
        """(minimum age, age that is no longer allowed)."""
        age = self.period(on)["age"]
        return int(age["min"]), int(age["max_exclusive"])

    def check_programmes(self, programmes: list[str]) -> list[Problem]:
        chosen = set(programmes)
        problems = []
        unknown = chosen - set(self.mandatory) - set(self.optional)
        if unknown:
            problems.append(
                Problem("programmes", "programme_unknown", {"names": ", ".join(sorted(unknown))})
            )
        if not set(self.mandatory) <= chosen:
            problems.append(
                Problem("programmes", "programme_mandatory", {"names": "+".join(self.mandatory)})
            )
        return problems

    def _applies(self, rule: dict[str, Any], on: date, sector: str, payer_type: str) -> bool:
        iso = on.isoformat()
        if not (rule["from"] <= iso and (rule.get("to") is None or iso <= rule["to"])):
            return False
        payer = sponsor_type(payer_type)
        excluded = rule.get("excluded_sponsor_types", []) + rule.get("excluded_payer_types", [])
        if any(payer == sponsor_type(x) for x in excluded):
            return False
        if "sectors" in rule and sector not in rule["sectors"]:
            return False
        if sector in rule.get("sectors_except", []):
            return False
        return True

    def _month_rules(
        self, on: date, sector: str, payer_type: str
    ) -> tuple[dict[str, Any], tuple[tuple[str, int, tuple[str, ...]], ...]]:
        """The rates and the discounts (id, percent kept, programmes) for one month."""
        key = (on.year, on.month, sector, payer_type)
        found = self._rules_cache.get(key)
        if found is None:
            discounts = tuple(
                (rule["id"], 100 - int(rule["percent_off"]), tuple(rule["programmes"]))
                for rule in self.doc.get("discounts", [])
                if self._applies(rule, on, sector, payer_type)
            )
            found = (self.period(on)["programmes"], discounts)
            # Months under the same rates and discounts share one object, so a payment
            # prices each distinct set once (see `contribution`).
            found = self._rules_cache.setdefault((id(found[0]), discounts), found)
            self._rules_cache[key] = found
        return found

    def _price(
        self,
        rules: tuple[dict[str, Any], tuple[tuple[str, int, tuple[str, ...]], ...]],
        programmes: list[str],
        income: int,
        on: date,
    ) -> tuple[dict[str, int], dict[str, int]]:
        """(full price, price charged) of one month under `rules`."""
        rates, discounts = rules
        full: dict[str, int] = {}
        basis = self.income_basis(on, income)
        for prog in PROGRAMMES:
            if prog not in programmes:
                continue
            rate = rates[prog]
            if "flat" in rate:
                full[prog] = int(rate["flat"])
            else:
                full[prog] = _round_half_up(basis * int(rate["basis_points"]), 10_000)
        amounts = dict(full)
        for _rule_id, keep, rule_programmes in discounts:
            for prog in rule_programmes:
                if prog in amounts:
                    amounts[prog] = _round_half_up(amounts[prog] * keep, 100)
        return full, amounts

    def month_prices(
        self,
        period_start: date,
        programmes: list[str],
        declared_income: int,
        months: int,
        sector: str = "",
        payer_type: str = "self",
    ) -> tuple[MonthPrice, ...]:
        """Each of `months` months from `period_start`'s month: full price, price charged
        and the relief rules applied. What a later payment's `discount` is made of."""
        start = date(period_start.year, period_start.month, 1)
        key = (start, tuple(programmes), declared_income, months, sector, payer_type)
        kept = self._prices_cache.get(key)
        if kept is not None:
            return kept
        out: list[MonthPrice] = []
        # Months under the same rates and discounts cost the same: price each set once.
        priced: dict[int, tuple[dict[str, int], dict[str, int], tuple[str, ...]]] = {}
        for i in range(months):
            month = add_months(start, i)
            rules = self._month_rules(month, sector, payer_type)
            found = priced.get(id(rules))
            if found is None:  # same rules: same period, so same income table
                full, charged = self._price(rules, programmes, declared_income, month)
                found = priced[id(rules)] = (full, charged, tuple(d[0] for d in rules[1]))
            out.append(MonthPrice(month, found[0], found[1], found[2]))
        if len(self._prices_cache) >= self.PRICES_KEPT:
            self._prices_cache.clear()
        prices = self._prices_cache[key] = tuple(out)
        return prices

    def contribution(
        self,
        period_start: date,
        programmes: list[str],
        declared_income: int,
        months: int,
        sector: str = "",
        payer_type: str = "self",
    ) -> Contribution:
        """What `months` months starting with `period_start`'s month cost, month by month,
        so a payment that runs past the end of a discount pays full rate for the later months."""
        prices = self.month_prices(
            period_start, programmes, declared_income, months, sector, payer_type
        )
        breakdown = {p: 0 for p in PROGRAMMES if p in programmes}
        applied: list[str] = []
        for m in prices:
            for prog, amount in m.charged.items():
                breakdown[prog] += amount
            applied += [r for r in m.rules if r not in applied]
        first = dict(prices[0].charged) if prices else {}
        start = date(period_start.year, period_start.month, 1)
        return Contribution(first, breakdown, months, start, tuple(applied), prices)
