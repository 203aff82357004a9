"""A konto instalments from a budget split, and the year-end settlement against actual cost.

Pure domain: standard library and ``coop.domain.costs.keys``. Every instalment and balance is in
whole kroner, so the instalments sum exactly to each member's yearly total.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from coop.domain.costs.key_basis import who
from coop.domain.costs.keys import CostSplit, split_cost, whole_kroner
from coop.domain.errors import require

Frequency = Literal["monthly", "quarterly", "half-yearly"]
_INSTALMENTS: dict[str, tuple[int, ...]] = {
    "monthly": tuple(range(1, 13)),
    "quarterly": (1, 4, 7, 10),
    "half-yearly": (1, 7),
}


@dataclass(frozen=True, slots=True)
class Instalment:
    """One a konto invoice to a partner."""

    member: str
    number: int
    due: date
    amount_nok: Decimal


def akonto_plan(
    split: CostSplit,
    frequency: Frequency,
    year: int,
    due_day: int = 20,
    include_host: bool = False,
) -> tuple[Instalment, ...]:
    """Instalments on account from the budget: whole kroner summing to each member's total.

    Due on ``due_day`` of the first month of each period; leftover kroner fall on the first
    instalments. The host pays itself nothing unless ``include_host``.
    """
    require(frequency in _INSTALMENTS, f"Ukjent fakturahyppighet «{frequency}».")
    require(1990 <= year <= 2100, f"Året {year} er utenfor gyldig område.")
    require(1 <= due_day <= 28, "Forfallsdagen må være mellom 1 og 28.")
    months = _INSTALMENTS[frequency]
    plan = []
    for line in split.lines:
        if line.member == split.host and not include_host:
            continue
        base, extra = divmod(int(line.total_nok), len(months))
        for number, month in enumerate(months, start=1):
            amount = Decimal(base + (1 if number <= extra else 0))
            plan.append(Instalment(line.member, number, date(year, month, due_day), amount))
    return tuple(plan)


@dataclass(frozen=True, slots=True)
class SettlementLine:
    """Year-end settlement of one member: positive balance owes, negative gets back."""

    member: str
    paid_nok: Decimal
    actual_nok: Decimal

    @property
    def balance_nok(self) -> Decimal:
        """Actual minus paid: what the member owes (positive) or gets back (negative)."""
        return self.actual_nok - self.paid_nok


def settlement(
    split_budget: CostSplit,
    actual_total_nok: Decimal,
    *,
    population: Mapping[str, int] | None = None,
    usage: Mapping[str, Mapping[str, Decimal]] | None = None,
    direct: Mapping[str, Decimal] | None = None,
    paid: Mapping[str, Decimal] | None = None,
) -> tuple[SettlementLine, ...]:
    """Split the actual net cost by the same key and compare with what was paid on account.

    Population, usage and direct lines default to the budget's; ``paid`` defaults to each
    member's budget total (the a konto plan).
    """
    actual = split_cost(
        actual_total_nok,
        split_budget.key,
        split_budget.members,
        split_budget.host,
        split_budget.population if population is None else population,
        split_budget.usage if usage is None else usage,
        split_budget.direct if direct is None else direct,
        split_budget.target_group,
        split_budget.line(split_budget.host).host_subsidy_nok,
        names=split_budget.names,
    )
    budget_paid = {line.member: line.total_nok for line in split_budget.lines}
    paid = budget_paid if paid is None else paid
    missing = [m for m in split_budget.members if m not in paid]
    require(not missing, f"Innbetalt a konto mangler for {who(missing, split_budget.names)}.")
    return tuple(
        SettlementLine(line.member, whole_kroner(paid[line.member]), line.total_nok)
        for line in actual.lines
    )
