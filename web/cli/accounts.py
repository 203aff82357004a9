"""``coop`` commands for accounts: passwords, deactivation, API tokens (run as admin)."""

from __future__ import annotations

import click
from flask import Flask

from coop import services
from web.cli.support import cli_actor, print_json, uow_of, with_app
from web.filters import nb_datetime


@click.command("change-password")
@click.argument("username")
@click.option(
    "--password",
    prompt="Nytt passord",
    hide_input=True,
    confirmation_prompt=True,
    envvar="COOP_NEW_PASSWORD",
    help="Nytt passord (minst 10 tegn).",
)
@with_app
def change_password(app: Flask, username: str, password: str) -> None:
    """Sett nytt passord for en bruker; brukeren logges ut overalt."""
    services.set_password(
        cli_actor(),
        username,
        password,
        uow_of(app),
        hash_method=app.config["PASSWORD_HASH_METHOD"],
    )
    click.echo(f"Passordet til «{username}» er endret; alle øktene er avsluttet.")


@click.command("deactivate-user")
@click.argument("username")
@with_app
def deactivate_user(app: Flask, username: str) -> None:
    """Deaktiver en bruker: ingen innlogging, ingen API-token, alle økter avsluttet."""
    services.set_user_active(cli_actor(), username, False, uow_of(app))
    click.echo(f"Brukeren «{username}» er deaktivert.")


@click.command("activate-user")
@click.argument("username")
@with_app
def activate_user(app: Flask, username: str) -> None:
    """Aktiver en deaktivert bruker igjen."""
    services.set_user_active(cli_actor(), username, True, uow_of(app))
    click.echo(f"Brukeren «{username}» er aktiv.")


@click.group("tokens")
def tokens() -> None:
    """API-token: list, lag, forny og trekk tilbake."""


@tokens.command("list")
@click.argument("username", required=False)
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def list_tokens(app: Flask, username: str | None, as_json: bool) -> None:
    """Vis API-tokenene (til én bruker, eller alle)."""
    found = services.list_api_tokens(cli_actor(), uow_of(app), username)
    if as_json:
        print_json(found)
        return
    if not found:
        click.echo("Ingen API-token.")
    for t in found:
        used = nb_datetime(t.last_used_at) if t.last_used_at else "aldri brukt"
        click.echo(f"{t.id}: {t.username} «{t.label}», laget {nb_datetime(t.created_at)}, {used}")


@tokens.command("create")
@click.argument("username")
@click.option("--label", default="standard", show_default=True, help="Navn på tokenet.")
@with_app
def create_token(app: Flask, username: str, label: str) -> None:
    """Lag et API-token og skriv det ut én gang."""
    token = services.issue_api_token(username, uow_of(app), label, actor=cli_actor())
    click.echo(f"API-token (vises bare nå): {token}")


@tokens.command("revoke")
@click.argument("username")
@click.argument("token_id", type=int)
@with_app
def revoke_token(app: Flask, username: str, token_id: int) -> None:
    """Trekk tilbake et API-token (nummeret fra «coop tokens list»)."""
    label = services.revoke_api_token(cli_actor(), username, token_id, uow_of(app))
    click.echo(f"API-tokenet «{label}» til «{username}» er trukket tilbake.")


@tokens.command("rotate")
@click.argument("username")
@click.argument("token_id", type=int)
@with_app
def rotate_token(app: Flask, username: str, token_id: int) -> None:
    """Bytt et API-token mot et nytt med samme navn; det gamle slutter å virke."""
    token = services.rotate_api_token(cli_actor(), username, token_id, uow_of(app))
    click.echo(f"Nytt API-token (vises bare nå): {token}")
