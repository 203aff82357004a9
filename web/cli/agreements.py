"""``coop agreement``: write an agreement draft as PDF or standalone HTML from the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import Flask

from coop.domain.errors import InvalidData
from coop.domain.limits import optional, read_date, read_version
from coop.services import list_scenarios
from coop.services.agreements import use_cases
from web.agreement_print import pdf_bytes, print_html
from web.cli.support import uow_of, with_app


@click.command("agreement")
@click.argument("project")
@click.option("--service", required=True, metavar="KODE", help="Tjenestekode, f.eks. barnevern.")
@click.option("--scenario", default=None, metavar="NAVN", help="Plasseringsalternativ.")
@click.option("--date", "day", default=None, metavar="ÅÅÅÅ-MM-DD", help="Avtaledato.")
@click.option("--version", "version_text", default=None, help="Lagret versjon (nummer).")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path))
@with_app
def agreement(
    app: Flask,
    project: str,
    service: str,
    scenario: str | None,
    day: str | None,
    version_text: str | None,
    pdf_path: Path | None,
    html_path: Path | None,
) -> None:
    """Skriv avtaleutkastet for en tjeneste som PDF (--pdf) eller HTML (--html)."""
    if (pdf_path is None) == (html_path is None):
        raise click.UsageError("Oppgi nøyaktig én av --pdf UT.pdf og --html UT.html.")
    decided_on: date | None = optional(read_date, day, "--date")
    version = optional(read_version, version_text, "--version")
    name = scenario or _only_scenario(app, project)
    view = use_cases.draft_agreement(project, name, service, uow_of(app), decided_on, version)
    with app.test_request_context():
        if pdf_path is not None:
            pdf_path.write_bytes(pdf_bytes(app, view))
        elif html_path is not None:
            html_path.write_text(print_html(app, view, standalone=True), encoding="utf-8")
    target = pdf_path or html_path
    missing = f"; {len(view.missing)} obligatoriske punkter mangler" if view.missing else ""
    click.echo(f"Skrev «{view.draft.title}» ({view.draft.law.act}{missing}) til {target}.")


def _only_scenario(app: Flask, project: str) -> str:
    """The project's scenario when it has exactly one; otherwise ask for --scenario."""
    names = [s.name for s in list_scenarios(project, uow_of(app))]
    if len(names) == 1:
        return names[0]
    choices = ", ".join(f"«{n}»" for n in names) or "ingen"
    raise InvalidData(f"Velg plasseringsalternativ med --scenario (prosjektet har {choices}).")
