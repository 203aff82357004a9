"""Committed budget imports with their files, and each municipality's saved column mappings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from coop.persistence.orm.base import Base


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
