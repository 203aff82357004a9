"""What moving joint-service staff to a host costs under the personnel guidelines.

Pure domain: standard library and ``coop.model`` only. Routes come in as any object with
``km``, ``fare_nok`` and ``basis`` (``coop.network.Route`` fits), so this module
does not depend on the travel network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Protocol, TypeVar

from coop.model import (
    Baseline,
    InvalidData,
    InvalidPolicy,
    Municipality,
    PersonnelPolicy,
    Scenario,
    TravelBand,
    UnknownMunicipality,
    check_municipality_number,
    require,
)

ZERO = Decimal(0)
K = TypeVar("K", str, int)
STATE_MILEAGE_NOK_PER_KM: Mapping[int, Decimal] = {
    2023: Decimal("4.48"),
    2024: Decimal("4.90"),
    2025: Decimal("5.00"),
    2026: Decimal("5.30"),
}


def _bands(*pairs: tuple[int, int]) -> tuple[TravelBand, ...]:
    return tuple(TravelBand(Decimal(km), Decimal(nok)) for km, nok in pairs)


SEED_2007 = PersonnelPolicy(
    name="Retningslinjer 2007",
    bands=_bands((0, 15000), (40, 25000)),
    relocation_nok=Decimal(60000),
    relocation_share=Decimal("0.1"),
    transition_grant_nok=Decimal(25000),
    description="Gratangen, Lavangen, Salangen og Ibestad 2007: 15 000 kr under 40 km og "
    "25 000 kr fra 40 km reisevei, faktiske flytteutgifter (anslag 60 000 kr, 10 % flytter), "
    "omstillingstilskudd 25 000 kr. Lysbildene sier ikke om tilskuddet er årlig eller om "
    "40 km er én vei.",
)
KFO_DEMAND = PersonnelPolicy(
    name="KFO-kravet",
    bands=_bands((0, 15000), (40, 45000)),
    relocation_nok=Decimal(60000),
    relocation_share=Decimal("0.1"),
    transition_grant_nok=Decimal(25000),
    description="KFO krevde i høringen 2007 at reisetilskuddet fra 40 km økes til 45 000 kr.",
)
AGDER_STEPS = PersonnelPolicy(
    name="Agder-trinn",
    bands=_bands((0, 0), (20, 15000), (35, 25000), (45, 35000), (55, 45000)),
    grant_years=5,
    relocation_nok=Decimal(60000),
    relocation_share=Decimal("0.1"),
    description="Sammenslåing i Agder 2018: 15/25/35/45 tusen kr per år ved 20/35/45/55 km "
    "ekstra reisevei én vei, i fem år. Ekstra reisevei er her tilnærmet med avstanden mellom "
    "kommunesentrene.",
)


class Travel(Protocol):
    """One-way travel between two places (``coop.network.Route`` satisfies it)."""

    @property
    def km(self) -> Decimal: ...  # noqa: D102

    @property
    def fare_nok(self) -> Decimal: ...  # noqa: D102

    @property
    def basis(self) -> str: ...  # noqa: D102


class MissingRoute(InvalidData):
    """No travel figures were supplied for a pair of municipalities."""

    def __init__(self, origin: str, destination: str) -> None:
        super().__init__(
            f"Reiseavstanden fra {origin} til {destination} mangler. "
            "Beregn reiseruter for alle deltakerne først."
        )
        self.origin = origin
        self.destination = destination


def travel_grant_nok(policy: PersonnelPolicy, one_way_km: Decimal) -> Decimal:
    """Grant for one transferred employee: the highest band the commute reaches.

    ``one_way_km`` is the distance from home to the host's centre. When the policy counts
    daily travel (``one_way_km`` False), the bands apply to the round trip, 2 × one way.
    A band starts *at* its ``from_km``: exactly 40 km falls in the "from 40 km" band.
    """
    require(one_way_km >= 0, f"Reiseavstanden kan ikke være negativ ({one_way_km} km).")
    km = one_way_km if policy.one_way_km else 2 * one_way_km
    return [band.grant_nok for band in policy.bands if km >= band.from_km][-1]


@dataclass(frozen=True, slots=True)
class TravelParams:
    """Travel assumptions of a cost estimate.

    ``trips_per_partner_per_year`` counts, per service code, how often staff travel from the
    host to each partner (e.g. home visits in child welfare); a trip is a round trip unless
    ``round_trip`` is False. Year 1 of the estimate is ``budget_year``; mileage rates fall back
    to the latest known earlier year. Ongoing costs run for ``horizon_years`` (4 = økonomiplan).
    """

    mileage_nok_per_km: Mapping[int, Decimal]
    trips_per_partner_per_year: Mapping[str, int]
    budget_year: int
    horizon_years: int = 4
    round_trip: bool = True

    def __post_init__(self) -> None:
        require(self.horizon_years >= 1, "Planperioden må være minst ett år.")
        require(
            all(rate >= 0 for rate in self.mileage_nok_per_km.values()),
            "Kilometersatsen kan ikke være negativ.",
        )
        for service, trips in self.trips_per_partner_per_year.items():
            require(trips >= 0, f"Antall tjenestereiser for «{service}» kan ikke være negativt.")

    def mileage_rate(self, year: int) -> Decimal:
        """State mileage rate (kr/km) for year ``year`` (1 = budget year) of the estimate."""
        calendar_year = self.budget_year + year - 1
        known = [y for y in self.mileage_nok_per_km if y <= calendar_year]
        require(bool(known), f"Mangler kilometersats for {calendar_year}.", InvalidPolicy)
        return self.mileage_nok_per_km[max(known)]


@dataclass(frozen=True, slots=True)
class Employee:
    """One employee who moves, with a home municipality when it differs from the employer's."""

    service: str
    employer: str
    fte: Decimal
    home: str | None = None

    def __post_init__(self) -> None:
        check_municipality_number(self.employer)
        if self.home is not None:
            check_municipality_number(self.home)
        require(self.fte >= 0, f"Årsverk kan ikke være negative ({self.employer}/{self.service}).")


