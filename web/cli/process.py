"""``coop plan`` and ``coop savings``: the project plan and the savings tracking."""

from __future__ import annotations

import click
from flask import Flask

from coop import services
from web.cli.support import cli_actor, print_json, uow_of, with_app
from web.filters import nok


@click.command("plan")
@click.argument("project")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def plan(app: Flask, project: str, as_json: bool) -> None:
    """Vis prosjektplanen: milepæler med type, frist, ansvarlig og status, og varsler."""
    if as_json:
        print_json(services.plan_as_json(project, uow_of(app)))
        return
    view = services.process_view(project, cli_actor(), uow_of(app))
    for m in view.record.milestones:
        when = f"{m.start:%d.%m.%Y}–{m.due:%d.%m.%Y}" if m.start else f"{m.due:%d.%m.%Y}"
        owner = f" ({m.owner})" if m.owner else ""
        click.echo(f"{m.key} {m.type.value:<3} {when}  {m.title}{owner} – {m.status.label}")
    for warning in view.warnings:
        click.echo(f"Advarsel: {warning}")


@click.command("savings")
@click.argument("project")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@with_app
def savings(app: Flask, project: str, as_json: bool) -> None:
    """Vis sparemål, vedtatte og realiserte besparelser per arbeidsgruppe."""
    if as_json:
        print_json(services.savings_as_json(project, uow_of(app)))
        return
    s = services.savings_summary(project, uow_of(app))
    target = nok(s.target_nok) if s.target_nok is not None else "ikke satt"
    click.echo(f"Mål {target}, vedtatt {nok(s.adopted_nok)}, realisert {nok(s.realised_nok)}")
    for g in s.groups:
        goal = nok(g.target_nok) if g.target_nok is not None else "ikke oppgitt"
        click.echo(
            f"  {g.name}: mål {goal}, vedtatt {nok(g.adopted_nok)}, realisert {nok(g.realised_nok)}"
        )
