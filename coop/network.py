"""Travel network between administrative centres, shortest travel, and the cooperation graph.

Pure domain: standard library, networkx and coop's other pure modules. All figures are
``Decimal``; every route carries the basis of its links ("anslag" for estimates).
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Literal

import networkx as nx

from coop.model import (
    ESTIMATE,
    Baseline,
    CoopError,
    InvalidData,
    Municipality,
    Scenario,
    check_code,
    require,
)
from coop.personnel import MissingRoute, StaffTransfer, baselines_by_service, staff_transfers

ZERO = Decimal(0)
COLUMNS = ("from", "to", "km", "minutes", "mode", "fare_nok", "wait_min", "basis")
IBESTAD_TUNNEL = "5514/andorja"  # delay key of Ibestadtunnelen in the demo network
Metric = Literal["minutes", "km"]


class LinkMode(StrEnum):
    """How a link is travelled."""

    ROAD = "road"
    FERRY = "ferry"
    BRIDGE_TUNNEL = "bridge_tunnel"

    @property
    def label(self) -> str:
        """Bokmål label."""
        return {"road": "vei", "ferry": "ferje", "bridge_tunnel": "bru/tunnel"}[self.value]


_MODES = frozenset(mode.value for mode in LinkMode)


def link_key(a: str, b: str) -> str:
    """Direction-free name of the link between two nodes, e.g. ``5514/andorja``."""
    return "/".join(sorted((a, b)))


@dataclass(frozen=True, slots=True)
class TravelLink:
    """A road, ferry or bridge/tunnel link between two nodes.

    Nodes are kommunenummer for administrative centres (``5516``) and descriptive ids for
    other places (``andorja``). A link holds both ways unless the reverse is listed too.
    ``minutes`` is driving or sailing time; ``wait_min`` the mean wait (ferries).
    """

    origin: str
    destination: str
    km: Decimal
    minutes: Decimal
    mode: LinkMode = LinkMode.ROAD
    fare_nok: Decimal = ZERO
    wait_min: Decimal = ZERO
    basis: str = ESTIMATE

    def __post_init__(self) -> None:
        check_code(self.origin, "Stedskoden")
        check_code(self.destination, "Stedskoden")
        where = f"strekningen {self.origin}–{self.destination}"
        require(self.origin != self.destination, f"Start og mål er like for {where}.")
        for value, what in ((self.km, "Kilometer"), (self.minutes, "Reisetiden")):
            require(value >= 0, f"{what} for {where} kan ikke være negativ.")
        require(self.fare_nok >= 0, f"Ferjeprisen for {where} kan ikke være negativ.")
        require(self.wait_min >= 0, f"Ventetiden for {where} kan ikke være negativ.")

    @property
    def key(self) -> str:
        """Direction-free name, used for delays."""
        return link_key(self.origin, self.destination)


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


class InvalidTravelLinks(InvalidData):
    """A travel-link file with problems; ``problems`` lists every one with line and column."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def _decimal(text: str) -> Decimal:
    value = Decimal(text.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    if not value.is_finite():
        raise InvalidOperation
    return value


def parse_travel_links(text: str, source: str) -> tuple[TravelLink, ...]:
    """Read ``from;to;km;minutes;mode;fare_nok;wait_min;basis`` rows, reporting every problem.

    ``fare_nok``, ``wait_min`` and ``basis`` are optional (empty means 0, 0 and "anslag").
    Decimal comma or point. Line numbers are the file's physical lines.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";")
    header = [h.strip().lower() for h in next(reader, [])]
    problems = [f"{source}: mangler kolonnen «{c}»." for c in COLUMNS[:5] if c not in header]
    problems += [f"{source}: ukjent kolonne «{c}»." for c in header if c not in COLUMNS]
    if problems:
        raise InvalidTravelLinks(problems)
    links: list[TravelLink] = []
    seen: dict[tuple[str, str], int] = {}
    end = reader.line_num
    for row in reader:
        line, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"{source}, linje {line}: {len(row)} felt, ventet {len(header)}.")
            continue
        cell = {c: v.strip() for c, v in zip(header, row, strict=True)}
        values: dict[str, Decimal] = {}
        for column in ("km", "minutes", "fare_nok", "wait_min"):
            raw = cell.get(column, "")
            try:
                values[column] = _decimal(
                    raw or ("0" if column in ("fare_nok", "wait_min") else "")
                )
            except InvalidOperation:
                problems.append(
                    f"{source}, linje {line}, kolonne «{column}»: «{raw}» er ikke et tall."
                )
        if cell["mode"] not in _MODES:
            problems.append(
                f"{source}, linje {line}, kolonne «mode»: «{cell['mode']}» er ikke en reisemåte "
                "(road, ferry eller bridge_tunnel)."
            )
            continue
        if len(values) < 4:
            continue
        try:
            link = TravelLink(
                cell["from"], cell["to"], values["km"], values["minutes"], LinkMode(cell["mode"]),
                values["fare_nok"], values["wait_min"], cell.get("basis") or ESTIMATE,
            )  # fmt: skip
        except CoopError as error:
            problems.append(f"{source}, linje {line}: {error.message}")
            continue
        pair = (link.origin, link.destination)
        if pair in seen:
            problems.append(
                f"{source}, linje {line}: strekningen {pair[0]}–{pair[1]} står også på linje "
                f"{seen[pair]}. Bruk egne noder (f.eks. ferjekaier) for alternative ruter."
            )
        seen[pair] = line
        links.append(link)
    if problems:
        raise InvalidTravelLinks(problems)
    return tuple(links)


def format_travel_links(links: Iterable[TravelLink]) -> str:
    """Write links in the format ``parse_travel_links`` reads (for export and editing)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for k in links:
        row = (k.origin, k.destination, k.km, k.minutes, k.mode, k.fare_nok, k.wait_min, k.basis)
        writer.writerow(row)
    return out.getvalue()


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
