"""What a partner leaving the cooperation pays (kommuneloven § 20-8).

Pure domain: standard library and ``coop.domain.costs.keys``. The leaver pays its running share
through the notice period and its key share of the joint investments' book value on the exit date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from coop.domain.costs.keys import CostSplit, whole_kroner
from coop.domain.errors import require


@dataclass(frozen=True, slots=True)
class Investment:
    """A joint investment owned and depreciated (straight line) by the host."""

    name: str
    cost_nok: Decimal
    in_service: date
    life_years: int

    def __post_init__(self) -> None:
        require(self.cost_nok >= 0, f"Investeringen «{self.name}» kan ikke ha negativ kostnad.")
        require(self.life_years > 0, f"Levetiden for «{self.name}» må være minst ett år.")

    def book_value_nok(self, on: date) -> Decimal:
        """Undepreciated value on a date, counting whole months in service."""
        months = (on.year - self.in_service.year) * 12 + on.month - self.in_service.month
        months -= 1 if on.day < self.in_service.day else 0
        left = max(0, self.life_years * 12 - max(0, months))
        return whole_kroner(Fraction(self.cost_nok) * left / (self.life_years * 12))


@dataclass(frozen=True, slots=True)
class ExitCost:
    """What a leaving partner pays: running share through the notice, plus investments."""

    member: str
    exit_date: date
    notice_months: int
    running_nok: Decimal
    investments: tuple[tuple[str, Decimal, Decimal], ...]  # (name, book value, its share)

    @property
    def total_nok(self) -> Decimal:
        """Running share plus share of undepreciated investments."""
        return self.running_nok + sum((share for _, _, share in self.investments), Decimal(0))


def exit_cost(
    split: CostSplit,
    member: str,
    notice_given: date,
    notice_months: int = 12,
    investments: Sequence[Investment] = (),
    end_on_new_year: bool = False,
) -> ExitCost:
    """Exit calculator (kommuneloven § 20-8: one year's notice unless agreed otherwise).

    The leaver pays its yearly total pro rata for the notice period and its key share of each
    investment's book value on the exit date (optionally moved to the next 1 January).
    """
    line = split.line(member)
    require(notice_months >= 0, "Oppsigelsestiden kan ikke være negativ.")
    month_index = notice_given.month - 1 + notice_months
    exit_date = date(notice_given.year + month_index // 12, month_index % 12 + 1, 1)
    if notice_given.day > 1:
        exit_date = date(exit_date.year + exit_date.month // 12, exit_date.month % 12 + 1, 1)
    if end_on_new_year and (exit_date.month, exit_date.day) != (1, 1):
        exit_date = date(exit_date.year + 1, 1, 1)
    running = whole_kroner(Fraction(line.total_nok) * notice_months / 12)
    parts = []
    for investment in investments:
        value = investment.book_value_nok(exit_date)
        parts.append((investment.name, value, whole_kroner(Fraction(value) * Fraction(line.share))))
    return ExitCost(member, exit_date, notice_months, running, tuple(parts))
