"""Travel in the database: the shared network, and what each project entered for its members."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coop.domain.travel.links import LinkMode, TravelLink
from coop.persistence.orm.projects import ProjectTravelLinkRow
from coop.persistence.orm.register import TravelLinkRow


class ProjectIds(Protocol):
    """A slug's database id (the project repository)."""

    def project_id(self, slug: str) -> int:
        """The id of the project with this slug, or ``NotFound``."""
        ...


def _link(r: TravelLinkRow | ProjectTravelLinkRow) -> TravelLink:
    return TravelLink(
        origin=r.origin,
        destination=r.destination,
        km=r.km,
        minutes=r.minutes,
        mode=LinkMode(r.mode),
        fare_nok=r.fare_nok,
        wait_min=r.wait_min,
        basis=r.basis,
        season=r.season or "",
    )


def _fields(k: TravelLink) -> dict[str, object]:
    return {
        "origin": k.origin,
        "destination": k.destination,
        "km": k.km,
        "minutes": k.minutes,
        "mode": k.mode.value,
        "fare_nok": k.fare_nok,
        "wait_min": k.wait_min,
        "basis": k.basis,
        "season": k.season,
    }


class TravelLinkRepository:
    """Travel links between admin centres and extra nodes (ferry quays, islands)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self) -> list[TravelLink]:
        """All links, sorted by their ends."""
        query = select(TravelLinkRow).order_by(TravelLinkRow.origin, TravelLinkRow.destination)
        return [_link(r) for r in self.session.scalars(query)]

    def add(self, link: TravelLink) -> None:
        """Add one link to the shared network (the caller checked it is new)."""
        self.session.add(TravelLinkRow(**_fields(link)))
        self.session.flush()

    def replace_all(self, links: Iterable[TravelLink]) -> None:
        """Replace the whole network (inside the caller's unit of work)."""
        self.session.execute(delete(TravelLinkRow))
        self.session.add_all(TravelLinkRow(**_fields(k)) for k in links)
        self.session.flush()


class ProjectTravelRepository:
    """Links a project entered between two of its members (one row per direction given)."""

    def __init__(self, session: Session, projects: ProjectIds) -> None:
        self.session = session
        self.projects = projects

    def list(self, slug: str) -> list[TravelLink]:
        """The project's entered links, by their ends."""
        query = (
            select(ProjectTravelLinkRow)
            .where(ProjectTravelLinkRow.project_id == self.projects.project_id(slug))
            .order_by(ProjectTravelLinkRow.origin, ProjectTravelLinkRow.destination)
        )
        return [_link(r) for r in self.session.scalars(query)]

    def put(self, slug: str, link: TravelLink) -> TravelLink | None:
        """Enter or replace one pair (both directions); return what it replaced."""
        pid = self.projects.project_id(slug)
        before = None
        for a, b in ((link.origin, link.destination), (link.destination, link.origin)):
            row = self.session.get(ProjectTravelLinkRow, (pid, a, b))
            if row is not None:
                before = before or _link(row)
                self.session.delete(row)
        self.session.flush()
        self.session.add(ProjectTravelLinkRow(project_id=pid, **_fields(link)))
        self.session.flush()
        return before

    def remove(self, slug: str, a: str, b: str) -> TravelLink | None:
        """Forget what was entered for a pair (the estimate or network applies again)."""
        pid = self.projects.project_id(slug)
        before = None
        for x, y in ((a, b), (b, a)):
            row = self.session.get(ProjectTravelLinkRow, (pid, x, y))
            if row is not None:
                before = before or _link(row)
                self.session.delete(row)
        self.session.flush()
        return before

    def remove_member(self, slug: str, number: str) -> None:
        """Drop every link of a member that leaves the project."""
        pid = self.projects.project_id(slug)
        self.session.execute(
            delete(ProjectTravelLinkRow).where(
                ProjectTravelLinkRow.project_id == pid,
                (ProjectTravelLinkRow.origin == number)
                | (ProjectTravelLinkRow.destination == number),
            )
        )
