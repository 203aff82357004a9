"""Use cases: start a background job, read its status, cancel it.

Starting checks the role, the project and the parameters, stores the job and hands it to a
runner, and returns at once. Only the owner (and admins) see or cancel a job; others are told
it does not exist. Job records are the log of who ran what; they change no project data.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.jobs import Job, JobStatus, lost_reason
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.access import require_project
from coop.services.jobs.kinds import JobKinds


class JobRunner(Protocol):
    """Where queued jobs run: a thread in this process, or an RQ worker."""

    kinds: JobKinds  # what it can run

    def submit(self, job: Job) -> None:
        """Hand a stored, queued job over to be run."""
        ...


class QueueUnavailable(errors.CoopError):
    """The job could not be queued (e.g. Redis does not answer)."""


class TooManyJobs(errors.CoopError):
    """The user already has ``MAX_UNFINISHED_PER_USER`` jobs queued or running."""


# One user cannot fill the queue: a few jobs at a time each, the rest wait for the user.
MAX_UNFINISHED_PER_USER = 3


def start_job(
    kind: str,
    params: Mapping[str, Any],
    project: str | None,
    actor: Actor,
    uow: UnitOfWork,
    runner: JobRunner,
    now: datetime | None = None,
) -> Job:
    """Check, store and queue a job; return it (status ``queued``) without waiting."""
    spec = runner.kinds.get(kind)
    if spec is None:
        raise errors.InvalidData(f"Ukjent jobbtype «{kind[:40]}».")
    require_role(actor, *spec.roles)
    if project is not None:
        require_project(project, actor, uow)
    checked = spec.prepare(params)
    job = Job(
        id=uuid.uuid4().hex,
        kind=kind,
        owner=actor.username,
        project=project,
        params=checked,
        status=JobStatus.QUEUED,
        created_at=now or datetime.now(UTC),
        time_limit_s=spec.time_limit_s(checked),
        progress="Venter på en ledig jobbkjører …",
    )
    with uow:
        if uow.jobs.unfinished(actor.username) >= MAX_UNFINISHED_PER_USER:
            raise TooManyJobs(
                f"Du har allerede {MAX_UNFINISHED_PER_USER} jobber i kø eller i gang. Vent til "
                "en av dem er ferdig, eller avbryt en, og prøv igjen."
            )
        uow.jobs.add(job)
        uow.commit()
    try:
        runner.submit(job)
    except Exception as error:  # noqa: BLE001 - any queue failure ends the job, with a reason
        message = "Jobbkøen svarer ikke, så jobben ble ikke startet. Prøv igjen om litt."
        with uow:
            uow.jobs.finish(job.id, JobStatus.FAILED, datetime.now(UTC), None, message)
            uow.commit()
        raise QueueUnavailable(message) from error
    return job


def _visible(job: Job, actor: Actor) -> None:
    if job.owner != actor.username and actor.role is not Role.ADMIN:
        raise errors.NotFound("Fant ikke jobben.")


def job_status(job_id: str, actor: Actor, uow: UnitOfWork, now: datetime | None = None) -> Job:
    """A job as it stands; one that can no longer finish (lost worker) is marked failed."""
    with uow:
        job = uow.jobs.get(job_id)
        _visible(job, actor)
        reason = lost_reason(job, now or datetime.now(UTC))
        if reason is not None:
            uow.jobs.finish(job.id, JobStatus.FAILED, now or datetime.now(UTC), None, reason)
            job = uow.jobs.get(job_id)
            uow.commit()
    return job


def cancel_job(job_id: str, actor: Actor, uow: UnitOfWork, now: datetime | None = None) -> Job:
    """Cancel a queued job; ask a running one to stop at its next step (finished: no change)."""
    with uow:
        job = uow.jobs.get(job_id)
        _visible(job, actor)
        if not job.status.finished:
            status = uow.jobs.request_cancel(job_id, now or datetime.now(UTC))
            if status is JobStatus.RUNNING:
                uow.jobs.set_progress(job_id, "Avbryter ved neste trinn …")
            job = uow.jobs.get(job_id)
            uow.commit()
    return job


def list_jobs(actor: Actor, uow: UnitOfWork, limit: int = 50) -> list[Job]:
    """The actor's newest jobs (an admin sees everyone's)."""
    with uow:
        return uow.jobs.list(None if actor.role is Role.ADMIN else actor.username, limit)
