"""A project and what hangs on it: members, scope, participation, access, travel, assumptions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop.persistence.orm.base import Base, Money
from coop.persistence.orm.register import ServiceRow


class ProjectRow(Base):
    """A cooperation project; members and per-service participation hang below it."""

    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    package_condition: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    created_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    members: Mapped[list[ProjectMemberRow]] = relationship(
        cascade="all, delete-orphan", order_by="ProjectMemberRow.municipality"
    )
    services: Mapped[list[ProjectServiceRow]] = relationship(
        cascade="all, delete-orphan", order_by="ProjectServiceRow.position"
    )
    participations: Mapped[list[ParticipationRow]] = relationship(cascade="all, delete-orphan")


class ProjectMemberRow(Base):
    """A municipality that is part of a project."""

    __tablename__ = "project_members"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    municipality: Mapped[str] = mapped_column(ForeignKey("municipalities.number"), primary_key=True)


class ProjectServiceRow(Base):
    """A service in a project's scope, in display order."""

    __tablename__ = "project_services"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    service: Mapped[str] = mapped_column(ForeignKey("services.code"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    service_row: Mapped[ServiceRow] = relationship(lazy="joined")


class ParticipationRow(Base):
    """Which municipality takes part in which service of a project (per-service opt-in)."""

    __tablename__ = "participations"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    service: Mapped[str] = mapped_column(ForeignKey("services.code"), primary_key=True)
    municipality: Mapped[str] = mapped_column(ForeignKey("municipalities.number"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="deltar", server_default="deltar")
    joined_on: Mapped[date | None] = mapped_column(Date)


class ProjectTravelLinkRow(Base):
    """Travel between two members as a project entered it (replaces the estimate)."""

    __tablename__ = "project_travel_links"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    origin: Mapped[str] = mapped_column(String(60), primary_key=True)
    destination: Mapped[str] = mapped_column(String(60), primary_key=True)
    km: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    minutes: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    mode: Mapped[str] = mapped_column(String(20))
    fare_nok: Mapped[Decimal] = mapped_column(Money)
    wait_min: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    basis: Mapped[str] = mapped_column(String(200))
    season: Mapped[str] = mapped_column(String(40), default="")


class AssumptionsRow(Base):
    """A project's planning assumptions; per-service trips and per-field bases as JSON."""

    __tablename__ = "planning_assumptions"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    baseline_year: Mapped[int] = mapped_column(Integer)
    budget_year: Mapped[int] = mapped_column(Integer)
    horizon_years: Mapped[int] = mapped_column(Integer)
    discount_rate_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    efficiency_gain_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    cost_per_fte_nok: Mapped[Decimal] = mapped_column(Money)
    fixed_host_cost_nok: Mapped[Decimal] = mapped_column(Money)
    trips: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    bases: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)


class ProjectAccessRow(Base):
    """A user who may see and work on a project (admins see every project)."""

    __tablename__ = "project_access"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(100), primary_key=True)
