"""Proposals and project access in the database."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coop.domain.errors import NotFound
from coop.domain.json_codec import cost_key_from_json, cost_key_to_json
from coop.domain.proposals import KeyProposal, ProposalStatus
from coop.persistence.orm.planning import ProposalRow
from coop.persistence.orm.projects import ProjectAccessRow, ProjectRow


class ProjectIds(Protocol):
    """A slug's database id (the project repository)."""

    def project_id(self, slug: str) -> int:
        """The id of the project with this slug, or ``NotFound``."""
        ...


class ProposalRepository:
    """Key proposals of a project, newest first."""

    def __init__(self, session: Session, projects: ProjectIds) -> None:
        self.session = session
        self.projects = projects

    def add(self, p: KeyProposal) -> int:
        """Store a new proposal; return its id."""
        row = ProposalRow(
            project_id=self.projects.project_id(p.project),
            kind="nokkel",
            name=p.key.name,
            data=cost_key_to_json(p.key),
            base_version=p.base_version,
            reason=p.reason,
            proposed_by=p.proposed_by,
            proposed_at=p.proposed_at,
            status=p.status.value,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def list(self, slug: str, name: str | None = None) -> list[KeyProposal]:
        """Every proposal of a project (for one key when ``name`` is given), newest first."""
        query = select(ProposalRow).where(ProposalRow.project_id == self.projects.project_id(slug))
        if name is not None:
            query = query.where(ProposalRow.name == name)
        rows = self.session.scalars(query.order_by(ProposalRow.id.desc()))
        return [self._proposal(slug, r) for r in rows]

    def get(self, slug: str, proposal_id: int) -> KeyProposal:
        """One proposal, or ``NotFound``."""
        row = self.session.get(ProposalRow, proposal_id)
        if row is None or row.project_id != self.projects.project_id(slug):
            raise NotFound(f"Fant ikke forslag nummer {proposal_id}.")
        return self._proposal(slug, row)

    def decide(
        self, slug: str, proposal_id: int, status: ProposalStatus, by: str, at: datetime
    ) -> None:
        """Record the steering group's decision."""
        row = self.session.get(ProposalRow, proposal_id)
        if row is None or row.project_id != self.projects.project_id(slug):
            raise NotFound(f"Fant ikke forslag nummer {proposal_id}.")
        row.status, row.decided_by, row.decided_at = status.value, by, at
        self.session.flush()

    @staticmethod
    def _proposal(slug: str, r: ProposalRow) -> KeyProposal:
        return KeyProposal(
            id=r.id,
            project=slug,
            key=cost_key_from_json(r.data),
            base_version=r.base_version,
            proposed_by=r.proposed_by,
            proposed_at=r.proposed_at,
            reason=r.reason,
            status=ProposalStatus(r.status),
            decided_by=r.decided_by,
            decided_at=r.decided_at,
        )


class ProjectAccessRepository:
    """Who may see which project."""

    def __init__(self, session: Session, projects: ProjectIds) -> None:
        self.session = session
        self.projects = projects

    def grant(self, slug: str, username: str) -> None:
        """Give a user access (idempotent)."""
        pid = self.projects.project_id(slug)
        if self.session.get(ProjectAccessRow, (pid, username)) is None:
            self.session.add(ProjectAccessRow(project_id=pid, username=username))
            self.session.flush()

    def revoke(self, slug: str, username: str) -> None:
        """Take a user's access away."""
        pid = self.projects.project_id(slug)
        self.session.execute(
            delete(ProjectAccessRow).where(
                ProjectAccessRow.project_id == pid, ProjectAccessRow.username == username
            )
        )

    def slugs(self, username: str) -> frozenset[str]:
        """The projects a user may see."""
        query = (
            select(ProjectRow.slug)
            .join(ProjectAccessRow, ProjectAccessRow.project_id == ProjectRow.id)
            .where(ProjectAccessRow.username == username)
        )
        return frozenset(self.session.scalars(query))

    def users(self, slug: str) -> tuple[str, ...]:
        """The users who may see a project, by name."""
        query = select(ProjectAccessRow.username).where(
            ProjectAccessRow.project_id == self.projects.project_id(slug)
        )
        return tuple(sorted(self.session.scalars(query)))
