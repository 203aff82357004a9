"""Shared fixtures: databases (SQLite and PostgreSQL, migrated fresh), app, client, runner."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from hypothesis import settings
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from coop.persistence import migrate
from coop.persistence.orm import make_engine
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _postgres_or_skip() -> None:
    probe = make_engine(PG_URL)
    try:
        with probe.connect():
            return
    except OperationalError as error:
        reason = f"PostgreSQL på {PG_URL} svarer ikke: {str(error.orig).splitlines()[0]}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    finally:
        probe.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A freshly migrated database: a SQLite file, or a private schema in PostgreSQL."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path}/test.sqlite")
        yield eng
        eng.dispose()
        return
    _postgres_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    eng = make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def migrated(engine: Engine) -> Engine:
    """The engine with the schema at Alembic head."""
    migrate.upgrade(engine)
    return engine


@pytest.fixture
def uow(migrated: Engine) -> SqlAlchemyUnitOfWork:
    """A unit of work factory bound to a migrated database."""
    return SqlAlchemyUnitOfWork(sessionmaker(migrated))


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """The app on a migrated SQLite file with the demo data loaded."""
    from coop import services
    from web import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "DATABASE_URL": f"sqlite:///{tmp_path}/app.sqlite",
        }
    )
    migrate.upgrade(app.extensions["coop.engine"])
    services.load_demo(app.extensions["coop.uow"]())
    services.create_demo_users(app.extensions["coop.uow"]())
    return app


def login(client: FlaskClient, username: str) -> FlaskClient:
    """Log a demo user in through the login form (CSRF is off in TESTING only for this)."""
    from coop.services import DEMO_PASSWORD

    response = client.post("/logg-inn", data={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture
def anonymous(app: Flask) -> FlaskClient:
    """A client that is not logged in."""
    return app.test_client()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A client logged in as the demo admin."""
    return login(app.test_client(), "admin")


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """Flask CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def shared() -> Path:
    """The shared reference folder; skips the test when it is absent."""
    if not SHARED.exists():
        pytest.skip("../shared finnes ikke på denne maskinen")
    return SHARED
