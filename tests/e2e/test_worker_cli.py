"""``coop worker``: refuses without Redis (jobs run in the web process then); with Redis and
``--burst`` it runs a queued placement job against the database and stops."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from coop.domain.access import Actor, Role
from coop.domain.jobs import JobStatus
from coop.services.jobs.placement_job import request_to_json
from coop.services.jobs.records import job_status, start_job
from coop.services.jobs.runners import RqRunner
from coop.services.placement.request import PlacementRequest
from web import create_app
from web.cli import main

from ..integration.test_jobs import REDIS_URL, _redis_or_skip

STEERING = Actor("styring", Role.STEERING)


def test_without_redis_the_worker_explains_that_none_is_needed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/w.sqlite"
    result = CliRunner().invoke(main, ["worker", "--database", url], env={"COOP_REDIS_URL": ""})
    assert result.exit_code == 2
    assert "uten Redis kjører jobbene i webprosessen" in result.output


def test_the_worker_runs_a_queued_job_in_burst_mode(tmp_path: Path, app_template: Path) -> None:
    _redis_or_skip()
    shutil.copy(app_template, tmp_path / "w.sqlite")
    url = f"sqlite:///{tmp_path}/w.sqlite"
    queue = f"coop-test-{uuid.uuid4().hex[:8]}"
    app = create_app({"DATABASE_URL": url, "REDIS_URL": REDIS_URL, "JOB_QUEUE": queue})
    runner = app.extensions["coop.jobs"]
    assert isinstance(runner, RqRunner)
    uow = app.extensions["coop.uow"]
    params = {"request": request_to_json(PlacementRequest(top=1, time_limit_s=10))}
    try:
        job = start_job("placement", params, "astafjord-2007", STEERING, uow(), runner)
        env = {"COOP_REDIS_URL": REDIS_URL, "COOP_JOB_QUEUE": queue}
        result = CliRunner().invoke(main, ["worker", "--burst", "--database", url], env=env)
        assert result.exit_code == 0, result.output
        done = job_status(job.id, STEERING, uow())
        assert done.status is JobStatus.DONE, done.error
        assert set(done.result["best"]["hosts"]) == {  # type: ignore[index]
            "barnevern", "ikt-drift", "regnskap-lonn", "skatt-innfordring", "kart-oppmaling",
        }  # fmt: skip
    finally:
        runner.queue.delete(delete_jobs=True)
        app.extensions["coop.engine"].dispose()


@pytest.fixture(autouse=True)
def _no_inherited_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COOP_REDIS_URL", raising=False)
