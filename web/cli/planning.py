"""``coop`` commands for planning: travel network, transition cost and host placement."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import click
from flask import Flask

from coop import services
from coop.domain.limits import MAX_FTE, MAX_MINUTES_TYPED
from web.api.serialize import jsonable
from web.cli.support import (
    cli_actor,
    fail,
    number_option,
    print_json,
    uow_of,
    whole_option,
    with_app,
)
from web.filters import km, minutes, nok


@click.command("network")
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


@click.command("transition-cost")
@click.argument("project")
@click.option("--scenario", required=True, help="Navnet på plasseringsalternativet.")
@click.option("--policy", default=None, help="Personalpolitiske retningslinjer (navn).")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def transition_cost(
    app: Flask,
    project: str,
    scenario: str,
    policy: str | None,
    as_json: bool,
) -> None:
    """Beregn omstillingskostnader (reisetilskudd, flytting, tjenestereiser, AGA).

    Budsjettår og planperiode er prosjektets forutsetninger (coop assumptions PROSJEKT).
    """
    report = services.transition_cost(project, scenario, uow_of(app), policy)
    if as_json:
        print_json(report)
        return
    first, last = report.budget_year, report.budget_year + report.horizon_years - 1
    click.echo(f"{report.scenario} med «{report.policy}», {first}–{last}:")
    for kind, amount in report.by_kind.items():
        click.echo(f"  {kind}: {nok(amount)}")
    click.echo(f"  Sum: {nok(report.total_nok)}")


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


@click.command("place")
@click.argument("project")
@click.option(
    "--scenario", default=None, help="Ta årsverk og retningslinjer fra dette alternativet."
)
@click.option("--policy", default=None, help="Personalpolitiske retningslinjer (navn).")
@click.option("--top", default="5", show_default=True, help="Antall rangerte alternativer.")
@click.option("--lock", "locks", multiple=True, metavar="TJENESTE=NNNN", help="Lås vertskommune.")
@click.option("--forbid", "forbids", multiple=True, metavar="TJENESTE=NNNN", help="Utelukk vert.")
@click.option("--max-net-loss", default=None, help="Største tap av årsverk per kommune.")
@click.option("--max-services", default=None, help="Flest tjenester per vertskommune.")
@click.option("--min-services", default=None, help="Færrest tjenester per kommune.")
@click.option("--max-commute", default=None, help="Lengste pendling (minutter).")
@click.option("--max-partner-travel", default=None, help="Lengste reise til verten (minutter).")
@click.option(
    "--population-band",
    default=None,
    help="Største avvik mellom andel felles årsverk og folketallsandel (prosentpoeng).",
)
@click.option(
    "--together",
    default=None,
    help="Tjenester som kan drives som ett kontor, f.eks. regnskap-lonn,skatt-innfordring.",
)
@click.option("--fixed-host-cost", default=None, help="Faste vertskostnader (kr/år).")
@click.option("--discount-rate", default=None, help="Diskonteringsrente (prosent).")
@click.option("--time-limit", default="30", show_default=True, help="Sekunder.")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def place(
    app: Flask,
    project: str,
    scenario: str | None,
    policy: str | None,
    top: str,
    locks: tuple[str, ...],
    forbids: tuple[str, ...],
    max_net_loss: str | None,
    max_services: str | None,
    min_services: str | None,
    max_commute: str | None,
    max_partner_travel: str | None,
    population_band: str | None,
    together: str | None,
    fixed_host_cost: str | None,
    discount_rate: str | None,
    time_limit: str,
    as_json: bool,
) -> None:
    """Foreslå vertskommune per tjeneste (bevist optimalt) med rangerte alternativer."""
    band = number_option(population_band, "--population-band", Decimal(100))
    request = services.PlacementRequest(
        locks=_pairs(locks, "--lock"),
        forbids=tuple(_pairs(forbids, "--forbid").items()),
        max_net_loss_fte=number_option(max_net_loss, "--max-net-loss", MAX_FTE),
        max_services_hosted=whole_option(max_services, "--max-services", 0, 1000),
        min_services_hosted=whole_option(min_services, "--min-services", 0, 1000),
        max_staff_commute_min=number_option(max_commute, "--max-commute", MAX_MINUTES_TYPED),
        max_partner_travel_min=number_option(
            max_partner_travel, "--max-partner-travel", MAX_MINUTES_TYPED
        ),
        population_share_band=None if band is None else band / 100,
        together=tuple(c.strip() for c in (together or "").split(",") if c.strip()),
        fixed_host_cost_nok=number_option(fixed_host_cost, "--fixed-host-cost", Decimal(10**9)),
        discount_rate_pct=number_option(discount_rate, "--discount-rate", Decimal(20)),
        top=whole_option(top, "--top", 1, 10) or 5,
        time_limit_s=number_option(time_limit, "--time-limit", Decimal(3600)) or 30.0,
    )
    result = services.propose_hosts(
        project, uow_of(app), request, policy, scenario, actor=cli_actor()
    )
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