@dataclass(frozen=True, slots=True)
class StaffTransfer:
    """Staff of one participant that join a service at its host (expected values)."""

    service: str
    host: str
    municipality: str
    fte: Decimal
    headcount: Decimal
    pay_cost_nok: Decimal
    gross_cost_nok: Decimal
    basis: str

    @property
    def moves(self) -> bool:
        """True when the staff change employer, i.e. the municipality is not the host."""
        return self.municipality != self.host


def transfer_share(joint_fte: Decimal, baselines: Iterable[Baseline]) -> Decimal:
    """Share of every participant's baseline staff that moves into the joint service.

    Each municipality transfers the FTEs it used before (2007 guidelines). When the joint
    service has fewer FTE than the participants had, each keeps the same share locally:
    ``share = min(1, joint_fte / Σ baseline FTE)``. ``joint_fte`` 0 means "not set": all move.
    """
    total = sum((b.fte for b in baselines), ZERO)
    if joint_fte <= 0 or total <= joint_fte:
        return Decimal(1)
    return joint_fte / total


def _moved_fte(known: list[Baseline], share: Decimal) -> list[Decimal]:
    """FTE × share per participant to 0.001 FTE, by largest remainder so they sum exactly."""
    if share == 1:
        return [b.fte for b in known]
    unit = Decimal("0.001")
    exact = [b.fte * share for b in known]
    moved = [x.quantize(unit, ROUND_FLOOR) for x in exact]
    target = sum(exact, ZERO).quantize(unit, ROUND_HALF_UP)
    left = int((target - sum(moved, ZERO)) / unit)
    for i in sorted(range(len(known)), key=lambda i: moved[i] - exact[i])[:left]:
        moved[i] += unit
    return moved


