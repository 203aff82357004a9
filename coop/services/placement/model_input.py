"""The optimiser's input built from a project's baselines, travel network and personnel policy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from allocation.placement.data import CostTerm, PlacementInput
from coop.domain import errors
from coop.domain.model import Baseline
from coop.domain.transition.personnel import TravelParams, service_transition_cost
from coop.domain.transition.policy_model import PersonnelPolicy
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.placement.request import PlacementRequest
from coop.services.project_data import ProjectData, load_project_data

COMBINED = "samlet"  # code of the one-office alternative when services may be merged


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


def placement_input(
    slug: str,
    uow: UnitOfWork,
    policy_name: str | None,
    scenario_name: str | None,
    req: PlacementRequest,
) -> tuple[PlacementInput, str, ProjectData]:
    """The optimiser's input for a project's shared services, the policy's name and the data."""
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
