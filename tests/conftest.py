"""Shared fixtures: databases (SQLite and PostgreSQL), app, client, runner.

Speed without sharing state between tests: the schema is migrated (and the register or the demo
loaded) once per session into template SQLite files that each test gets a copy of; PostgreSQL
tests share one migrated schema per session (per xdist worker) and run inside an outer
transaction that is rolled back, each unit of work a savepoint. An app on PostgreSQL (it commits
from its own sessions) gets a database cloned from a template database built once per session
(``CREATE DATABASE … TEMPLATE``, made ahead in a thread: ``ClonePool``). Tests hash passwords
with a cheap method.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from hypothesis import settings
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from coop.persistence import migrate
from coop.persistence.orm.base import make_engine
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
SHARED = Path(__file__).resolve().parents[2] / "shared"
# One PBKDF2 round: tests only. Deployments keep web.config's scrypt (test_password_hash.py).
CHEAP_HASH = "pbkdf2:sha256:1"
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hash() -> Iterator[None]:
    """Apps the tests build (CLI commands included) hash with ``CHEAP_HASH``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COOP_PASSWORD_HASH_METHOD", CHEAP_HASH)
        yield


@pytest.fixture(scope="session", autouse=True)
def _url_builders_compiled_once() -> Iterator[None]:
    """Every app the tests build compiles werkzeug's URL builders once per rule, not per app.

    ``create_app`` is most of the ``app`` fixture's cost: werkzeug generates and compiles two
    Python functions per route for ``url_for`` (about 300 per app, ~60 ms on a quiet core). The
    function is unbound (it reads the rule's converters through its ``self`` argument), so one
    compiled for a rule with the same text, trace and defaults serves every later app. Tests
    only: apps in production are built once.
    """
    from werkzeug.routing.rules import Rule

    compile_builder = Rule._compile_builder
    compiled: dict[object, Callable[..., tuple[str, str]]] = {}

    def once(rule: Rule, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
        defaults = tuple(sorted((rule.defaults or {}).items()))
        key = (rule.rule, tuple(rule._trace), defaults, append_unknown)
        try:
            return compiled[key]
        except KeyError:
            built = compiled[key] = compile_builder(rule, append_unknown)
            return built
        except TypeError:  # a default that cannot be a key: compile as werkzeug would
            return compile_builder(rule, append_unknown)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Rule, "_compile_builder", once)
        yield


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


@contextmanager
def _private_schema() -> Iterator[Engine]:
    """An engine on a new, empty PostgreSQL schema, dropped afterwards."""
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


def _pg_url(database: str) -> str:
    """PG_URL with another database name."""
    return make_url(PG_URL).set(database=database).render_as_string(hide_password=False)


def _pg_admin() -> Engine:
    """An engine outside transactions, for CREATE and DROP DATABASE."""
    return make_engine(PG_URL, isolation_level="AUTOCOMMIT")


@contextmanager
def _pg_template(fill: Callable[[SqlAlchemyUnitOfWork], None]) -> Iterator[str]:
    """A PostgreSQL database at Alembic head filled by ``fill``, to clone and never to open.

    Yields its name; dropped at the end. Each xdist worker builds its own (a template database
    cannot be cloned while another session is connected to it).
    """
    _postgres_or_skip()
    name = f"coop_tpl_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    try:
        eng = make_engine(_pg_url(name))
        migrate.upgrade(eng)
        fill(SqlAlchemyUnitOfWork(sessionmaker(eng)))
        eng.dispose()
        yield name
    finally:
        clones = _CLONES.pop(name, None)
        if clones is not None:
            clones.close()
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


class ClonePool:
    """Databases cloned from one template ahead of the tests that need them.

    ``CREATE DATABASE … TEMPLATE`` writes the whole template (~9 MB with its own catalogue)
    through the WAL and waits for the disk: 0,1–0,4 s, more while the other worker and Chromium
    load the machine, and the drop waits too. One thread per template clones the next database
    while a test runs and drops used ones after it, so a test only waits when it is ahead.
    """

    def __init__(self, template: str) -> None:
        self.template = template
        self.admin = _pg_admin()  # used from the pool's one thread only
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-clones")
        self.next: Future[str] = self.pool.submit(self._create)

    def _create(self) -> str:
        name = f"coop_t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as c:
            c.execute(text(f"CREATE DATABASE {name} TEMPLATE {self.template} STRATEGY WAL_LOG"))
        return name

    def _drop(self, name: str) -> None:
        with self.admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def take(self) -> str:
        """A fresh clone (waits for the one being made); the next one is started."""
        name = self.next.result()
        self.next = self.pool.submit(self._create)
        return name

    def give_back(self, name: str) -> None:
        """Drop a used clone once the thread gets to it."""
        self.pool.submit(self._drop, name)

    def close(self) -> None:
        """Drop the clone made ahead, wait for every drop, let go of the server."""
        self.pool.submit(self._drop, self.next.result())
        self.pool.submit(self.admin.dispose)
        self.pool.shutdown(wait=True)