def staff_transfers(
    service: str,
    host: str,
    participants: Iterable[str],
    baselines: Mapping[str, Baseline],
    joint_fte: Decimal = ZERO,
) -> tuple[StaffTransfer, ...]:
    """Staff of every participant with a baseline that join the service (host included).

    Moved FTE are rounded to 0.001 and sum exactly to the joint FTE; headcount and costs
    are scaled by the same share (expected values).
    """
    known = [baselines[m] for m in sorted(participants) if m in baselines]
    share = transfer_share(joint_fte, known)
    return tuple(
        StaffTransfer(
            service=service,
            host=host,
            municipality=b.municipality,
            fte=fte,
            headcount=b.headcount * share,
            pay_cost_nok=b.pay_cost_nok * share,
            gross_cost_nok=b.gross_cost_nok * share,
            basis=b.basis,
        )
        for b, fte in zip(known, _moved_fte(known, share), strict=True)
    )


def baselines_by_service(
    baselines: Iterable[Baseline], year: int | None = None
) -> dict[str, dict[str, Baseline]]:
    """Index baselines as service → municipality → baseline of the best-fitting year.

    The latest year not after ``year`` wins; failing that, the earliest later year.
    """
    out: dict[str, dict[str, Baseline]] = defaultdict(dict)

    def rank(b: Baseline) -> tuple[bool, int]:
        if year is None:
            return True, b.year
        return b.year <= year, b.year if b.year <= year else -b.year

    for b in baselines:
        current = out[b.service].get(b.municipality)
        if current is None or rank(b) > rank(current):
            out[b.service][b.municipality] = b
    return dict(out)


class CostKind(StrEnum):
    """Kinds of transition cost, in the order a finance officer reads them."""

    TRAVEL_GRANT = "reisetilskudd"
    RELOCATION = "flytting"
    TRANSITION_GRANT = "omstillingstilskudd"
    SERVICE_TRAVEL = "tjenestereiser"
    EMPLOYER_TAX = "arbeidsgiveravgift"

    @property
    def label(self) -> str:
        """Bokmål label for tables."""
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class CostLine:
    """One amount: service, the municipality it concerns, kind, year (0 = one-off), whole NOK.

    ``municipality`` is where the staff come from or where the trips go, not who pays:
    the joint service carries the cost and the cost key splits it.
    """

    service: str
    municipality: str
    kind: CostKind
    year: int
    amount_nok: Decimal
    basis: str = ""

    def __post_init__(self) -> None:
        require(self.year >= 0, f"Ugyldig år {self.year} i kostnadslinje for {self.service}.")


@dataclass(frozen=True, slots=True)
class TransitionCost:
    """A breakdown of transition costs; every total is a sum of ``lines``.

    ``transfers`` lists the staff (headcount and FTE, expected values) each partner moves to
    the host; ``notes`` says in bokmål what could not be computed.
    """

    lines: tuple[CostLine, ...]
    notes: tuple[str, ...] = ()
    transfers: tuple[StaffTransfer, ...] = ()

    @staticmethod
    def combine(parts: Iterable[TransitionCost]) -> TransitionCost:
        """Join several breakdowns (e.g. one per service) into one."""
        parts = list(parts)
        return TransitionCost(
            tuple(line for p in parts for line in p.lines),
            tuple(note for p in parts for note in p.notes),
            tuple(t for p in parts for t in p.transfers),
        )

    @property
    def total_nok(self) -> Decimal:
        """Sum of all lines."""
        return sum((line.amount_nok for line in self.lines), ZERO)

    def by_kind(self) -> dict[CostKind, Decimal]:
        """Total per cost kind, every kind listed (zero when absent)."""
        out = dict.fromkeys(CostKind, ZERO)
        for line in self.lines:
            out[line.kind] += line.amount_nok
        return out

    def by_municipality(self) -> dict[str, Decimal]:
        """Total per municipality concerned, sorted by kommunenummer."""
        return _total_by(self.lines, lambda line: line.municipality)

    def by_year(self) -> dict[int, Decimal]:
        """Total per year of the estimate (0 = one-off), sorted."""
        return _total_by(self.lines, lambda line: line.year)

    def by_service(self) -> dict[str, Decimal]:
        """Total per service code, sorted."""
        return _total_by(self.lines, lambda line: line.service)


