"""The ``coop`` command line: thin doors to the use cases in ``coop.services``."""

from __future__ import annotations

import functools
import getpass
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from coop import migrate, services
from coop.access import Actor, Role
from coop.model import CoopError
from coop.unit_of_work import UnitOfWork
from web.filters import fte, km, minutes, nok
from web.serialize import jsonable


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


@click.group(help="coop: planlegging av vertskommunesamarbeid.")
@database_option
@click.pass_context
def main(ctx: click.Context, database: str | None) -> None:
    """Coop command group."""
    ctx.obj = {"database": database}


@main.command("init-db")
@with_app
def init_db(app: Flask) -> None:
    """Opprett eller oppgrader databaseskjemaet (Alembic upgrade head)."""
    migrate.upgrade(app.extensions["coop.engine"])
    count = services.load_register(uow_of(app))
    click.echo(
        f"Databasen er klar ({migrate.current(app.extensions['coop.engine'])}); "
        f"kommuneregisteret har {count} kommuner."
    )


@main.command("load-demo")
@with_app
def load_demo(app: Flask) -> None:
    """Last inn demoprosjektene (Astafjord 2007, Os–Røros–Holtålen); dobbeltlagring skjer ikke."""
    migrate.upgrade(app.extensions["coop.engine"])
    summary = services.load_demo(uow_of(app))
    added = ", ".join(summary.projects_added) or "ingen nye"
    kept = ", ".join(summary.projects_kept) or "ingen"
    click.echo(f"Demodata: lagt til {added}; fantes fra før: {kept}.")


@main.command("projects")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def projects(app: Flask, as_json: bool) -> None:
    """Vis samarbeidsprosjektene med kommuner, tjenester og årsverk."""
    overviews = services.list_projects(uow_of(app))
    if as_json:
        print_json(overviews)
        return
    for p in overviews:
        click.echo(f"{p.slug}: {p.name} ({len(p.municipalities)} kommuner, {fte(p.fte_total)})")


@main.command("create-user")
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
    if role == "admin":
        actor = services.create_first_admin(username, password, uow_of(app))
    else:
        with uow_of(app) as uow:
            admin = next((u.actor for u in uow.users.list() if u.actor.role.value == "admin"), None)
        if admin is None:
            fail("opprett en administrator først: coop create-user NAVN --role admin", 2)
        actor = services.create_user(
            username, password, role, uow_of(app), municipalities, actor=admin
        )
    click.echo(f"Bruker «{actor.username}» opprettet med rollen {actor.role.label.lower()}.")
    if token:
        click.echo(f"API-token (vises bare nå): {services.issue_api_token(username, uow_of(app))}")


