"""Planning assumptions: bounds, defaults labelled as defaults, trips from the catalogue."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from coop.domain.assumptions import (
    DEFAULT_BASIS,
    PlanningAssumptions,
    check_gain_pct,
    default_assumptions,
)
from coop.domain.errors import InvalidData


def test_a_new_project_takes_this_year_as_today_and_next_year_as_year_one() -> None:
    a = default_assumptions(date(2026, 12, 2), {"barnevern": 100})
    assert (a.baseline_year, a.budget_year, a.horizon_years) == (2026, 2027, 4)
    assert a.trips("barnevern") == 100
    assert a.trips("ukjent") == 0
    assert a.basis("efficiency_gain_pct") == DEFAULT_BASIS
    assert a.is_default("budget_year")


def test_a_decided_figure_carries_its_basis() -> None:
    a = PlanningAssumptions(2025, 2026, bases={"efficiency_gain_pct": "styringsgruppen 12.03.2026"})
    assert not a.is_default("efficiency_gain_pct")
    assert a.basis("efficiency_gain_pct") == "styringsgruppen 12.03.2026"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"budget_year": 2024}, "kan ikke ligge før grunnlagsåret"),
        ({"horizon_years": 0}, "Planperioden"),
        ({"horizon_years": 21}, "Planperioden"),
        ({"discount_rate_pct": Decimal("NaN")}, "Diskonteringsrenten"),
        ({"efficiency_gain_pct": Decimal(100)}, "Effektiviseringsgevinsten"),
        ({"cost_per_fte_nok": Decimal("1e12")}, "Kostnad per årsverk"),
        ({"trips_per_partner": {"barnevern": 1001}}, "Tjenestereiser"),
        ({"fixed_host_cost_nok": Decimal(-1)}, "Faste vertskostnader"),
        ({"bases": {"noe": "x"}}, "Ukjent forutsetning"),
    ],
)
def test_every_figure_is_bounded(change: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"baseline_year": 2025, "budget_year": 2026, **change}
    with pytest.raises(InvalidData, match=message):
        PlanningAssumptions(**fields)  # type: ignore[arg-type]


def test_the_gain_rule_is_one_rule() -> None:
    assert check_gain_pct(Decimal("99.9")) == Decimal("99.9")
    for bad in (Decimal(-1), Decimal(100), Decimal("Infinity")):
        with pytest.raises(InvalidData):
            check_gain_pct(bad)
