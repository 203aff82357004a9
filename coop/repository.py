"""Repositories: get/list/add/save domain objects by natural key over a SQLAlchemy session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import ColumnElement

from coop import model
from coop.orm import (
    ArrangementRow,
    BaselineRow,
    CostKeyRow,
    MunicipalityRow,
    ParticipationRow,
    PolicyRow,
    ProjectMemberRow,
    ProjectRow,
    ProjectServiceRow,
    ScenarioRow,
    ServiceRow,
)


class MunicipalityRepository:
    """The municipality register."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, number: str) -> model.Municipality:
        """Return one municipality or raise ``UnknownMunicipality``."""
        row = self.session.get(MunicipalityRow, number)
        if row is None:
            raise model.UnknownMunicipality(number)
        return row.to_domain()

    def list(self, numbers: Iterable[str] | None = None) -> list[model.Municipality]:
        """Return municipalities by number (all when ``numbers`` is None), sorted by number."""
        query = select(MunicipalityRow).order_by(MunicipalityRow.number)
        if numbers is not None:
            wanted = sorted(set(numbers))
            query = query.where(MunicipalityRow.number.in_(wanted))
            rows = list(self.session.scalars(query))
            missing = sorted(set(wanted) - {r.number for r in rows})
            if missing:
                raise model.UnknownMunicipality(missing[0])
            return [r.to_domain() for r in rows]
        return [r.to_domain() for r in self.session.scalars(query)]

    def numbers(self) -> frozenset[str]:
        """All known kommunenummer."""
        return frozenset(self.session.scalars(select(MunicipalityRow.number)))

    def upsert(self, municipality: model.Municipality) -> None:
        """Add or replace one municipality."""
        self.session.merge(MunicipalityRow.to_row(municipality))

    def count(self) -> int:
        """Number of municipalities in the register."""
        return int(self.session.scalar(select(func.count()).select_from(MunicipalityRow)) or 0)


class ServiceRepository:
    """The shared service catalogue."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def upsert(self, service: model.Service) -> None:
        """Add or replace one service."""
        self.session.merge(ServiceRow.to_row(service))

    def list(self) -> list[model.Service]:
        """All services, by code."""
        rows = self.session.scalars(select(ServiceRow).order_by(ServiceRow.code))
        return [r.to_domain() for r in rows]


class ProjectRepository:
    """Cooperation projects with members, services and per-service participation."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._ids: dict[str, int] = {}

    def _row(self, slug: str) -> ProjectRow:
        query = (
            select(ProjectRow)
            .where(ProjectRow.slug == slug)
            .options(
                selectinload(ProjectRow.members),
                selectinload(ProjectRow.services),
                selectinload(ProjectRow.participations),
            )
        )
        row = self.session.scalars(query).one_or_none()
        if row is None:
            raise model.NotFound(f"Fant ikke samarbeidsprosjektet «{slug}».")
        return row

    def project_id(self, slug: str) -> int:
        """Database id of a project (for rows that hang below it); one light query per slug."""
        if slug not in self._ids:
            found = self.session.scalar(select(ProjectRow.id).where(ProjectRow.slug == slug))
            if found is None:
                raise model.NotFound(f"Fant ikke samarbeidsprosjektet «{slug}».")
            self._ids[slug] = found
        return self._ids[slug]

    def exists(self, slug: str) -> bool:
        """True if a project with this slug exists."""
        query = select(ProjectRow.id).where(ProjectRow.slug == slug)
        return self.session.scalar(query) is not None

    def get(self, slug: str) -> model.CooperationProject:
        """Return one project or raise ``NotFound``."""
        return _project(self._row(slug))

    def list(self) -> list[model.CooperationProject]:
        """All projects, by name."""
        query = (
            select(ProjectRow)
            .order_by(ProjectRow.name)
            .options(
                selectinload(ProjectRow.members),
                selectinload(ProjectRow.services),
                selectinload(ProjectRow.participations),
            )
        )
        return [_project(r) for r in self.session.scalars(query)]

    def add(self, project: model.CooperationProject) -> None:
        """Add a new project (its services must be in the catalogue)."""
        if self.exists(project.slug):
            raise model.InvalidData(f"Prosjektet «{project.slug}» finnes allerede.")
        row = ProjectRow(
            slug=project.slug,
            name=project.name,
            description=project.description,
            decided_on=project.decided_on,
        )
        row.members = [ProjectMemberRow(municipality=m) for m in project.municipalities]
        row.services = [
            ProjectServiceRow(service=s.code, position=i) for i, s in enumerate(project.services)
        ]
        row.participations = [
            ParticipationRow(service=code, municipality=m)
            for code, members in sorted(project.participants.items())
            for m in sorted(members)
        ]
        self.session.add(row)
        self.session.flush()


