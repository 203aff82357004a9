"""Evaluation goals set at the start and measured after N years (indicator against target).

Goals cover service quality, robustness, job balance and cost; each has an indicator, a
starting value, a target and whether higher is better. Measured values come from imported
figures or KOSTRA, each with its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from coop.domain.errors import require
from coop.domain.model import check_text
from coop.domain.process.savings import check_year

MAX_GOALS = 200
MAX_VALUE = Decimal(10) ** 12


class GoalArea(StrEnum):
    """What a goal is about."""

    QUALITY = "tjenestekvalitet"
    ROBUSTNESS = "robusthet"
    JOBS = "arbeidsplasser"
    COST = "kostnad"

    @property
    def label(self) -> str:
        """Bokmål name."""
        return {
            GoalArea.QUALITY: "Tjenestekvalitet",
            GoalArea.ROBUSTNESS: "Robusthet",
            GoalArea.JOBS: "Arbeidsplasser (jobbalanse)",
            GoalArea.COST: "Kostnad",
        }[self]


def _check_value(value: Decimal, what: str) -> None:
    require(
        isinstance(value, Decimal) and value.is_finite() and abs(value) < MAX_VALUE,
        f"{what} må være et tall under 10^12.",
    )


@dataclass(frozen=True, slots=True)
class Measurement:
    """An indicator's value in one year, with where it comes from."""

    year: int
    value: Decimal
    source: str = ""

    def __post_init__(self) -> None:
        check_year(self.year)
        _check_value(self.value, "Målt verdi")
        check_text(self.source, "Kilden", 300)


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal with an indicator, its value at the start, the target and measurements."""

    number: int
    area: GoalArea
    text: str
    indicator: str
    start_value: Decimal
    target_value: Decimal
    higher_is_better: bool = True
    unit: str = ""
    measurements: tuple[Measurement, ...] = ()

    def __post_init__(self) -> None:
        require(1 <= self.number <= 100_000, "Målnummeret må være mellom 1 og 100 000.")
        require(bool(self.text.strip()), "Målet mangler tekst.")
        check_text(self.text, "Målet", 500)
        require(bool(self.indicator.strip()), "Målet mangler indikator.")
        check_text(self.indicator, "Indikatoren", 300)
        check_text(self.unit, "Enheten", 40)
        _check_value(self.start_value, "Startverdien")
        _check_value(self.target_value, "Målverdien")
        years = [m.year for m in self.measurements]
        require(len(set(years)) == len(years), f"«{self.indicator}»: et år er målt to ganger.")


@dataclass(frozen=True, slots=True)
class GoalResult:
    """A goal in the evaluation report: the latest value and whether the target is reached."""

    goal: Goal
    latest: Measurement | None
    reached: bool | None  # None: not measured yet

    @property
    def progress_pct(self) -> Decimal | None:
        """How far from the start value towards the target (100 = reached), if measurable."""
        if self.latest is None or self.goal.target_value == self.goal.start_value:
            return None
        span = self.goal.target_value - self.goal.start_value
        return ((self.latest.value - self.goal.start_value) / span * 100).quantize(Decimal(1))


def evaluate(goals: Iterable[Goal], up_to_year: int) -> list[GoalResult]:
    """Each goal's latest measurement up to ``up_to_year`` against its target."""
    out = []
    for goal in goals:
        measured = [m for m in goal.measurements if m.year <= up_to_year]
        latest = max(measured, key=lambda m: m.year, default=None)
        reached = None
        if latest is not None:
            if goal.higher_is_better:
                reached = latest.value >= goal.target_value
            else:
                reached = latest.value <= goal.target_value
        out.append(GoalResult(goal, latest, reached))
    return out
