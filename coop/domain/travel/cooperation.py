"""The cooperation a scenario sets up: staff flows to the hosts and each member's job balance.

Pure domain: standard library, networkx and coop's other pure modules. Flows come from the
participants' baselines (``coop.domain.transition.staff_transfers``); commutes and service travel
are measured on routes from ``coop.domain.travel.network``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import networkx as nx

from coop.domain.model import Baseline, Municipality, Scenario
from coop.domain.transition.personnel import MissingRoute
from coop.domain.transition.staff_transfers import (
    StaffTransfer,
    baselines_by_service,
    staff_transfers,
)
from coop.domain.travel.network import Route

ZERO = Decimal(0)


def cooperation_flows(
    scenario: Scenario, baselines: Iterable[Baseline], year: int | None = None
) -> tuple[StaffTransfer, ...]:
    """Staff each partner transfers to the host, per service (partners with a baseline only)."""
    indexed = baselines_by_service(baselines, year)
    return tuple(
        t
        for a in sorted(scenario.arrangements, key=lambda a: a.service)
        for t in staff_transfers(
            a.service, a.host, a.participants, indexed.get(a.service, {}), a.joint_fte
        )
        if t.moves
    )


def cooperation_graph(
    scenario: Scenario, baselines: Iterable[Baseline], year: int | None = None
) -> nx.MultiDiGraph[str]:
    """Directed multigraph host → partner, one edge per service (key = service code).

    Edge data: ``fte``, ``headcount`` and ``gross_cost_nok`` the partner transfers, ``basis``,
    and ``known`` (False when the partner has no baseline, so the figures are 0 and unknown).
    Node data: ``hosted`` (service codes) and ``hosted_fte`` (joint FTE placed there).
    """
    flows = {(t.service, t.municipality): t for t in cooperation_flows(scenario, baselines, year)}
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for a in sorted(scenario.arrangements, key=lambda a: a.service):
        for m in sorted(a.participants):
            graph.add_node(m, hosted=(), hosted_fte=ZERO)
    for a in sorted(scenario.arrangements, key=lambda a: a.service):
        node = graph.nodes[a.host]
        node["hosted"] += (a.service,)
        node["hosted_fte"] += a.joint_fte
        for m in sorted(a.participants - {a.host}):
            t = flows.get((a.service, m))
            graph.add_edge(
                a.host, m, key=a.service, service=a.service, known=t is not None,
                fte=t.fte if t else ZERO, headcount=t.headcount if t else ZERO,
                gross_cost_nok=t.gross_cost_nok if t else ZERO, basis=t.basis if t else "",
            )  # fmt: skip
    return graph


@dataclass(frozen=True, slots=True)
class MunicipalityBalance:
    """Jobs and travel for one municipality in a scenario.

    ``fte_gained``: joint FTE it hosts minus its own staff in them (moves and new posts);
    ``fte_lost``: its staff moving to other hosts; ``joint_fte_share``: its part of all joint
    FTE. Commute = its centre → a host it sends staff to; service travel = from it as host to
    a partner; both the longest by minutes. ``missing_baselines`` lists services whose figures
    lack this municipality's baseline (treated as 0).
    """

    number: str
    services_hosted: tuple[str, ...]
    fte_gained: Decimal
    fte_lost: Decimal
    joint_fte_share: Decimal
    longest_commute: Route | None
    longest_service_travel: Route | None
    missing_baselines: tuple[str, ...] = ()

    @property
    def net_fte(self) -> Decimal:
        """Jobs gained minus jobs lost (årsverk)."""
        return self.fte_gained - self.fte_lost


def _longest(routes: Iterable[Route]) -> Route | None:
    return max(routes, key=lambda r: (r.minutes, r.km, r.path), default=None)


def job_balance(
    scenario: Scenario,
    baselines: Iterable[Baseline],
    routes: Mapping[tuple[str, str], Route],
    municipalities: Mapping[str, Municipality] | None = None,
    year: int | None = None,
) -> tuple[MunicipalityBalance, ...]:
    """One ``MunicipalityBalance`` per participating municipality, sorted by kommunenummer.

    Effective joint FTE of a service = ``joint_fte``, or when unset the FTE transferred.
    """
    indexed = baselines_by_service(baselines, year)
    names = {n: m.name for n, m in (municipalities or {}).items()}
    hosted: dict[str, list[str]] = defaultdict(list)
    missing: dict[str, list[str]] = defaultdict(list)
    gained: dict[str, Decimal] = defaultdict(lambda: ZERO)
    lost: dict[str, Decimal] = defaultdict(lambda: ZERO)
    hosted_fte: dict[str, Decimal] = defaultdict(lambda: ZERO)
    commutes: dict[str, list[Route]] = defaultdict(list)
    visits: dict[str, list[Route]] = defaultdict(list)

    def route(a: str, b: str) -> Route:
        if (a, b) not in routes:
            raise MissingRoute(f"{names.get(a, a)} ({a})", f"{names.get(b, b)} ({b})")
        return routes[a, b]

    total = ZERO
    for a in sorted(scenario.arrangements, key=lambda a: a.service):
        known = indexed.get(a.service, {})
        moved = {
            t.municipality: t.fte
            for t in staff_transfers(a.service, a.host, a.participants, known, a.joint_fte)
        }
        joint = a.joint_fte if a.joint_fte > 0 else sum(moved.values(), ZERO)
        total += joint
        hosted_fte[a.host] += joint
        hosted[a.host].append(a.service)
        gained[a.host] += joint - moved.get(a.host, ZERO)
        for m in sorted(a.participants):
            if m not in known:
                missing[m].append(a.service)
            if m != a.host:
                lost[m] += moved.get(m, ZERO)
                visits[a.host].append(route(a.host, m))
                if moved.get(m, ZERO) > 0 or m not in known:
                    commutes[m].append(route(m, a.host))
    members = sorted({m for a in scenario.arrangements for m in a.participants})
    return tuple(
        MunicipalityBalance(
            number=m,
            services_hosted=tuple(hosted[m]),
            fte_gained=gained[m],
            fte_lost=lost[m],
            joint_fte_share=hosted_fte[m] / total if total else ZERO,
            longest_commute=_longest(commutes[m]),
            longest_service_travel=_longest(visits[m]),
            missing_baselines=tuple(missing[m]),
        )
        for m in members
    )
