"""Use cases for the register, demo data, projects, baselines and scenarios."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from coop.demo.reader import read_demo
from coop.domain import errors, model
from coop.persistence.unit_of_work import UnitOfWork
from coop.reference.register import read_register


@dataclass(frozen=True)
class LoadSummary:
    """What loading demo data did: counts of what was new and what was already there."""

    municipalities: int
    services: int
    projects_added: tuple[str, ...]
    projects_kept: tuple[str, ...]
    baselines: int


@dataclass(frozen=True)
class MunicipalityView:
    """A project member as shown on screens."""

    number: str
    name: str
    population: int
    population_date: date
    admin_centre: str


@dataclass(frozen=True)
class ServiceView:
    """A service in a project with its participants and today's FTE and cost baseline."""

    code: str
    name: str
    kostra_functions: tuple[str, ...]
    participants: tuple[str, ...]
    baseline_year: int | None
    fte: Decimal
    gross_cost_nok: Decimal
    basis: str


@dataclass(frozen=True)
class ProjectOverview:
    """A cooperation project as the steering group sees it on the home page."""

    slug: str
    name: str
    description: str
    decided_on: date | None
    municipalities: tuple[MunicipalityView, ...]
    services: tuple[ServiceView, ...]
    scenarios: tuple[str, ...]
    fte_total: Decimal
    has_estimates: bool


def load_register(uow: UnitOfWork, path: Path | None = None) -> int:
    """Load or refresh the municipality register; return how many municipalities it holds."""
    municipalities = read_register(path)
    with uow:
        for municipality in municipalities:
            uow.municipalities.upsert(municipality)
        uow.commit()
    return len(municipalities)


def load_demo(uow: UnitOfWork, folder: Path | None = None) -> LoadSummary:
    """Load the demo projects; projects already present are kept, never duplicated."""
    data = read_demo(folder)
    register = read_register()
    with uow:
        for municipality in register:
            uow.municipalities.upsert(municipality)
        for service in data.services:
            uow.services.upsert(service)
        added, kept = [], []
        for project in data.projects:
            if uow.projects.exists(project.slug):
                kept.append(project.slug)
                continue
            uow.projects.add(project)
            added.append(project.slug)
            for slug, policy in data.policies:
                if slug == project.slug:
                    uow.policies.add(slug, policy)
            for slug, key in data.cost_keys:
                if slug == project.slug:
                    uow.cost_keys.add(slug, key)
            for scenario in data.scenarios:
                if scenario.project == project.slug:
                    scenario.check_against(project)
                    uow.scenarios.add(scenario)
        for baseline in data.baselines:
            uow.baselines.replace(baseline)
        if not uow.travel_links.list():
            uow.travel_links.replace_all(data.travel_links)
        uow.commit()
    return LoadSummary(
        len(register), len(data.services), tuple(added), tuple(kept), len(data.baselines)
    )


def _latest(baselines: Iterable[model.Baseline]) -> dict[str, list[model.Baseline]]:
    """Group baselines by service, keeping only each service's latest year."""
    by_service: dict[str, list[model.Baseline]] = defaultdict(list)
    for b in baselines:
        by_service[b.service].append(b)
    out = {}
    for code, items in by_service.items():
        year = max(b.year for b in items)
        out[code] = [b for b in items if b.year == year]
    return out


def _overview(project: model.CooperationProject, uow: UnitOfWork) -> ProjectOverview:
    members = uow.municipalities.list(project.municipalities)
    codes = [s.code for s in project.services]
    latest = _latest(uow.baselines.list(project.municipalities, codes))
    services = []
    for s in project.services:
        participants = project.participants_of(s.code)
        rows = [b for b in latest.get(s.code, []) if b.municipality in participants]
        services.append(
            ServiceView(
                code=s.code,
                name=s.name,
                kostra_functions=s.kostra_functions,
                participants=tuple(sorted(participants)),
                baseline_year=rows[0].year if rows else None,
                fte=sum((b.fte for b in rows), Decimal(0)),
                gross_cost_nok=sum((b.gross_cost_nok for b in rows), Decimal(0)),
                basis="; ".join(sorted({b.basis for b in rows})),
            )
        )
    scenarios = tuple(uow.scenarios.names(project.slug))
    return ProjectOverview(
        slug=project.slug,
        name=project.name,
        description=project.description,
        decided_on=project.decided_on,
        municipalities=tuple(
            MunicipalityView(m.number, m.name, m.population, m.population_date, m.admin_centre)
            for m in members
        ),
        services=tuple(services),
        scenarios=scenarios,
        fte_total=sum((s.fte for s in services), Decimal(0)),
        has_estimates=any(model.ESTIMATE in s.basis for s in services),
    )


def list_projects(uow: UnitOfWork) -> list[ProjectOverview]:
    """All projects with members, services and FTE baselines, by name."""
    with uow:
        return [_overview(p, uow) for p in uow.projects.list()]


def project_overview(slug: str, uow: UnitOfWork) -> ProjectOverview:
    """One project with members, services, baselines and scenario names."""
    with uow:
        return _overview(uow.projects.get(slug), uow)


def read_baselines(slug: str, uow: UnitOfWork, year: int | None = None) -> list[model.Baseline]:
    """Baselines of a project's participants for its services (one year or all)."""
    with uow:
        project = uow.projects.get(slug)
        rows = uow.baselines.list(project.municipalities, [s.code for s in project.services], year)
        return [b for b in rows if b.municipality in project.participants_of(b.service)]


def create_project(
    slug: str,
    name: str,
    municipalities: Iterable[str],
    participants: Mapping[str, Iterable[str]],
    uow: UnitOfWork,
    description: str = "",
) -> model.CooperationProject:
    """Create a project from municipality numbers and per-service participation."""
    with uow:
        members = tuple(sorted(set(municipalities)))
        uow.municipalities.list(members)  # raises UnknownMunicipality
        catalogue = {s.code: s for s in uow.services.list()}
        unknown = sorted(set(participants) - set(catalogue))
        if unknown:
            raise errors.NotFound(f"Tjenesten «{unknown[0]}» finnes ikke i tjenestekatalogen.")
        project = model.CooperationProject(
            slug=slug,
            name=name,
            municipalities=members,
            services=tuple(catalogue[c] for c in participants),
            participants={c: frozenset(m) for c, m in participants.items()},
            description=description,
        )
        uow.projects.add(project)
        uow.commit()
        return project
