"""SQLAlchemy 2 rows for the domain, with explicit row ↔ domain mapping; no rules here."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    text,
    true,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from coop.domain import model
from coop.domain.agreements.adoption import Adoption, AdoptionBody, Outcome
from coop.domain.costs import key_model
from coop.domain.transition import policy_model

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
Money = Numeric(14, 2)
Fte = Numeric(6, 2)


class Base(DeclarativeBase):
    """Declarative base with a naming convention so Alembic names are stable."""

    metadata = MetaData(naming_convention=NAMING)


class MunicipalityRow(Base):
    """One municipality of the register (kommunenummer as a string)."""

    __tablename__ = "municipalities"
    number: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    county: Mapped[str] = mapped_column(String(100))
    population: Mapped[int] = mapped_column(Integer)
    population_date: Mapped[date] = mapped_column(Date)
    admin_centre: Mapped[str] = mapped_column(String(100))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    coordinate_basis: Mapped[str] = mapped_column(String(100))
    employer_tax_zone: Mapped[str | None] = mapped_column(String(4))
    employer_tax_pct: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    chief_title: Mapped[str] = mapped_column(String(40))

    def to_domain(self) -> model.Municipality:
        """Return the domain object."""
        return model.Municipality(
            number=self.number,
            name=self.name,
            county=self.county,
            population=self.population,
            population_date=self.population_date,
            admin_centre=self.admin_centre,
            lat=self.lat,
            lon=self.lon,
            coordinate_basis=self.coordinate_basis,
            employer_tax_zone=self.employer_tax_zone,
            employer_tax_pct=self.employer_tax_pct,
            chief_title=self.chief_title,
        )

    @classmethod
    def to_row(cls, m: model.Municipality) -> MunicipalityRow:
        """Return a row for the domain object."""
        return cls(
            number=m.number,
            name=m.name,
            county=m.county,
            population=m.population,
            population_date=m.population_date,
            admin_centre=m.admin_centre,
            lat=m.lat,
            lon=m.lon,
            coordinate_basis=m.coordinate_basis,
            employer_tax_zone=m.employer_tax_zone,
            employer_tax_pct=m.employer_tax_pct,
            chief_title=m.chief_title,
        )


class ServiceRow(Base):
    """A service in the shared catalogue (code is the natural key)."""

    __tablename__ = "services"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kostra_functions: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str | None] = mapped_column(String(40))  # slug of the project that made it

    def to_domain(self) -> model.Service:
        """Return the domain object."""
        functions = tuple(f for f in self.kostra_functions.split(",") if f)
        return model.Service(self.code, self.name, functions, self.description, self.owner)

    @classmethod
    def to_row(cls, s: model.Service) -> ServiceRow:
        """Return a row for the domain object."""
        return cls(
            code=s.code,
            name=s.name,
            kostra_functions=",".join(s.kostra_functions),
            description=s.description,
            owner=s.owner,
        )


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


class BaselineRow(Base):
    """One municipality's FTE and cost for one service in one year."""

    __tablename__ = "baselines"
    municipality: Mapped[str] = mapped_column(ForeignKey("municipalities.number"), primary_key=True)
    service: Mapped[str] = mapped_column(ForeignKey("services.code"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    fte: Mapped[Decimal] = mapped_column(Fte)
    headcount: Mapped[int] = mapped_column(Integer)
    gross_cost_nok: Mapped[Decimal] = mapped_column(Money)
    pay_cost_nok: Mapped[Decimal] = mapped_column(Money)
    usage: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    basis: Mapped[str] = mapped_column(String(300))
    pass_through_nok: Mapped[Decimal] = mapped_column(Money, default=Decimal(0), server_default="0")
    field_basis: Mapped[dict[str, str]] = mapped_column(
        JSON, default=dict, server_default=text("'{}'")
    )
    source: Mapped[str] = mapped_column(String(300), default="", server_default="")

    def to_domain(self) -> model.Baseline:
        """Return the domain object."""
        return model.Baseline(
            municipality=self.municipality,
            service=self.service,
            year=self.year,
            fte=self.fte,
            headcount=self.headcount,
            gross_cost_nok=self.gross_cost_nok,
            pay_cost_nok=self.pay_cost_nok,
            usage={k: Decimal(v) for k, v in (self.usage or {}).items()},
            basis=self.basis,
            pass_through_nok=self.pass_through_nok,
            field_basis=dict(self.field_basis or {}),
            source=self.source,
        )

    @classmethod
    def to_row(cls, b: model.Baseline) -> BaselineRow:
        """Return a row for the domain object."""
        return cls(
            municipality=b.municipality,
            service=b.service,
            year=b.year,
            fte=b.fte,
            headcount=b.headcount,
            gross_cost_nok=b.gross_cost_nok,
            pay_cost_nok=b.pay_cost_nok,
            usage={k: str(v) for k, v in b.usage.items()},
            basis=b.basis,
            pass_through_nok=b.pass_through_nok,
            field_basis=dict(b.field_basis),
            source=b.source,
        )


class PolicyRow(Base):
    """A project's personnel policy; bands as JSON pairs of decimal strings."""

    __tablename__ = "personnel_policies"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    bands: Mapped[list[list[str]]] = mapped_column(JSON)
    grant_years: Mapped[int] = mapped_column(Integer)
    yearly: Mapped[bool] = mapped_column(Boolean)
    one_way_km: Mapped[bool] = mapped_column(Boolean)
    relocation_nok: Mapped[Decimal] = mapped_column(Money)
    relocation_share: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    transition_grant_nok: Mapped[Decimal] = mapped_column(Money)
    description: Mapped[str] = mapped_column(Text, default="")
    threshold_inclusive: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    transition_grant_to: Mapped[str] = mapped_column(
        String(20), default="alle", server_default="alle"
    )

    def to_domain(self) -> policy_model.PersonnelPolicy:
        """Return the domain object."""
        return policy_model.PersonnelPolicy(
            name=self.name,
            bands=tuple(policy_model.TravelBand(Decimal(k), Decimal(n)) for k, n in self.bands),
            grant_years=self.grant_years,
            yearly=self.yearly,
            one_way_km=self.one_way_km,
            relocation_nok=self.relocation_nok,
            relocation_share=self.relocation_share,
            transition_grant_nok=self.transition_grant_nok,
            description=self.description,
            threshold_inclusive=self.threshold_inclusive,
            transition_grant_to=self.transition_grant_to,
        )

    def update_from(self, p: policy_model.PersonnelPolicy) -> None:
        """Copy every field of the domain object into this row."""
        self.name = p.name
        self.bands = [[str(b.from_km), str(b.grant_nok)] for b in p.bands]
        self.grant_years = p.grant_years
        self.yearly = p.yearly
        self.one_way_km = p.one_way_km
        self.relocation_nok = p.relocation_nok
        self.relocation_share = p.relocation_share
        self.transition_grant_nok = p.transition_grant_nok
        self.description = p.description
        self.threshold_inclusive = p.threshold_inclusive
        self.transition_grant_to = p.transition_grant_to


class CostKeyRow(Base):
    """A project's cost key; components as JSON."""

    __tablename__ = "cost_keys"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    components: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    population_date: Mapped[date | None] = mapped_column(Date)
    host_overhead_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    description: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    def to_domain(self) -> key_model.CostKey:
        """Return the domain object."""
        components = tuple(
            key_model.KeyComponent(
                kind=key_model.KeyKind(c["kind"]),
                weight=Decimal(c["weight"]),
                metric=c.get("metric"),
                fixed_shares={k: Decimal(v) for k, v in c.get("fixed_shares", {}).items()},
            )
            for c in self.components
        )
        return key_model.CostKey(
            name=self.name,
            components=components,
            population_date=self.population_date,
            host_overhead_pct=self.host_overhead_pct,
            description=self.description,
            version=self.version,
        )

    def update_from(self, k: key_model.CostKey) -> None:
        """Copy every field of the domain object into this row (version excepted)."""
        self.name = k.name
        self.components = [
            {
                "kind": c.kind.value,
                "weight": str(c.weight),
                "metric": c.metric,
                "fixed_shares": {m: str(v) for m, v in c.fixed_shares.items()},
            }
            for c in k.components
        ]
        self.population_date = k.population_date
        self.host_overhead_pct = k.host_overhead_pct
        self.description = k.description


class ScenarioRow(Base):
    """A named placement option of a project."""

    __tablename__ = "scenarios"
    __table_args__ = (UniqueConstraint("project_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    name: Mapped[str] = mapped_column(String(100))
    policy: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    arrangements: Mapped[list[ArrangementRow]] = relationship(
        cascade="all, delete-orphan", order_by="ArrangementRow.position"
    )


class ArrangementRow(Base):
    """How one service is organised in a scenario."""

    __tablename__ = "arrangements"
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), primary_key=True)
    service: Mapped[str] = mapped_column(ForeignKey("services.code"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(ForeignKey("municipalities.number"))
    participants: Mapped[str] = mapped_column(String(500))
    legal_form: Mapped[str] = mapped_column(String(10))
    joint_fte: Mapped[Decimal] = mapped_column(Fte)
    local_fte: Mapped[Decimal] = mapped_column(Fte)
    cost_key: Mapped[str | None] = mapped_column(String(100))

    def to_domain(self) -> model.ServiceArrangement:
        """Return the domain object."""
        return model.ServiceArrangement(
            service=self.service,
            host=self.host,
            participants=frozenset(self.participants.split()),
            legal_form=model.LegalForm(self.legal_form),
            joint_fte=self.joint_fte,
            local_fte=self.local_fte,
            cost_key=self.cost_key,
        )

    @classmethod
    def to_row(cls, a: model.ServiceArrangement, position: int) -> ArrangementRow:
        """Return a row for the domain object."""
        return cls(
            service=a.service,
            position=position,
            host=a.host,
            participants=" ".join(sorted(a.participants)),
            legal_form=a.legal_form.value,
            joint_fte=a.joint_fte,
            local_fte=a.local_fte,
            cost_key=a.cost_key,
        )


class TravelLinkRow(Base):
    """One road, ferry or bridge/tunnel link of the shared travel network."""

    __tablename__ = "travel_links"
    origin: Mapped[str] = mapped_column(String(60), primary_key=True)
    destination: Mapped[str] = mapped_column(String(60), primary_key=True)
    km: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    minutes: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    mode: Mapped[str] = mapped_column(String(20))
    fare_nok: Mapped[Decimal] = mapped_column(Money)
    wait_min: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    basis: Mapped[str] = mapped_column(String(200))
    season: Mapped[str] = mapped_column(String(40), default="", server_default="")


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


class CatalogueEntryRow(Base):
    """One service of the catalogue in coop's catalogue format (JSON), as an admin left it."""

    __tablename__ = "catalogue_entries"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ProcessRecordRow(Base):
    """A project's process record (plan, groups, staff log, savings, money, goals) as JSON."""

    __tablename__ = "process_records"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ProposalRow(Base):
    """A proposed change to something that moves partners' money, waiting for a decision."""

    __tablename__ = "proposals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    base_version: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(500), default="")
    proposed_by: Mapped[str] = mapped_column(String(100))
    proposed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="til behandling")
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ProjectAccessRow(Base):
    """A user who may see and work on a project (admins see every project)."""

    __tablename__ = "project_access"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(100), primary_key=True)


class ChangeRow(Base):
    """One line of the append-only change log."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_project_at", "project", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(100))
    project: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(100))
    old: Mapped[str] = mapped_column(Text)
    new: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(500), default="")


class BudgetImportRow(Base):
    """One committed budget import: the original file, its SHA-256, who, when, what it replaced.

    Every import is kept; the newest for a municipality, year and kind is the one in force.
    """

    __tablename__ = "budget_imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("budget_imports.id"))
    municipality: Mapped[str] = mapped_column(ForeignKey("municipalities.number"))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    encoding: Mapped[str] = mapped_column(String(40))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)


class HeaderMappingRow(Base):
    """A municipality's saved answer to «which column is what» for its ERP export."""

    __tablename__ = "header_mappings"
    municipality: Mapped[str] = mapped_column(ForeignKey("municipalities.number"), primary_key=True)
    mapping: Mapped[dict[str, str]] = mapped_column(JSON)


class FunctionMappingRow(Base):
    """A municipality's own KOSTRA function → service map, valid from a year (versioned)."""

    __tablename__ = "function_mappings"
    municipality: Mapped[str] = mapped_column(ForeignKey("municipalities.number"), primary_key=True)
    valid_from: Mapped[int] = mapped_column(Integer, primary_key=True)
    rules: Mapped[list[list[str]]] = mapped_column(JSON)


class UserRow(Base):
    """A user: hashed password, role and (for finance) the municipalities they act for."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    municipalities: Mapped[str] = mapped_column(String(500), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # bumped by logout, a password change or deactivation: older session cookies stop working
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ApiTokenRow(Base):
    """A user's API token: only its SHA-256 is kept, with a label and when it was last used."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LoginFailureRow(Base):
    """A failed login (user name as typed, client address), kept for the throttling window.

    In the database, not in a worker's memory, so every gunicorn worker counts the same.
    """

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class JobRow(Base):
    """A background job: kind, owner, project, status, progress, JSON result or error."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_owner_created_at", "owner", "created_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    owner: Mapped[str] = mapped_column(String(100))
    project: Mapped[str | None] = mapped_column(String(40))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    progress: Mapped[str] = mapped_column(String(500), default="")
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str] = mapped_column(String(2000), default="")
    time_limit_s: Mapped[float] = mapped_column(Float)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


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


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets foreign keys on, PostgreSQL uses psycopg 3."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
