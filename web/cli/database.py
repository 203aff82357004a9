"""Open the database without building the web app, for commands that must start fast.

``create_app`` imports every blueprint, WeasyPrint and the job runners; ``coop import-budget``
needs none of that (issue 16.9). ``with_uow`` gives a command a unit of work on the same
database ``create_app`` would open, with the same errors and exit codes as ``with_app``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import click
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from coop.domain.errors import CoopError
from coop.persistence.orm.base import make_engine
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork, UnitOfWork
from web.cli.support import database_option, fail, make_app


def database_url(database: str | None) -> str:
    """The URL ``create_app`` would use: the option (or DATABASE_URL), else the instance file.

    Only when the instance folder has a ``config.py`` or ``COOP_DATABASE_URL`` is set does it
    build the app to read the URL, since those may name another database.
    """
    url = database or os.environ.get("DATABASE_URL")
    if url:
        return url
    from flask.sansio.scaffold import find_package

    prefix, package = find_package("web")  # as Flask("web", instance_relative_config=True)
    instance = os.path.join(prefix, "var", "web-instance") if prefix else f"{package}/instance"
    if "COOP_DATABASE_URL" in os.environ or os.path.exists(f"{instance}/config.py"):
        return str(make_app(None).config["DATABASE_URL"])
    os.makedirs(instance, exist_ok=True)
    return f"sqlite:///{instance}/coop.sqlite"


def with_uow(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give the command a unit-of-work factory for ``--database``; domain errors exit 2."""

    @database_option
    @click.pass_context
    @functools.wraps(command)
    def wrapper(ctx: click.Context, database: str | None, **kwargs: Any) -> Any:
        engine = make_engine(database_url(database or (ctx.obj or {}).get("database")))
        try:
            with engine.connect():
                pass
        except SQLAlchemyError as error:
            reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
            url = engine.url.render_as_string(hide_password=True)
            fail(f"får ikke kontakt med databasen {url}: {reason}")
        sessions = sessionmaker(engine)

        def uow() -> UnitOfWork:
            return SqlAlchemyUnitOfWork(sessions)

        try:
            return ctx.invoke(command, uow, **kwargs)
        except CoopError as error:
            fail(error.message, 2)
        except SQLAlchemyError as error:
            fail(f"databasefeil: {str(getattr(error, 'orig', error)).splitlines()[0]}")
        finally:
            engine.dispose()

    return wrapper
