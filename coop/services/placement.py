"""Use case: propose hosts with the placement MILP, from a project's data and rules.

Translates the domain (baselines, travel network, personnel policy) into the plain
``allocation.placement.optimise`` input, and the result back into names and kroner a council reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from allocation.placement.data import CostTerm, PlacementInput, PlacementInputError
from allocation.placement.optimise import ALL_LOCKS, optimise_placement, price_of_locks
from allocation.placement.rules import PlacementRules
from allocation.solver import Conflict, Infeasible, SolveOptions
from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.model import Baseline
from coop.domain.transition.personnel import TravelParams, service_transition_cost
from coop.domain.transition.policy_model import PersonnelPolicy
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.placement_wording import conflict_amounts
from coop.services.project_data import ProjectData, load_project_data

MAX_TOP = 10
MAX_TIME_LIMIT_S = 60.0
COMBINED = "samlet"  # code of the one-office alternative when services may be merged

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
    "one_alternative": "valg mellom ett felles kontor og delte kontorer",
}


class PlacementImpossible(errors.CoopError):
    """No placement satisfies the rules; ``conflicts`` says which rules had to bend."""

    def __init__(self, conflicts: tuple[Conflict, ...], names: Mapping[str, str]) -> None:
        parts = [
            f"{RULE_LABELS.get(c.rule, c.rule)} ({', '.join(names.get(k, k) for k in c.keys)})"
            f"{conflict_amounts(c)}"
            for c in conflicts
        ]
        detail = "; ".join(parts) or "ingen enkeltregel kunne pekes ut"
        super().__init__(
            f"Ingen plassering oppfyller alle reglene. Regler som må lempes: {detail}."
        )
        self.conflicts = conflicts


@dataclass(frozen=True)
class PlacementRequest:
    """Rules a steering group sets, in plain values.

    ``together`` lists services that may instead be run as one office (the 2007 økonomi
    question: one joint service or two parts); the optimiser then chooses between one office
    for all of them and one per service. ``fixed_host_cost_nok`` (yearly cost of being host at
    all, e.g. premises) and ``discount_rate_pct`` override the project's assumptions.
    """

    locks: Mapping[str, str] = field(default_factory=dict)
    forbids: tuple[tuple[str, str], ...] = ()
    max_net_loss_fte: float | None = None
    min_services_hosted: int | None = None
    max_services_hosted: int | None = None
    max_staff_commute_min: float | None = None
    max_partner_travel_min: float | None = None
    population_share_band: float | None = None
    together: tuple[str, ...] = ()
    fixed_host_cost_nok: float | None = None
    discount_rate_pct: float | None = None
    top: int = 5
    time_limit_s: float = 30.0

    def __post_init__(self) -> None:
        errors.require(
            1 <= self.top <= MAX_TOP, f"Antall alternativer må være fra 1 til {MAX_TOP}."
        )
        low, high = self.min_services_hosted, self.max_services_hosted
        errors.require(
            low is None or high is None or low <= high,
            f"Minst {low} tjenester per vertskommune er mer enn høyst {high}; reglene motsier "
            "hverandre.",
        )
        errors.require(
            0 < self.time_limit_s <= MAX_TIME_LIMIT_S,
            f"Tidsgrensen må være over 0 og høyst {MAX_TIME_LIMIT_S:.0f} sekunder.",
        )
        errors.require(
            len(set(self.together)) == len(self.together),
            "En tjeneste står to ganger blant tjenestene som kan slås sammen.",
        )
        errors.require(
            not self.together or len(self.together) >= 2,
            "Velg minst to tjenester som kan drives som ett kontor.",
        )


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


def _terms(
    data: ProjectData,
    service: str,
    members: frozenset[str],
    own: Mapping[str, Baseline],
    policy: PersonnelPolicy,
    params: TravelParams,
    joint: Decimal,
    rate: float,
) -> dict[tuple[str, str], tuple[CostTerm, ...]]:
    """Each host's cost lines as terms; a line of year t ≥ 1 is discounted by (1 + r)^−(t−1).

    One-off lines (year 0) fall due at the start and are not discounted.
    """
    out = {}
    for host in sorted(members):
        cost = service_transition_cost(
            service, host, members, own, data.municipalities, data.routes, policy, params,
            joint_fte=joint,
        )  # fmt: skip
        out[service, host] = tuple(
            CostTerm(
                line.kind.value,
                line.municipality,
                float(line.amount_nok) * (1.0 + rate) ** -max(line.year - 1, 0),
            )
            for line in cost.lines
        )
    return out


def _combined_baselines(
    data: ProjectData, codes: tuple[str, ...], members: frozenset[str]
) -> dict[str, Baseline]:
    """Each member's figures for the services run as one office: the sum over the parts."""
    out = {}
    for m in sorted(members):
        parts = [data.baselines.of(c)[m] for c in codes if m in data.baselines.of(c)]
        if not parts:
            continue
        out[m] = Baseline(
            municipality=m,
            service=COMBINED,
            year=max(b.year for b in parts),
            fte=sum((b.fte for b in parts), Decimal(0)),
            headcount=sum(b.headcount for b in parts),
            gross_cost_nok=sum((b.gross_cost_nok for b in parts), Decimal(0)),
            pay_cost_nok=sum((b.pay_cost_nok for b in parts), Decimal(0)),
            basis="; ".join(sorted({b.basis for b in parts})),
            pass_through_nok=sum((b.pass_through_nok for b in parts), Decimal(0)),
        )
    return out


