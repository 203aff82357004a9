"""Background job records in the database, so every worker process can answer their status.

State changes are conditional updates (``WHERE status = …``): a job is claimed once, and a
cancelled job is never started or overwritten by a late result.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coop.domain.errors import NotFound
from coop.domain.jobs import MAX_ERROR_CHARS, MAX_PROGRESS_CHARS, Job, JobStatus
from coop.persistence.orm.jobs import JobRow

UNFINISHED = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)


def _aware(at: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


def _job(r: JobRow) -> Job:
    return Job(
        id=r.id,
        kind=r.kind,
        owner=r.owner,
        project=r.project,
        params=r.params,
        status=JobStatus(r.status),
        created_at=_aware(r.created_at) or r.created_at,
        time_limit_s=r.time_limit_s,
        progress=r.progress,
        result=r.result,
        error=r.error,
        started_at=_aware(r.started_at),
        finished_at=_aware(r.finished_at),
        cancel_requested=r.cancel_requested,
    )


class JobRepository:
    """Jobs by id; the newest of an owner or a project."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, job: Job) -> None:
        """Store a new job."""
        self.session.add(
            JobRow(
                id=job.id,
                kind=job.kind,
                owner=job.owner,
                project=job.project,
                params=dict(job.params),
                status=job.status.value,
                progress=job.progress[:MAX_PROGRESS_CHARS],
                result=None,
                error="",
                time_limit_s=job.time_limit_s,
                cancel_requested=False,
                created_at=job.created_at,
            )
        )
        self.session.flush()

    def get(self, job_id: str) -> Job:
        """One job, or ``NotFound``."""
        row = self.session.get(JobRow, job_id[:32])
        if row is None:
            raise NotFound("Fant ikke jobben.")
        return _job(row)

    def list(self, owner: str | None = None, limit: int = 50) -> list[Job]:
        """The newest jobs (of one owner when given)."""
        query = select(JobRow)
        if owner is not None:
            query = query.where(JobRow.owner == owner)
        rows = self.session.scalars(query.order_by(JobRow.created_at.desc()).limit(limit))
        return [_job(r) for r in rows]

    def unfinished(self, owner: str) -> int:
        """How many of an owner's jobs are queued or running."""
        query = select(func.count()).where(JobRow.owner == owner, JobRow.status.in_(UNFINISHED))
        return int(self.session.scalar(query) or 0)

    def _move(self, job_id: str, from_status: tuple[str, ...], **values: Any) -> bool:
        result = self.session.execute(
            update(JobRow)
            .where(JobRow.id == job_id, JobRow.status.in_(from_status))
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def claim(self, job_id: str, at: datetime) -> bool:
        """Mark a queued job running; False if it was cancelled (or claimed) meanwhile."""
        return self._move(
            job_id, (JobStatus.QUEUED.value,), status=JobStatus.RUNNING.value, started_at=at
        )

    def set_progress(self, job_id: str, text: str) -> None:
        """Record how far a running job has come."""
        self._move(job_id, UNFINISHED, progress=text[:MAX_PROGRESS_CHARS])

    def finish(
        self,
        job_id: str,
        status: JobStatus,
        at: datetime,
        result: Mapping[str, Any] | None = None,
        error: str = "",
    ) -> bool:
        """End an unfinished job; False if it had already ended (e.g. was cancelled)."""
        return self._move(
            job_id,
            UNFINISHED,
            status=status.value,
            finished_at=at,
            result=None if result is None else dict(result),
            error=error[:MAX_ERROR_CHARS],
        )

    def request_cancel(self, job_id: str, at: datetime) -> JobStatus:
        """Cancel a queued job at once; ask a running one to stop. Return the new status."""
        if self._move(
            job_id,
            (JobStatus.QUEUED.value,),
            status=JobStatus.CANCELLED.value,
            finished_at=at,
            cancel_requested=True,
        ):
            return JobStatus.CANCELLED
        self._move(job_id, (JobStatus.RUNNING.value,), cancel_requested=True)
        return self.get(job_id).status

    def cancel_requested(self, job_id: str) -> bool:
        """True when someone asked this job to stop."""
        query = select(JobRow.cancel_requested).where(JobRow.id == job_id)
        return bool(self.session.scalar(query))
