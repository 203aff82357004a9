"""A project's process record in the database: one JSON document with optimistic locking."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from coop.domain import errors
from coop.domain.process.codec import record_from_json, record_to_json
from coop.domain.process.record import ProcessRecord
from coop.persistence.orm.records import ProcessRecordRow


class ProjectIds(Protocol):
    """A slug's database id (the project repository)."""

    def project_id(self, slug: str) -> int:
        """The id of the project with this slug, or ``NotFound``."""
        ...


class ProcessRepository:
    """One process record per project; a project without one has an empty record."""

    def __init__(self, session: Session, projects: ProjectIds) -> None:
        self.session = session
        self.projects = projects

    def get(self, slug: str) -> ProcessRecord:
        """The saved record (version ≥ 1), or an empty one with version 0."""
        row = self.session.get(ProcessRecordRow, self.projects.project_id(slug))
        if row is None:
            return ProcessRecord()
        return record_from_json(row.data, row.version)

    def save(self, slug: str, record: ProcessRecord, by: str, at: datetime) -> int:
        """Store ``record`` if nobody saved since it was read; return the new version."""
        pid = self.projects.project_id(slug)
        row = self.session.get(ProcessRecordRow, pid)
        if row is None:
            if record.version != 0:
                raise errors.ConcurrentEdit("Prosessplanen")
            row = ProcessRecordRow(project_id=pid, version=0)
            self.session.add(row)
        elif row.version != record.version:
            raise errors.ConcurrentEdit("Prosessplanen")
        row.data = record_to_json(record)
        row.version = (row.version or 0) + 1
        row.updated_by, row.updated_at = by, at
        self.session.flush()
        return row.version
