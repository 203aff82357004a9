"""Repositories for what a steering group plans: personnel policies, cost keys, scenarios.

Cost keys and scenarios are edited by several people; their saves carry the version the
editor read and fail with ``ConcurrentEdit`` when someone saved in between.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import ColumnElement

from coop.domain import errors, model
from coop.domain.costs import key_model
from coop.domain.dependents import OptionReferences
from coop.domain.transition import policy_model
from coop.persistence.orm.planning import ArrangementRow, CostKeyRow, PolicyRow, ScenarioRow
from coop.persistence.orm.projects import ProjectRow
from coop.persistence.unreadable import loaded, readable


class ProjectIds(Protocol):
    """What these repositories need of the project repository: a slug's database id."""

    def project_id(self, slug: str) -> int:
        """The id of the project with this slug, or ``NotFound``."""
        ...


class PolicyRepository:
    """Personnel policies of a project, by name."""

    def __init__(self, session: Session, projects: ProjectIds) -> None:
        self.session = session
        self.projects = projects

    def list(self, slug: str) -> list[policy_model.PersonnelPolicy]:
        """All policies of a project, by name."""
        query = (
            select(PolicyRow)
            .where(PolicyRow.project_id == self.projects.project_id(slug))
            .order_by(PolicyRow.name)
        )
        return readable(
            self.session.scalars(query), PolicyRow.to_domain, "retningslinjer", slug, _name
        )

    def get(self, slug: str, name: str) -> policy_model.PersonnelPolicy:
        """One policy or ``NotFound``."""
        row = self.session.get(PolicyRow, (self.projects.project_id(slug), name))
        if row is None:
            raise errors.NotFound(f"Fant ikke de personalpolitiske retningslinjene «{name}».")
        return loaded(row, PolicyRow.to_domain, "retningslinjer", slug, name)

    def names(self, slug: str) -> tuple[str, ...]:
        """Names of every stored policy, readable or not."""
        query = select(PolicyRow.name).where(PolicyRow.project_id == self.projects.project_id(slug))
        return tuple(sorted(self.session.scalars(query)))

    def delete(self, slug: str, name: str) -> None:
        """Remove a policy (the use case has checked that nothing refers to it)."""
        row = self.session.get(PolicyRow, (self.projects.project_id(slug), name))
        if row is None:
            raise errors.NotFound(f"Fant ikke de personalpolitiske retningslinjene «{name}».")
        self.session.delete(row)
        self.session.flush()

    def add(self, slug: str, policy: policy_model.PersonnelPolicy) -> None:
        """Add a policy to a project."""
        row = PolicyRow(project_id=self.projects.project_id(slug))
        row.update_from(policy)
        self.session.add(row)


class CostKeyRepository:
    """Cost keys of a project, by name, with optimistic locking."""

    def __init__(self, session: Session, projects: ProjectIds) -> None:
        self.session = session
        self.projects = projects

    def list(self, slug: str) -> list[key_model.CostKey]:
        """All cost keys of a project, by name."""
        query = (
            select(CostKeyRow)
            .where(CostKeyRow.project_id == self.projects.project_id(slug))
            .order_by(CostKeyRow.name)
        )
        return readable(self.session.scalars(query), CostKeyRow.to_domain, "nokkel", slug, _name)

    def names(self, slug: str) -> tuple[str, ...]:
        """Names of every stored cost key, readable or not."""
        query = select(CostKeyRow.name).where(
            CostKeyRow.project_id == self.projects.project_id(slug)
        )
        return tuple(sorted(self.session.scalars(query)))

    def delete(self, slug: str, name: str) -> None:
        """Remove a cost key (the use case has checked that nothing refers to it)."""
        self.session.delete(self._row(slug, name))
        self.session.flush()

    def _row(self, slug: str, name: str) -> CostKeyRow:
        row = self.session.get(CostKeyRow, (self.projects.project_id(slug), name))
        if row is None:
            raise errors.NotFound(f"Fant ikke fordelingsnøkkelen «{name}».")
        return row

    def get(self, slug: str, name: str) -> key_model.CostKey:
        """One cost key or ``NotFound``."""
        row = self._row(slug, name)
        return loaded(row, CostKeyRow.to_domain, "nokkel", slug, name)

    def add(self, slug: str, key: key_model.CostKey) -> None:
        """Add a cost key to a project."""
        row = CostKeyRow(project_id=self.projects.project_id(slug))
        row.update_from(key)
        self.session.add(row)

    def save(self, slug: str, key: key_model.CostKey, expected_version: int) -> None:
        """Overwrite a cost key unless someone changed it since ``expected_version``."""
        row = self._row(slug, key.name)
        where = [CostKeyRow.project_id == row.project_id, CostKeyRow.name == row.name]
        _bump(self.session, CostKeyRow, where, expected_version, f"Nøkkelen «{key.name}»")
        self.session.expire(row, ["version"])
        row.update_from(key)
        self.session.flush()


class ScenarioRepository:
    """Placement options (scenarios) of a project, by name, with optimistic locking."""

    def __init__(self, session: Session, projects: ProjectIds) -> None:
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
            raise errors.NotFound(f"Fant ikke alternativet «{name}».")
        return row

    def get(self, slug: str, name: str) -> model.Scenario:
        """One scenario or ``NotFound``."""
        row = self._row(slug, name)
        return loaded(row, lambda r: _scenario(slug, r), "alternativ", slug, name)

    def list(self, slug: str) -> list[model.Scenario]:
        """All scenarios of a project, by name."""
        query = (
            select(ScenarioRow)
            .where(ScenarioRow.project_id == self.projects.project_id(slug))
            .order_by(ScenarioRow.name)
            .options(selectinload(ScenarioRow.arrangements))
        )
        rows = self.session.scalars(query)
        return readable(rows, lambda r: _scenario(slug, r), "alternativ", slug, _name)

    def references(self, slug: str) -> Sequence[OptionReferences]:
        """Per stored option, readable or not: (name, policy, ((service, cost key), …))."""
        query = (
            select(ScenarioRow)
            .where(ScenarioRow.project_id == self.projects.project_id(slug))
            .order_by(ScenarioRow.name)
            .options(selectinload(ScenarioRow.arrangements))
        )
        return [
            (r.name, r.policy, tuple((a.service, a.cost_key) for a in r.arrangements if a.cost_key))
            for r in self.session.scalars(query)
        ]

    def delete(self, slug: str, name: str) -> None:
        """Remove an option and its placements (the use case has checked what depends on it)."""
        self.session.delete(self._row(slug, name))  # its placements go with it (cascade)
        self.session.flush()

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
            raise errors.InvalidData(f"Alternativet «{scenario.name}» finnes allerede.")
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
        raise errors.ConcurrentEdit(what)


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


def _name(row: PolicyRow | CostKeyRow | ScenarioRow) -> str:
    return row.name
