"""The finance page says «in the core» exactly when no coalition would pay less on its own.

Checked on the demo's landbruk game (Os, Røros, Holtålen), unpatched: every coalition's cost
is recomputed here by enumeration from the game's definition (c({i}) = alone; c(S) = the
cheapest host h in S of Σ member_cost[i, h]), and each method's allocation is tested against
all of them.
"""

import re
from itertools import combinations

from flask import Flask

from coop import services
from coop.services.splits.cost_split import ServiceGame, service_game

from ..conftest import login

SLUG = "nord-osterdal-gauldal"
SERVICE = "landbruk"
SCENARIO = "Dagens ordning"


def _coalition_costs(game: ServiceGame) -> dict[frozenset[str], float]:
    hosted, members = game.hosted, game.members
    index = {m: i for i, m in enumerate(members)}
    costs = {}
    for size in range(1, len(members) + 1):
        for group in combinations(members, size):
            if size == 1:
                costs[frozenset(group)] = float(hosted.alone[index[group[0]]])
            else:
                costs[frozenset(group)] = min(
                    sum(float(hosted.member_cost[index[i], index[h]]) for i in group) for h in group
                )
    return costs


def _blocks(page: str) -> dict[str, str]:
    checks = page.split('class="core-checks"')[1].split("</dl>")[0]
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", checks, re.S)
    return {label.strip(): body for label, body in pairs}


def test_a_method_in_the_core_is_said_to_be_so_and_one_outside_is_not(app: Flask) -> None:
    uow = app.extensions["coop.uow"]
    game = service_game(SLUG, SERVICE, uow(), SCENARIO)
    costs = _coalition_costs(game)
    splits = services.split_service(SLUG, SERVICE, uow(), scenario_name=SCENARIO)
    page = (
        login(app.test_client(), "ordforer")
        .get(f"/prosjekter/{SLUG}/fordeling/{SERVICE}", query_string={"alternativ": SCENARIO})
        .get_data(as_text=True)
    )
    blocks = _blocks(page)
    said_in_core, said_outside = 0, 0
    for result in splits:
        # whole kroner on the page: allow a krone per member of rounding
        stable = all(
            float(sum(result.allocation[m] for m in group)) <= cost + len(group)
            for group, cost in costs.items()
        )
        said = "Ingen gruppe kommuner tjener på å bryte ut." in blocks[result.label]
        assert said == stable, result.method
        said_in_core += said
        said_outside += not said
    # the game's core is not empty (the nucleolus lies in it), and Shapley lies outside
    assert said_in_core >= 1
    assert said_outside >= 1