_CLONES: dict[str, ClonePool] = {}


@contextmanager
def pg_clone(template: str) -> Iterator[str]:
    """A new PostgreSQL database cloned from ``template``; yields its URL, drops it afterwards."""
    if template not in _CLONES:
        _CLONES[template] = ClonePool(template)
    pool = _CLONES[template]
    name = pool.take()
    try:
        yield _pg_url(name)
    finally:
        pool.give_back(name)


def _register_and_users(uow: SqlAlchemyUnitOfWork) -> None:
    from coop import services

    services.load_register(uow)
    services.create_demo_users(uow, CHEAP_HASH)


def _demo_and_users(uow: SqlAlchemyUnitOfWork) -> None:
    from coop import services

    services.load_demo(uow)
    services.create_demo_users(uow, CHEAP_HASH)


@pytest.fixture(scope="session")
def pg_register_template() -> Iterator[str]:
    """A PostgreSQL template database with the register and the demo users (no projects)."""
    with _pg_template(_register_and_users) as name:
        yield name


@pytest.fixture(scope="session")
def pg_demo_template() -> Iterator[str]:
    """A PostgreSQL template database with the demo projects and the demo users."""
    with _pg_template(_demo_and_users) as name:
        yield name


def make_test_app(tmp_path: Path, database_url: str, **config: Any) -> Flask:
    """The app as tests build it: TESTING, CSRF off unless asked for, cheap password hashes."""
    from web import create_app

    settings = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "WTF_CSRF_ENABLED": False,
        "DATABASE_URL": database_url,
        "PASSWORD_HASH_METHOD": CHEAP_HASH,
    }
    app = create_app(settings | config)
    app.instance_path = str(tmp_path / "instance")  # pending uploads stay with the test
    return app


def close_test_app(app: Flask) -> None:
    """Background jobs end before their database goes; then the engine lets go."""
    runner = app.extensions["coop.jobs"]
    if hasattr(runner, "shutdown"):
        runner.shutdown()
    app.extensions["coop.engine"].dispose()


@contextmanager
def pg_test_app(tmp_path: Path, template: str, **config: Any) -> Iterator[Flask]:
    """The app on a fresh PostgreSQL database cloned from ``template``."""
    with pg_clone(template) as url:
        app = make_test_app(tmp_path, url, **config)
        try:
            yield app
        finally:
            close_test_app(app)


def _sqlite_copy(template: Path, target: Path) -> Engine:
    shutil.copy(template, target)
    return make_engine(f"sqlite:///{target}")


