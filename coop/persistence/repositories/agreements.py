"""Saved agreement versions and council decisions: the repository over their rows.

A version is stored with its canonical text, content hash and a JSON snapshot of the inputs
it was built from (``coop.domain.agreements.codec``); a decision is stored against a version hash.
Arrangements are keyed by project, scenario name and service code, as on the screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coop.domain.agreements.adoption import Adoption, AgreementVersion
from coop.domain.agreements.codec import inputs_from_json, inputs_to_json
from coop.domain.agreements.draft import DraftStatus
from coop.domain.agreements.drafting import AgreementInputs
from coop.domain.errors import ConcurrentEdit, NotFound
from coop.persistence.orm.agreements import AdoptionRow, AgreementVersionRow
from coop.persistence.orm.projects import ProjectRow

Arrangement = tuple[str, str]  # (scenario name, service code)


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """A saved version with who saved it, its status and the inputs it was built from."""

    scenario: str
    service: str
    version: AgreementVersion
    decided_on: date
    status: DraftStatus
    saved_by: str
    saved_at: datetime
    inputs: AgreementInputs

    @property
    def number(self) -> int:
        """Version number, from 1."""
        return self.version.number

    @property
    def content_hash(self) -> str:
        """SHA-256 of the canonical text."""
        return self.version.content_hash


def _stored(row: AgreementVersionRow) -> StoredVersion:
    version = AgreementVersion(
        row.number,
        row.content_hash,
        row.text,
        tuple(row.participants.split()),
        row.saved_at.date(),
    )
    return StoredVersion(
        row.scenario,
        row.service,
        version,
        row.decided_on,
        DraftStatus(row.status),
        row.saved_by,
        row.saved_at,
        inputs_from_json(row.inputs),
    )


class AgreementRepository:
    """Versions and decisions per (project, scenario, service)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _project_id(self, slug: str) -> int:
        project_id = self.session.scalar(select(ProjectRow.id).where(ProjectRow.slug == slug))
        if project_id is None:
            raise NotFound(f"Fant ikke samarbeidsprosjektet «{slug}».")
        return project_id

    def _where(self, slug: str, scenario: str, service: str, table: Any) -> list[Any]:
        return [
            table.project_id == self._project_id(slug),
            table.scenario == scenario,
            table.service == service,
        ]

    def versions(self, slug: str, scenario: str, service: str) -> list[StoredVersion]:
        """Every saved version, oldest first."""
        query = (
            select(AgreementVersionRow)
            .where(*self._where(slug, scenario, service, AgreementVersionRow))
            .order_by(AgreementVersionRow.number)
        )
        return [_stored(r) for r in self.session.scalars(query)]

    def latest(self, slug: str, scenario: str, service: str) -> StoredVersion | None:
        """The newest version, or None before the first save."""
        query = (
            select(AgreementVersionRow)
            .where(*self._where(slug, scenario, service, AgreementVersionRow))
            .order_by(AgreementVersionRow.number.desc())
            .limit(1)
        )
        row = self.session.scalars(query).first()
        return _stored(row) if row else None

    def get(self, slug: str, scenario: str, service: str, number: int) -> StoredVersion:
        """One version by number, or ``NotFound``."""
        query = select(AgreementVersionRow).where(
            *self._where(slug, scenario, service, AgreementVersionRow),
            AgreementVersionRow.number == number,
        )
        row = self.session.scalars(query).first()
        if row is None:
            raise NotFound(f"Fant ikke versjon {number} av avtalen for «{service}» i «{scenario}».")
        return _stored(row)

    def latest_by_arrangement(self, slug: str) -> dict[Arrangement, StoredVersion]:
        """The newest version of every arrangement in a project that has one."""
        query = (
            select(AgreementVersionRow)
            .where(AgreementVersionRow.project_id == self._project_id(slug))
            .order_by(AgreementVersionRow.number)
        )
        return {(r.scenario, r.service): _stored(r) for r in self.session.scalars(query)}

    def add(
        self,
        slug: str,
        scenario: str,
        version: AgreementVersion,
        inputs: AgreementInputs,
        status: DraftStatus,
        saved_by: str,
        saved_at: datetime,
    ) -> None:
        """Store a new version; a clash on its number means someone saved at the same time."""
        row = AgreementVersionRow(
            project_id=self._project_id(slug),
            scenario=scenario,
            service=inputs.arrangement.service,
            number=version.number,
            content_hash=version.content_hash,
            text=version.text,
            participants=" ".join(version.participants),
            decided_on=inputs.decided_on,
            inputs=inputs_to_json(inputs),
            status=status.value,
            saved_by=saved_by,
            saved_at=saved_at,
        )
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError as error:
            raise ConcurrentEdit("Avtaleutkastet") from error

    def set_status(
        self, slug: str, scenario: str, service: str, number: int, status: DraftStatus
    ) -> None:
        """Change the status of one version (e.g. to «klar til vedtak»)."""
        self.get(slug, scenario, service, number)  # raises NotFound
        self.session.execute(
            update(AgreementVersionRow)
            .where(
                *self._where(slug, scenario, service, AgreementVersionRow),
                AgreementVersionRow.number == number,
            )
            .values(status=status.value)
            .execution_options(synchronize_session=False)
        )

    def adoptions(self, slug: str, scenario: str, service: str) -> list[Adoption]:
        """Every recorded decision on this arrangement, by meeting date."""
        query = (
            select(AdoptionRow)
            .where(*self._where(slug, scenario, service, AdoptionRow))
            .order_by(AdoptionRow.meeting_date, AdoptionRow.id)
        )
        return [r.to_domain() for r in self.session.scalars(query)]

    def adoptions_by_arrangement(self, slug: str) -> dict[Arrangement, list[Adoption]]:
        """Recorded decisions of a whole project, grouped by arrangement."""
        query = (
            select(AdoptionRow)
            .where(AdoptionRow.project_id == self._project_id(slug))
            .order_by(AdoptionRow.meeting_date, AdoptionRow.id)
        )
        out: dict[Arrangement, list[Adoption]] = {}
        for row in self.session.scalars(query):
            out.setdefault((row.scenario, row.service), []).append(row.to_domain())
        return out

    def add_adoption(
        self,
        slug: str,
        scenario: str,
        service: str,
        adoption: Adoption,
        recorded_by: str,
        recorded_at: datetime,
    ) -> None:
        """Record one decision."""
        self.session.add(
            AdoptionRow(
                project_id=self._project_id(slug),
                scenario=scenario,
                service=service,
                version_hash=adoption.version_hash,
                participant=adoption.participant,
                body=adoption.body.value,
                meeting_date=adoption.meeting_date,
                case_number=adoption.case_number.strip(),
                outcome=adoption.outcome.value,
                recorded_by=recorded_by,
                recorded_at=recorded_at,
            )
        )
        self.session.flush()
