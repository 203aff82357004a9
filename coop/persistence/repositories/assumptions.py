"""A project's planning assumptions in the database, saved with optimistic locking."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from sqlalchemy.orm import Session

from coop.domain import errors
from coop.domain.assumptions import PlanningAssumptions
from coop.persistence.orm.projects import AssumptionsRow


class ProjectIds(Protocol):
    """A slug's database id (the project repository)."""

    def project_id(self, slug: str) -> int:
        """The id of the project with this slug, or ``NotFound``."""
        ...


class AssumptionsRepository:
    """One row of assumptions per project."""

    def __init__(self, session: Session, projects: ProjectIds) -> None:
        self.session = session
        self.projects = projects

    def find(self, slug: str) -> PlanningAssumptions | None:
        """The project's saved assumptions, or None when it never saved any."""
        row = self.session.get(AssumptionsRow, self.projects.project_id(slug))
        if row is None:
            return None
        return PlanningAssumptions(
            baseline_year=row.baseline_year,
            budget_year=row.budget_year,
            horizon_years=row.horizon_years,
            discount_rate_pct=Decimal(row.discount_rate_pct),
            efficiency_gain_pct=Decimal(row.efficiency_gain_pct),
            cost_per_fte_nok=Decimal(row.cost_per_fte_nok),
            trips_per_partner={k: int(v) for k, v in (row.trips or {}).items()},
            fixed_host_cost_nok=Decimal(row.fixed_host_cost_nok),
            bases=dict(row.bases or {}),
            version=row.version,
        )

    def save(self, slug: str, a: PlanningAssumptions, expected_version: int | None) -> int:
        """Store ``a``; ``expected_version`` None for the first save. Return the new version."""
        pid = self.projects.project_id(slug)
        row = self.session.get(AssumptionsRow, pid)
        if row is None:
            if expected_version not in (None, 0):
                raise errors.ConcurrentEdit("Forutsetningene")
            row = AssumptionsRow(project_id=pid, version=0)
            self.session.add(row)
        elif expected_version is not None and row.version != expected_version:
            raise errors.ConcurrentEdit("Forutsetningene")
        row.baseline_year = a.baseline_year
        row.budget_year = a.budget_year
        row.horizon_years = a.horizon_years
        row.discount_rate_pct = a.discount_rate_pct
        row.efficiency_gain_pct = a.efficiency_gain_pct
        row.cost_per_fte_nok = a.cost_per_fte_nok
        row.fixed_host_cost_nok = a.fixed_host_cost_nok
        row.trips = dict(sorted(a.trips_per_partner.items()))
        row.bases = dict(sorted(a.bases.items()))
        row.version = (row.version or 0) + 1
        self.session.flush()
        return row.version
