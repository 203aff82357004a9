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
    shutil.copy(demo_template, tmp_path / "n.sqlite")
    return f"sqlite:///{tmp_path}/n.sqlite"


def test_network_json_gives_the_estimated_road_routes(url: str) -> None:
    result = CliRunner().invoke(main, ["network", "astafjord-2007", "--json", "--database", url])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    routes = {(r["from"], r["to"]): r for r in data["routes"]}
    ibestad_salangen = routes["5514", "5522"]
    assert Decimal(ibestad_salangen["km"]) == 45
    assert "bridge_tunnel" in ibestad_salangen["modes"]
    assert "ferry" not in ibestad_salangen["modes"]
    assert all("anslag" in r["basis"] for r in data["routes"])
    assert len(data["routes"]) == 12


def _cost(url: str, policy: str) -> dict[str, object]:
    result = CliRunner().invoke(
        main,
        [
            "transition-cost",
            "astafjord-2007",
            "--scenario",
            "Ordførergruppas forslag 2007",
            "--policy",
            policy,
            "--json",
            "--database",
            url,
        ],
    )
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_transition_cost_of_the_2007_placement_under_both_policies(url: str) -> None:
    seed, kfo = _cost(url, "Retningslinjer 2007"), _cost(url, "KFO-kravet")
    by_kind = seed["by_kind"]
    assert isinstance(by_kind, dict)
    # hand count: 18 staff move; the 2007 policy counts «reiseveg pr dag», there and back, and
    # the shortest move between two centres is 30 km one way (domain.md § 5.2), so every one
    # of them travels 60 km or more a day: over 40 km
    assert Decimal(by_kind["reisetilskudd"]) == 18 * 25_000
    assert Decimal(by_kind["omstillingstilskudd"]) == 18 * 25_000
    kfo_kind = kfo["by_kind"]
    assert isinstance(kfo_kind, dict)
    assert Decimal(kfo_kind["reisetilskudd"]) == 18 * 45_000
    parts = sum(Decimal(v) for v in by_kind.values())
    assert parts == Decimal(str(seed["total_nok"]))


def test_unknown_scenario_gives_a_clear_message_and_exit_2(url: str) -> None:
    result = CliRunner().invoke(
        main, ["transition-cost", "astafjord-2007", "--scenario", "Finnes ikke", "--database", url]
    )
    assert result.exit_code == 2
    assert "Fant ikke alternativet «Finnes ikke»" in result.output
    assert "Traceback" not in result.output


def test_place_json_reports_the_2007_choice_and_its_price(url: str) -> None:
    locks = [
        "--lock=barnevern=5522",
        "--lock=ikt-drift=5522",
        "--lock=regnskap-lonn=5518",
        "--lock=skatt-innfordring=5516",
        "--lock=kart-oppmaling=5516",
    ]
    result = CliRunner().invoke(
        main,
        [
            "place",
            "astafjord-2007",
            "--scenario",
            "Ordførergruppas forslag 2007",
            "--top",
            "3",
            *locks,
            "--json",
            "--database",
            url,
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "optimal"
    assert {p["service"]: p["host"] for p in data["placements"]}["regnskap-lonn"] == "5518"
    assert Decimal(data["price_of_locks"]["alle"]) > 0
    assert set(data) >= {"objective_nok", "placements", "breakdown", "job_balance", "alternatives"}


def test_place_with_impossible_rules_names_them_and_exits_2(url: str) -> None:
    result = CliRunner().invoke(
        main,
        [
            "place",
            "astafjord-2007",
            "--max-services",
            "1",
            "--max-net-loss",
            "0.5",
            "--database",
            url,
        ],
    )
    assert result.exit_code == 2
    assert "Regler som må lempes" in result.output


def test_place_rejects_a_malformed_lock(url: str) -> None:
    result = CliRunner().invoke(
        main, ["place", "astafjord-2007", "--lock", "barnevern", "--database", url]
    )
    assert result.exit_code == 2
    assert "TJENESTE=KOMMUNENUMMER" in result.output
