"""Background jobs on SQLite and PostgreSQL: the in-process runner, RQ on Redis, cancel, limits.

A placement job must give what the transition report says of the 2007 decision (an independent
path: the report prices a saved option without the optimiser). Each runner gets units of work
of its own (one per thread), on the test's database.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from coop import services
from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData, NotFound
from coop.domain.jobs import GRACE_S, QUEUE_PATIENCE_S, Job, JobStatus
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.jobs import kinds
from coop.services.jobs.context import JobContext
from coop.services.jobs.execute import execute_job
from coop.services.jobs.placement_job import proposal_from_json, request_to_json
from coop.services.jobs.records import (
    MAX_UNFINISHED_PER_USER,
    QueueUnavailable,
    TooManyJobs,
    cancel_job,
    job_status,
    list_jobs,
    start_job,
)
from coop.services.jobs.runners import (
    RqRunner,
    ThreadRunner,
    configure_worker,
    unconfigure_worker,
)
from coop.services.placement.request import PlacementRequest

from ..conftest import QueueOnly

SLUG = "astafjord-2007"
ADMIN = Actor("jobb-admin", Role.ADMIN)
OTHER = Actor("jobb-styring", Role.STEERING)
DECIDED_2007 = {
    "barnevern": "5522",
    "ikt-drift": "5522",
    "regnskap-lonn": "5518",
    "skatt-innfordring": "5516",
    "kart-oppmaling": "5516",
}
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _users(uow: SqlAlchemyUnitOfWork, project: str | None = SLUG) -> None:
    services.create_first_admin(ADMIN.username, "jobb-passord-1", uow, "pbkdf2:sha256:1")
    services.create_user(
        OTHER.username, "jobb-passord-2", "styringsgruppe", uow, actor=ADMIN,
        hash_method="pbkdf2:sha256:1",
    )  # fmt: skip
    if project:
        services.grant_access(project, OTHER.username, ADMIN, uow)


def _fresh(uow: SqlAlchemyUnitOfWork) -> SqlAlchemyUnitOfWork:
    """A unit of work of its own on the same database (one per thread)."""
    return SqlAlchemyUnitOfWork(uow.session_factory)


def _placement_params() -> dict[str, Any]:
    req = PlacementRequest(locks=DECIDED_2007, top=1, time_limit_s=10)
    return {"request": request_to_json(req), "scenario": "Ordførergruppas forslag 2007"}


class Broken:
    """A runner whose queue is down."""

    kinds = kinds.CORE_KINDS

    def submit(self, job: Job) -> None:
        raise ConnectionError("Redis er nede")


@pytest.fixture
def jobs_db(demo: SqlAlchemyUnitOfWork) -> SqlAlchemyUnitOfWork:
    _users(demo)
    return demo


@pytest.fixture
def threads(jobs_db: SqlAlchemyUnitOfWork) -> Iterator[ThreadRunner]:
    runner = ThreadRunner(lambda: _fresh(jobs_db), kinds.CORE_KINDS, workers=1)
    yield runner
    runner.shutdown()


def test_a_placement_job_runs_in_a_thread_and_gives_the_2007_cost(
    jobs_db: SqlAlchemyUnitOfWork, threads: ThreadRunner
) -> None:
    job = start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, threads)
    assert job.status is JobStatus.QUEUED
    assert threads.wait(job.id, 120) is JobStatus.DONE
    done = job_status(job.id, OTHER, jobs_db)
    assert done.status is JobStatus.DONE
    assert done.started_at is not None
    assert done.finished_at is not None
    assert done.error == ""
    proposal = proposal_from_json(done.result or {})
    report = services.transition_cost(SLUG, "Ordførergruppas forslag 2007", jobs_db)
    assert dict(proposal.best.hosts) == DECIDED_2007
    assert proposal.best.objective_nok == report.total_nok
    assert [j.id for j in list_jobs(OTHER, jobs_db)] == [job.id]


def test_a_job_is_hidden_from_other_users_but_not_from_admin(
    jobs_db: SqlAlchemyUnitOfWork,
) -> None:
    job = start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, QueueOnly())
    with pytest.raises(NotFound):
        job_status(job.id, Actor("noen-andre", Role.STEERING), jobs_db)
    assert job_status(job.id, ADMIN, jobs_db).owner == OTHER.username
    assert list_jobs(Actor("noen-andre", Role.STEERING), jobs_db) == []


def test_bad_rules_are_refused_before_anything_is_queued(
    jobs_db: SqlAlchemyUnitOfWork,
) -> None:
    runner = QueueOnly()
    params = {"request": {**request_to_json(PlacementRequest()), "top": 0}}
    with pytest.raises(InvalidData, match="Antall alternativer må være fra 1 til 10"):
        start_job("placement", params, SLUG, OTHER, jobs_db, runner)
    with pytest.raises(InvalidData, match="Ukjent jobbtype"):
        start_job("kaffe", {}, SLUG, OTHER, jobs_db, runner)
    assert runner.jobs == []
    assert list_jobs(ADMIN, jobs_db) == []


def test_a_reader_may_not_start_the_optimiser(jobs_db: SqlAlchemyUnitOfWork) -> None:
    from coop.domain.access import Forbidden

    with pytest.raises(Forbidden):
        start_job(
            "placement", _placement_params(), SLUG, Actor("les", Role.READER), jobs_db, QueueOnly()
        )


def test_a_queue_that_is_down_fails_the_job_with_a_reason(
    jobs_db: SqlAlchemyUnitOfWork,
) -> None:
    with pytest.raises(QueueUnavailable, match="Jobbkøen svarer ikke"):
        start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, Broken())
    (job,) = list_jobs(OTHER, jobs_db)
    assert job.status is JobStatus.FAILED
    assert "Jobbkøen svarer ikke" in job.error


def test_cancelling_a_queued_job_means_it_never_runs(jobs_db: SqlAlchemyUnitOfWork) -> None:
    runner = QueueOnly()
    job = start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, runner)
    assert cancel_job(job.id, OTHER, jobs_db).status is JobStatus.CANCELLED
    assert execute_job(job.id, lambda: _fresh(jobs_db), kinds.CORE_KINDS) is JobStatus.CANCELLED
    after = job_status(job.id, OTHER, jobs_db)
    assert after.started_at is None
    assert after.result is None


def _waiting_kind(started: threading.Event, steps: list[int]) -> kinds.JobKind:
    """A job that reports progress every 10 ms until cancelled (at most 30 s)."""

    def run(ctx: JobContext) -> Mapping[str, Any]:
        for step in range(3000):
            steps.append(step)
            ctx.progress(f"Steg {step}")
            started.set()
            time.sleep(0.01)
        return {"ferdig": True}

    return kinds.JobKind("vent", "Venter", (Role.STEERING,), dict, lambda _p: 60.0, run)


@pytest.mark.commits  # the job's thread and the test use the database at the same time
def test_cancelling_a_running_job_stops_it_at_its_next_step(uow: SqlAlchemyUnitOfWork) -> None:
    _users(uow, project=None)
    started, steps = threading.Event(), []
    waiting = {**kinds.CORE_KINDS, "vent": _waiting_kind(started, steps)}
    threads = ThreadRunner(lambda: _fresh(uow), waiting, workers=1)
    job = start_job("vent", {}, None, OTHER, uow, threads)
    assert started.wait(30)
    assert job_status(job.id, OTHER, uow).progress.startswith("Steg ")
    cancel_job(job.id, OTHER, uow)
    assert threads.wait(job.id, 30) is JobStatus.CANCELLED
    threads.shutdown()
    after = job_status(job.id, OTHER, uow)
    assert after.status is JobStatus.CANCELLED
    assert after.result is None
    assert after.error == "Avbrutt på forespørsel."
    assert len(steps) < 3000


def test_a_job_that_overruns_its_limit_is_reported_failed(
    jobs_db: SqlAlchemyUnitOfWork,
) -> None:
    job = start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, QueueOnly())
    with _fresh(jobs_db) as uow:
        uow.jobs.claim(job.id, datetime.now(UTC))
        uow.commit()
    late = datetime.now(UTC) + timedelta(seconds=job.time_limit_s + GRACE_S + 1)
    assert job_status(job.id, OTHER, jobs_db).status is JobStatus.RUNNING
    failed = job_status(job.id, OTHER, jobs_db, now=late)
    assert failed.status is JobStatus.FAILED
    assert f"tidsgrensen på {job.time_limit_s:.0f} sekunder" in failed.error


def test_a_job_nobody_picks_up_is_reported_failed(jobs_db: SqlAlchemyUnitOfWork) -> None:
    job = start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, QueueOnly())
    late = job.created_at + timedelta(seconds=QUEUE_PATIENCE_S + 1)
    failed = job_status(job.id, OTHER, jobs_db, now=late)
    assert failed.status is JobStatus.FAILED
    assert "coop worker" in failed.error


def test_an_impossible_placement_fails_with_the_rule_named(
    jobs_db: SqlAlchemyUnitOfWork, threads: ThreadRunner
) -> None:
    req = PlacementRequest(max_services_hosted=1, max_net_loss_fte=0.5, time_limit_s=10)
    job = start_job("placement", {"request": request_to_json(req)}, SLUG, OTHER, jobs_db, threads)
    assert threads.wait(job.id, 120) is JobStatus.FAILED
    assert "største antall tjenester per vertskommune" in job_status(job.id, OTHER, jobs_db).error


def _redis_or_skip() -> None:
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisDown as error:
        reason = f"Redis på {REDIS_URL} svarer ikke: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def test_a_placement_job_runs_on_rq_with_a_simple_worker(jobs_db: SqlAlchemyUnitOfWork) -> None:
    _redis_or_skip()
    from rq import SimpleWorker

    runner = RqRunner(REDIS_URL, kinds.CORE_KINDS, queue=f"coop-test-{uuid.uuid4().hex[:8]}")
    configure_worker(lambda: _fresh(jobs_db), kinds.CORE_KINDS)
    try:
        job = start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, runner)
        assert job_status(job.id, OTHER, jobs_db).status is JobStatus.QUEUED
        worker = SimpleWorker([runner.queue], connection=runner.connection)
        assert worker.work(burst=True)
        done = job_status(job.id, OTHER, jobs_db)
        assert done.status is JobStatus.DONE, done.error
        proposal = proposal_from_json(done.result or {})
        assert dict(proposal.best.hosts) == DECIDED_2007
        assert (
            proposal.best.objective_nok
            == services.transition_cost(SLUG, "Ordførergruppas forslag 2007", jobs_db).total_nok
        )
        cancelled = start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, runner)
        cancel_job(cancelled.id, OTHER, jobs_db)
        worker.work(burst=True)
        assert job_status(cancelled.id, OTHER, jobs_db).status is JobStatus.CANCELLED
    finally:
        unconfigure_worker()
        runner.queue.delete(delete_jobs=True)


def test_one_user_cannot_fill_the_queue(jobs_db: SqlAlchemyUnitOfWork) -> None:
    runner = QueueOnly()
    queued = [
        start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, runner)
        for _ in range(MAX_UNFINISHED_PER_USER)
    ]
    with pytest.raises(TooManyJobs, match=f"allerede {MAX_UNFINISHED_PER_USER} jobber"):
        start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, runner)
    assert len(runner.jobs) == MAX_UNFINISHED_PER_USER
    start_job("placement", _placement_params(), SLUG, ADMIN, jobs_db, runner)  # others may
    cancel_job(queued[0].id, OTHER, jobs_db)
    start_job("placement", _placement_params(), SLUG, OTHER, jobs_db, runner)
