"""``coop case-package``: one council's saksframlegg with its agreements, as PDF or HTML."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from coop.services.casework.case_package import case_package
from web.case_print import case_html, case_pdf
from web.cli.support import uow_of, with_app


@click.command("case-package")
@click.argument("project")
@click.option("--scenario", required=True, metavar="NAVN", help="Plasseringsalternativ.")
@click.option("--municipality", required=True, metavar="NNNN", help="Kommunenummer.")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path))
@with_app
def case_package_command(
    app: Flask,
    project: str,
    scenario: str,
    municipality: str,
    pdf_path: Path | None,
    html_path: Path | None,
) -> None:
    """Skriv saksframlegget for ett kommunestyre, med avtalene som vedlegg (--pdf eller --html)."""
    if (pdf_path is None) == (html_path is None):
        raise click.UsageError("Oppgi nøyaktig én av --pdf UT.pdf og --html UT.html.")
    package = case_package(project, scenario, municipality.strip(), uow_of(app))
    with app.test_request_context():
        if pdf_path is not None:
            pdf_path.write_bytes(case_pdf(app, package))
        elif html_path is not None:
            html_path.write_text(case_html(app, package, standalone=True), encoding="utf-8")
    case = package.case
    click.echo(
        f"Skrev saksframlegget for {case.municipality} kommune ({len(package.attachments)} "
        f"avtaler som vedlegg) til {pdf_path or html_path}."
    )
