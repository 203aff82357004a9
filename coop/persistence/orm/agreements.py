"""Saved versions of a service's agreement and each body's decision to adopt one."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coop.domain.agreements.adoption import Adoption, AdoptionBody, Outcome
from coop.persistence.orm.base import Base


class AgreementVersionRow(Base):
    """One saved version of the agreement for a service in a scenario."""

    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("project_id", "scenario", "service", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    scenario: Mapped[str] = mapped_column(String(100))
    service: Mapped[str] = mapped_column(ForeignKey("services.code"))
    number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    participants: Mapped[str] = mapped_column(String(500))
    decided_on: Mapped[date] = mapped_column(Date)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    saved_by: Mapped[str] = mapped_column(String(100))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AdoptionRow(Base):
    """One body's decision on one version (by hash) for one participant."""

    __tablename__ = "agreement_adoptions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    scenario: Mapped[str] = mapped_column(String(100))
    service: Mapped[str] = mapped_column(ForeignKey("services.code"))
    version_hash: Mapped[str] = mapped_column(String(64))
    participant: Mapped[str] = mapped_column(ForeignKey("municipalities.number"))
    body: Mapped[str] = mapped_column(String(20))
    meeting_date: Mapped[date] = mapped_column(Date)
    case_number: Mapped[str] = mapped_column(String(50))
    outcome: Mapped[str] = mapped_column(String(30))
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    def to_domain(self) -> Adoption:
        """Return the domain object."""
        return Adoption(
            participant=self.participant,
            body=AdoptionBody(self.body),
            meeting_date=self.meeting_date,
            case_number=self.case_number,
            outcome=Outcome(self.outcome),
            version_hash=self.version_hash,
        )
