"""A region proposal as a council reads it: ranked designs of groups, hosts, travel and cost."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from allocation.regions.data import RegionInput
from allocation.regions.design import RegionDesign
from allocation.regions.scale import ScaleFit
from coop.domain.model import Municipality
from coop.reference.cooperations import KnownCooperation
from coop.services.regions.rounding import whole_nok


@dataclass(frozen=True)
class Member:
    """A municipality in a group."""

    number: str
    name: str
    population: int
    travel_min: int  # to the host (entered, network or estimate: see the assumptions)


@dataclass(frozen=True)
class Group:
    """A proposed (or today's) group and its yearly cost in the model."""

    host: Member
    members: tuple[Member, ...]  # host first
    population: int
    max_travel_min: int
    cost_nok: Decimal


@dataclass(frozen=True)
class Design:
    """One ranked proposal."""

    status: str
    objective_nok: Decimal
    gap: float | None
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class RegionProposal:
    """The best proposal, alternatives, and what it is compared with."""

    service: str
    area: str
    best: Design
    alternatives: tuple[Design, ...]
    seconds: float
    n_variables: int
    n_constraints: int
    alone_nok: Decimal  # every municipality on its own
    today: Design | None  # today's known cooperations, others alone
    today_sources: tuple[KnownCooperation, ...]
    price_of_keeping_nok: Decimal | None  # with today's groups locked, minus free optimum
    fixed_cost_nok: Decimal
    fixed_cost_basis: str
    scale: ScaleFit | None
    assumptions: tuple[tuple[str, str], ...]  # (what, basis)


def to_design(inp: RegionInput, d: RegionDesign, by_number: Mapping[str, Municipality]) -> Design:
    """One ranked design of the solver, worded: members by name, travel and whole kroner."""
    groups = []
    for r in d.regions:
        groups.append(_group(inp, r.host, r.members, by_number, r.cost))
    return Design(d.status, whole_nok(d.objective), d.gap, tuple(groups))


def _group(
    inp: RegionInput,
    host: str,
    members: Sequence[str],
    by_number: Mapping[str, Municipality],
    cost: float,
) -> Group:
    t = inp.t
    assert t is not None  # noqa: S101 (always built with travel)
    j = inp.index[host]

    def member(n: str) -> Member:
        m = by_number[n]
        return Member(n, m.name, m.population, int(t[inp.index[n], j]))

    ms = tuple(member(n) for n in members)
    return Group(ms[0], ms, sum(m.population for m in ms), max(m.travel_min for m in ms),
                 whole_nok(cost))  # fmt: skip


def today_design(
    inp: RegionInput, known: Sequence[KnownCooperation], by_number: Mapping[str, Municipality]
) -> Design:
    """Today's structure: known cooperations, everyone else alone, priced by the model."""
    host_of = {n: n for n in inp.municipalities}
    for c in known:
        host_of.update(dict.fromkeys(c.members, c.host))
    groups: dict[str, list[str]] = {}
    for n in inp.municipalities:
        groups.setdefault(host_of[n], []).append(n)
    out, total = [], 0.0
    for host, members in sorted(groups.items()):
        j = inp.index[host]
        cost = float(sum(inp.c[inp.index[n], j] for n in members) + inp.host_cost[j])
        total += cost
        ordered = [host] + [n for n in members if n != host]
        out.append(_group(inp, host, ordered, by_number, cost))
    return Design("dagens", whole_nok(total), None, tuple(out))
