"""``coop backup`` and ``coop restore``: the whole database (uploaded originals included)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from coop.persistence import backup as backups
from web.cli.support import fail, with_app
from web.filters import number

KINDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _described(summary: backups.BackupSummary) -> str:
    tables = sum(1 for n in summary.rows.values() if n)
    kind = KINDS.get(summary.database, summary.database)
    return (
        f"{number(summary.total_rows)} rader i {tables} tabeller "
        f"(skjemaversjon {summary.revision}, fra {kind})"
    )


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_app
def backup(app: Flask, file: Path) -> None:
    """Skriv en sikkerhetskopi av hele databasen (med opplastede originalfiler) til FILE."""
    if not file.parent.is_dir():
        fail(f"mappen {file.parent} finnes ikke", 2)
    summary = backups.backup(app.extensions["coop.engine"], file)
    click.echo(f"Sikkerhetskopi skrevet til {file}: {_described(summary)}.")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Ikke spør før alt i databasen erstattes.")
@with_app
def restore(app: Flask, file: Path, yes: bool) -> None:
    """Erstatt alt i databasen med innholdet i sikkerhetskopien FILE."""
    if not file.is_file():
        fail(f"fant ikke filen {file}", 2)
    manifest = backups.read_manifest(file)
    if not yes:
        click.confirm(
            f"Alt i databasen erstattes med sikkerhetskopien fra {manifest.get('created_at')}. "
            "Fortsette?",
            abort=True,
        )
    summary = backups.restore(app.extensions["coop.engine"], file)
    click.echo(f"Gjenopprettet fra {file}: {_described(summary)}.")
