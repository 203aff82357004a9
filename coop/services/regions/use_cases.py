"""Use cases: propose regions for a service over an area, list the areas, draw the map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from allocation.regions.data import RegionInputError, RegionRules
from allocation.regions.design import design_regions
from allocation.solver import Infeasible, SolveOptions
from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.model import Municipality
from coop.domain.travel.member_routes import known_routes
from coop.domain.travel.region_svg import render_region_svg
from coop.persistence.unit_of_work import UnitOfWork
from coop.reference.cooperations import read_cooperations
from coop.reference.geography import boundaries
from coop.services.access import require_project
from coop.services.regions.cost_model import (
    DEFAULT_FTE_PER_1000,
    FTE_PER_1000,
    build_region_input,
    fixed_cost,
    model_assumptions,
    scale_fit,
)
from coop.services.regions.impossible import RegionsImpossible
from coop.services.regions.proposal import RegionProposal, to_design, today_design
from coop.services.regions.query import RegionQuery, area_municipalities, check_query
from coop.services.regions.rounding import whole_nok

MIP_GAP = 1e-6


def propose_regions(q: RegionQuery, actor: Actor, uow: UnitOfWork) -> RegionProposal:
    """Best grouping (and alternatives) for one service over an area; read-only."""
    require_role(actor, Role.STEERING)
    check_query(q)
    if q.project:  # its entered travel is read: only for those who may see the project
        require_project(q.project, actor, uow)
    with uow:
        entry = uow.catalogue.get(q.service)
        ms = area_municipalities(q, uow.municipalities.list())
        baselines = uow.baselines.list([m.number for m in ms], [q.service])
        entered = uow.project_travel.list(q.project) if q.project else []
        routes = known_routes([m.number for m in ms], entered, uow.travel_links.list())
    errors.require(len(ms) >= 1, "Området har ingen kommuner.")
    latest = {b.municipality: b for b in sorted(baselines, key=lambda b: b.year)}
    numbers = [m.number for m in ms]
    fte_rate = FTE_PER_1000.get(q.service, DEFAULT_FTE_PER_1000)
    scale = scale_fit(latest, {m.number: m.population for m in ms})
    fixed, basis = fixed_cost(q.service, scale)
    fte = {n: float(b.fte) for n, b in latest.items()}
    inp = build_region_input(ms, entry.trips_per_partner, fte, fte_rate, fixed, routes)
    inside = set(numbers)
    known = [c for c in read_cooperations() if c.service == q.service and set(c.members) <= inside]
    rules = RegionRules(
        min_population=q.min_population,
        max_population=q.max_population,
        max_members=q.max_members,
        max_travel_min=q.max_travel_min,
        contiguous=q.contiguous,
        locked=tuple(c.members for c in known) if q.keep_today else (),
        alone=frozenset(_numbers(q.alone, ms)),
        groups=q.groups,
    )
    names = {m.number: m.name for m in ms}
    options = SolveOptions(time_limit_s=q.time_limit_s, mip_gap=MIP_GAP)
    try:
        result = design_regions(inp, rules, options, top=q.top)
        price = None
        if q.keep_today and known:
            free = design_regions(inp, replace(rules, locked=()), options).best.objective
            price = whole_nok(result.best.objective - free)
    except Infeasible as error:
        raise RegionsImpossible(error.conflicts, names) from None
    except RegionInputError as error:
        raise errors.InvalidData(f"Reglene passer ikke sammen: {error}") from error
    by_number = {m.number: m for m in ms}
    today = today_design(inp, known, by_number) if known else None
    return RegionProposal(
        service=q.service,
        area=_area_label(q, ms),
        best=to_design(inp, result.best, by_number),
        alternatives=tuple(to_design(inp, d, by_number) for d in result.designs[1:]),
        seconds=result.seconds,
        n_variables=result.n_variables,
        n_constraints=result.n_constraints,
        alone_nok=whole_nok(fixed * len(ms)),
        today=today,
        today_sources=tuple(known),
        price_of_keeping_nok=price,
        fixed_cost_nok=whole_nok(fixed),
        fixed_cost_basis=basis,
        scale=scale,
        assumptions=model_assumptions(entry.trips_per_partner, fte_rate, latest, len(ms), routes),
    )


def _numbers(texts: Sequence[str], ms: Sequence[Municipality]) -> list[str]:
    by_key = {m.number: m.number for m in ms} | {m.name.casefold(): m.number for m in ms}
    unknown = [t for t in texts if t.strip().casefold() not in by_key]
    errors.require(not unknown, f"Ikke i området: {', '.join(unknown)}.")
    return [by_key[t.strip().casefold()] for t in texts]


def _area_label(q: RegionQuery, ms: Sequence[Municipality]) -> str:
    if q.everywhere:
        return "hele landet"
    if q.county is not None:
        return ms[0].county
    return ", ".join(m.name for m in ms)


def region_areas(uow: UnitOfWork) -> tuple[tuple[str, str], ...]:
    """(county number, county name) of the register, for the area picker."""
    with uow:
        ms = uow.municipalities.list()
    return tuple(sorted({(m.number[:2], m.county) for m in ms}))


def region_map(groups: Sequence[tuple[str, Sequence[str]]], names: Mapping[str, str]) -> str:
    """SVG map of (host, members) groups, coloured by group, hosts numbered in order."""
    group_of = {m: i for i, (_, members) in enumerate(groups) for m in members}
    return render_region_svg(boundaries(), group_of, [h for h, _ in groups], names)
