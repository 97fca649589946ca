"""Contribution calculation from effective-dated rate data (resources/rates.json).

Rules that change by regulation (rates, the PP 50/2025 discount) live in the data, not here:
this module only knows how to apply a period's rates and a discount's conditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from models.errors import Problem

PROGRAMMES = ("JKK", "JKM", "JHT")


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def add_months(d: date, months: int) -> date:
    """First day of the month `months` after `d`'s month."""
    total = d.year * 12 + (d.month - 1) + months
    return date(total // 12, total % 12 + 1, 1)


@dataclass(frozen=True)
class Contribution:
    monthly: dict[str, int]  # programme → rupiah for the first month paid
    breakdown: dict[str, int]  # programme → rupiah for all months paid
    months: int
    period_start: date  # first day of the first month paid
    discounts: tuple[str, ...]  # ids of the discount rules applied in any month

    @property
    def total(self) -> int:
        return sum(self.breakdown.values())

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

    def period(self, on: date) -> dict[str, Any]:
        iso = on.isoformat()
        for p in self.doc["periods"]:
            if p["from"] <= iso and (p["to"] is None or iso <= p["to"]):
                return p  # type: ignore[no-any-return]
        raise LookupError(f"no rate period covers {iso}")

    def minimum_income(self, on: date) -> int:
        return int(self.period(on)["minimum_declared_income"])

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
        if payer_type in rule.get("excluded_payer_types", []):
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

    @staticmethod
    def _price(
        rules: tuple[dict[str, Any], tuple[tuple[str, int, tuple[str, ...]], ...]],
        programmes: list[str],
        income: int,
    ) -> dict[str, int]:
        rates, discounts = rules
        amounts: dict[str, int] = {}
        for prog in PROGRAMMES:
            if prog not in programmes:
                continue
            rate = rates[prog]
            if "flat" in rate:
                amounts[prog] = int(rate["flat"])
            else:
                amounts[prog] = _round_half_up(income * int(rate["basis_points"]), 10_000)
        for _rule_id, keep, rule_programmes in discounts:
            for prog in rule_programmes:
                if prog in amounts:
                    amounts[prog] = _round_half_up(amounts[prog] * keep, 100)
        return amounts

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
        start = date(period_start.year, period_start.month, 1)
        breakdown = {p: 0 for p in PROGRAMMES if p in programmes}
        first: dict[str, int] = {}
        applied: list[str] = []
        priced: dict[int, dict[str, int]] = {}  # months under the same rules cost the same
        for i in range(months):
            rules = self._month_rules(add_months(start, i), sector, payer_type)
            amounts = priced.get(id(rules))
            if amounts is None:
                amounts = priced[id(rules)] = self._price(rules, programmes, declared_income)
                applied += [d[0] for d in rules[1] if d[0] not in applied]
            if i == 0:
                first = amounts
            for prog, amount in amounts.items():
                breakdown[prog] += amount
        return Contribution(first, breakdown, months, start, tuple(applied))
