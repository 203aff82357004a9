"""``web.cli.database``: the light commands open the database ``create_app`` would open."""

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from web.cli import main
from web.cli.database import database_url


def test_the_option_wins_then_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-env.sqlite")
    assert database_url("sqlite:///given.sqlite") == "sqlite:///given.sqlite"
    assert database_url(None) == "sqlite:///from-env.sqlite"


def test_without_a_url_it_is_the_file_in_flasks_instance_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("COOP_DATABASE_URL", raising=False)
    instance = Path(Flask("web", instance_relative_config=True).instance_path)
    if (instance / "config.py").exists():
        pytest.skip("instance/config.py may name another database")
    assert database_url(None) == f"sqlite:///{instance}/coop.sqlite"


def test_an_unreachable_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    budget = tmp_path / "b.csv"
    budget.write_text("funksjon;art;beløp\n244;010;1\n", encoding="utf-8")
    url = "postgresql://nobody@127.0.0.1:1/none"
    args = ["import-budget", str(budget), "--municipality", "5522", "--year", "2026"]
    result = CliRunner().invoke(main, [*args, "--database", url])
    assert result.exit_code == 1
    assert "får ikke kontakt med databasen" in result.output


def test_import_budget_loads_no_web_app_solver_graph_or_pdf_library() -> None:
    code = (
        "import sys\n"
        "import web.cli.imports\n"
        "heavy = ('flask', 'pulp', 'networkx', 'weasyprint', 'web.app', 'web.views')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
