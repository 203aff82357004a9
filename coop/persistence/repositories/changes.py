"""The change log in the database: append and read, never update or delete."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.domain.changes import Change
from coop.persistence.orm.records import ChangeRow


class ChangeLogRepository:
    """Append-only: this class has no way to change or remove a line."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, change: Change) -> None:
        """Append one line (written with the change it records, in the same transaction)."""
        self.session.add(
            ChangeRow(
                at=change.at,
                actor=change.actor,
                project=change.project,
                kind=change.kind,
                key=change.key[:200],
                field=change.field[:100],
                old=change.old,
                new=change.new,
                reason=change.reason,
            )
        )

    def list(
        self,
        project: str | None = None,
        kind: str | None = None,
        key: str | None = None,
        limit: int = 500,
    ) -> list[Change]:
        """Newest first, filtered by project, kind and key."""
        query = select(ChangeRow).order_by(ChangeRow.at.desc(), ChangeRow.id.desc())
        if project is not None:
            query = query.where(ChangeRow.project == project)
        if kind is not None:
            query = query.where(ChangeRow.kind == kind)
        if key is not None:
            query = query.where(ChangeRow.key == key)
        return [
            Change(
                at=r.at if r.at.tzinfo else r.at.replace(tzinfo=UTC),
                actor=r.actor,
                kind=r.kind,
                key=r.key,
                field=r.field,
                old=r.old,
                new=r.new,
                project=r.project,
                reason=r.reason,
            )
            for r in self.session.scalars(query.limit(limit))
        ]