def _total_by(lines: Iterable[CostLine], key: Callable[[CostLine], K]) -> dict[K, Decimal]:
    out: dict[K, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        out[key(line)] += line.amount_nok
    return dict(sorted(out.items()))


def _kroner(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), ROUND_HALF_UP)


def _basis(*parts: str) -> str:
    return "; ".join(dict.fromkeys(p for p in parts if p))


def _label(municipalities: Mapping[str, Municipality], number: str) -> str:
    m = municipalities.get(number)
    return f"{m.name} ({number})" if m else number


@dataclass(frozen=True, slots=True)
class _Stay:
    km: Decimal = ZERO
    fare_nok: Decimal = ZERO
    basis: str = ""


class _Estimate:
    """Collects amounts per (municipality, kind, year); rounds each sum once at the end."""

    def __init__(self, service: str, municipalities: Mapping[str, Municipality]) -> None:
        self.service = service
        self.municipalities = municipalities
        self.amounts: dict[tuple[str, CostKind, int], Decimal] = defaultdict(lambda: ZERO)
        self.bases: dict[tuple[str, CostKind, int], list[str]] = defaultdict(list)
        self.notes: list[str] = []
        self.transfers: list[StaffTransfer] = []

    def add(self, m: str, kind: CostKind, years: Iterable[int], nok: Decimal, *basis: str) -> None:
        for year in years:
            self.amounts[m, kind, year] += nok
            self.bases[m, kind, year].extend(basis)

    def note(self, m: str, text: str) -> None:
        self.notes.append(f"{_label(self.municipalities, m)}, «{self.service}»: {text}")

    def route(self, routes: Mapping[tuple[str, str], Travel], a: str, b: str) -> Travel:
        if a == b:
            return _Stay()
        if (a, b) not in routes:
            label = self.municipalities
            raise MissingRoute(_label(label, a), _label(label, b))
        return routes[a, b]

    def employer_tax_pct(self, number: str) -> Decimal | None:
        if number not in self.municipalities:
            raise UnknownMunicipality(number)
        return self.municipalities[number].employer_tax_pct

    def result(self) -> TransitionCost:
        lines = (
            CostLine(self.service, m, kind, year, _kroner(nok), _basis(*self.bases[m, kind, year]))
            for (m, kind, year), nok in sorted(self.amounts.items())
        )
        kept = tuple(x for x in lines if x.amount_nok)
        return TransitionCost(kept, tuple(self.notes), tuple(self.transfers))


def service_transition_cost(
    service: str,
    host: str,
    participants: Iterable[str],
    baselines: Mapping[str, Baseline],
    municipalities: Mapping[str, Municipality],
    routes: Mapping[tuple[str, str], Travel],
    policy: PersonnelPolicy,
    params: TravelParams,
    *,
    joint_fte: Decimal = ZERO,
    staff: Iterable[Employee] = (),
) -> TransitionCost:
    """Cost of moving one service's staff to ``host`` under ``policy``.

    For every partner p ≠ host (the host's own staff do not move), with n_p people and pay
    P_p moving (``staff_transfers``; listed ``Employee``s replace the baseline headcount):
      reisetilskudd        Σ_people grant(km home→host); years 1..grant_years if yearly, else 0
      flytting             n_p · relocation_share · relocation_nok, year 0
      omstillingstilskudd  n_p · transition_grant_nok, year 0
      arbeidsgiveravgift   P_p · (r_host − r_p) / (100 + r_p), years 1..horizon: P_p includes
                           employer tax at p's rate r_p (%); the host's rate r_host applies after
      tjenestereiser       trips · legs · (km host→p · mileage rate of the year + fare), years
                           1..horizon; legs = 2 for round trips
    Each (municipality, kind, year) sum is rounded once to whole kroner.
    """
    members = sorted(set(participants))
    require(host in members, f"Vertskommunen {host} deltar ikke i «{service}».")
    est = _Estimate(service, municipalities)
    transfers = staff_transfers(service, host, members, baselines, joint_fte)
    moving = {t.municipality: t for t in transfers}
    listed: dict[str, list[Employee]] = defaultdict(list)
    for employee in staff:
        if employee.service == service:
            listed[employee.employer].append(employee)
    r_host = est.employer_tax_pct(host)
    for m in members:
        if m != host:
            _staff_costs(est, m, host, moving.get(m), listed[m], routes, policy, params, r_host)
            _service_travel(est, m, host, routes, params)
    return est.result()


