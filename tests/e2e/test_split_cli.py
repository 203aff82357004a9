import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from web.cli import main


@pytest.fixture
def url(tmp_path: Path, demo_template: Path) -> str:
    """A copy of the migrated demo database (what ``coop load-demo`` writes, made once)."""
    shutil.copy(demo_template, tmp_path / "s.sqlite")
    return f"sqlite:///{tmp_path}/s.sqlite"


def test_split_game_gives_the_airport_game_shapley_value(tmp_path: Path) -> None:
    # Littlechild & Owen (1973) airport game with runway costs 6, 12, 42: Shapley (2, 5, 35).
    game = tmp_path / "game.json"
    game.write_text(
        json.dumps(
            {
                "players": ["A", "B", "C"],
                "costs": {"A": 6, "B": 12, "C": 42, "A+B": 12, "A+C": 42, "B+C": 42, "C+B+A": 42},
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["split-game", str(game), "--method", "shapley", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["allocation"] == {"A": 2.0, "B": 5.0, "C": 35.0}
    assert data["in_core"] is True
    assert data["blocking_coalition"] is None


def test_split_game_names_the_bad_coalition_and_exits_2(tmp_path: Path) -> None:
    game = tmp_path / "game.json"
    game.write_text(
        json.dumps({"players": ["A", "B"], "costs": {"A": 1, "B": "x", "A+B": 2}}), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["split-game", str(game), "--method", "nucleolus"])
    assert result.exit_code == 2
    assert "«B»" in result.output


def test_split_by_key_sums_to_the_total_and_reports_the_core(url: str) -> None:
    result = CliRunner().invoke(
        main,
        [
            "split",
            "astafjord-2007",
            "--service",
            "ikt-drift",
            "--scenario",
            "Ordførergruppas forslag 2007",
            "--json",
            "--database",
            url,
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    amounts = {k: Decimal(v) for k, v in data["allocation"].items()}
    assert sum(amounts.values()) == Decimal(data["total_nok"])
    assert all(v == v.to_integral_value() for v in amounts.values())
    assert data["key"] == "30 % likt, 70 % folketall"
    # With this key Ibestad pays more than running IT alone: not individually rational.
    assert amounts["5514"] > Decimal(data["standalone"]["5514"])
    assert data["individually_rational"] is False
    assert data["in_core"] is False
    assert "anslag" in data["basis"]


def test_nucleolus_split_is_individually_rational(url: str) -> None:
    result = CliRunner().invoke(
        main,
        [
            "split",
            "astafjord-2007",
            "--service",
            "barnevern",
            "--method",
            "nucleolus",
            "--json",
            "--database",
            url,
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for member, amount in data["allocation"].items():
        assert Decimal(amount) <= Decimal(data["standalone"][member])
