"""``coop`` commands that split a cost: a project service by key or fair division, or a game."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from flask import Flask

from coop import services
from coop.domain.errors import CoopError
from coop.domain.limits import MAX_GAIN_TYPED, read_percent
from web.api.serialize import jsonable
from web.cli.support import fail, print_json, uow_of, with_app
from web.filters import nok


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


@click.command("split")
@click.argument("project")
@click.option("--service", required=True, help="Tjenestekode, f.eks. barnevern.")
@click.option("--scenario", default=None, help="Alternativet som gir vert og nøkkel.")
@click.option("--method", type=click.Choice(services.METHODS), default="key", show_default=True)
@click.option(
    "--gain",
    default=None,
    help="Effektiviseringsgevinst (prosent per år); standard er prosjektets forutsetning.",
)
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def split(
    app: Flask,
    project: str,
    service: str,
    scenario: str | None,
    method: str,
    gain: str | None,
    as_json: bool,
) -> None:
    """Fordel en tjenestes årlige kostnad etter nøkkel eller rettferdig deling."""
    chosen = None if gain is None else read_percent(gain, "--gain", -MAX_GAIN_TYPED, MAX_GAIN_TYPED)
    result = services.split_service(project, service, uow_of(app), (method,), scenario, chosen)[0]
    if as_json:
        print_json(_split_json(result))
        return
    blocking = result.blocking_coalition or ()
    click.echo(f"{result.label}: {nok(result.total_nok)} per år")
    for member, amount in result.allocation.items():
        name = result.names.get(member, member)
        click.echo(f"  {name}: {nok(amount)} (alene: {nok(result.standalone[member])})")
    click.echo(
        "  I kjernen: "
        + (
            "ja"
            if result.in_core
            else f"nei, {' og '.join(result.names.get(m, m) for m in blocking)} "
            f"betaler {nok(result.max_excess_nok)} mer enn alene"
        )
    )


@click.command("split-game")
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
