"""What happened: a project's process record and the append-only change log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coop.persistence.orm.base import Base


class ProcessRecordRow(Base):
    """A project's process record (plan, groups, staff log, savings, money, goals) as JSON."""

    __tablename__ = "process_records"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


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
