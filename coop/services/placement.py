"""Use case: propose hosts with the placement MILP, from a project's data and rules.

Translates the domain (baselines, travel network, personnel policy) into the plain
``allocation.placement.optimise`` input, and the result back into names and kroner a council reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from allocation.placement.data import CostTerm, PlacementInput, PlacementInputError
from allocation.placement.optimise import ALL_LOCKS, optimise_placement, price_of_locks
from allocation.placement.rules import PlacementRules
from allocation.solver import Conflict, Infeasible, SolveOptions
from coop.domain import errors
from coop.domain.transition.personnel import service_transition_cost
from coop.domain.transition.staff_transfers import baselines_by_service
from coop.domain.transition.travel_grants import STATE_MILEAGE_NOK_PER_KM, TravelParams
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.network import DEFAULT_TRIPS_PER_PARTNER, project_network

RULE_LABELS = {
    "lock": "låst plassering",
    "forbid": "utelukket vertskommune",
    "max_net_loss": "største tillatte tap av årsverk",
    "max_abs_net_change": "største tillatte endring i årsverk",
    "population_share": "andel av felles årsverk i forhold til folketall",
    "min_services": "minste antall tjenester per vertskommune",
    "max_services": "største antall tjenester per vertskommune",
    "max_staff_commute": "lengste pendling for ansatte",
    "max_partner_travel": "lengste reise for samarbeidskommunene",
    "participation": "deltakelse i tjenesten",
}


class PlacementImpossible(errors.CoopError):
    """No placement satisfies the rules; ``conflicts`` says which rules had to bend."""

    def __init__(self, conflicts: tuple[Conflict, ...], names: Mapping[str, str]) -> None:
        parts = [
            f"{RULE_LABELS.get(c.rule, c.rule)} ({', '.join(names.get(k, k) for k in c.keys)}):"
            f" trenger {c.needed:.1f}, tillatt {c.available:.1f}".replace(".", ",")
            for c in conflicts
        ]
        detail = "; ".join(parts) or "ingen enkeltregel kunne pekes ut"
        super().__init__(
            f"Ingen plassering oppfyller alle reglene. Regler som må lempes: {detail}."
        )
        self.conflicts = conflicts


@dataclass(frozen=True)
class PlacementRequest:
    """Rules a steering group sets, in plain values."""

    locks: Mapping[str, str] = field(default_factory=dict)
    forbids: tuple[tuple[str, str], ...] = ()
    max_net_loss_fte: float | None = None
    min_services_hosted: int | None = None
    max_services_hosted: int | None = None
    max_staff_commute_min: float | None = None
    max_partner_travel_min: float | None = None
    population_share_band: float | None = None
    top: int = 5
    time_limit_s: float = 30.0


@dataclass(frozen=True)
class OptionView:
    """One ranked placement: hosts by service, cost and its distance from the optimum."""

    rank: int | None
    objective_nok: Decimal
    delta_nok: Decimal
    hosts: Mapping[str, str]
    by_kind: Mapping[str, Decimal]
    by_municipality: Mapping[str, Decimal]
    net_fte: Mapping[str, Decimal]


@dataclass(frozen=True)
class PlacementProposal:
    """The optimiser's answer for a project: best, alternatives, prices of locks."""

    project: str
    policy: str
    status: str
    best: OptionView
    alternatives: tuple[OptionView, ...]
    price_of_locks: Mapping[str, Decimal]
    names: Mapping[str, str]
    service_names: Mapping[str, str]
    model_size: tuple[int, int]
    seconds: float
    basis: str


def _kr(value: float) -> Decimal:
    return Decimal(round(value))


def _input(
    slug: str,
    uow: UnitOfWork,
    policy_name: str | None,
    scenario_name: str | None,
    budget_year: int,
) -> tuple[PlacementInput, str, dict[str, str], dict[str, str], bool]:
    with uow:
        project = uow.projects.get(slug)
        scenario = uow.scenarios.get(slug, scenario_name) if scenario_name else None
        name = policy_name or (scenario.policy if scenario else None)
        policies = uow.policies.list(slug)
        if not name and policies:
            name = policies[0].name
        if not name:
            raise errors.InvalidData("Prosjektet har ingen personalpolitiske retningslinjer.")
        policy = uow.policies.get(slug, name)
        codes = [s.code for s in project.services if len(project.participants_of(s.code)) >= 2]
        baselines = uow.baselines.list(project.municipalities, codes)
        network, municipalities, estimated = project_network(project, uow)
    numbers = sorted(project.municipalities)
    routes = network.matrix(numbers, by="minutes")
    params = TravelParams(STATE_MILEAGE_NOK_PER_KM, DEFAULT_TRIPS_PER_PARTNER, budget_year)
    by_service = baselines_by_service(baselines, budget_year)
    terms: dict[tuple[str, str], tuple[CostTerm, ...]] = {}
    fte: dict[tuple[str, str], float] = {}
    for code in codes:
        members = project.participants_of(code)
        own = by_service.get(code, {})
        joint = (
            scenario.arrangement(code).joint_fte
            if scenario and any(a.service == code for a in scenario.arrangements)
            else Decimal(0)
        )
        for m in members:
            fte[code, m] = float(own[m].fte) if m in own else 0.0
        for host in sorted(members):
            cost = service_transition_cost(
                code, host, members, own, municipalities, routes, policy, params, joint_fte=joint
            )
            terms[code, host] = tuple(
                CostTerm(line.kind.value, line.municipality, float(line.amount_nok))
                for line in cost.lines
            )
    inp = PlacementInput(
        services=tuple(codes),
        municipalities=tuple(numbers),
        participants={c: project.participants_of(c) for c in codes},
        terms=terms,
        fte=fte,
        population={n: m.population for n, m in municipalities.items()},
        travel_min={k: float(r.minutes) for k, r in routes.items()},
        horizon_years=params.horizon_years,
    )
    names = {n: m.name for n, m in municipalities.items()}
    return inp, policy.name, names, {s.code: s.name for s in project.services}, estimated


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
    budget_year: int = 2026,
    backend: str = "highs",
) -> PlacementProposal:
    """Best host per service over the planning period, the next-best options, lock prices."""
    req = request or PlacementRequest()
    inp, policy, names, service_names, estimated = _input(
        slug, uow, policy_name, scenario_name, budget_year
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
        report = optimise_placement(inp, rules, top=max(1, req.top), options=options)
        prices = price_of_locks(inp, rules, options) if req.locks else {}
    except Infeasible as error:
        raise PlacementImpossible(error.conflicts, {**names, **service_names}) from error
    except PlacementInputError as error:
        raise errors.InvalidData(str(error)) from error
    best = report.best
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
        basis=(
            "reiseavstander anslått fra luftlinje (anslag)"
            if estimated
            else "reiseavstander fra veinettet i coop (anslag)"
        )
        + f"; retningslinjer «{policy}»; planperiode {inp.horizon_years} år fra {budget_year}",
    )
