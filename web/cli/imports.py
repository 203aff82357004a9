"""``coop import-budget``: read an ERP/SSB budget CSV and write baselines all-or-nothing.

It opens the database without the web app (``web.cli.database``) and imports only the budget
use case, so it starts in well under a second (issue 16.9).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from coop.budget_import.limits import read_capped, size_problem
from coop.domain.limits import read_year
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.budgets.imports import import_budget as import_use_case
from web.cli.database import with_uow
from web.cli.support import cli_actor, fail, print_json


@click.command("import-budget")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--municipality", required=True, metavar="NNNN", help="Kommunenummer.")
@click.option("--year", "year_text", required=True, help="Budsjett- eller regnskapsår.")
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
@with_uow
def import_budget(
    uow: Callable[[], UnitOfWork],
    file: str,
    municipality: str,
    year_text: str,
    project: str | None,
    dry_run: bool,
    mappings: tuple[str, ...],
    as_json: bool,
) -> None:
    """Importer et budsjett eller regnskap (CSV) og lag grunnlag per tjeneste."""
    year = read_year(year_text, "--year", 1990)
    path = Path(file)
    if problem := size_problem(path.stat().st_size):
        fail(f"{path.name}: {problem}", 2)
    actor = cli_actor()
    with path.open("rb") as stream:
        raw = read_capped(stream)  # the file may have grown since stat()
    result = import_use_case(
        raw,
        path.name,
        municipality,
        year,
        actor,
        uow(),
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


def _mapping(values: tuple[str, ...]) -> dict[str, str] | None:
    pairs = {}
    for value in values:
        header, sep, concept = value.rpartition("=")
        if not sep or not header or not concept:
            fail(f"--map {value}: bruk formen KOLONNE=BEGREP, f.eks. «Beløp=amount»", 2)
        pairs[header] = concept
    return pairs or None
