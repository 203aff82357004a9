"""``coop regions`` prints the issue's JSON shape, and refuses bad input with exit 2."""

import json
from pathlib import Path

from click.testing import CliRunner

from web.cli import main


def _db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/r.sqlite"
    assert CliRunner().invoke(main, ["init-db", "--database", url]).exit_code == 0
    return url


def test_regions_json_has_exactly_the_documented_keys(tmp_path: Path) -> None:
    url = _db(tmp_path)
    args = ["regions", "--county", "Troms", "--service", "barnevern", "--min-pop", "3000",
            "--max-travel", "90", "--json", "--database", url]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"status", "objective_nok", "gap", "seconds", "groups"}
    assert data["status"] == "optimal"
    assert int(data["objective_nok"]) > 0
    members = [m for g in data["groups"] for m in g["members"]]
    assert len(members) == len(set(members)) == 21
    for g in data["groups"]:
        assert set(g) == {"host", "members", "population", "max_travel_min"}
        assert g["members"][0] == g["host"]
        assert g["population"] >= 3000
        assert g["max_travel_min"] <= 90


def test_regions_top_adds_ranked_alternatives(tmp_path: Path) -> None:
    url = _db(tmp_path)
    args = ["regions", "--municipalities", "5516,5518,5522", "--service", "barnevern",
            "--top", "3", "--json", "--database", url]  # fmt: skip
    data = json.loads(CliRunner().invoke(main, args).output)
    costs = [int(data["objective_nok"])] + [int(a["objective_nok"]) for a in data["alternatives"]]
    assert len(costs) == 3
    assert costs == sorted(costs)


def test_impossible_rules_exit_2_naming_the_rule(tmp_path: Path) -> None:
    url = _db(tmp_path)
    args = ["regions", "--municipalities", "Gratangen,Lavangen", "--service", "barnevern",
            "--min-pop", "5000", "--database", url]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "minste folketall" in result.output
    bad = CliRunner().invoke(main, [*args[:5], "--max-travel", "-3", "--database", url])
    assert bad.exit_code == 2
    assert "max_travel_min" in bad.output
