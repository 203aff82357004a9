"""Everything a calculation reads about a project, loaded one way for every view.

Members from the register, the project's planning assumptions (defaults until it saves its
own), travel between members pair by pair (entered, network or estimate) and the baseline
figures chosen by the project's baseline year. Placement, transition cost, comparison, split,
finance and agreements all start here, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from coop.domain import model
from coop.domain.assumptions import DEFAULT_BASIS, PlanningAssumptions
from coop.domain.baseline_choice import BaselineChoice, choose_baselines
from coop.domain.transition.travel_grants import STATE_MILEAGE_NOK_PER_KM, TravelParams
from coop.domain.travel.member_routes import PairRoute, RouteSource, member_routes, routes_only
from coop.domain.travel.network import Route
from coop.persistence.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ProjectData:
    """A project with the figures every calculation on it uses."""

    project: model.CooperationProject
    municipalities: Mapping[str, model.Municipality]
    assumptions: PlanningAssumptions
    pairs: Mapping[tuple[str, str], PairRoute]
    baselines: BaselineChoice

    @property
    def slug(self) -> str:
        """The project's code."""
        return self.project.slug

    @property
    def names(self) -> dict[str, str]:
        """Kommunenummer → name, for every member."""
        return {n: m.name for n, m in self.municipalities.items()}

    @property
    def service_names(self) -> dict[str, str]:
        """Service code → name, for the project's services."""
        return {s.code: s.name for s in self.project.services}

    @property
    def routes(self) -> dict[tuple[str, str], Route]:
        """Routes alone, as the transition-cost and placement calculations take them."""
        return routes_only(self.pairs)

    @property
    def estimated_routes(self) -> bool:
        """True when any pair's travel is an estimate."""
        return any(p.is_estimate for p in self.pairs.values())

    @property
    def from_coordinates(self) -> bool:
        """True when any pair is estimated from the centres' coordinates."""
        return RouteSource.ESTIMATED in self.route_sources

    @property
    def route_sources(self) -> set[RouteSource]:
        """Where the pairs' figures come from (diagonal left out)."""
        return {p.source for (a, b), p in self.pairs.items() if a != b}

    def population(self, members: Iterable[str]) -> dict[str, int]:
        """Population of the given members (from the register)."""
        return {m: self.municipalities[m].population for m in members}

    def travel_params(self) -> TravelParams:
        """Mileage rates and trips as the transition-cost estimate takes them."""
        a = self.assumptions
        return TravelParams(
            STATE_MILEAGE_NOK_PER_KM, dict(a.trips_per_partner), a.budget_year, a.horizon_years
        )

    def routes_basis(self) -> str:
        """One bokmål phrase on where the travel figures come from."""
        sources = self.route_sources
        if sources == {RouteSource.ENTERED}:
            return "reisetider oppgitt for prosjektet"
        if RouteSource.ESTIMATED in sources:
            return "reisetider delvis anslått fra luftlinje (anslag)"
        return "reisetider fra reisenettet i coop" + (" (anslag)" if self.estimated_routes else "")


def assumptions_of(project: model.CooperationProject, uow: UnitOfWork) -> PlanningAssumptions:
    """The project's saved assumptions, else defaults.

    Trips missing for a service come from the service catalogue (0 for a project's own
    service that nobody gave a figure).
    """
    catalogue = uow.catalogue.trips(s.code for s in project.services)
    trips = {s.code: catalogue.get(s.code, 0) for s in project.services}
    saved = uow.assumptions.find(project.slug)
    if saved is not None:
        return saved.with_trips(trips)
    codes = [s.code for s in project.services]
    years = [b.year for b in uow.baselines.list(project.municipalities, codes)]
    baseline_year = max(years) if years else date.today().year
    return PlanningAssumptions(
        baseline_year=baseline_year,
        budget_year=baseline_year + 1,
        trips_per_partner=trips,
        bases={"baseline_year": f"{DEFAULT_BASIS}: nyeste år med grunnlagstall"},
    )


def load_project_data(
    slug: str, uow: UnitOfWork, services: Iterable[str] | None = None
) -> ProjectData:
    """Read a project and its figures (call inside an open unit of work).

    One page often asks several times (the comparison once per option and per use case it
    calls); the unit of work keeps the answer until something is written through it.
    """
    key = ("project_data", slug, None if services is None else tuple(services))
    found: ProjectData | None = uow.memo.get(key)
    if found is None:
        found = uow.memo[key] = _read_project_data(slug, uow, key[2])
    return found


def _read_project_data(slug: str, uow: UnitOfWork, services: Iterable[str] | None) -> ProjectData:
    project = uow.projects.get(slug)
    municipalities = {m.number: m for m in uow.municipalities.list(project.municipalities)}
    assumptions = assumptions_of(project, uow)
    pairs = member_routes(municipalities, uow.project_travel.list(slug), uow.travel_links.list())
    codes = list(services) if services is not None else [s.code for s in project.services]
    participants = {c: project.participants_of(c) for c in codes}
    rows = uow.baselines.list(project.municipalities, codes)
    choice = choose_baselines(rows, participants, assumptions.baseline_year)
    return ProjectData(project, municipalities, assumptions, pairs, choice)
