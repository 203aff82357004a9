"""Use case: propose hosts, and the optimiser's answer in names and kroner a council reads."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from allocation.placement.data import PlacementInputError
from allocation.placement.optimise import ALL_LOCKS, optimise_placement, price_of_locks
from allocation.placement.rules import PlacementRules
from allocation.solver import Infeasible, SolveOptions
from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.placement.model_input import COMBINED, placement_input
from coop.services.placement.request import (
    OptionView,
    PlacementImpossible,
    PlacementProposal,
    PlacementRequest,
)


def _kr(value: float) -> Decimal:
    return Decimal(round(value))


def _view(rank: int | None, delta: float, p: Any) -> OptionView:
    return OptionView(
        rank=rank,
        objective_nok=_kr(p.objective_nok),
        delta_nok=_kr(delta),
        hosts=dict(p.hosts),
        by_kind={k: _kr(v) for k, v in p.by_kind.items()},
        by_municipality={k: _kr(v) for k, v in p.by_municipality.items()},
        net_fte={k: Decimal(str(round(v, 2))) for k, v in p.net_fte.items()},
    )


def propose_hosts(
    slug: str,
    uow: UnitOfWork,
    request: PlacementRequest | None = None,
    policy_name: str | None = None,
    scenario_name: str | None = None,
    backend: str = "highs",
    *,
    actor: Actor,
    progress: Callable[[str], None] | None = None,
) -> PlacementProposal:
    """Best host per service over the planning period, the next-best options, lock prices.

    ``progress`` hears each stage (a background job reports it and may stop there).
    """
    require_role(actor, Role.STEERING)
    tell = progress or (lambda _text: None)
    req = request or PlacementRequest()
    inp, policy, data = placement_input(slug, uow, policy_name, scenario_name, req)
    names = data.names
    service_names = data.service_names
    if req.together:
        service_names[COMBINED] = " + ".join(service_names[c] for c in req.together) + (
            " (ett kontor)"
        )
    rules = PlacementRules(
        locks=dict(req.locks),
        forbids=frozenset(req.forbids),
        max_net_loss_fte=req.max_net_loss_fte,
        population_share_band=req.population_share_band,
        min_services_hosted=req.min_services_hosted,
        max_services_hosted=req.max_services_hosted,
        max_staff_commute_min=req.max_staff_commute_min,
        max_partner_travel_min=req.max_partner_travel_min,
    )
    options = SolveOptions(backend=backend, time_limit_s=req.time_limit_s)  # type: ignore[arg-type]
    try:
        tell(f"Finner de {req.top} beste plasseringene …" if req.top > 1 else "Løser …")
        report = optimise_placement(inp, rules, top=req.top, options=options)
        if req.locks:
            tell("Beregner prisen på de låste valgene …")
        prices = price_of_locks(inp, rules, options) if req.locks else {}
    except Infeasible as error:
        raise PlacementImpossible(error.conflicts, {**names, **service_names}) from error
    except PlacementInputError as error:
        raise errors.InvalidData(str(error)) from error
    best = report.best
    a = data.assumptions
    extras = []
    if inp.fixed_host_cost_nok:
        extras.append("faste vertskostnader per vertskommune")
    if inp.discount_rate:
        extras.append(f"diskontert med {inp.discount_rate * 100:.1f} % per år".replace(".", ","))
    return PlacementProposal(
        project=slug,
        policy=policy,
        status=best.status,
        best=_view(1, 0.0, best),
        alternatives=tuple(_view(a.rank, a.delta_nok, a.placement) for a in report.alternatives),
        price_of_locks={("alle" if k == ALL_LOCKS else k): _kr(v) for k, v in prices.items()},
        names=names,
        service_names=service_names,
        model_size=report.model_size,
        seconds=report.seconds,
        basis="; ".join(
            [
                data.routes_basis(),
                f"retningslinjer «{policy}»",
                f"planperiode {a.horizon_years} år fra {a.budget_year}",
                f"grunnlagstall for {a.baseline_year}",
                *extras,
            ]
        ),
    )