def _project(row: ProjectRow) -> model.CooperationProject:
    participants: dict[str, set[str]] = {}
    for p in row.participations:
        participants.setdefault(p.service, set()).add(p.municipality)
    return model.CooperationProject(
        slug=row.slug,
        name=row.name,
        municipalities=tuple(m.municipality for m in row.members),
        services=tuple(s.service_row.to_domain() for s in row.services),
        participants={k: frozenset(v) for k, v in participants.items()},
        description=row.description,
        decided_on=row.decided_on,
        version=row.version,
    )


class BaselineRepository:
    """Baselines per municipality × service × year."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(
        self,
        municipalities: Iterable[str],
        services: Iterable[str],
        year: int | None = None,
    ) -> list[model.Baseline]:
        """Baselines for these municipalities and services (one year, or all years)."""
        query = select(BaselineRow).where(
            BaselineRow.municipality.in_(sorted(set(municipalities))),
            BaselineRow.service.in_(sorted(set(services))),
        )
        if year is not None:
            query = query.where(BaselineRow.year == year)
        query = query.order_by(BaselineRow.service, BaselineRow.municipality, BaselineRow.year)
        return [r.to_domain() for r in self.session.scalars(query)]

    def replace(self, baseline: model.Baseline) -> None:
        """Add a baseline or replace the one for the same municipality, service and year."""
        self.session.merge(BaselineRow.to_row(baseline))


class PolicyRepository:
    """Personnel policies of a project, by name."""

    def __init__(self, session: Session, projects: ProjectRepository) -> None:
        self.session = session
        self.projects = projects

    def list(self, slug: str) -> list[model.PersonnelPolicy]:
        """All policies of a project, by name."""
        query = (
            select(PolicyRow)
            .where(PolicyRow.project_id == self.projects.project_id(slug))
            .order_by(PolicyRow.name)
        )
        return [r.to_domain() for r in self.session.scalars(query)]

    def get(self, slug: str, name: str) -> model.PersonnelPolicy:
        """One policy or ``NotFound``."""
        row = self.session.get(PolicyRow, (self.projects.project_id(slug), name))
        if row is None:
            raise model.NotFound(f"Fant ikke de personalpolitiske retningslinjene «{name}».")
        return row.to_domain()

    def add(self, slug: str, policy: model.PersonnelPolicy) -> None:
        """Add a policy to a project."""
        row = PolicyRow(project_id=self.projects.project_id(slug))
        row.update_from(policy)
        self.session.add(row)


class CostKeyRepository:
    """Cost keys of a project, by name, with optimistic locking."""

    def __init__(self, session: Session, projects: ProjectRepository) -> None:
        self.session = session
        self.projects = projects

    def list(self, slug: str) -> list[model.CostKey]:
        """All cost keys of a project, by name."""
        query = (
            select(CostKeyRow)
            .where(CostKeyRow.project_id == self.projects.project_id(slug))
            .order_by(CostKeyRow.name)
        )
        return [r.to_domain() for r in self.session.scalars(query)]

    def _row(self, slug: str, name: str) -> CostKeyRow:
        row = self.session.get(CostKeyRow, (self.projects.project_id(slug), name))
        if row is None:
            raise model.NotFound(f"Fant ikke fordelingsnøkkelen «{name}».")
        return row

    def get(self, slug: str, name: str) -> model.CostKey:
        """One cost key or ``NotFound``."""
        return self._row(slug, name).to_domain()

    def add(self, slug: str, key: model.CostKey) -> None:
        """Add a cost key to a project."""
        row = CostKeyRow(project_id=self.projects.project_id(slug))
        row.update_from(key)
        self.session.add(row)

    def save(self, slug: str, key: model.CostKey, expected_version: int) -> None:
        """Overwrite a cost key unless someone changed it since ``expected_version``."""
        row = self._row(slug, key.name)
        where = [CostKeyRow.project_id == row.project_id, CostKeyRow.name == row.name]
        _bump(self.session, CostKeyRow, where, expected_version, f"Nøkkelen «{key.name}»")
        self.session.expire(row, ["version"])
        row.update_from(key)
        self.session.flush()


class ScenarioRepository:
    """Placement options (scenarios) of a project, by name, with optimistic locking."""

    def __init__(self, session: Session, projects: ProjectRepository) -> None:
        self.session = session
        self.projects = projects

    def _row(self, slug: str, name: str) -> ScenarioRow:
        query = (
            select(ScenarioRow)
            .where(
                ScenarioRow.project_id == self.projects.project_id(slug),
                ScenarioRow.name == name,
            )
            .options(selectinload(ScenarioRow.arrangements))
        )
        row = self.session.scalars(query).one_or_none()
        if row is None:
            raise model.NotFound(f"Fant ikke alternativet «{name}».")
        return row

    def get(self, slug: str, name: str) -> model.Scenario:
        """One scenario or ``NotFound``."""
        return _scenario(slug, self._row(slug, name))

    def list(self, slug: str) -> list[model.Scenario]:
        """All scenarios of a project, by name."""
        query = (
            select(ScenarioRow)
            .where(ScenarioRow.project_id == self.projects.project_id(slug))
            .order_by(ScenarioRow.name)
            .options(selectinload(ScenarioRow.arrangements))
        )
        return [_scenario(slug, r) for r in self.session.scalars(query)]

    def names(self, slug: str) -> tuple[str, ...]:
        """Names of a project's scenarios, sorted (one query, no arrangements)."""
        query = (
            select(ScenarioRow.name)
            .join(ProjectRow, ProjectRow.id == ScenarioRow.project_id)
            .where(ProjectRow.slug == slug)
            .order_by(ScenarioRow.name)
        )
        return tuple(self.session.scalars(query))

    def add(self, scenario: model.Scenario) -> None:
        """Add a new scenario; the name must be free within the project."""
        project_id = self.projects.project_id(scenario.project)
        taken = select(ScenarioRow.id).where(
            ScenarioRow.project_id == project_id, ScenarioRow.name == scenario.name
        )
        if self.session.scalar(taken) is not None:
            raise model.InvalidData(f"Alternativet «{scenario.name}» finnes allerede.")
        row = ScenarioRow(project_id=project_id)
        _fill(row, scenario)
        self.session.add(row)
        self.session.flush()

    def save(self, scenario: model.Scenario, expected_version: int) -> None:
        """Overwrite a scenario unless someone changed it since ``expected_version``."""
        row = self._row(scenario.project, scenario.name)
        what = f"Alternativet «{scenario.name}»"
        _bump(self.session, ScenarioRow, [ScenarioRow.id == row.id], expected_version, what)
        self.session.expire(row, ["version"])
        self.session.execute(delete(ArrangementRow).where(ArrangementRow.scenario_id == row.id))
        self.session.expire(row, ["arrangements"])
        _fill(row, scenario)
        self.session.flush()


def _bump(
    session: Session,
    table: type[ScenarioRow] | type[CostKeyRow],
    where: Sequence[ColumnElement[bool]],
    expected_version: int,
    what: str,
) -> None:
    """Raise a row's version by one, atomically, only if it is still ``expected_version``."""
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(table)
        .where(*where, table.version == expected_version)
        .values(version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise model.ConcurrentEdit(what)


def _fill(row: ScenarioRow, scenario: model.Scenario) -> None:
    row.name = scenario.name
    row.policy = scenario.policy
    row.description = scenario.description
    row.arrangements = [ArrangementRow.to_row(a, i) for i, a in enumerate(scenario.arrangements)]


def _scenario(slug: str, row: ScenarioRow) -> model.Scenario:
    arrangements: Sequence[ArrangementRow] = row.arrangements
    return model.Scenario(
        project=slug,
        name=row.name,
        arrangements=tuple(a.to_domain() for a in arrangements),
        policy=row.policy,
        description=row.description,
        version=row.version,
    )
