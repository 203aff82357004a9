"""Use cases for the register, the catalogue, demo data and the project overview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from coop.demo.process_reader import read_process_records
from coop.demo.reader import read_demo
from coop.domain import model
from coop.domain.access import SYSTEM, Actor, Role
from coop.persistence.unit_of_work import UnitOfWork
from coop.reference.catalogue import read_catalogue
from coop.reference.register import read_register
from coop.services.project_data import load_project_data


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
    county: str = ""


@dataclass(frozen=True)
class ServiceView:
    """A service in a project with its participants and the figures the project uses."""

    code: str
    name: str
    kostra_functions: tuple[str, ...]
    participants: tuple[str, ...]
    baseline_year: int | None
    fte: Decimal
    gross_cost_nok: Decimal
    basis: str
    notes: tuple[str, ...] = ()  # older or missing figures, by name
    complete: bool = True
    may_join: tuple[str, ...] = ()
    joined_on: Mapping[str, date] | None = None
    own: bool = False  # the project's own service, not from the catalogue


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
    baseline_year: int | None = None
    budget_year: int | None = None
    version: int = 1
    package_condition: str = ""  # the councils' package condition, empty when none


def load_register(uow: UnitOfWork, path: Path | None = None) -> int:
    """Load or refresh the register, and the catalogue entries the database lacks.

    Catalogue entries an admin has edited are never overwritten.
    """
    municipalities = read_register(path)
    with uow:
        uow.municipalities.upsert_all(municipalities)
        _load_catalogue(uow)
        uow.commit()
    return len(municipalities)


def _load_catalogue(uow: UnitOfWork) -> None:
    known = uow.catalogue.codes()
    now = datetime.now(UTC)
    for entry in read_catalogue():
        if entry.code not in known:
            uow.catalogue.save(entry, SYSTEM.username, now)


def load_demo(uow: UnitOfWork, folder: Path | None = None) -> LoadSummary:
    """Load the demo projects; projects already present are kept, never duplicated."""
    data = read_demo(folder)
    process = read_process_records(folder)
    register = read_register()
    with uow:
        uow.municipalities.upsert_all(register)  # one batch: a merge per row took 0,6 s
        _load_catalogue(uow)
        for service in data.services:
            uow.services.upsert(service)
        added, kept = [], []
        for project in data.projects:
            if uow.projects.exists(project.slug):
                kept.append(project.slug)
                continue
            now = datetime.now(UTC)
            uow.projects.add(project, SYSTEM.username, now)
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
                    scenario.check_references(
                        [q.name for s, q in data.policies if s == project.slug],
                        [k.name for s, k in data.cost_keys if s == project.slug],
                    )
                    uow.scenarios.add(scenario)
            for slug, assumptions in data.assumptions:
                if slug == project.slug:
                    uow.assumptions.save(slug, assumptions, None)
            if project.slug in process:
                uow.process.save(project.slug, process[project.slug], SYSTEM.username, now)
        for baseline in data.baselines:
            uow.baselines.replace(baseline)
        if not uow.travel_links.list():
            uow.travel_links.replace_all(data.travel_links)
        uow.commit()
    return LoadSummary(
        len(register), len(data.services), tuple(added), tuple(kept), len(data.baselines)
    )


def _overview(slug: str, uow: UnitOfWork) -> ProjectOverview:
    data = load_project_data(slug, uow)
    project = data.project
    choice = data.baselines
    services = []
    for s in project.services:
        participants = project.participants_of(s.code)
        used = choice.of(s.code)
        years = sorted({b.year for b in used.values()})
        services.append(
            ServiceView(
                code=s.code,
                name=s.name,
                kostra_functions=s.kostra_functions,
                participants=tuple(sorted(participants)),
                baseline_year=choice.year if used else None,
                fte=choice.total(s.code, "fte"),
                gross_cost_nok=choice.total(s.code, "gross_cost_nok"),
                basis="; ".join(choice.bases(s.code)) if years else "",
                notes=choice.notes(s.code, data.names),
                complete=choice.complete(s.code),
                may_join=tuple(sorted(project.may_join.get(s.code, frozenset()))),
                joined_on={m: d for (c, m), d in project.joined_on.items() if c == s.code},
                own=s.owner is not None,
            )
        )
    members = sorted(data.municipalities.values(), key=lambda m: m.name)
    return ProjectOverview(
        slug=project.slug,
        name=project.name,
        description=project.description,
        decided_on=project.decided_on,
        package_condition=project.package_condition,
        municipalities=tuple(
            MunicipalityView(
                m.number, m.name, m.population, m.population_date, m.admin_centre, m.county
            )
            for m in members
        ),
        services=tuple(services),
        scenarios=tuple(uow.scenarios.names(slug)),
        fte_total=sum((s.fte for s in services), Decimal(0)),
        has_estimates=any(choice.has_estimates(s.code) for s in services),
        baseline_year=data.assumptions.baseline_year,
        budget_year=data.assumptions.budget_year,
        version=project.version,
    )


def list_projects(uow: UnitOfWork, actor: Actor = SYSTEM) -> list[ProjectOverview]:
    """The projects the actor may see (admin: all), with members, services and baselines."""
    with uow:
        visible = None if actor.role is Role.ADMIN else uow.access.slugs(actor.username)
        return [
            _overview(p.slug, uow)
            for p in uow.projects.list()
            if visible is None or p.slug in visible
        ]


def project_overview(slug: str, uow: UnitOfWork) -> ProjectOverview:
    """One project with members, services, baselines and scenario names."""
    with uow:
        return _overview(slug, uow)


def read_baselines(slug: str, uow: UnitOfWork, year: int | None = None) -> list[model.Baseline]:
    """Baselines of a project's participants for its services (one year or all)."""
    with uow:
        project = uow.projects.get(slug)
        rows = uow.baselines.list(project.municipalities, [s.code for s in project.services], year)
        return [b for b in rows if b.municipality in project.participants_of(b.service)]
