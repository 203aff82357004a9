"""What a grouping costs a year in region design, each figure labelled with its basis.

Builds the plain ``allocation.regions`` input from the municipality register (population,
admin-centre coordinates, neighbours), the service catalogue (trips) and any imported
baselines. Every figure that is not imported is an estimate and says so:

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

import numpy as np

from allocation.regions.data import RegionInput
from allocation.regions.scale import ScaleFit, fit_scale
from coop.domain import errors
from coop.domain.formatting import format_whole
from coop.domain.model import ESTIMATE, Baseline, Municipality
from coop.domain.travel.member_routes import DETOUR_FACTOR, SPEED_KMH, PairRoute, RouteSource
from coop.reference.geography import all_neighbours

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
MIN_FIT_POINTS = 5  # imported budgets needed before the fitted F replaces the default


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


def scale_fit(latest: Mapping[str, Baseline], population: Mapping[str, int]) -> ScaleFit | None:
    """The fit cost = F + m·pop to the imported budgets (None below three of them)."""
    points = [(float(population[n]), float(b.gross_cost_nok - b.pass_through_nok))
              for n, b in latest.items() if n in population]  # fmt: skip
    if len(points) < 3:
        return None
    pops, costs = zip(*points, strict=True)
    return fit_scale(pops, costs)


def fixed_cost(service: str, scale: ScaleFit | None) -> tuple[float, str]:
    """F from the fit when clear (≥ 5 budgets, F > 2 standard errors), else the default.

    The fit is shown either way, so a council sees why its budgets were or were not used.
    """
    if scale is None:
        return FIXED_COST_NOK.get(service, DEFAULT_FIXED_NOK), DEFAULT_FIXED_BASIS
    fit = (
        f"tilpasning til importerte budsjett for {scale.n} kommuner: kostnad = F + m · "
        f"folketall, F = {format_whole(scale.fixed)} ± {format_whole(scale.fixed_se)} kr, m = "
        f"{format_whole(scale.per_inhabitant)} ± {format_whole(scale.per_inhabitant_se)} kr, "
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
            parts.append(f"{label}: {format_whole(len(pairs))} par{mark}")
    rest = n * (n - 1) - len(known)
    if rest or not parts:
        where = f" for {format_whole(rest)} par" if parts else ""
        parts.append(
            f"{ESTIMATE}: luftlinje × 1,3 ved 70 km/t mellom administrasjonssentrene{where}"
        )
    return "; ".join(parts)


def model_assumptions(
    trips: int,
    fte_rate: float,
    latest: Mapping[str, Baseline],
    n: int,
    known: Mapping[tuple[str, str], PairRoute],
) -> tuple[tuple[str, str], ...]:
    """(what, basis) of every estimate in the model, as the proposal lists them."""
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
