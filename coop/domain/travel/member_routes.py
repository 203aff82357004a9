"""Travel between a project's members, pair by pair, saying where each figure comes from.

A pair's route is, in this order: what the project entered for it («oppgitt»: a route
planner, a timetable); else the shortest path in coop's shared road and ferry network
(«veinett»); else an estimate from the administrative centres' coordinates, great-circle
distance × a detour factor at a set speed («anslag»). So a new project has travel figures the
moment its members are chosen, and the network page can tell per pair what is known.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from coop.domain.errors import require
from coop.domain.model import ESTIMATE, Municipality
from coop.domain.travel.links import LinkMode, TravelLink
from coop.domain.travel.network import NoRoute, Route, TravelNetwork, great_circle_km

DETOUR_FACTOR = Decimal("1.3")
SPEED_KMH = Decimal(70)


class RouteSource(StrEnum):
    """Where a pair's travel figures come from."""

    ENTERED = "oppgitt"
    NETWORK = "veinett"
    ESTIMATED = "anslag"

    @property
    def label(self) -> str:
        """Bokmål label for the network page."""
        return {
            "oppgitt": "oppgitt for prosjektet",
            "veinett": "fra reisenettet i coop",
            "anslag": "anslag fra luftlinje",
        }[self.value]


@dataclass(frozen=True, slots=True)
class PairRoute:
    """The route between two members and the source of its figures."""

    route: Route
    source: RouteSource

    @property
    def is_estimate(self) -> bool:
        """True when the figures are an estimate (also a network link marked «anslag»)."""
        return self.source is RouteSource.ESTIMATED or self.route.is_estimate


def estimated_route(
    a: Municipality,
    b: Municipality,
    detour_factor: Decimal = DETOUR_FACTOR,
    kmh: Decimal = SPEED_KMH,
) -> Route:
    """Great-circle km between the centres × detour factor, driven at ``kmh`` (an estimate)."""
    require(detour_factor >= 1, "Omveisfaktoren må være minst 1.")
    require(kmh > 0, "Farten må være større enn 0 km/t.")
    km = (Decimal(great_circle_km(a, b)) * detour_factor).quantize(Decimal("0.1"))
    minutes = (km * 60 / kmh).quantize(Decimal(1))
    factor = str(detour_factor).replace(".", ",")
    basis = f"{ESTIMATE}: luftlinje × {factor}, {kmh} km/t"
    zero = Decimal(0)
    return Route(km, minutes, zero, (a.number, b.number), (LinkMode.ROAD,), basis)


def _entered(link: TravelLink, reverse: bool) -> Route:
    path = (link.destination, link.origin) if reverse else (link.origin, link.destination)
    minutes = link.minutes + link.wait_min
    return Route(link.km, minutes, link.fare_nok, path, (link.mode,), link.basis)


def member_routes(
    members: Mapping[str, Municipality],
    entered: Iterable[TravelLink] = (),
    network_links: Iterable[TravelLink] = (),
    detour_factor: Decimal = DETOUR_FACTOR,
    kmh: Decimal = SPEED_KMH,
) -> dict[tuple[str, str], PairRoute]:
    """Every ordered pair of members (diagonal included) with its route and source.

    An entered link holds both ways unless the reverse is entered too. Network routes go by
    minutes. Members without coordinates and without entered or network routes raise
    ``NoRoute`` naming the pair.
    """
    numbers = sorted(members)
    known = known_routes(numbers, entered, network_links)
    out: dict[tuple[str, str], PairRoute] = {}
    for a in numbers:
        for b in numbers:
            if a == b:
                out[a, b] = PairRoute(
                    Route(Decimal(0), Decimal(0), Decimal(0), (a,), (), "samme sted"),
                    RouteSource.ENTERED,
                )
            elif (a, b) in known:
                out[a, b] = known[a, b]
            elif None not in (members[a].lat, members[b].lat):
                route = estimated_route(members[a], members[b], detour_factor, kmh)
                out[a, b] = PairRoute(route, RouteSource.ESTIMATED)
            else:
                raise NoRoute(a, b, {n: m.name for n, m in members.items()})
    return out


def known_routes(
    numbers: Iterable[str],
    entered: Iterable[TravelLink] = (),
    network_links: Iterable[TravelLink] = (),
) -> dict[tuple[str, str], PairRoute]:
    """The ordered pairs of ``numbers`` (a ≠ b) that have more than an estimate.

    Entered before network, as ``member_routes`` takes them; the rest of the pairs are left to
    the estimate (``region design`` computes those for a whole county at once).
    """
    wanted = sorted(set(numbers))
    inside = set(wanted)
    given: dict[tuple[str, str], Route] = {}
    for link in entered:
        if {link.origin, link.destination} <= inside:
            given[link.origin, link.destination] = _entered(link, reverse=False)
    for (a, b), route in list(given.items()):
        given.setdefault((b, a), _entered_reverse(route))
    links = list(network_links)
    network = TravelNetwork.from_links(links) if links else None
    reachable = (
        network.matrix([n for n in wanted if n in network], by="minutes", strict=False)
        if network
        else {}
    )
    out = {k: PairRoute(r, RouteSource.NETWORK) for k, r in reachable.items() if k[0] != k[1]}
    out.update({k: PairRoute(r, RouteSource.ENTERED) for k, r in given.items() if k[0] != k[1]})
    return out


def _entered_reverse(route: Route) -> Route:
    return Route(
        route.km,
        route.minutes,
        route.fare_nok,
        tuple(reversed(route.path)),
        tuple(reversed(route.modes)),
        route.basis,
    )


def routes_only(pairs: Mapping[tuple[str, str], PairRoute]) -> dict[tuple[str, str], Route]:
    """The routes alone, as the transition-cost and placement calculations take them."""
    return {k: v.route for k, v in pairs.items()}
