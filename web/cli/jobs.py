"""``coop worker``: run background jobs from the Redis queue (RQ) against coop's database."""

from __future__ import annotations

import os

import click
from flask import Flask

from coop.services.jobs.runners import configure_worker
from web.cli.support import fail, with_app


@click.command("worker")
@click.option("--burst", is_flag=True, help="Kjør jobbene som står i køen, og avslutt.")
@with_app
def worker(app: Flask, burst: bool) -> None:
    """Kjør bakgrunnsjobber fra Redis-køen (krever COOP_REDIS_URL)."""
    url = app.config["REDIS_URL"]
    if not url:
        fail(
            "COOP_REDIS_URL er ikke satt: uten Redis kjører jobbene i webprosessen, "
            "og det trengs ingen egen jobbkjører.",
            2,
        )
    from redis import Redis
    from rq import Worker

    configure_worker(app.extensions["coop.uow"], app.extensions["coop.jobs"].kinds)
    engine = app.extensions["coop.engine"]
    # RQ forks a work horse per job: it must open its own connections, not share the parent's.
    os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))
    connection = Redis.from_url(url)
    click.echo(f"Jobbkjører for køen «{app.config['JOB_QUEUE']}» på {url.split('@')[-1]}.")
    Worker([app.config["JOB_QUEUE"]], connection=connection).work(burst=burst)