class LentSqlite:
    """One SQLite engine per name and xdist worker, on a fixed path; each test that borrows it
    gets a fresh copy of a template under that path.

    A new engine compiles every SQL statement again; a borrowed one keeps what earlier tests
    compiled. No connection stays open across the swap (disposed before and after).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.engines: dict[str, Engine] = {}

    @contextmanager
    def lend(self, name: str, template: Path) -> Iterator[Engine]:
        """The engine ``name`` on a fresh copy of ``template``."""
        path = self.folder / f"{name}.sqlite"
        if name not in self.engines:
            self.engines[name] = make_engine(f"sqlite:///{path}")
        engine = self.engines[name]
        engine.dispose()
        fresh = path.with_suffix(".next")
        shutil.copyfile(template, fresh)
        os.replace(fresh, path)
        try:
            yield engine
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def lent_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LentSqlite]:
    """This worker's borrowed SQLite engines."""
    lender = LentSqlite(tmp_path_factory.mktemp("lent"))
    yield lender
    for engine in lender.engines.values():
        engine.dispose()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at Alembic head, migrated once per session; copy it, never open it."""
    path = tmp_path_factory.mktemp("templates") / "migrated.sqlite"
    eng = make_engine(f"sqlite:///{path}")
    migrate.upgrade(eng)
    eng.dispose()
    return path


@pytest.fixture(scope="session")
def register_template(migrated_template: Path) -> Path:
    """The migrated template with the municipality register and service catalogue loaded."""
    from coop import services

    path = migrated_template.with_name("register.sqlite")
    eng = _sqlite_copy(migrated_template, path)
    services.load_register(SqlAlchemyUnitOfWork(sessionmaker(eng)))
    eng.dispose()
    return path


@pytest.fixture(scope="session")
def demo_template(migrated_template: Path) -> Path:
    """The migrated template with the demo projects loaded (no users)."""
    from coop import services

    path = migrated_template.with_name("demo.sqlite")
    eng = _sqlite_copy(migrated_template, path)
    services.load_demo(SqlAlchemyUnitOfWork(sessionmaker(eng)))
    eng.dispose()
    return path


@pytest.fixture(scope="session")
def app_template(demo_template: Path) -> Path:
    """The demo template plus the demo users (cheap hashes): where ``app`` starts from."""
    from coop import services

    path = demo_template.with_name("app.sqlite")
    eng = _sqlite_copy(demo_template, path)
    services.create_demo_users(SqlAlchemyUnitOfWork(sessionmaker(eng)), CHEAP_HASH)
    eng.dispose()
    return path


@pytest.fixture(params=DATABASES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database (for migration tests): a SQLite file, or a private PostgreSQL schema."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path}/test.sqlite")
        yield eng
        eng.dispose()
        return
    with _private_schema() as eng:
        yield eng


@pytest.fixture
def migrated(engine: Engine) -> Engine:
    """The engine with the schema at Alembic head."""
    migrate.upgrade(engine)
    return engine


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[Engine]:
    """One PostgreSQL schema per session (per xdist worker), migrated once, kept empty."""
    with _private_schema() as eng:
        migrate.upgrade(eng)
        yield eng


@contextmanager
def _filled_schema(fill: Callable[[SqlAlchemyUnitOfWork], object]) -> Iterator[Engine]:
    """A private schema at head with ``fill`` run once on it."""
    with _private_schema() as eng:
        migrate.upgrade(eng)
        fill(SqlAlchemyUnitOfWork(sessionmaker(eng)))
        yield eng


@pytest.fixture(scope="session")
def pg_demo_schema() -> Iterator[Engine]:
    """Like ``pg_schema``, with the demo projects loaded once."""
    from coop import services

    with _filled_schema(services.load_demo) as eng:
        yield eng


@pytest.fixture(scope="session")
def pg_register_schema() -> Iterator[Engine]:
    """Like ``pg_schema``, with the register loaded once."""
    from coop import services

    with _filled_schema(services.load_register) as eng:
        yield eng


@contextmanager
def _rolled_back(shared: Engine) -> Iterator[SqlAlchemyUnitOfWork]:
    """Units of work as savepoints in one outer transaction that is rolled back at the end."""
    with shared.connect() as connection:
        outer = connection.begin()
        factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        yield SqlAlchemyUnitOfWork(factory)
        outer.rollback()


@pytest.fixture(params=DATABASES)
def uow(request: pytest.FixtureRequest, migrated_template: Path) -> Iterator[SqlAlchemyUnitOfWork]:
    """A unit of work factory on a migrated, empty database of its own.

    SQLite: a copy of the template file. PostgreSQL: the session's schema inside an outer
    transaction rolled back after the test; every unit of work is a savepoint in it, so a commit
    is a RELEASE. Tests whose sessions must see each other's commits (racing writers) are marked
    ``commits`` and get a private schema instead.
    """
    if request.param == "sqlite":
        with request.getfixturevalue("lent_sqlite").lend("uow", migrated_template) as eng:
            yield SqlAlchemyUnitOfWork(sessionmaker(eng))
    elif request.node.get_closest_marker("commits"):
        with _private_schema() as eng:
            migrate.upgrade(eng)
            yield SqlAlchemyUnitOfWork(sessionmaker(eng))
    else:
        with _rolled_back(request.getfixturevalue("pg_schema")) as rolled_back:
            yield rolled_back


@contextmanager
def _isolated(
    request: pytest.FixtureRequest, template: Path, name: str, pg_schema_fixture: str
) -> Iterator[SqlAlchemyUnitOfWork]:
    """Isolated as ``uow`` is: a copy of the SQLite template, or a rolled-back transaction on
    the session's PostgreSQL schema filled the same way."""
    if request.param == "sqlite":
        with request.getfixturevalue("lent_sqlite").lend(name, template) as eng:
            yield SqlAlchemyUnitOfWork(sessionmaker(eng))
    else:
        with _rolled_back(request.getfixturevalue(pg_schema_fixture)) as rolled_back:
            yield rolled_back


