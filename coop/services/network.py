"""Use cases for travel between members, transition costs, job balance and the maps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from coop.domain.access import Actor, require_role
from coop.domain.errors import InvalidData
from coop.domain.model import Baseline, Scenario
from coop.domain.transition.personnel import scenario_transition_cost
from coop.domain.transition.transition_cost import CostLine, TransitionCost
from coop.domain.travel.cooperation import MunicipalityBalance, cooperation_flows, job_balance
from coop.domain.travel.graph_svg import render_cooperation_svg
from coop.domain.travel.links import LinkMode, parse_travel_links
from coop.domain.travel.member_routes import RouteSource
from coop.domain.travel.network import Route, TravelNetwork
from coop.domain.travel.network_svg import render_network_svg
from coop.persistence.unit_of_work import UnitOfWork
from coop.reference.geography import boundaries
from coop.services.memo import Memo
from coop.services.project_data import ProjectData, load_project_data

REPORTS = Memo(128)  # transition reports by everything they read (see coop.services.memo)


@dataclass(frozen=True)
class TravelMatrix:
    """Shortest travel between every pair of a project's municipalities, with its source."""

    project: str
    numbers: tuple[str, ...]
    names: Mapping[str, str]
    by: str
    routes: Mapping[tuple[str, str], Route]
    estimated: bool
    sources: Mapping[tuple[str, str], RouteSource] = field(default_factory=dict)


@dataclass(frozen=True)
class BalanceView:
    """Job balance of one municipality, flattened for screens and JSON."""

    number: str
    name: str
    services_hosted: tuple[str, ...]
    fte_gained: Decimal
    fte_lost: Decimal
    net_fte: Decimal
    joint_fte_share: Decimal
    longest_commute_min: Decimal | None
    longest_commute_km: Decimal | None
    longest_service_travel_min: Decimal | None
    missing_baselines: tuple[str, ...]


def balance_views(
    balance: tuple[MunicipalityBalance, ...], names: Mapping[str, str]
) -> tuple[BalanceView, ...]:
    """Flatten ``job_balance`` results (routes become minutes and km)."""
    return tuple(
        BalanceView(
            number=b.number,
            name=names.get(b.number, b.number),
            services_hosted=b.services_hosted,
            fte_gained=b.fte_gained,
            fte_lost=b.fte_lost,
            net_fte=b.net_fte,
            joint_fte_share=b.joint_fte_share,
            longest_commute_min=b.longest_commute.minutes if b.longest_commute else None,
            longest_commute_km=b.longest_commute.km if b.longest_commute else None,
            longest_service_travel_min=(
                b.longest_service_travel.minutes if b.longest_service_travel else None
            ),
            missing_baselines=b.missing_baselines,
        )
        for b in balance
    )


@dataclass(frozen=True)
class TransitionReport:
    """What moving the joint staff costs in one scenario, broken down for finance."""

    project: str
    scenario: str
    policy: str
    budget_year: int
    horizon_years: int
    total_nok: Decimal
    by_kind: Mapping[str, Decimal]
    by_municipality: Mapping[str, Decimal]
    by_year: Mapping[int, Decimal]
    by_service: Mapping[str, Decimal]
    lines: tuple[CostLine, ...]
    notes: tuple[str, ...]
    balance: tuple[BalanceView, ...]
    trips_basis: str
    estimated_routes: bool
    service_names: Mapping[str, str]
    map_svg: str | None = None
    baseline_year: int | None = None


def travel_matrix(slug: str, uow: UnitOfWork, by: str = "minutes") -> TravelMatrix:
    """Routes between all of a project's municipalities, each pair with its source."""
    if by not in {"minutes", "km"}:
        raise InvalidData("Velg korteste reise etter «minutes» eller «km».")
    with uow:
        data = load_project_data(slug, uow, services=())
    numbers = tuple(sorted(data.project.municipalities))
    sources = {k: p.source for k, p in data.pairs.items()}
    return TravelMatrix(slug, numbers, data.names, by, data.routes, data.estimated_routes, sources)


def load_travel_links(text: str, source: str, actor: Actor, uow: UnitOfWork) -> int:
    """Replace coop's shared travel network (admin only); a bad line changes nothing."""
    require_role(actor)
    links = list(parse_travel_links(text, source))
    TravelNetwork.from_links(links)  # rejects duplicates before anything is written
    with uow:
        uow.travel_links.replace_all(links)
        uow.commit()
    return len(links)


