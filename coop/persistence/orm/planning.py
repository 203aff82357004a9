"""A project's planning choices: policies, cost keys, scenarios, and proposals to change them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop.domain import model
from coop.domain.costs import key_model
from coop.domain.transition import policy_model
from coop.persistence.orm.base import Base, Fte, Money


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
