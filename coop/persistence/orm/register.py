"""Rows every project shares: municipalities, services, baselines, catalogue, travel network."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from coop.domain import model
from coop.persistence.orm.base import Base, Fte, Money


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


class CatalogueEntryRow(Base):
    """One service of the catalogue in coop's catalogue format (JSON), as an admin left it."""

    __tablename__ = "catalogue_entries"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
