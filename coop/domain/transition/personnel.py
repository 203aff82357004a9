"""What moving joint-service staff to a host costs under the personnel guidelines.

Pure domain: standard library and ``coop.domain.model`` only. Routes come in as any object with
``km``, ``fare_nok`` and ``basis`` (``coop.domain.travel.network.Route`` fits), so this module does
not depend on the travel network. Grants and travel assumptions live in
``coop.domain.transition.travel_grants``, who moves in ``coop.domain.transition.staff_transfers``
and the breakdown in ``coop.domain.transition.transition_cost``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from coop.domain.errors import InvalidData, UnknownMunicipality, require
from coop.domain.model import Baseline, Municipality, Scenario
from coop.domain.transition.policy_model import PersonnelPolicy
from coop.domain.transition.staff_transfers import (
    Employee,
    StaffTransfer,
    baselines_by_service,
    staff_transfers,
)
from coop.domain.transition.transition_cost import CostKind, CostLine, TransitionCost
from coop.domain.transition.travel_grants import TravelParams, travel_grant_nok

ZERO = Decimal(0)


class Travel(Protocol):
    """One-way travel between two places (``coop.domain.travel.network.Route`` satisfies it)."""

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
    receivers = count if policy.transition_grant_to == "alle" else count * policy.relocation_share
    est.add(m, CostKind.TRANSITION_GRANT, [0], receivers * policy.transition_grant_nok, basis)
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
