"""Issue 16.9: ``coop import-budget`` (no web app) stores what the web import stores."""

import io
import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from flask import Flask
from sqlalchemy import text

from coop.persistence.orm.base import make_engine
from web.cli import main

from ..conftest import login

BUDGET = (
    "konto;tjeneste;budsjett_2026\n"
    "10100;24400;1 000 000\n"
    "10990;24400;141 000\n"
    "11200;24400;250 000,50\n"
    "10100;30300;2 000 000\n"
    "17000;30300;-300 000\n"
    "18700;87000;-3 091 000,50\n"
)


def _stored(url: str) -> dict[str, list[tuple[object, ...]]]:
    """The rows an import writes, without who and when."""
    engine = make_engine(url)
    with engine.connect() as c:
        rows = {
            "baselines": c.execute(
                text(
                    "SELECT municipality, service, year, fte, headcount, gross_cost_nok,"
                    " pay_cost_nok, pass_through_nok, basis FROM baselines"
                    " WHERE basis LIKE '%import av b.csv%' ORDER BY municipality, service, year"
                )
            ).all(),
            "imports": c.execute(
                text(
                    "SELECT municipality, year, kind, filename, sha256, encoding, content,"
                    " summary FROM budget_imports ORDER BY id"
                )
            ).all(),
            "changes": c.execute(
                text(
                    "SELECT project, kind, key, field, old, new, reason FROM change_log"
                    " WHERE kind = 'grunnlag' ORDER BY key, field"
                )
            ).all(),
        }
    engine.dispose()
    return rows


def test_the_cli_import_stores_the_same_rows_as_the_web_import(
    app: Flask, app_template: Path, tmp_path: Path
) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    data = {"municipality": "5522", "year": "2026", "file": (io.BytesIO(BUDGET.encode()), "b.csv")}
    page = client.post("/import/forhandsvis", data=data, content_type="multipart/form-data")
    token = re.search(r'name="token" value="([A-Za-z0-9_-]{32})"', page.get_data(as_text=True))
    assert token is not None
    assert client.post("/import/lagre", data={"token": token[1]}).status_code == 302
    web = _stored(app.config["DATABASE_URL"])

    shutil.copy(app_template, tmp_path / "cli.sqlite")
    url = f"sqlite:///{tmp_path}/cli.sqlite"
    path = tmp_path / "b.csv"
    path.write_bytes(BUDGET.encode())
    args = ["import-budget", str(path), "--municipality", "5522", "--year", "2026"]
    result = CliRunner().invoke(main, [*args, "--database", url])
    assert result.exit_code == 0, result.output
    assert "b.csv: 6 linjer, lagret." in result.output
    cli = _stored(url)

    assert [r.service for r in web["baselines"]] == ["barnevern", "kart-oppmaling"]
    assert len(web["imports"]) == 1
    assert cli == web
