"""Run one queued job to its end: claim it, run its kind, store the result or the error.

The same function runs in the in-process thread and in an RQ worker, so both behave alike.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from allocation.games.game import GameError
from allocation.solver import Infeasible, SolverFailed
from coop.domain.errors import CoopError
from coop.domain.jobs import JobStatus
from coop.services.jobs.context import JobCancelled, JobContext, UowFactory
from coop.services.jobs.kinds import JobKinds

log = logging.getLogger(__name__)
UNEXPECTED = (
    "Jobben stoppet på grunn av en uventet feil (referanse {ref}). Prøv igjen, eller gi "
    "referansen til den som drifter coop."
)


def _end(
    uow_factory: UowFactory, job_id: str, status: JobStatus, result: object = None, error: str = ""
) -> JobStatus:
    with uow_factory() as uow:
        ended = uow.jobs.finish(job_id, status, datetime.now(UTC), result, error)  # type: ignore[arg-type]
        current = status if ended else uow.jobs.get(job_id).status
        uow.commit()
    return current


def execute_job(job_id: str, uow_factory: UowFactory, kinds: JobKinds) -> JobStatus:
    """Run a queued job of one of ``kinds``; its final status (a cancelled job is not started)."""
    with uow_factory() as uow:
        claimed = uow.jobs.claim(job_id, datetime.now(UTC))
        job = uow.jobs.get(job_id)
        owner = uow.users.by_username(job.owner)
        uow.commit()
    if not claimed:
        return job.status
    if owner is None or not owner.active:
        message = f"Brukeren «{job.owner}» finnes ikke lenger eller er deaktivert."
        return _end(uow_factory, job_id, JobStatus.FAILED, error=message)
    kind = kinds.get(job.kind)
    if kind is None:
        message = f"Ukjent jobbtype «{job.kind}»."
        return _end(uow_factory, job_id, JobStatus.FAILED, error=message)
    try:
        result = kind.run(JobContext(job, owner.actor, uow_factory))
    except JobCancelled:
        return _end(uow_factory, job_id, JobStatus.CANCELLED, error="Avbrutt på forespørsel.")
    except (CoopError, GameError, Infeasible, SolverFailed) as error:  # bokmål messages
        message = getattr(error, "message", None) or str(error)
        return _end(uow_factory, job_id, JobStatus.FAILED, error=message)
    except Exception:  # noqa: BLE001 - a job must end with a status, whatever happened
        ref = job_id[:8]
        log.exception("Jobb %s (%s) feilet", job_id, job.kind)
        return _end(uow_factory, job_id, JobStatus.FAILED, error=UNEXPECTED.format(ref=ref))
    return _end(uow_factory, job_id, JobStatus.DONE, result=dict(result))
