"""Travel network between administrative centres and shortest travel between them.

Pure domain: standard library, networkx and coop's other pure modules. All figures are
``Decimal``; every route carries the basis of its links ("anslag" for estimates). The links
and their file format live in ``coop.domain.travel.links``, the cooperation graph and job balance in
``coop.domain.travel.cooperation``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import networkx as nx

from coop.domain.errors import CoopError, require
from coop.domain.model import ESTIMATE, Municipality
from coop.domain.travel.links import LinkMode, TravelLink

ZERO = Decimal(0)
Metric = Literal["minutes", "km"]


@dataclass(frozen=True, slots=True)
class Route:
    """Travel from ``path[0]`` to ``path[-1]``: totals over the legs, one mode per leg."""

    km: Decimal
    minutes: Decimal
    fare_nok: Decimal
    path: tuple[str, ...]
    modes: tuple[LinkMode, ...]
    basis: str

    @property
    def is_estimate(self) -> bool:
        """True when any leg is an estimate."""
        return ESTIMATE in self.basis.lower()


class NoRoute(CoopError):
    """Two places are not connected in the travel network."""

    def __init__(
        self, origin: str, destination: str, names: Mapping[str, str] | None = None
    ) -> None:
        def label(n: str) -> str:
            return f"{names[n]} ({n})" if names and n in names else n

        super().__init__(
            f"Finner ingen reiserute mellom {label(origin)} og {label(destination)} i "
            "reisenettet. Legg inn strekningen, eller bruk et anslag fra luftlinjeavstand."
        )
        self.origin = origin
        self.destination = destination


class TravelNetwork:
    """A directed travel graph; build it with ``from_links`` or ``estimated_network``."""

    def __init__(self, graph: nx.DiGraph[str], names: Mapping[str, str]) -> None:
        self._graph = graph
        self.names = dict(names)

    @classmethod
    def from_links(
        cls,
        links: Iterable[TravelLink],
        extra_delay_min: Mapping[str, Decimal] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> TravelNetwork:
        """Build the graph; ``extra_delay_min`` adds minutes per link key (both ways).

        ``names`` (kommunenummer → name) only improves error messages.
        """
        links = sorted(links, key=lambda k: (k.origin, k.destination))
        delays = {"/".join(sorted(k.split("/"))): d for k, d in (extra_delay_min or {}).items()}
        unknown = sorted(set(delays) - {k.key for k in links})
        require(not unknown, f"Forsinkelse oppgitt for ukjent strekning: {', '.join(unknown)}.")
        require(all(d >= 0 for d in delays.values()), "En forsinkelse kan ikke være negativ.")
        counts = Counter((k.origin, k.destination) for k in links)
        listed = set(counts)
        twice = sorted(f"{a}–{b}" for (a, b), n in counts.items() if n > 1)
        require(not twice, f"Strekningen {', '.join(twice)} er oppgitt to ganger i samme retning.")
        graph: nx.DiGraph[str] = nx.DiGraph()
        for k in links:
            minutes = k.minutes + k.wait_min + delays.get(k.key, ZERO)
            ends = [(k.origin, k.destination)]
            if (k.destination, k.origin) not in listed:
                ends.append((k.destination, k.origin))
            for a, b in ends:
                graph.add_edge(a, b, link=k, km=k.km, minutes=minutes)
        return cls(graph, names or {})

    @property
    def graph(self) -> nx.DiGraph[str]:
        """A read-only view of the graph (edge data: ``link``, ``km``, ``minutes``)."""
        return self._graph.copy(as_view=True)

    @property
    def nodes(self) -> tuple[str, ...]:
        """All node ids, sorted."""
        return tuple(sorted(self._graph))

    def route(self, a: str, b: str, by: Metric = "minutes") -> Route:
        """Shortest travel from ``a`` to ``b`` by minutes or by km (Dijkstra); raise NoRoute."""
        require(by in ("minutes", "km"), f"Ukjent mål for korteste vei: «{by}».")
        if a == b:
            return Route(ZERO, ZERO, ZERO, (a,), (), "samme sted")
        try:
            return self._along(nx.dijkstra_path(self._graph, a, b, weight=by))
        except (nx.NetworkXNoPath, nx.NodeNotFound) as error:
            raise NoRoute(a, b, self.names) from error

    def matrix(
        self, numbers: Iterable[str], by: Metric = "minutes", strict: bool = True
    ) -> dict[tuple[str, str], Route]:
        """Routes between every ordered pair of ``numbers`` (diagonal included).

        Missing pairs raise ``NoRoute`` unless ``strict`` is False, when they are left out.
        """
        numbers = sorted(set(numbers))
        out: dict[tuple[str, str], Route] = {}
        for a in numbers:
            paths = nx.single_source_dijkstra_path(self._graph, a, weight=by) if a in self else {}
            for b in numbers:
                if a == b:
                    out[a, b] = self.route(a, b)
                elif b in paths:
                    out[a, b] = self._along(paths[b])
                elif strict:
                    raise NoRoute(a, b, self.names)
        return out

    def __contains__(self, node: object) -> bool:
        """True when the node has at least one link."""
        return node in self._graph

    def _along(self, path: Sequence[str]) -> Route:
        edges = [self._graph.edges[u, v] for u, v in zip(path, path[1:], strict=False)]
        links: list[TravelLink] = [e["link"] for e in edges]
        return Route(
            km=sum((e["km"] for e in edges), ZERO),
            minutes=sum((e["minutes"] for e in edges), ZERO),
            fare_nok=sum((k.fare_nok for k in links), ZERO),
            path=tuple(path),
            modes=tuple(k.mode for k in links),
            basis="; ".join(dict.fromkeys(k.basis for k in links)),
        )


def great_circle_km(a: Municipality, b: Municipality) -> float:
    """Haversine distance between two administrative centres (R = 6371 km)."""
    require(
        None not in (a.lat, a.lon, b.lat, b.lon),
        f"Mangler koordinater for {a.name if a.lat is None else b.name}.",
    )
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat or 0, a.lon or 0, b.lat or 0, b.lon or 0))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def estimated_network(
    municipalities: Iterable[Municipality],
    detour_factor: Decimal = Decimal("1.3"),
    kmh: Decimal = Decimal(70),
) -> TravelNetwork:
    """A flagged estimate when no road data exist: km = great circle × detour, at ``kmh``.

    Every pair of centres gets a direct road link with basis "anslag: luftlinje × …".
    """
    require(detour_factor >= 1, "Omveisfaktoren må være minst 1.")
    require(kmh > 0, "Farten må være større enn 0 km/t.")
    ms = sorted(municipalities, key=lambda m: m.number)
    factor = str(detour_factor).replace(".", ",")
    basis = f"{ESTIMATE}: luftlinje × {factor}, {kmh} km/t"
    links = []
    for i, a in enumerate(ms):
        for b in ms[i + 1 :]:
            km = (Decimal(great_circle_km(a, b)) * detour_factor).quantize(Decimal("0.1"))
            minutes = (km * 60 / kmh).quantize(Decimal(1))
            links.append(TravelLink(a.number, b.number, km, minutes, LinkMode.ROAD, basis=basis))
    return TravelNetwork.from_links(links, names={m.number: m.name for m in ms})
