"""What every ``coop`` command shares: ``--database``, the app, one-line errors, JSON output.

Domain errors become one bokmål line on stderr and exit code 2; an unreachable database or a
database error exits with code 1.
"""

from __future__ import annotations

import functools
import getpass
import json
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import click
from sqlalchemy.exc import SQLAlchemyError

from coop.domain.access import Actor, Role
from coop.domain.errors import CoopError, InvalidData
from coop.domain.limits import read_decimal, read_whole
from coop.persistence.unit_of_work import UnitOfWork
from web.api.serialize import jsonable

if TYPE_CHECKING:
    from flask import Flask


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


def comma_list(value: str | None) -> list[str]:
    """«5520, 5524,5526» → ["5520", "5524", "5526"] (empty parts dropped)."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def key_values(values: tuple[str, ...], option: str, example: str) -> dict[str, str]:
    """``KEY=VALUE`` options as a dict; a malformed one exits 2 naming the option."""
    pairs: dict[str, str] = {}
    for value in values:
        key, sep, item = value.partition("=")
        if not sep or not key.strip() or not item.strip():
            fail(f"{option} {value}: bruk formen NØKKEL=VERDI, f.eks. {example}", 2)
        pairs[key.strip()] = item.strip()
    return pairs


def one_of(value: str, choices: Iterable[str], option: str) -> str:
    """``value`` if it is one of ``choices``, else a bokmål error naming the option."""
    allowed = sorted(choices)
    if value not in allowed:
        raise InvalidData(f"{option}: «{value[:40]}» er ikke gyldig; velg {', '.join(allowed)}.")
    return value


def whole_option(value: str | None, option: str, low: int, high: int) -> int | None:
    """A whole-number option within bounds (None when not given), errors in bokmål."""
    return None if value is None else read_whole(value, option, low, high)


def number_option(value: str | None, option: str, high: Decimal) -> float | None:
    """A number option from 0 to ``high`` («4,5» or «4.5»; None when not given)."""
    return None if value is None else float(read_decimal(value, option, Decimal(0), high))
