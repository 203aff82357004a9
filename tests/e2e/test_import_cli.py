import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from web.cli import main

ODD = "Kto;Fnk;Sum kroner\n10100;24400;1 000 000\n18700;87000;-1 000 000\n"


def test_an_unguessable_header_is_asked_for_once_then_remembered(
    tmp_path: Path, demo_template: Path
) -> None:
    shutil.copy(demo_template, tmp_path / "i.sqlite")  # what `coop load-demo` writes
    url = f"sqlite:///{tmp_path}/i.sqlite"
    runner = CliRunner()
    path = tmp_path / "odd.csv"
    path.write_text(ODD, encoding="utf-8")
    base = [
        "import-budget",
        str(path),
        "--municipality",
        "5516",
        "--year",
        "2026",
        "--database",
        url,
        "--json",
    ]
    first = runner.invoke(main, base)
    assert first.exit_code == 2
    report = json.loads(first.output)
    assert report["written"] is False
    assert any(e["kind"] == "mapping needed" for e in report["errors"])
    answered = runner.invoke(
        main, [*base, "--map", "Kto=art", "--map", "Fnk=function", "--map", "Sum kroner=amount"]
    )
    assert answered.exit_code == 0, answered.output
    assert json.loads(answered.output)["written"] is True
    again = runner.invoke(main, base)
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["by_service"]["Sum kroner"]["barnevern"]["gross_nok"] == (
        "1000000.00"
    )


def test_a_malformed_map_option_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(ODD, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "import-budget",
            str(path),
            "--municipality",
            "5516",
            "--year",
            "2026",
            "--map",
            "Kto",
            "--database",
            f"sqlite:///{tmp_path}/x.sqlite",
        ],
    )
    assert result.exit_code == 2
    assert "KOLONNE=BEGREP" in result.output