def transition_cost(
    slug: str,
    scenario_name: str,
    uow: UnitOfWork,
    policy_name: str | None = None,
    trips: Mapping[str, int] | None = None,
    include_map: bool = False,
) -> TransitionReport:
    """Travel grants, relocation, transition grants, service travel and employer tax.

    Budget year, horizon and trips come from the project's planning assumptions; ``trips``
    overrides them for this calculation only. With ``include_map`` the report also carries the
    SVG cooperation map (one database trip for the scenario page instead of two).
    """
    with uow:
        scenario = uow.scenarios.get(slug, scenario_name)
        data = load_project_data(slug, uow, [a.service for a in scenario.arrangements])
        name = policy_name or scenario.policy
        if not name:
            raise InvalidData(
                f"Alternativet «{scenario_name}» har ingen personalpolitiske retningslinjer. "
                "Velg retningslinjer for å beregne omstillingskostnadene."
            )
        policy = uow.policies.get(slug, name)
    params = data.travel_params()
    if trips:
        params = replace(
            params,
            trips_per_partner_per_year={**params.trips_per_partner_per_year, **trips},
        )
    given = (bool(trips), include_map)  # the trips' basis label and the map depend on these
    inputs = (data, scenario, policy, params, given)

    def compute() -> TransitionReport:
        a = data.assumptions
        baselines = _used(data)
        routes = data.routes
        cost: TransitionCost = scenario_transition_cost(
            scenario, baselines, data.municipalities, routes, policy, params
        )
        balance = job_balance(scenario, baselines, routes, data.municipalities)
        svg = _map(data, scenario, baselines, balance) if include_map else None
        trips_basis = (
            "oppgitt av brukeren"
            if trips
            else f"tjenestereiser per samarbeidskommune og år: {a.basis('trips_per_partner')}"
        )
        return TransitionReport(
            project=slug,
            scenario=scenario.name,
            policy=policy.name,
            budget_year=a.budget_year,
            horizon_years=a.horizon_years,
            total_nok=cost.total_nok,
            by_kind={k.value: v for k, v in cost.by_kind().items()},
            by_municipality=cost.by_municipality(),
            by_year=cost.by_year(),
            by_service=cost.by_service(),
            lines=cost.lines,
            notes=cost.notes + basis_notes(data),
            balance=balance_views(balance, data.names),
            trips_basis=trips_basis,
            estimated_routes=data.estimated_routes,
            service_names=data.service_names,
            map_svg=svg,
            baseline_year=a.baseline_year,
        )

    return REPORTS.get(REPORTS.key(*inputs), compute)


def _used(data: ProjectData) -> list[Baseline]:
    """The baseline figures the project uses, as one list."""
    return [b for rows in data.baselines.rows.values() for b in rows.values()]


def basis_notes(data: ProjectData) -> tuple[str, ...]:
    """Per service, what deviates from the baseline year (older or missing figures)."""
    codes = sorted(data.baselines.rows.keys() | data.baselines.missing.keys())
    return tuple(
        f"{data.service_names.get(code, code)}: {note}"
        for code in codes
        for note in data.baselines.notes(code, data.names)
    )


def project_network_map(slug: str, uow: UnitOfWork) -> str:
    """SVG map of the travel times between a project's members (neighbours joined)."""
    with uow:
        data = load_project_data(slug, uow, services=())
    if not data.municipalities:  # a programme without member municipalities: nothing to map
        return ""

    def compute() -> str:
        return render_network_svg(
            data.municipalities,
            data.routes,
            title=f"Reisetid mellom kommunene i {data.project.name}",
            estimated=data.from_coordinates,
            outlines={k: rings for k, rings in boundaries().items() if k in data.municipalities},
        )

    return REPORTS.get(REPORTS.key("network-map", data), compute)


def cooperation_map_svg(slug: str, scenario_name: str, uow: UnitOfWork) -> str:
    """An SVG map of who hosts what for whom in a scenario, with net jobs per host."""
    with uow:
        scenario = uow.scenarios.get(slug, scenario_name)
        data = load_project_data(slug, uow, [a.service for a in scenario.arrangements])
    baselines = _used(data)
    balance = job_balance(scenario, baselines, data.routes, data.municipalities)
    return _map(data, scenario, baselines, balance)


def _map(
    data: ProjectData,
    scenario: Scenario,
    baselines: list[Baseline],
    balance: tuple[MunicipalityBalance, ...],
) -> str:
    return render_cooperation_svg(
        scenario,
        data.municipalities,
        cooperation_flows(scenario, baselines),
        net_fte={b.number: b.net_fte for b in balance},
        service_names=data.service_names,
        title=f"{data.project.name}: {scenario.name}",
        ferry_pairs={
            frozenset(pair) for pair, r in data.routes.items() if LinkMode.FERRY in r.modes
        },
    )
