import json
from pathlib import Path

from click.testing import CliRunner

from web.cli import main


def test_init_db_then_load_demo_twice_then_list_projects(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/cli.sqlite"
    runner = CliRunner()
    init = runner.invoke(main, ["--database", url, "init-db"])
    assert init.exit_code == 0, init.output
    assert "357 kommuner" in init.output
    first = runner.invoke(main, ["load-demo", "--database", url])
    second = runner.invoke(main, ["load-demo", "--database", url])
    assert "lagt til astafjord-2007" in first.output
    assert "lagt til ingen nye" in second.output
    listed = runner.invoke(main, ["projects", "--json", "--database", url])
    assert listed.exit_code == 0, listed.output
    projects = json.loads(listed.output)
    assert [p["slug"] for p in projects] == [
        "nord-osterdal-gauldal", "astafjord-2007", "baerekraft-2023", "framoverlent-sammen",
    ]  # fmt: skip
    seed = projects[1]
    assert seed["fte_total"] == "19.70"
    assert sorted(m["number"] for m in seed["municipalities"]) == ["5514", "5516", "5518", "5522"]


def test_database_url_from_the_environment_is_used(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/env.sqlite"
    result = CliRunner().invoke(main, ["load-demo"], env={"DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.sqlite").exists()


def test_unreachable_database_gives_one_clear_line_and_a_nonzero_exit() -> None:
    result = CliRunner().invoke(
        main, ["--database", "postgresql://nowhere.invalid/coop", "projects"]
    )
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("Feil: får ikke kontakt med databasen")
    assert "Traceback" not in result.output