def _staff_costs(
    est: _Estimate,
    m: str,
    host: str,
    transfer: StaffTransfer | None,
    listed: list[Employee],
    routes: Mapping[tuple[str, str], Travel],
    policy: PersonnelPolicy,
    params: TravelParams,
    r_host: Decimal | None,
) -> None:
    """Travel grant, relocation, transition grant and employer tax for one partner's staff."""
    people = [(Decimal(1), e.home or m, e.fte) for e in listed]
    if not people and transfer is not None:
        people = [(transfer.headcount, m, transfer.fte)]
    if not people:
        est.note(m, "mangler årsverk og ansatte, så personalkostnader er ikke beregnet.")
        return
    basis = transfer.basis if transfer else ""
    grant_years = range(1, policy.grant_years + 1) if policy.yearly else range(1)
    for count, home, _ in people:
        route = est.route(routes, home, host)
        grant = count * travel_grant_nok(policy, route.km)
        est.add(m, CostKind.TRAVEL_GRANT, grant_years, grant, basis, route.basis)
    count = sum((c for c, _, _ in people), ZERO)
    fte = sum((f for _, _, f in people), ZERO)
    reloc = count * policy.relocation_share * policy.relocation_nok
    est.add(m, CostKind.RELOCATION, [0], reloc, basis)
    est.add(m, CostKind.TRANSITION_GRANT, [0], count * policy.transition_grant_nok, basis)
    ratio = fte / transfer.fte if transfer is not None and transfer.fte else None
    pay = transfer.pay_cost_nok * ratio if transfer is not None and ratio is not None else ZERO
    gross = transfer.gross_cost_nok * ratio if transfer is not None and ratio is not None else ZERO
    est.transfers.append(StaffTransfer(est.service, host, m, fte, count, pay, gross, basis))
    r_m = est.employer_tax_pct(m)
    if ratio is None or r_host is None or r_m is None:
        est.note(m, "arbeidsgiveravgift er ikke beregnet (mangler lønnsgrunnlag eller sats).")
        return
    delta = pay * (r_host - r_m) / (100 + r_m)
    est.add(m, CostKind.EMPLOYER_TAX, range(1, params.horizon_years + 1), delta, basis)


def _service_travel(
    est: _Estimate, m: str, host: str, routes: Mapping[tuple[str, str], Travel], p: TravelParams
) -> None:
    """Mileage and fares for the host's staff travelling to partner ``m``."""
    trips = p.trips_per_partner_per_year.get(est.service, 0)
    if trips:
        route = est.route(routes, host, m)
        legs = 2 if p.round_trip else 1
        for year in range(1, p.horizon_years + 1):
            nok = trips * legs * (route.km * p.mileage_rate(year) + route.fare_nok)
            est.add(m, CostKind.SERVICE_TRAVEL, [year], nok, route.basis)


def scenario_transition_cost(
    scenario: Scenario,
    baselines: Iterable[Baseline],
    municipalities: Mapping[str, Municipality],
    routes: Mapping[tuple[str, str], Travel],
    policy: PersonnelPolicy,
    params: TravelParams,
    *,
    staff: Iterable[Employee] = (),
) -> TransitionCost:
    """Transition cost of all arrangements in a scenario (baselines nearest the budget year)."""
    indexed = baselines_by_service(baselines, params.budget_year)
    staff = tuple(staff)
    return TransitionCost.combine(
        service_transition_cost(
            a.service,
            a.host,
            a.participants,
            indexed.get(a.service, {}),
            municipalities,
            routes,
            policy,
            params,
            joint_fte=a.joint_fte,
            staff=staff,
        )
        for a in sorted(scenario.arrangements, key=lambda a: a.service)
    )
