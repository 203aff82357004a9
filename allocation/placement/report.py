"""Frozen results of the host-placement optimiser, computed from the chosen hosts.

Every number is recomputed from the input and the chosen hosts (not read from LP values), so a
placement found by the solver and one written by hand are reported identically.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from allocation.placement.data import (
    FIXED_HOST_KIND,
    CostTerm,
    PlacementInput,
    annuity_factor,
    horizon_nok,
)


@dataclass(frozen=True)
class ExplainedCost:
    """One cost term of the chosen placement, with what it adds over the horizon."""

    service: str | None  # None for a fixed host cost (premises), shared by all its services
    host: str
    kind: str
    municipality: str
    amount_nok: float  # as given: one-off, or per year when recurring
    recurring: bool
    horizon_nok: float  # what it adds to the objective (discounted if a rate is set)


@dataclass(frozen=True)
class Placement:
    """One placement: hosts, cost explained by kind and municipality, and job balance."""

    status: str  # "optimal" or "feasible" (time limit reached; see gap)
    gap: float | None
    objective_nok: float
    hosts: Mapping[str, str]  # service -> host, for the services that are set up
    chosen_alternatives: Mapping[str, tuple[str, ...]]  # split group -> services set up
    by_kind: Mapping[str, float]
    by_municipality: Mapping[str, float]
    costs: tuple[ExplainedCost, ...]
    net_fte: Mapping[str, float]  # job balance: FTE hosted minus FTE sent to active services
    hosted_fte: Mapping[str, float]
    joint_fte_share: Mapping[str, float]  # hosted FTE / FTE of all services set up
    population_share: Mapping[str, float]  # empty when population is not given
    services_hosted: Mapping[str, int]
    seconds: float


@dataclass(frozen=True)
class Alternative:
    """A ranked placement (rank None when requested, not ranked) and its extra cost."""

    rank: int | None
    placement: Placement
    delta_nok: float  # objective minus the optimum's objective


@dataclass(frozen=True)
class PlacementReport:
    """The best placement, the top-k list (rank 1 is the best) and the model's size."""

    best: Placement
    alternatives: tuple[Alternative, ...]
    model_size: tuple[int, int]  # (variables, constraints) of the first solve
    seconds: float
    backend: str


def net_fte_change(inp: PlacementInput, hosts: Mapping[str, str]) -> dict[str, float]:
    """Net FTE change per municipality: Σ_s [host[s,m]·Σ_j fte[s,j] − fte[s,m]], s set up."""
    net = dict.fromkeys(inp.municipalities, 0.0)
    for s, h in hosts.items():
        net[h] += inp.total_fte(s)
        for m in inp.participants[s]:
            net[m] -= inp.fte.get((s, m), 0.0)
    return net


def hosted_fte(inp: PlacementInput, hosts: Mapping[str, str]) -> dict[str, float]:
    """FTE of the services each municipality hosts."""
    hosted = dict.fromkeys(inp.municipalities, 0.0)
    for s, h in hosts.items():
        hosted[h] += inp.total_fte(s)
    return hosted


def placement_cost(inp: PlacementInput, hosts: Mapping[str, str]) -> tuple[ExplainedCost, ...]:
    """Every cost term the hosts cause, then the fixed cost of each municipality that hosts."""
    costs = [
        _explained(s, h, t, horizon_nok(t, inp.horizon_years, inp.discount_rate))
        for s, h in sorted(hosts.items())
        for t in inp.terms[s, h]
    ]
    factor = annuity_factor(inp.horizon_years, inp.discount_rate)
    for m in sorted(set(hosts.values())):
        fixed = inp.fixed_host_cost_nok.get(m, 0.0)
        if fixed > 0:
            term = CostTerm(FIXED_HOST_KIND, m, fixed, recurring=True)
            costs.append(_explained(None, m, term, fixed * factor))
    return tuple(costs)


def _explained(service: str | None, host: str, term: CostTerm, total: float) -> ExplainedCost:
    return ExplainedCost(
        service, host, term.kind, term.municipality, term.amount_nok, term.recurring, total
    )


def make_placement(
    inp: PlacementInput,
    hosts: Mapping[str, str],
    *,
    status: str = "optimal",
    gap: float | None = None,
    seconds: float = 0.0,
) -> Placement:
    """Report a placement given its hosts (only services that are set up)."""
    hosts = dict(sorted(hosts.items()))
    costs = placement_cost(inp, hosts)
    by_kind: dict[str, float] = {}
    by_municipality = dict.fromkeys(inp.municipalities, 0.0)
    for c in costs:
        by_kind[c.kind] = by_kind.get(c.kind, 0.0) + c.horizon_nok
        by_municipality[c.municipality] += c.horizon_nok
    hosted = hosted_fte(inp, hosts)
    joint = sum(hosted.values())
    total_pop = sum(inp.population.get(m, 0) for m in inp.municipalities)
    population_share = (
        {m: inp.population.get(m, 0) / total_pop for m in inp.municipalities}
        if total_pop > 0
        else {}
    )
    counts = dict.fromkeys(inp.municipalities, 0)
    for h in hosts.values():
        counts[h] += 1
    return Placement(
        status=status,
        gap=gap,
        objective_nok=sum(c.horizon_nok for c in costs),
        hosts=hosts,
        chosen_alternatives={
            g: next((alt for alt in alts if alt[0] in hosts), ())
            for g, alts in inp.split_options.items()
        },
        by_kind=dict(sorted(by_kind.items())),
        by_municipality=by_municipality,
        costs=costs,
        net_fte=net_fte_change(inp, hosts),
        hosted_fte=hosted,
        joint_fte_share={m: (v / joint if joint else 0.0) for m, v in hosted.items()},
        population_share=population_share,
        services_hosted=counts,
        seconds=seconds,
    )
