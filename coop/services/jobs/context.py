"""What a running job sees: its record, its owner as an actor, progress and cancel checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coop.domain.access import Actor
from coop.domain.jobs import Job
from coop.persistence.unit_of_work import UnitOfWork

UowFactory = Callable[[], UnitOfWork]


class JobCancelled(Exception):  # noqa: N818 - a signal, not an error
    """Raised inside a job when its owner asked it to stop."""


@dataclass(frozen=True)
class JobContext:
    """A job's record and owner, and a fresh unit of work per step (one per thread)."""

    job: Job
    actor: Actor
    uow_factory: UowFactory

    def uow(self) -> UnitOfWork:
        """A new unit of work for this job's thread."""
        return self.uow_factory()

    def progress(self, text: str) -> None:
        """Tell the user how far the job has come; stop here if cancel was asked for."""
        with self.uow_factory() as uow:
            uow.jobs.set_progress(self.job.id, text)
            cancelled = uow.jobs.cancel_requested(self.job.id)
            uow.commit()
        if cancelled:
            raise JobCancelled
