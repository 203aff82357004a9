"""``coop regions``: who should cooperate with whom on a service, over a county or Norway."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import click
from flask import Flask

from allocation.solver import SolverFailed
from coop import services
from coop.domain.formatting import format_kr
from coop.services.regions.proposal import Design, RegionProposal
from web.cli.support import cli_actor, comma_list, fail, print_json, uow_of, with_app


def design_json(design: Design) -> dict[str, Any]:
    """The issue's shape: status, objective, gap and groups with host, members, population."""
    return {
        "status": design.status,
        "objective_nok": str(design.objective_nok),
        "gap": design.gap,
        "groups": [
            {
                "host": g.host.number,
                "members": [m.number for m in g.members],
                "population": g.population,
                "max_travel_min": g.max_travel_min,
            }
            for g in design.groups
        ],
    }


def proposal_json(result: RegionProposal) -> dict[str, Any]:
    """``design_json`` of the best design with the seconds; alternatives when asked for."""
    out = design_json(result.best)
    out["seconds"] = round(result.seconds, 3)
    if result.alternatives:
        out["alternatives"] = [design_json(d) for d in result.alternatives]
    return out


@click.command("regions")
@click.option("--county", default=None, help="Fylke (nummer eller navn).")
@click.option("--all", "everywhere", is_flag=True, help="Hele landet.")
@click.option("--municipalities", default=None, help="Kommuner, NNNN,NNNN,…")
@click.option("--service", required=True, help="Tjeneste (kode i tjenestekatalogen).")
@click.option("--min-pop", type=int, default=None, help="Minste folketall per gruppe.")
@click.option("--max-pop", type=int, default=None, help="Største folketall per gruppe.")
@click.option("--max-members", type=int, default=None, help="Flest kommuner per gruppe.")
@click.option("--max-travel", type=float, default=None, help="Lengste reise til vert (min).")
@click.option("--contiguous", is_flag=True, help="Gruppene henger sammen via naboer.")
@click.option("--groups", type=int, default=None, help="Antall grupper (ellers fritt).")
@click.option("--keep-today", is_flag=True, help="Behold dagens kjente samarbeid.")
@click.option("--alone", default=None, help="Kommuner som står alene, NNNN,…")
@click.option("--top", type=int, default=1, show_default=True, help="Rangerte forslag.")
@click.option("--time-limit", type=float, default=30.0, show_default=True, help="Sekunder.")
@click.option("--project", default=None, help="Prosjekt (kortnavn) hvis oppgitte reiser gjelder.")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def regions(
    app: Flask,
    county: str | None,
    everywhere: bool,
    municipalities: str | None,
    service: str,
    min_pop: int | None,
    max_pop: int | None,
    max_members: int | None,
    max_travel: float | None,
    contiguous: bool,
    groups: int | None,
    keep_today: bool,
    alone: str | None,
    top: int,
    time_limit: float,
    project: str | None,
    as_json: bool,
) -> None:
    """Foreslå hvem som bør samarbeide om en tjeneste, og hvem som bør være vert."""
    query = services.RegionQuery(
        service=service,
        county=county,
        everywhere=everywhere,
        municipalities=tuple(comma_list(municipalities)),
        min_population=min_pop,
        max_population=max_pop,
        max_members=max_members,
        max_travel_min=max_travel,
        contiguous=contiguous,
        groups=groups,
        keep_today=keep_today,
        alone=tuple(comma_list(alone)),
        top=top,
        time_limit_s=time_limit,
        project=project,
    )
    try:
        result = services.propose_regions(query, cli_actor(), uow_of(app))
    except SolverFailed as error:
        fail(str(error))
        return
    if as_json:
        print_json(proposal_json(result))
        return
    best = result.best
    gap = f", gap {best.gap:.2%}" if best.status != "optimal" and best.gap is not None else ""
    word = "gruppe" if len(best.groups) == 1 else "grupper"
    click.echo(
        f"{result.area}: {len(best.groups)} {word} ({best.status}{gap}), "
        f"{_kr(best.objective_nok)} per år; alle alene {_kr(result.alone_nok)}."
    )
    for g in best.groups:
        names = ", ".join(m.name for m in g.members[1:])
        click.echo(
            f"  {g.host.name} (vert){': ' + names if names else ''} – {_int(g.population)} "
            f"innb., lengste reise {g.max_travel_min} min"
        )
    fixed = _kr(result.fixed_cost_nok)
    click.echo(f"Faste kostnader per tjeneste: {fixed} ({result.fixed_cost_basis}).")


def _int(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _kr(value: object) -> str:
    return format_kr(Decimal(str(value)))