@main.command("network")
@click.argument("project")
@click.option("--by", type=click.Choice(["minutes", "km"]), default="minutes", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def network(app: Flask, project: str, by: str, as_json: bool) -> None:
    """Vis korteste reise mellom prosjektets kommuner (reisematrise med rute)."""
    matrix = services.travel_matrix(project, uow_of(app), by)
    rows: list[dict[str, Any]] = [
        {
            "from": a,
            "to": b,
            "km": str(r.km),
            "minutes": str(r.minutes),
            "fare_nok": str(r.fare_nok),
            "path": list(r.path),
            "modes": [m.value for m in r.modes],
            "basis": r.basis,
        }
        for (a, b), r in sorted(matrix.routes.items())
        if a != b
    ]
    if as_json:
        print_json(
            {
                "project": project,
                "by": by,
                "estimated": matrix.estimated,
                "names": matrix.names,
                "routes": rows,
            }
        )
        return
    for row in rows:
        click.echo(
            f"{matrix.names[row['from']]} → {matrix.names[row['to']]}: "
            f"{km(Decimal(row['km']))}, {minutes(Decimal(row['minutes']))} ({row['basis']})"
        )


@main.command("transition-cost")
@click.argument("project")
@click.option("--scenario", required=True, help="Navnet på plasseringsalternativet.")
@click.option("--policy", default=None, help="Personalpolitiske retningslinjer (navn).")
@click.option("--year", default=2026, show_default=True, type=int, help="Budsjettår (år 1).")
@click.option("--years", default=4, show_default=True, type=int, help="Planperiode i år.")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def transition_cost(
    app: Flask,
    project: str,
    scenario: str,
    policy: str | None,
    year: int,
    years: int,
    as_json: bool,
) -> None:
    """Beregn omstillingskostnader (reisetilskudd, flytting, tjenestereiser, AGA)."""
    report = services.transition_cost(project, scenario, uow_of(app), policy, year, None, years)
    if as_json:
        print_json(report)
        return
    click.echo(f"{report.scenario} med «{report.policy}», {year}–{year + years - 1}:")
    for kind, amount in report.by_kind.items():
        click.echo(f"  {kind}: {nok(amount)}")
    click.echo(f"  Sum: {nok(report.total_nok)}")


@main.command("import-budget")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--municipality", required=True, metavar="NNNN", help="Kommunenummer.")
@click.option("--year", required=True, type=int, help="Budsjett- eller regnskapsår.")
@click.option("--project", default=None, help="Lagre bare tjenester i dette prosjektet.")
@click.option("--dry-run", is_flag=True, help="Bare forhåndsvis; ingenting lagres.")
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="KOLONNE=BEGREP",
    help="Svar på «hvilken kolonne er hva» (f.eks. Beløp=amount); lagres for kommunen.",
)
@click.option("--json", "as_json", is_flag=True, help="Skriv rapporten som JSON.")
@with_app
def import_budget(
    app: Flask,
    file: str,
    municipality: str,
    year: int,
    project: str | None,
    dry_run: bool,
    mappings: tuple[str, ...],
    as_json: bool,
) -> None:
    """Importer et budsjett eller regnskap (CSV) og lag grunnlag per tjeneste."""
    path = Path(file)
    actor = Actor(getpass.getuser(), Role.ADMIN)
    result = services.import_budget(
        path.read_bytes(),
        path.name,
        municipality,
        year,
        actor,
        uow_of(app),
        dry_run=dry_run,
        project=project,
        column_map=_mapping(mappings),
    )
    if as_json:
        print_json(
            {
                **result.report,
                "written": result.written,
                "column": result.column,
                "messages": list(result.messages),
            }
        )
    else:
        for problem in [*result.report.get("errors", []), *result.report.get("warnings", [])]:
            click.echo(problem.get("message", problem) if isinstance(problem, dict) else problem)
        state = "lagret" if result.written else "ikke lagret"
        click.echo(f"{path.name}: {result.report.get('rows')} linjer, {state}.")
    if not result.ok:
        sys.exit(2)


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        service, sep, host = value.partition("=")
        if not sep or not service or not host:
            fail(f"{option} {value}: bruk formen TJENESTE=KOMMUNENUMMER, f.eks. barnevern=5522", 2)
        pairs[service] = host
    return pairs


def _option_json(option: services.OptionView, names: dict[str, str]) -> dict[str, Any]:
    return {
        "rank": option.rank,
        "objective_nok": str(option.objective_nok),
        "delta_nok": str(option.delta_nok),
        "placements": [
            {"service": s, "host": h, "host_name": names.get(h, h)}
            for s, h in sorted(option.hosts.items())
        ],
        "breakdown": {
            "by_kind": jsonable(option.by_kind),
            "by_municipality": jsonable(option.by_municipality),
        },
        "job_balance": jsonable(option.net_fte),
    }


@main.command("place")
@click.argument("project")
@click.option(
    "--scenario", default=None, help="Ta årsverk og retningslinjer fra dette alternativet."
)
@click.option("--policy", default=None, help="Personalpolitiske retningslinjer (navn).")
@click.option("--top", default=5, show_default=True, type=int, help="Antall rangerte alternativer.")
@click.option("--lock", "locks", multiple=True, metavar="TJENESTE=NNNN", help="Lås vertskommune.")
@click.option("--forbid", "forbids", multiple=True, metavar="TJENESTE=NNNN", help="Utelukk vert.")
@click.option(
    "--max-net-loss", type=float, default=None, help="Største tap av årsverk per kommune."
)
@click.option("--max-services", type=int, default=None, help="Flest tjenester per vertskommune.")
@click.option("--min-services", type=int, default=None, help="Færrest tjenester per kommune.")
@click.option("--max-commute", type=float, default=None, help="Lengste pendling (minutter).")
@click.option("--time-limit", type=float, default=30.0, show_default=True, help="Sekunder.")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def place(
    app: Flask,
    project: str,
    scenario: str | None,
    policy: str | None,
    top: int,
    locks: tuple[str, ...],
    forbids: tuple[str, ...],
    max_net_loss: float | None,
    max_services: int | None,
    min_services: int | None,
    max_commute: float | None,
    time_limit: float,
    as_json: bool,
) -> None:
    """Foreslå vertskommune per tjeneste (bevist optimalt) med rangerte alternativer."""
    request = services.PlacementRequest(
        locks=_pairs(locks, "--lock"),
        forbids=tuple(_pairs(forbids, "--forbid").items()),
        max_net_loss_fte=max_net_loss,
        max_services_hosted=max_services,
        min_services_hosted=min_services,
        max_staff_commute_min=max_commute,
        top=top,
        time_limit_s=time_limit,
    )
    result = services.propose_hosts(project, uow_of(app), request, policy, scenario)
    names = dict(result.names)
    if as_json:
        print_json(
            {
                "status": result.status,
                **_option_json(result.best, names),
                "alternatives": [_option_json(a, names) for a in result.alternatives],
                "price_of_locks": jsonable(result.price_of_locks),
                "policy": result.policy,
                "basis": result.basis,
                "model_size": list(result.model_size),
                "seconds": round(result.seconds, 3),
            }
        )
        return
    click.echo(f"Beste plassering ({result.status}), {nok(result.best.objective_nok)}:")
    for service, host in sorted(result.best.hosts.items()):
        click.echo(f"  {result.service_names.get(service, service)}: {names.get(host, host)}")
    for option in result.alternatives[1:]:
        click.echo(f"  Alternativ {option.rank}: +{nok(option.delta_nok)}")


