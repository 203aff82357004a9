"""Use cases for the travel network, transition costs, job balance and the cooperation map."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

# Service trips from the host to each partner per year: an estimate until the project sets them.
from coop.domain import errors, model
from coop.domain.access import Actor, Role, require_role
from coop.domain.transition.personnel import scenario_transition_cost
from coop.domain.transition.transition_cost import CostLine, TransitionCost
from coop.domain.transition.travel_grants import STATE_MILEAGE_NOK_PER_KM, TravelParams
from coop.domain.travel.cooperation import MunicipalityBalance, cooperation_flows, job_balance
from coop.domain.travel.graph_svg import render_cooperation_svg
from coop.domain.travel.links import TravelLink, parse_travel_links
from coop.domain.travel.network import Route, TravelNetwork, estimated_network
from coop.domain.travel.network_svg import render_network_svg
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.memo import Memo

DEFAULT_TRIPS_PER_PARTNER: Mapping[str, int] = {
    "barnevern": 24,
    "ikt-drift": 6,
    "kart-oppmaling": 12,
    "regnskap-lonn": 2,
    "skatt-innfordring": 2,
    "landbruk": 6,
}
TRIPS_BASIS = "anslag: tjenestereiser per samarbeidskommune og år"
REPORTS = Memo(128)  # transition reports by everything they read (see coop.services.memo)


@dataclass(frozen=True)
class TravelMatrix:
    """Shortest travel between every pair of a project's municipalities."""

    project: str
    numbers: tuple[str, ...]
    names: Mapping[str, str]
    by: str
    routes: Mapping[tuple[str, str], Route]
    estimated: bool


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


def project_network(
    project: model.CooperationProject, uow: UnitOfWork
) -> tuple[TravelNetwork, dict[str, model.Municipality], bool]:
    """The stored road network if it covers the project, else a flagged estimate (True).

    Call inside an open unit of work; placement and cost split use it too.
    """
    municipalities = {m.number: m for m in uow.municipalities.list(project.municipalities)}
    network, estimated = _network(project, municipalities, uow.travel_links.list())
    return network, municipalities, estimated


def _network(
    project: model.CooperationProject,
    municipalities: Mapping[str, model.Municipality],
    links: list[TravelLink],
) -> tuple[TravelNetwork, bool]:
    names = {n: m.name for n, m in municipalities.items()}
    stored = TravelNetwork.from_links(links, names=names) if links else None
    if stored is not None and set(project.municipalities) <= set(stored.nodes):
        return stored, False
    return estimated_network(municipalities.values()), True


def travel_matrix(slug: str, uow: UnitOfWork, by: str = "minutes") -> TravelMatrix:
    """Routes between all of a project's municipalities (estimated when no road data exist)."""
    if by not in {"minutes", "km"}:
        raise errors.InvalidData("Velg korteste reise etter «minutes» eller «km».")
    with uow:
        project = uow.projects.get(slug)
        network, municipalities, estimated = project_network(project, uow)
    numbers = tuple(sorted(project.municipalities))
    routes = network.matrix(numbers, by="km" if by == "km" else "minutes")
    names = {n: m.name for n, m in municipalities.items()}
    return TravelMatrix(slug, numbers, names, by, routes, estimated)


