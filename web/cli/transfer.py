"""``coop`` commands that move and trace a whole project: export, import, change log."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask

from coop import services
from coop.domain.formatting import count_of
from coop.services.project_transfer import MAX_FILE_BYTES
from web.api.serialize import change_row
from web.cli.projects import JSON
from web.cli.support import cli_actor, fail, print_json, uow_of, with_app


@click.command("export-project")
@click.argument("slug")
@click.argument("file", metavar="FIL.json", type=click.Path(dir_okay=False, path_type=Path))
@with_app
def export_project(app: Flask, slug: str, file: Path) -> None:
    """Skriv hele prosjektet til én JSON-fil (sikkerhetskopi, flytting, til en konsulent)."""
    data = services.export_project(slug, cli_actor(), uow_of(app))
    file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    click.echo(f"Skrev «{data['prosjekt']['navn']}» ({slug}) til {file}.")


@click.command("import-project")
@click.argument("file", metavar="FIL.json", type=click.Path(dir_okay=False, path_type=Path))
@with_app
def import_project(app: Flask, file: Path) -> None:
    """Les inn et prosjekt fra en prosjektfil; alt eller ingenting."""
    if not file.is_file():
        fail(f"finner ikke filen {file}", 2)
    if file.stat().st_size > MAX_FILE_BYTES:
        fail(f"{file.name} er større enn {MAX_FILE_BYTES // 1_000_000} MB", 2)
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        fail(f"{file.name} er ikke gyldig JSON: {str(error)[:200]}; ingenting er importert", 2)
    slug = services.import_project(data, cli_actor(), uow_of(app))
    overview = services.project_overview(slug, uow_of(app))
    click.echo(
        f"Importerte «{overview.name}» ({slug}): "
        f"{count_of(len(overview.municipalities), 'kommune', 'kommuner')}, "
        f"{count_of(len(overview.services), 'tjeneste', 'tjenester')}, "
        f"{count_of(len(overview.scenarios), 'alternativ', 'alternativer')}."
    )


@click.command("changes")
@click.argument("slug")
@click.option("--csv", "as_csv", is_flag=True, help="Skriv hele loggen som CSV (eldste først).")
@JSON
@with_app
def changes(app: Flask, slug: str, as_csv: bool, as_json: bool) -> None:
    """Vis endringsloggen: hvem endret hva og når (nyeste først)."""
    if as_csv:
        click.echo(services.changes_csv(slug, uow_of(app)), nl=False)
        return
    views = services.project_changes(slug, uow_of(app))
    if as_json:
        print_json([change_row(v) for v in views])
        return
    for view in views:
        click.echo(view.sentence)
