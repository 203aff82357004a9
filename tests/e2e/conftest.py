"""Fixtures for the own-project pages: the app on SQLite (demo) or PostgreSQL (register)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from ..conftest import DATABASES, pg_test_app


@pytest.fixture
def pg_pages_app(tmp_path: Path, pg_register_template: str) -> Iterator[Flask]:
    """The app on a PostgreSQL database of its own with only the register and the demo users."""
    with pg_test_app(tmp_path, pg_register_template) as app:
        yield app


@pytest.fixture(params=DATABASES)
def web_app(request: pytest.FixtureRequest) -> Flask:
    """The app on SQLite (with the demo) or on PostgreSQL (register and users only)."""
    name = "app" if request.param == "sqlite" else "pg_pages_app"
    found: Flask = request.getfixturevalue(name)
    return found