def load_travel_links(text: str, source: str, actor: Actor, uow: UnitOfWork) -> int:
    """Replace the travel network from a CSV text; a bad line changes nothing."""
    require_role(actor, Role.STEERING)
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
    budget_year: int = 2026,
    trips: Mapping[str, int] | None = None,
    horizon_years: int = 4,
    include_map: bool = False,
) -> TransitionReport:
    """Travel grants, relocation, transition grants, service travel and employer tax.

    With ``include_map`` the report also carries the SVG cooperation map (one database trip
    for the scenario page instead of two).
    """
    with uow:
        project = uow.projects.get(slug)
        scenario = uow.scenarios.get(slug, scenario_name)
        name = policy_name or scenario.policy
        if not name:
            raise errors.InvalidData(
                f"Alternativet «{scenario_name}» har ingen personalpolitiske retningslinjer. "
                "Velg retningslinjer for å beregne omstillingskostnadene."
            )
        policy = uow.policies.get(slug, name)
        codes = [a.service for a in scenario.arrangements]
        baselines = uow.baselines.list(project.municipalities, codes)
        municipalities = {m.number: m for m in uow.municipalities.list(project.municipalities)}
        links = uow.travel_links.list()
    params = TravelParams(
        STATE_MILEAGE_NOK_PER_KM,
        {**DEFAULT_TRIPS_PER_PARTNER, **(trips or {})},
        budget_year,
        horizon_years,
    )
    given = (bool(trips), include_map)  # the trips' basis label and the map depend on these
    inputs = (project, scenario, policy, baselines, municipalities, links, params, given)

    def compute() -> TransitionReport:
        network, estimated = _network(project, municipalities, links)
        routes = network.matrix(sorted(project.municipalities), by="minutes")
        cost: TransitionCost = scenario_transition_cost(
            scenario, baselines, municipalities, routes, policy, params
        )
        balance = job_balance(scenario, baselines, routes, municipalities)
        svg = _map(project, scenario, baselines, municipalities, balance) if include_map else None
        return TransitionReport(
            project=slug,
            scenario=scenario.name,
            policy=policy.name,
            budget_year=budget_year,
            horizon_years=horizon_years,
            total_nok=cost.total_nok,
            by_kind={k.value: v for k, v in cost.by_kind().items()},
            by_municipality=cost.by_municipality(),
            by_year=cost.by_year(),
            by_service=cost.by_service(),
            lines=cost.lines,
            notes=cost.notes,
            balance=balance_views(balance, {n: m.name for n, m in municipalities.items()}),
            trips_basis=TRIPS_BASIS if not trips else "oppgitt av brukeren",
            estimated_routes=estimated,
            service_names={sv.code: sv.name for sv in project.services},
            map_svg=svg,
        )

    return REPORTS.get(REPORTS.key(*inputs), compute)


def project_network_map(slug: str, uow: UnitOfWork) -> str:
    """SVG map of the travel times between a project's members (neighbours joined)."""
    with uow:
        project = uow.projects.get(slug)
        municipalities = {m.number: m for m in uow.municipalities.list(project.municipalities)}
        links = uow.travel_links.list()

    def compute() -> str:
        network, estimated = _network(project, municipalities, links)
        routes = network.matrix(sorted(project.municipalities), by="minutes", strict=False)
        return render_network_svg(
            municipalities,
            routes,
            title=f"Reisetid mellom kommunene i {project.name}",
            estimated=estimated,
        )

    return REPORTS.get(REPORTS.key("network-map", project, municipalities, links), compute)


def cooperation_map_svg(slug: str, scenario_name: str, uow: UnitOfWork) -> str:
    """An SVG map of who hosts what for whom in a scenario, with net jobs per host."""
    with uow:
        project = uow.projects.get(slug)
        scenario = uow.scenarios.get(slug, scenario_name)
        codes = [a.service for a in scenario.arrangements]
        baselines = uow.baselines.list(project.municipalities, codes)
        network, municipalities, _ = project_network(project, uow)
    routes = network.matrix(sorted(project.municipalities), by="minutes")
    balance = job_balance(scenario, baselines, routes, municipalities)
    return _map(project, scenario, baselines, municipalities, balance)


def _map(
    project: model.CooperationProject,
    scenario: model.Scenario,
    baselines: list[model.Baseline],
    municipalities: Mapping[str, model.Municipality],
    balance: tuple[MunicipalityBalance, ...],
) -> str:
    return render_cooperation_svg(
        scenario,
        municipalities,
        cooperation_flows(scenario, baselines),
        net_fte={b.number: b.net_fte for b in balance},
        service_names={s.code: s.name for s in project.services},
        title=f"{project.name}: {scenario.name}",
    )
