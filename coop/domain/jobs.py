"""Background jobs: what a long task (solver, nucleolus, PDF, import) looks like to a user.

A job is queued, runs in a worker, and ends done, failed or cancelled. Its record lives in the
database so any web worker can answer «how far has it come?». Pure rules only: the clock is
passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

# A running job may overrun its own limit by this much (start-up, writing the result) before
# it is declared dead: its worker was killed or lost.
GRACE_S = 30.0
# A job nobody has picked up after this long has no worker (is ``coop worker`` running?).
QUEUE_PATIENCE_S = 600.0
MAX_PROGRESS_CHARS = 500
MAX_ERROR_CHARS = 2000


class JobStatus(StrEnum):
    """Where a job is in its life."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """Bokmål label."""
        return {
            JobStatus.QUEUED: "I kø",
            JobStatus.RUNNING: "Kjører",
            JobStatus.DONE: "Ferdig",
            JobStatus.FAILED: "Feilet",
            JobStatus.CANCELLED: "Avbrutt",
        }[self]

    @property
    def finished(self) -> bool:
        """True once the job will not change any more."""
        return self in (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class Job:
    """One background job: who started it, for which project, and how it went.

    ``params`` and ``result`` are plain JSON; ``error`` is a bokmål message a user can act on.
    ``cancel_requested`` asks a running job to stop at its next step.
    """

    id: str
    kind: str
    owner: str
    project: str | None
    params: Mapping[str, Any]
    status: JobStatus
    created_at: datetime
    time_limit_s: float
    progress: str = ""
    result: Mapping[str, Any] | None = None
    error: str = ""
    started_at: datetime | None = None
    finished_at: datetime | None = None
    cancel_requested: bool = False

    def __post_init__(self) -> None:
        if not 0 < self.time_limit_s <= 3600:
            raise ValueError("time_limit_s must be in (0, 3600]")


def lost_reason(job: Job, now: datetime) -> str | None:
    """Why a job that is not finished can no longer finish, or None while it still may.

    A running job past its time limit plus ``GRACE_S`` lost its worker; a queued job older
    than ``QUEUE_PATIENCE_S`` has none.
    """
    if job.status is JobStatus.RUNNING and job.started_at is not None:
        deadline = job.started_at + timedelta(seconds=job.time_limit_s + GRACE_S)
        if now > deadline:
            return (
                f"Jobben ble ikke ferdig innen tidsgrensen på {job.time_limit_s:.0f} sekunder "
                "(eller jobbkjøreren stoppet underveis). Prøv igjen, eventuelt med færre "
                "alternativer eller en kortere tidsgrense."
            )
    patience = timedelta(seconds=QUEUE_PATIENCE_S)
    if job.status is JobStatus.QUEUED and now > job.created_at + patience:
        return (
            f"Ingen jobbkjører tok jobben innen {QUEUE_PATIENCE_S / 60:.0f} minutter. "
            "Kontroller at «coop worker» kjører, og prøv igjen."
        )
    return None
