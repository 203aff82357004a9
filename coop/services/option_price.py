"""The price of a placement option's political choices, for the council's case.

A read for every role: the placement model is solved with each of the option's hosts locked
and without locks (a handful of small MILPs; the steering group's optimiser page, with its
rules and alternatives, stays theirs). The price is the option's cost over the planning period
minus the optimum, per lock and for all together, in the model's own terms (an estimate).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from allocation.placement.data import PlacementInputError
from allocation.placement.optimise import ALL_LOCKS, optimise_placement, price_of_locks
from allocation.placement.rules import PlacementRules
from allocation.solver import Infeasible, SolveOptions
from coop.domain import errors
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.placement.model_input import placement_input
from coop.services.placement.request import PlacementRequest

TIME_LIMIT_S = 10.0


@dataclass(frozen=True, slots=True)
class OptionPrice:
    """The optimum's hosts and what each of the option's hosts costs on top of it."""

    best_hosts: Mapping[str, str]  # service code -> kommunenummer
    price_nok: Decimal  # all of the option's hosts together
    prices: Mapping[str, Decimal]  # service code -> price of that one lock
    horizon_years: int


def option_price(slug: str, scenario: str, uow: UnitOfWork) -> OptionPrice:
    """Solve the placement model with and without the option's hosts (bokmål errors)."""
    inp, _policy, data = placement_input(slug, uow, None, scenario, PlacementRequest())
    with uow:
        hosts = {a.service: a.host for a in uow.scenarios.get(slug, scenario).arrangements}
    locks = {s: h for s, h in hosts.items() if s in inp.services}
    options = SolveOptions(time_limit_s=TIME_LIMIT_S)
    try:
        best = optimise_placement(inp, PlacementRules(), options=options).best
        prices = price_of_locks(inp, PlacementRules(locks=locks), options)
    except Infeasible as error:
        raise errors.InvalidData("Modellen finner ingen plassering med vertskommunene i "
                                 "alternativet.") from error  # fmt: skip
    except PlacementInputError as error:
        raise errors.InvalidData(str(error)) from error
    return OptionPrice(
        best_hosts={s: best.hosts[s] for s in hosts if s in best.hosts},
        price_nok=Decimal(round(prices[ALL_LOCKS])),
        prices={s: Decimal(round(v)) for s, v in prices.items() if s != ALL_LOCKS},
        horizon_years=data.assumptions.horizon_years,
    )