def _input(
    slug: str,
    uow: UnitOfWork,
    policy_name: str | None,
    scenario_name: str | None,
    req: PlacementRequest,
) -> tuple[PlacementInput, str, ProjectData]:
    with uow:
        project = uow.projects.get(slug)
        codes = [s.code for s in project.services if len(project.participants_of(s.code)) >= 2]
        data = load_project_data(slug, uow, codes)
        scenario = uow.scenarios.get(slug, scenario_name) if scenario_name else None
        name = policy_name or (scenario.policy if scenario else None)
        policies = uow.policies.list(slug)
        if not name and policies:
            name = policies[0].name
        if not name:
            raise errors.InvalidData("Prosjektet har ingen personalpolitiske retningslinjer.")
        policy = uow.policies.get(slug, name)
    unknown = sorted(set(req.together) - set(codes))
    errors.require(
        not unknown,
        f"Kan ikke slå sammen «{', '.join(unknown)}»: tjenesten har færre enn to deltakere "
        "eller finnes ikke i prosjektet.",
    )
    params = data.travel_params()
    a = data.assumptions
    fixed = a.fixed_host_cost_nok if req.fixed_host_cost_nok is None else req.fixed_host_cost_nok
    rate = a.discount_rate if req.discount_rate_pct is None else req.discount_rate_pct / 100
    terms: dict[tuple[str, str], tuple[CostTerm, ...]] = {}
    fte: dict[tuple[str, str], float] = {}
    participants: dict[str, frozenset[str]] = {}
    for code in codes:
        members = project.participants_of(code)
        own = data.baselines.of(code)
        joint = (
            scenario.arrangement(code).joint_fte
            if scenario and any(a.service == code for a in scenario.arrangements)
            else Decimal(0)
        )
        participants[code] = members
        for m in members:
            fte[code, m] = float(own[m].fte) if m in own else 0.0
        terms.update(_terms(data, code, members, own, policy, params, joint, rate))
    split_options: dict[str, tuple[tuple[str, ...], ...]] = {}
    if req.together:
        members = frozenset().union(*(participants[c] for c in req.together))
        own = _combined_baselines(data, req.together, members)
        trips = params.trips_per_partner_per_year
        one_trip = max(trips.get(c, 0) for c in req.together)  # one office: one trip serves all
        combined_params = replace(params, trips_per_partner_per_year={**trips, COMBINED: one_trip})
        participants[COMBINED] = members
        for m in members:
            fte[COMBINED, m] = float(own[m].fte) if m in own else 0.0
        terms.update(
            _terms(data, COMBINED, members, own, policy, combined_params, Decimal(0), rate)
        )
        split_options[COMBINED] = ((COMBINED,), tuple(req.together))
    inp = PlacementInput(
        services=tuple(participants),
        municipalities=tuple(sorted(project.municipalities)),
        participants=participants,
        terms=terms,
        fte=fte,
        population={n: m.population for n, m in data.municipalities.items()},
        travel_min={k: float(r.minutes) for k, r in data.routes.items() if k[0] != k[1]},
        fixed_host_cost_nok={m: float(fixed) for m in project.municipalities} if fixed else {},
        split_options=split_options,
        horizon_years=a.horizon_years,
        discount_rate=float(rate),
    )
    return inp, policy.name, data


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
    inp, policy, data = _input(slug, uow, policy_name, scenario_name, req)
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