@pytest.fixture(params=DATABASES)
def registered(
    request: pytest.FixtureRequest, register_template: Path
) -> Iterator[SqlAlchemyUnitOfWork]:
    """A unit of work factory on a database of its own with the register (no projects)."""
    with _isolated(request, register_template, "register", "pg_register_schema") as uow:
        yield uow


@pytest.fixture(params=DATABASES)
def demo(request: pytest.FixtureRequest, demo_template: Path) -> Iterator[SqlAlchemyUnitOfWork]:
    """A unit of work factory on a database of its own with the demo projects loaded."""
    with _isolated(request, demo_template, "demo", "pg_demo_schema") as uow:
        yield uow


@pytest.fixture(scope="session")
def _worker_app(lent_sqlite: LentSqlite, app_template: Path) -> Iterator[Flask]:
    """One demo app per xdist worker, lent to each ``app`` test on the ``app`` database path.

    Building an app costs its URL map, and a new engine compiles every SQL statement again
    (together ~15 % of an e2e test); the ``app`` fixture gives each test a fresh database
    and fresh state on this one app instead.
    """
    database = lent_sqlite.folder / "app.sqlite"
    shutil.copy(app_template, database)
    app = make_test_app(lent_sqlite.folder, f"sqlite:///{database}")
    lent_sqlite.engines["app"] = app.extensions["coop.engine"]
    yield app
    close_test_app(app)


@pytest.fixture
def app(
    tmp_path: Path, app_template: Path, lent_sqlite: LentSqlite, _worker_app: Flask
) -> Iterator[Flask]:
    """The app on its own copy of the migrated SQLite file with the demo data and users.

    The worker's app, reset for this test: a new copy of the demo under its database path, its
    own instance folder and job threads, and its configuration and extensions put back
    afterwards, whatever the test changed.
    """
    from coop.services.jobs.runners import ThreadRunner

    app = _worker_app
    with lent_sqlite.lend("app", app_template):
        app.instance_path = str(tmp_path / "instance")
        runner = ThreadRunner(
            app.extensions["coop.uow"],
            app.extensions["coop.jobs"].kinds,
            int(app.config["JOB_THREADS"]),
        )
        app.extensions["coop.jobs"] = runner
        config, extensions = dict(app.config), dict(app.extensions)
        try:
            yield app
        finally:
            runner.shutdown()  # the test's jobs end before its database goes
            app.config.clear()
            app.config.update(config)
            app.extensions.clear()
            app.extensions.update(extensions)


@pytest.fixture
def csrf_app(tmp_path: Path, app_template: Path) -> Iterator[Flask]:
    """Like ``app``, with CSRF protection on as in production."""
    shutil.copy(app_template, tmp_path / "app.sqlite")
    app = make_test_app(tmp_path, f"sqlite:///{tmp_path}/app.sqlite", WTF_CSRF_ENABLED=True)
    yield app
    close_test_app(app)


class QueueOnly:
    """A job runner that stores jobs and runs none: every worker busy, or RQ with none running.

    It offers the given job kinds (by default the core kinds), so starting a job is checked
    as a real runner would check it.
    """

    def __init__(self, kinds: Mapping[str, Any] | None = None) -> None:
        from coop.services.jobs.kinds import CORE_KINDS

        self.kinds = CORE_KINDS if kinds is None else kinds
        self.jobs: list[Any] = []

    def submit(self, job: Any) -> None:
        self.jobs.append(job)

    @classmethod
    def install(cls, app: Flask) -> QueueOnly:
        """Replace the app's runner by one with its kinds (the ``app`` fixture puts it back)."""
        queue = cls(app.extensions["coop.jobs"].kinds)
        app.extensions["coop.jobs"] = queue
        return queue


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