def _split_json(result: services.SplitResult) -> dict[str, Any]:
    return {
        "method": result.method,
        "label": result.label,
        "allocation": jsonable(result.allocation),
        "standalone": jsonable(result.standalone),
        "total_nok": str(result.total_nok),
        "in_core": result.in_core,
        "max_excess": str(result.max_excess_nok),
        "blocking_coalition": list(result.blocking_coalition or []) or None,
        "individually_rational": result.individually_rational,
        "core_empty": result.core_empty,
        "key": result.key_name,
        "basis": result.basis,
    }


@main.command("split")
@click.argument("project")
@click.option("--service", required=True, help="Tjenestekode, f.eks. barnevern.")
@click.option("--scenario", default=None, help="Alternativet som gir vert og nøkkel.")
@click.option("--method", type=click.Choice(services.METHODS), default="key", show_default=True)
@click.option(
    "--gain",
    type=float,
    default=10.0,
    show_default=True,
    help="Antatt effektiviseringsgevinst ved samarbeid (prosent per år).",
)
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def split(
    app: Flask,
    project: str,
    service: str,
    scenario: str | None,
    method: str,
    gain: float,
    as_json: bool,
) -> None:
    """Fordel en tjenestes årlige kostnad etter nøkkel eller rettferdig deling."""
    result = services.split_service(
        project, service, uow_of(app), (method,), scenario, Decimal(str(gain))
    )[0]
    if as_json:
        print_json(_split_json(result))
        return
    click.echo(f"{result.label}: {nok(result.total_nok)} per år")
    for member, amount in result.allocation.items():
        click.echo(f"  {member}: {nok(amount)} (alene: {nok(result.standalone[member])})")
    click.echo(
        "  I kjernen: "
        + (
            "ja"
            if result.in_core
            else f"nei, {result.blocking_coalition} "
            f"betaler {nok(result.max_excess_nok)} mer enn alene"
        )
    )


@main.command("split-game")
@click.argument("game_file", metavar="GAME.json", type=click.Path(dir_okay=False))
@click.option(
    "--method",
    required=True,
    type=click.Choice(["shapley", "nucleolus", "least-core", "scrb", "proportional"]),
)
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON (standard).")
def split_game(game_file: str, method: str, as_json: bool) -> None:
    """Fordel et kostnadsspill gitt som tabell (GAME.json) og sjekk kjernen."""
    try:
        data = json.loads(Path(game_file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        fail(f"finner ikke filen {game_file}", 2)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        fail(f"{game_file} er ikke gyldig JSON: {error}", 2)
    try:
        print_json(services.split_game_table(data, method))
    except CoopError as error:
        fail(error.message, 2)


def _mapping(values: tuple[str, ...]) -> dict[str, str] | None:
    pairs = {}
    for value in values:
        header, sep, concept = value.rpartition("=")
        if not sep or not header or not concept:
            fail(f"--map {value}: bruk formen KOLONNE=BEGREP, f.eks. «Beløp=amount»", 2)
        pairs[header] = concept
    return pairs or None


def _serve(app: Flask, host: str, port: int) -> None:
    click.echo(f"coop kjører på http://{host}:{port}/ (Ctrl+C for å stoppe)")
    app.run(host=host, port=port, debug=False, use_reloader=False)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_app
def serve(app: Flask, host: str, port: int) -> None:
    """Start webappen."""
    migrate.upgrade(app.extensions["coop.engine"])
    _serve(app, host, port)


@main.command("demo")
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
    users = services.create_demo_users(uow_of(app))
    if users:
        names = ", ".join(f"{u.username} ({u.role.label.lower()})" for u in users)
        click.echo(f"Demobrukere: {names}; passord: {services.DEMO_PASSWORD}")
    _serve(app, host, port)


def _add_agreement_command() -> None:
    """Register ``coop agreement`` (its module imports ``with_app`` from this one)."""
    from web.cli_agreements import agreement

    main.add_command(agreement)


_add_agreement_command()
