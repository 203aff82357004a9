"""``coop delete-scenario|delete-key|delete-policy``: remove what nothing depends on.

Each calls one use case in ``coop.services.removal`` as the command-line user (admin); a
refusal (exit 2) says what still depends on it, e.g. the options that use a key.
"""

from __future__ import annotations

import click
from flask import Flask

from coop import services
from web.cli.support import cli_actor, uow_of, with_app


@click.command("delete-scenario")
@click.argument("slug")
@click.argument("name")
@with_app
def delete_scenario(app: Flask, slug: str, name: str) -> None:
    """Slett et alternativ (nektes hvis det har lagrede avtaleutkast)."""
    services.delete_scenario(slug, name, cli_actor(), uow_of(app))
    click.echo(f"Alternativet «{name}» er slettet.")


@click.command("delete-key")
@click.argument("slug")
@click.argument("name")
@with_app
def delete_key(app: Flask, slug: str, name: str) -> None:
    """Slett en fordelingsnøkkel (nektes hvis et alternativ bruker den)."""
    services.delete_cost_key(slug, name, cli_actor(), uow_of(app))
    click.echo(f"Fordelingsnøkkelen «{name}» er slettet.")


@click.command("delete-policy")
@click.argument("slug")
@click.argument("name")
@with_app
def delete_policy(app: Flask, slug: str, name: str) -> None:
    """Slett personalpolitiske retningslinjer (nektes hvis et alternativ viser til dem)."""
    services.delete_policy(slug, name, cli_actor(), uow_of(app))
    click.echo(f"Retningslinjene «{name}» er slettet.")
