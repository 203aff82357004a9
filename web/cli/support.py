"""What every ``coop`` command shares: ``--database``, the app, one-line errors, JSON output.

Domain errors become one bokmål line on stderr and exit code 2; an unreachable database or a
database error exits with code 1.
"""

from __future__ import annotations

import functools
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

import click
from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from coop.domain.access import Actor, Role
from coop.domain.errors import CoopError
from coop.persistence.unit_of_work import UnitOfWork
from web.api.serialize import jsonable


def print_json(value: Any) -> None:
    """Print a value as indented UTF-8 JSON."""
    click.echo(json.dumps(jsonable(value), ensure_ascii=False, indent=2))


def fail(message: str, code: int = 1) -> None:
    """Print one line to stderr and exit with ``code``."""
    click.echo(f"Feil: {message}", err=True)
    sys.exit(code)


def database_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--database URL`` (or DATABASE_URL) to a command."""
    return click.option(
        "--database",
        "database",
        envvar="DATABASE_URL",
        default=None,
        metavar="URL",
        help="Database-URL (standard: SQLite i instance-mappen).",
    )(command)


def make_app(database: str | None) -> Flask:
    """Build the app for a CLI command; the database URL wins over the environment."""
    from web import create_app

    return create_app({"DATABASE_URL": database} if database else None)


def _check_connection(app: Flask) -> None:
    try:
        with app.extensions["coop.engine"].connect():
            pass
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        url = app.extensions["coop.engine"].url.render_as_string(hide_password=True)
        fail(f"får ikke kontakt med databasen {url}: {reason}")


def with_app(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give the command an ``app`` built from ``--database``; turn domain errors into exit 2."""

    @database_option
    @click.pass_context
    @functools.wraps(command)
    def wrapper(ctx: click.Context, database: str | None, **kwargs: Any) -> Any:
        app = make_app(database or (ctx.obj or {}).get("database"))
        _check_connection(app)
        try:
            return ctx.invoke(command, app, **kwargs)
        except CoopError as error:
            fail(error.message, 2)
        except SQLAlchemyError as error:
            fail(f"databasefeil: {str(getattr(error, 'orig', error)).splitlines()[0]}")

    return wrapper


def uow_of(app: Flask) -> UnitOfWork:
    """A new unit of work for the app."""
    uow: UnitOfWork = app.extensions["coop.uow"]()
    return uow


def cli_actor() -> Actor:
    """Whoever runs the command: the operating-system user, with the admin role.

    Access to the command line means access to the database; the user name goes into the
    change log so a change made here is still traceable.
    """
    return Actor(getpass.getuser(), Role.ADMIN)
