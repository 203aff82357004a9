"""``coop`` commands that set up and run coop: schema, demo data, users, projects, serve."""

from __future__ import annotations

import click
from flask import Flask
from werkzeug.serving import WSGIRequestHandler

from coop import services
from coop.domain.formatting import count_of
from coop.persistence import migrate
from web.cli.support import fail, print_json, uow_of, with_app
from web.filters import fte


@click.command("init-db")
@with_app
def init_db(app: Flask) -> None:
    """Opprett eller oppgrader databaseskjemaet (Alembic upgrade head)."""
    migrate.upgrade(app.extensions["coop.engine"])
    count = services.load_register(uow_of(app))
    click.echo(
        f"Databasen er klar ({migrate.current(app.extensions['coop.engine'])}); "
        f"kommuneregisteret har {count} kommuner."
    )


@click.command("load-demo")
@with_app
def load_demo(app: Flask) -> None:
    """Last inn demoprosjektene (Gratangen–Lavangen–Salangen–Ibestad 2007, Os–Røros–Holtålen).

    Prosjekter som alt finnes, lagres ikke på nytt.
    """
    migrate.upgrade(app.extensions["coop.engine"])
    summary = services.load_demo(uow_of(app))
    added = ", ".join(summary.projects_added) or "ingen nye"
    kept = ", ".join(summary.projects_kept) or "ingen"
    click.echo(f"Demodata: lagt til {added}; fantes fra før: {kept}.")


@click.command("projects")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def projects(app: Flask, as_json: bool) -> None:
    """Vis samarbeidsprosjektene med kommuner, tjenester og årsverk."""
    overviews = services.list_projects(uow_of(app))
    if as_json:
        print_json(overviews)
        return
    for p in overviews:
        members = count_of(len(p.municipalities), "kommune", "kommuner")
        click.echo(f"{p.slug}: {p.name} ({members}, {fte(p.fte_total)})")


@click.command("create-user")
@click.argument("username")
@click.option(
    "--role",
    default="admin",
    show_default=True,
    help="admin, styringsgruppe, okonomi eller lesetilgang.",
)
@click.option(
    "--municipality",
    "municipalities",
    multiple=True,
    metavar="NNNN",
    help="Kommunenummer for økonomibrukere (kan gjentas).",
)
@click.option(
    "--password",
    prompt="Passord",
    hide_input=True,
    confirmation_prompt=True,
    envvar="COOP_NEW_PASSWORD",
    help="Passord (minst 10 tegn).",
)
@click.option("--token", is_flag=True, help="Lag også et API-token og skriv det ut én gang.")
@with_app
def create_user(
    app: Flask,
    username: str,
    role: str,
    municipalities: tuple[str, ...],
    password: str,
    token: bool,
) -> None:
    """Opprett en bruker (den første administratoren lages her)."""
    migrate.upgrade(app.extensions["coop.engine"])
    method = app.config["PASSWORD_HASH_METHOD"]
    if role == "admin":
        actor = services.create_first_admin(username, password, uow_of(app), method)
    else:
        with uow_of(app) as uow:
            admin = next((u.actor for u in uow.users.list() if u.actor.role.value == "admin"), None)
        if admin is None:
            fail("opprett en administrator først: coop create-user NAVN --role admin", 2)
        actor = services.create_user(
            username, password, role, uow_of(app), municipalities, actor=admin, hash_method=method
        )
    click.echo(f"Bruker «{actor.username}» opprettet med rollen {actor.role.label.lower()}.")
    if token:
        click.echo(f"API-token (vises bare nå): {services.issue_api_token(username, uow_of(app))}")


class PlainHandler(WSGIRequestHandler):
    """Werkzeug's request handler without the version banner (``Server: coop``)."""

    def version_string(self) -> str:
        """What the ``Server`` header says: no product versions for an attacker to match."""
        return "coop"


def _serve(app: Flask, host: str, port: int) -> None:
    click.echo(f"coop kjører på http://{host}:{port}/ (Ctrl+C for å stoppe)")
    app.run(host=host, port=port, debug=False, use_reloader=False, request_handler=PlainHandler)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_app
def serve(app: Flask, host: str, port: int) -> None:
    """Start webappen."""
    migrate.upgrade(app.extensions["coop.engine"])
    _serve(app, host, port)


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_app
def demo(app: Flask, host: str, port: int) -> None:
    """Opprett databasen, last demodata hvis den er tom, og start webappen."""
    migrate.upgrade(app.extensions["coop.engine"])
    with uow_of(app) as uow:
        empty = not uow.projects.list()
    if empty:
        summary = services.load_demo(uow_of(app))
        click.echo(f"Demodata lastet: {', '.join(summary.projects_added)}.")
    users = services.create_demo_users(uow_of(app), app.config["PASSWORD_HASH_METHOD"])
    if users:
        names = ", ".join(f"{u.username} ({u.role.label.lower()})" for u in users)
        click.echo(f"Demobrukere: {names}; passord: {services.DEMO_PASSWORD}")
    _serve(app, host, port)
