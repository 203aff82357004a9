"""Job runners with one interface: a thread pool in this process, or RQ on Redis.

Without ``COOP_REDIS_URL`` jobs run in threads of the web process (``make run`` needs nothing
more); with it they go to an RQ queue that ``coop worker`` processes, so web workers only
start jobs and read their status. Either way the job record in the database is the truth.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any

from sqlalchemy.orm import sessionmaker

from coop.domain.jobs import GRACE_S, Job, JobStatus
from coop.persistence.orm.base import make_engine
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.jobs.context import UowFactory
from coop.services.jobs.execute import execute_job
from coop.services.jobs.kinds import JobKinds

QUEUE = "coop"
KEEP_RQ_RESULTS_S = 3600  # the database keeps the result; RQ's copy is only for debugging


class ThreadRunner:
    """Run jobs in a small pool of threads of this process (no Redis needed)."""

    def __init__(self, uow_factory: UowFactory, kinds: JobKinds, workers: int = 2) -> None:
        self.uow_factory = uow_factory
        self.kinds = kinds
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="coop-jobb")
        self.futures: dict[str, Future[JobStatus]] = {}

    def submit(self, job: Job) -> None:
        """Start the job in a thread as soon as one is free."""
        self.futures[job.id] = self.pool.submit(execute_job, job.id, self.uow_factory, self.kinds)

    def wait(self, job_id: str, timeout_s: float | None = None) -> JobStatus:
        """Block until the job has ended (tests and the CLI); its final status."""
        return self.futures.pop(job_id).result(timeout=timeout_s)

    def shutdown(self) -> None:
        """Let running jobs finish, start no more."""
        self.pool.shutdown(wait=True, cancel_futures=True)


class RqRunner:
    """Queue jobs on Redis for ``coop worker`` (RQ); the RQ job id is the job's id.

    ``kinds`` are those the worker runs (it builds the same app from the same configuration).
    """

    def __init__(self, redis_url: str, kinds: JobKinds, queue: str = QUEUE) -> None:
        self.kinds = kinds
        from redis import Redis
        from rq import Queue

        self.connection = Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
        self.queue = Queue(queue, connection=self.connection)

    def submit(self, job: Job) -> None:
        """Enqueue; RQ stops a work horse that runs past the job's limit."""
        self.queue.enqueue_call(
            run_job,
            args=(job.id,),
            timeout=int(job.time_limit_s + GRACE_S),
            job_id=job.id,
            result_ttl=KEEP_RQ_RESULTS_S,
            failure_ttl=KEEP_RQ_RESULTS_S,
            description=f"coop {job.kind} {job.project or ''}".strip(),
        )


_worker: tuple[UowFactory, JobKinds] | None = None


def configure_worker(uow_factory: UowFactory, kinds: JobKinds) -> None:
    """Tell this worker process its database and job kinds (``coop worker`` does this)."""
    global _worker
    _worker = (uow_factory, kinds)


def unconfigure_worker() -> None:
    """Forget the worker's database and kinds (tests)."""
    global _worker
    _worker = None


def database_uow_factory(url: str, **engine_args: Any) -> Callable[[], SqlAlchemyUnitOfWork]:
    """A unit-of-work factory on the database at ``url``."""
    return partial(SqlAlchemyUnitOfWork, sessionmaker(make_engine(url, **engine_args)))


def run_job(job_id: str) -> str:
    """RQ's entry point: run one job with this worker's database; its final status."""
    if _worker is None:
        raise RuntimeError("configure_worker() was not called in this worker process")
    return execute_job(job_id, *_worker).value
