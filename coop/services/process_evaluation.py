"""Use cases for evaluation goals: an indicator with start and target, measured year by year.

Same rules as the plan (see process_edit); the values are typed the Norwegian way.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from coop.domain import errors
from coop.domain.access import Actor
from coop.domain.process.evaluation import Goal, GoalArea, GoalResult, Measurement, evaluate
from coop.domain.process.record import ProcessRecord, next_number
from coop.domain.typed_numbers import typed_decimal, typed_whole
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.process_edit import LogLine, edit_record, pick

_LIMIT = Decimal(10) ** 12  # indicator values: generous, but no float overflow


def _year(raw: str) -> int:
    return typed_whole(raw, "År", 1990, 2100)


def add_goal(
    slug: str,
    area: str,
    text: str,
    indicator: str,
    start_value: str,
    target_value: str,
    actor: Actor,
    uow: UnitOfWork,
    higher_is_better: bool = True,
    unit: str = "",
) -> Goal:
    """Set an evaluation goal with its indicator, start value and target."""

    def change(rec: ProcessRecord, _m: tuple[str, ...]) -> tuple[ProcessRecord, Goal]:
        g = Goal(
            next_number([x.number for x in rec.goals]), pick(GoalArea, area, "Område"),
            text.strip(), indicator.strip(),
            typed_decimal(start_value, "Startverdi", -_LIMIT, _LIMIT),
            typed_decimal(target_value, "Målverdi", -_LIMIT, _LIMIT), higher_is_better,
            unit.strip(),
        )  # fmt: skip
        return replace(rec, goals=(*rec.goals, g)), g

    def line(g: Goal) -> LogLine:
        return LogLine("evaluering", f"{g.number} {g.indicator}", None,
                       {"mål": g.text, "start": str(g.start_value),
                        "mål_verdi": str(g.target_value)})  # fmt: skip

    return edit_record(slug, actor, uow, None, change, line)


def record_measurement(
    slug: str, number: int, year: str, value: str, source: str, actor: Actor, uow: UnitOfWork
) -> Goal:
    """Record an indicator's value for a year (from imported figures or KOSTRA)."""

    def change(rec: ProcessRecord, _m: tuple[str, ...]) -> tuple[ProcessRecord, Goal]:
        old = next((g for g in rec.goals if g.number == number), None)
        if old is None:
            raise errors.NotFound(f"Fant ikke evalueringsmål {number}.")
        m = Measurement(_year(year), typed_decimal(value, "Verdi", -_LIMIT, _LIMIT), source)
        kept = tuple(x for x in old.measurements if x.year != m.year)
        new = replace(old, measurements=tuple(sorted((*kept, m), key=lambda x: x.year)))
        return replace(rec, goals=tuple(new if g.number == number else g for g in rec.goals)), new

    def line(g: Goal) -> LogLine:
        return LogLine(
            "evaluering",
            f"{g.number} {g.indicator}",
            None,
            {"målt": f"{year.strip()}: {value.strip()} ({source.strip()})"},
        )

    return edit_record(slug, actor, uow, None, change, line)


def evaluation_report(slug: str, up_to_year: int, uow: UnitOfWork) -> list[GoalResult]:
    """Each goal against its latest measurement up to a year."""
    errors.require(1990 <= up_to_year <= 2100, "Året må være mellom 1990 og 2100.")
    with uow:
        uow.projects.get(slug)
        rec = uow.process.get(slug)
    return evaluate(rec.goals, up_to_year)
