"""Fixtures for the own-project pages: the app on SQLite (demo) or PostgreSQL (register)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text

from coop import services
from coop.persistence import migrate
from coop.persistence.orm import make_engine

from ..conftest import CHEAP_HASH, DATABASES, PG_URL, _postgres_or_skip


@pytest.fixture
def pg_pages_app(tmp_path: Path) -> Iterator[Flask]:
    """The app on a private PostgreSQL schema with only the register and the demo users."""
    from web import create_app

    _postgres_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": url,
                      "WTF_CSRF_ENABLED": False, "PASSWORD_HASH_METHOD": CHEAP_HASH})  # fmt: skip
    app.instance_path = str(tmp_path / "instance")
    try:
        migrate.upgrade(app.extensions["coop.engine"])
        services.load_register(app.extensions["coop.uow"]())
        services.create_demo_users(app.extensions["coop.uow"](), CHEAP_HASH)
        yield app
    finally:
        app.extensions["coop.engine"].dispose()
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=DATABASES)
def web_app(request: pytest.FixtureRequest) -> Flask:
    """The app on SQLite (with the demo) or on PostgreSQL (register and users only)."""
    name = "app" if request.param == "sqlite" else "pg_pages_app"
    found: Flask = request.getfixturevalue(name)
    return found
