"""Use case: who should cooperate with whom on a service, and who hosts each group.

Builds the plain ``allocation.regions`` input from the municipality register (population,
admin-centre coordinates, neighbours), the service catalogue (trips) and any imported
baselines, and words the result for a council. Every figure that is not imported is an
estimate and says so:

- travel i → j: as the placement takes it (``member_routes``): a pair the project entered
  (``RegionQuery.project``), else coop's road and ferry network, else the great circle between
  admin centres × 1,3 at 70 km/t (``estimated_route``, computed here for the whole area at once);
- service travel per year: trips × 2 × (km × 5,30 kr + minutes / 60 × 363 kr + ferry fare),
  trips = the catalogue's trips per partner per 1 000 inhabitants of the partner;
- transition, amortised over 5 years: each partner's FTE (imported, else a default per 1 000
  inhabitants) × (travel grant 15 000 / 25 000 kr beyond 40 km + 25 000 kr omstilling);
- economies of scale: the fixed yearly cost F of a service unit, fitted as cost = F + m·pop
  to imported budgets when five or more municipalities have one and F is more than two
  standard errors from 0, else a labelled default (the fit is shown either way).
  Joining k municipalities into one group saves (k − 1)·F; the rest of the line (m·pop) is the
  same however the groups fall, so it does not enter the comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from allocation.regions.data import RegionInput, RegionInputError, RegionRules
from allocation.regions.design import RegionDesign, design_regions
from allocation.regions.scale import ScaleFit, fit_scale
from allocation.solver import Conflict, Infeasible, SolveOptions
from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.model import ESTIMATE, Baseline, Municipality
from coop.domain.travel.member_routes import (
    DETOUR_FACTOR,
    SPEED_KMH,
    PairRoute,
    RouteSource,
    known_routes,
)
from coop.domain.travel.region_svg import render_region_svg
from coop.persistence.unit_of_work import UnitOfWork
from coop.reference.cooperations import KnownCooperation, read_cooperations
from coop.reference.geography import all_neighbours, boundaries
from coop.services.access import require_project

KM_RATE_NOK, HOUR_NOK = 5.30, 363.0  # state mileage rate 2026; 616 500 kr / 1 700 h
GRANT_NEAR_NOK, GRANT_FAR_NOK, GRANT_BAND_KM, RETRAINING_NOK = 15_000, 25_000, 40.0, 25_000
AMORTISE_YEARS = 5
FTE_PER_1000 = {"barnevern": 1.0}  # default when nothing is imported (anslag)
DEFAULT_FTE_PER_1000 = 0.5
FIXED_COST_NOK = {"barnevern": 2_500_000.0}  # default F (anslag, see DEFAULT_FIXED_BASIS)
DEFAULT_FIXED_NOK = 1_000_000.0
DEFAULT_FIXED_BASIS = (
    f"{ESTIMATE}: standardverdi; små kommuner bruker 40–70 % mer per innbygger enn landet "
    "(KOSTRA, domain.md § 5.3), som med 2 500 kr per innbygger gir ca. 2,5 mill. kr i faste "
    "kostnader per tjeneste"
)
MIP_GAP = 1e-6
MIN_FIT_POINTS = 5  # imported budgets needed before the fitted F replaces the default
LIMITS = {"min_population": 10_000_000, "max_population": 10_000_000, "max_travel_min": 1440,
          "max_members": 357, "groups": 357, "top": 10, "time_limit_s": 600}  # fmt: skip

RULE_LABELS = {
    "min_population": "minste folketall per gruppe",
    "max_population": "største folketall per gruppe",
    "max_members": "største antall kommuner per gruppe",
    "max_travel": "lengste reisetid til vertskommunen",
    "groups": "antall grupper",
    "contiguity": "sammenhengende grupper (naboer)",
    "locked": "dagens samarbeid beholdes",
    "time_limit": "tidsgrense",
}


class RegionsImpossible(errors.CoopError):
    """No grouping satisfies the rules; ``conflicts`` names the rules and municipalities."""

    def __init__(self, conflicts: Sequence[Conflict], names: Mapping[str, str]) -> None:
        parts = [_conflict_text(c, names) for c in conflicts[:8]]
        more = f" (og {len(conflicts) - 8} til)" if len(conflicts) > 8 else ""
        detail = "; ".join(parts) or "ingen enkeltregel kunne pekes ut"
        super().__init__(
            f"Ingen inndeling oppfyller alle reglene. Det som stopper: {detail}{more}."
        )
        self.conflicts = tuple(conflicts)


def _conflict_text(c: Conflict, names: Mapping[str, str]) -> str:
    who = ", ".join(names.get(k, k) for k in c.keys)
    label = RULE_LABELS.get(c.rule, c.rule)
    if c.rule == "max_travel":
        return f"{label}: {who} trenger {c.needed:.0f} min, tillatt {c.available:.0f} min"
    if c.rule == "min_population":
        return f"{label}: {who} har {_int(c.available)} innbyggere, kravet er {_int(c.needed)}"
    if c.rule in ("max_population", "max_members"):
        return f"{label}: {who} trenger {_int(c.needed)}, tillatt {_int(c.available)}"
    if c.rule == "groups":
        return f"{label}: trenger {_int(c.needed)}, valgt {_int(c.available)}"
    if c.rule == "time_limit":
        return (
            f"{label}: reglene kan ikke oppfylles samtidig, men forklaringen ble ikke ferdig "
            f"innen {_int(c.available)} {'sekund' if round(c.available) == 1 else 'sekunder'} "
            "(gi mer tid for å se hvilke regler som stopper)"
        )
    return f"{label}: {who}"


def _int(value: float) -> str:
    return f"{round(value):,}".replace(",", "\u00a0")


@dataclass(frozen=True)
class RegionQuery:
    """Area, service and rules in plain values (bounded by ``check_query``)."""

    service: str
    county: str | None = None  # county number ("55") or name ("Troms")
    everywhere: bool = False
    municipalities: tuple[str, ...] = ()
    min_population: int | None = None
    max_population: int | None = None
    max_members: int | None = None
    max_travel_min: float | None = None
    contiguous: bool = False
    groups: int | None = None
    keep_today: bool = False  # lock today's cooperations (cooperations.csv) in the area
    alone: tuple[str, ...] = ()
    top: int = 1
    time_limit_s: float = 30.0
    project: str | None = None  # whose entered travel pairs count (slug)


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


def check_query(q: RegionQuery) -> None:
    """Every number within its bounds, the area chosen once; names the field."""
    chosen = sum((q.county is not None, q.everywhere, bool(q.municipalities)))
    errors.require(chosen == 1, "Velg ett område: fylke, hele landet eller en liste kommuner.")
    for name, limit in LIMITS.items():
        value = getattr(q, name)
        if value is not None:
            errors.require(0 <= value <= limit, f"{name}: {value} må ligge mellom 0 og {limit}.")
    errors.require(q.top >= 1, "top må være minst 1.")
    errors.require(q.time_limit_s >= 1, "time_limit_s må være minst 1 sekund.")
    errors.require(q.groups is None or q.groups >= 1, "groups må være minst 1.")


def area_municipalities(q: RegionQuery, register: Sequence[Municipality]) -> list[Municipality]:
    """The municipalities of the chosen area, by number."""
    if q.everywhere:
        return sorted(register, key=lambda m: m.number)
    if q.county is not None:
        key = q.county.strip().casefold()
        found = [m for m in register if m.number[:2] == key or m.county.casefold() == key]
        errors.require(bool(found), f"Fant ikke fylket «{q.county}» (bruk nummer eller navn).")
        return sorted(found, key=lambda m: m.number)
    by_key = {m.number: m for m in register} | {m.name.casefold(): m for m in register}
    unknown = [t for t in q.municipalities if t.strip().casefold() not in by_key]
    errors.require(not unknown, f"Ukjent kommune: {', '.join(unknown)}.")
    chosen = {by_key[t.strip().casefold()].number: by_key[t.strip().casefold()] for t in
              q.municipalities}  # fmt: skip
    return sorted(chosen.values(), key=lambda m: m.number)


def travel_estimate(ms: Sequence[Municipality]) -> tuple[np.ndarray, np.ndarray]:
    """(km, minutes) between admin centres: great circle × detour at the default speed."""
    missing = [m.name for m in ms if m.lat is None or m.lon is None]
    errors.require(not missing, f"Mangler koordinater for {', '.join(missing)}.")
    lat = np.radians([m.lat or 0.0 for m in ms])
    lon = np.radians([m.lon or 0.0 for m in ms])
    dlat, dlon = lat[:, None] - lat[None], lon[:, None] - lon[None]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat[None]) * np.sin(dlon / 2) ** 2
    km = np.round(2 * 6371.0 * np.arcsin(np.sqrt(h)) * float(DETOUR_FACTOR), 1)
    return km, np.round(km * 60 / float(SPEED_KMH))


def build_region_input(
    ms: Sequence[Municipality],
    trips_per_partner: float,
    fte: Mapping[str, float],
    fte_per_1000: float,
    fixed_cost_nok: float,
    known: Mapping[tuple[str, str], PairRoute] | None = None,
) -> RegionInput:
    """The model input of the module docstring (``fte`` imported; ``known`` travel pairs)."""
    numbers = [m.number for m in ms]
    pop = np.array([float(m.population) for m in ms])
    km, minutes = travel_estimate(ms)
    fare = np.zeros_like(km)
    index = {n: i for i, n in enumerate(numbers)}
    for (a, b), pair in (known or {}).items():
        i, j = index[a], index[b]
        km[i, j], minutes[i, j] = float(pair.route.km), float(pair.route.minutes)
        fare[i, j] = float(pair.route.fare_nok)
    trips = trips_per_partner * pop / 1000.0
    travel = trips[:, None] * 2 * (km * KM_RATE_NOK + minutes / 60 * HOUR_NOK + fare)
    staff = np.array(
        [fte.get(n, p * fte_per_1000 / 1000) for n, p in zip(numbers, pop, strict=True)]
    )
    grant = np.where(km > GRANT_BAND_KM, GRANT_FAR_NOK, GRANT_NEAR_NOK) + RETRAINING_NOK
    cost = travel + staff[:, None] * grant / AMORTISE_YEARS
    np.fill_diagonal(cost, 0.0)
    inside = set(numbers)
    return RegionInput(
        municipalities=tuple(numbers),
        population=tuple(pop.tolist()),
        cost=cost,
        host_cost=(fixed_cost_nok,) * len(ms),
        travel_min=minutes,
        adjacency=frozenset(p for p in all_neighbours() if p <= inside),
    )


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
    scale = _scale_fit(latest, {m.number: m.population for m in ms})
    fixed, basis = _fixed_cost(q.service, scale)
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
            price = _nok(result.best.objective - free)
    except Infeasible as error:
        raise RegionsImpossible(error.conflicts, names) from None
    except RegionInputError as error:
        raise errors.InvalidData(f"Reglene passer ikke sammen: {error}") from error
    by_number = {m.number: m for m in ms}
    today = _today(inp, known, by_number) if known else None
    return RegionProposal(
        service=q.service,
        area=_area_label(q, ms),
        best=_design(inp, result.best, by_number),
        alternatives=tuple(_design(inp, d, by_number) for d in result.designs[1:]),
        seconds=result.seconds,
        n_variables=result.n_variables,
        n_constraints=result.n_constraints,
        alone_nok=_nok(fixed * len(ms)),
        today=today,
        today_sources=tuple(known),
        price_of_keeping_nok=price,
        fixed_cost_nok=_nok(fixed),
        fixed_cost_basis=basis,
        scale=scale,
        assumptions=_assumptions(entry.trips_per_partner, fte_rate, latest, len(ms), routes),
    )


def _numbers(texts: Sequence[str], ms: Sequence[Municipality]) -> list[str]:
    by_key = {m.number: m.number for m in ms} | {m.name.casefold(): m.number for m in ms}
    unknown = [t for t in texts if t.strip().casefold() not in by_key]
    errors.require(not unknown, f"Ikke i området: {', '.join(unknown)}.")
    return [by_key[t.strip().casefold()] for t in texts]


def _scale_fit(latest: Mapping[str, Baseline], population: Mapping[str, int]) -> ScaleFit | None:
    points = [(float(population[n]), float(b.gross_cost_nok - b.pass_through_nok))
              for n, b in latest.items() if n in population]  # fmt: skip
    if len(points) < 3:
        return None
    pops, costs = zip(*points, strict=True)
    return fit_scale(pops, costs)


def _fixed_cost(service: str, scale: ScaleFit | None) -> tuple[float, str]:
    """F from the fit when clear (≥ 5 budgets, F > 2 standard errors), else the default.

    The fit is shown either way, so a council sees why its budgets were or were not used.
    """
    if scale is None:
        return FIXED_COST_NOK.get(service, DEFAULT_FIXED_NOK), DEFAULT_FIXED_BASIS
    fit = (
        f"tilpasning til importerte budsjett for {scale.n} kommuner: kostnad = F + m · "
        f"folketall, F = {_int(scale.fixed)} ± {_int(scale.fixed_se)} kr, m = "
        f"{_int(scale.per_inhabitant)} ± {_int(scale.per_inhabitant_se)} kr, "
        f"R² = {scale.r2:.2f}".replace(".", ",")
    )
    if scale.n >= MIN_FIT_POINTS and scale.fixed > 2 * scale.fixed_se:
        return scale.fixed, f"{ESTIMATE}: {fit}"
    default = FIXED_COST_NOK.get(service, DEFAULT_FIXED_NOK)
    return default, f"{DEFAULT_FIXED_BASIS} ({fit}; for usikker til å brukes)"


def _travel_basis(known: Mapping[tuple[str, str], PairRoute], n: int) -> str:
    """Where the travel figures come from, counted by pairs (one way each)."""
    parts = []
    for source, label in ((RouteSource.ENTERED, "oppgitt for prosjektet"),
                          (RouteSource.NETWORK, "reisenettet i coop")):  # fmt: skip
        pairs = [p for p in known.values() if p.source is source]
        if pairs:
            mark = f" ({ESTIMATE})" if any(p.is_estimate for p in pairs) else ""
            parts.append(f"{label}: {_int(len(pairs))} par{mark}")
    rest = n * (n - 1) - len(known)
    if rest or not parts:
        where = f" for {_int(rest)} par" if parts else ""
        parts.append(
            f"{ESTIMATE}: luftlinje × 1,3 ved 70 km/t mellom administrasjonssentrene{where}"
        )
    return "; ".join(parts)


def _assumptions(
    trips: int,
    fte_rate: float,
    latest: Mapping[str, Baseline],
    n: int,
    known: Mapping[tuple[str, str], PairRoute],
) -> tuple[tuple[str, str], ...]:
    return (
        ("Reisetid og avstand", _travel_basis(known, n)),
        ("Tjenestereiser", f"{ESTIMATE}: {trips} reiser per 1 000 innbyggere i "
                           "samarbeidskommunen per år (tjenestekatalogen)"),
        ("Reisekostnad", "5,30 kr/km (statens sats 2026), 363 kr per time reisetid og "
                         "ferjepris der reisen har det"),
        ("Årsverk som flytter", f"importert for {len(latest)} av {n} kommuner; ellers "
                                f"{ESTIMATE}: {str(fte_rate).replace('.', ',')} per 1 000 "
                                "innbyggere"),
        ("Omstilling", f"{ESTIMATE}: reisetilskudd 15 000 / 25 000 kr (over 40 km) og "
                       "omstillingstilskudd 25 000 kr per årsverk, fordelt på "
                       f"{AMORTISE_YEARS} år"),
    )  # fmt: skip


def _nok(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _design(inp: RegionInput, d: RegionDesign, by_number: Mapping[str, Municipality]) -> Design:
    groups = []
    for r in d.regions:
        groups.append(_group(inp, r.host, r.members, by_number, r.cost))
    return Design(d.status, _nok(d.objective), d.gap, tuple(groups))


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
                 _nok(cost))  # fmt: skip


def _today(
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
    return Design("dagens", _nok(total), None, tuple(out))


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
