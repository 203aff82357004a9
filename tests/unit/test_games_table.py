"""GAME.json tables: parsing, filling missing coalitions, readable errors, split-game output."""

import itertools
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allocation.games.table import GameInputError, parse_game, run_game_json

APARTMENT = {
    "players": ["A", "B", "C"],
    "costs": {"A": 300, "B": 270, "C": 280, "A+B": 410, "C+A": 410, "B+C": 410, "A+B+C": 550},
}


def partitions(items: list[int]):
    """Every set partition of ``items`` (Bell-number many; fine for n ≤ 5)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for smaller in partitions(rest):
        yield [[first], *smaller]
        for i in range(len(smaller)):
            yield [*smaller[:i], [first, *smaller[i]], *smaller[i + 1 :]]


def test_a_full_table_is_read_with_coalitions_in_any_order() -> None:
    game = parse_game(APARTMENT)
    assert game.players == ("A", "B", "C")
    assert game.c({"A", "C"}) == 410.0
    assert game.c({"A", "B", "C"}) == 550.0


def test_a_missing_coalition_costs_its_cheapest_partition_into_given_ones() -> None:
    data = {"players": ["A", "B", "C"], "costs": {"A": 5, "B": 6, "C": 7, "A+B": 8, "A+B+C": 14}}
    game = parse_game(data)
    assert game.c({"A", "C"}) == 12.0  # A alone + C alone
    assert game.c({"B", "C"}) == 13.0
    assert game.c({"A", "B", "C"}) == 14.0  # given, even though A+B and C would cost 15


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 5), st.data())
def test_filled_costs_equal_the_brute_force_cheapest_partition(n: int, data: st.DataObject) -> None:
    players = [chr(ord("A") + i) for i in range(n)]
    coalitions = [c for k in range(2, n) for c in itertools.combinations(players, k)]
    listed = data.draw(st.lists(st.sampled_from(coalitions), unique=True)) if coalitions else []
    costs = {p: data.draw(st.integers(1, 50)) for p in players}
    costs |= {"+".join(c): data.draw(st.integers(1, 80)) for c in listed}
    costs["+".join(players)] = 100
    game = parse_game({"players": players, "costs": costs})
    for k in range(1, n):
        for coalition in itertools.combinations(players, k):
            key = "+".join(coalition)
            if key in costs:
                expected = costs[key]
            else:
                expected = min(
                    sum(costs.get("+".join(sorted(block)), math.inf) for block in partition)
                    for partition in partitions(list(coalition))
                )
            assert game.c(coalition) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"players": ["A", "B"]}, "«players» og «costs»"),
        ({"players": [], "costs": {}}, "ikke-tom liste"),
        ({"players": ["A", "A"], "costs": {}}, "«A» står to ganger"),
        ({"players": ["A+B"], "costs": {}}, "kan ikke inneholde «\\+»"),
        ({"players": ["A", "B"], "costs": {"A": 1, "A+X": 2, "A+B": 3}}, "«A\\+X».*«X»"),
        ({"players": ["A", "B"], "costs": {"A": 1, "B": 1}}, "store koalisjonen «A\\+B»"),
        ({"players": ["A", "B"], "costs": {"A": -1, "B": 1, "A+B": 1}}, "«A» er negativ"),
        ({"players": ["A", "B"], "costs": {"A": "ti", "B": 1, "A+B": 1}}, "«A» er ikke et tall"),
        ({"players": ["A", "B"], "costs": {"A": True, "B": 1, "A+B": 1}}, "«A» er ikke et tall"),
        ({"players": ["A", "B"], "costs": {"A+B": 1, "B+A": 2}}, "«B\\+A» er oppgitt to ganger"),
        ({"players": ["A", "B"], "costs": {"A": 1, "A+B": 2}}, "«B» mangler kostnad"),
        ({"players": ["A", "B"], "costs": {"A+A": 1, "A+B": 2}}, "nevner «A» to ganger"),
    ],
)
def test_bad_tables_raise_one_clear_message_naming_the_coalition(data, message) -> None:
    with pytest.raises(GameInputError, match=message) as caught:
        run_game_json(data, "shapley")
    assert isinstance(caught.value, ValueError)


def test_too_many_players_for_a_table_are_refused() -> None:
    players = [f"P{i}" for i in range(21)]
    with pytest.raises(GameInputError, match="høyst 20"):
        parse_game({"players": players, "costs": {"+".join(players): 1}})


def test_an_unknown_method_lists_the_known_ones() -> None:
    with pytest.raises(GameInputError, match="Ukjent metode «banzhaf».*nucleolus"):
        run_game_json(APARTMENT, "banzhaf")


@pytest.mark.parametrize(
    "method", ["shapley", "nucleolus", "least-core", "least_core", "scrb", "proportional"]
)
def test_split_game_output_has_the_agreed_shape(method: str) -> None:
    result = run_game_json(json.loads(json.dumps(APARTMENT)), method)
    assert set(result) == {"method", "allocation", "in_core", "max_excess", "blocking_coalition"}
    assert result["method"] == method.replace("_", "-")
    assert list(result["allocation"]) == ["A", "B", "C"]
    assert sum(result["allocation"].values()) == pytest.approx(550)
    assert result["in_core"] is True
    assert result["blocking_coalition"] is None
    json.dumps(result)  # plain JSON types only


def test_split_game_names_the_blocking_coalition_when_outside_the_core() -> None:
    data = {
        "players": ["a", "b", "c"],
        "costs": {"a": 1, "b": 1, "c": 1, "a+b": 1, "a+c": 1, "b+c": 1, "a+b+c": 2},
    }
    result = run_game_json(data, "proportional")
    assert result["in_core"] is False
    assert result["max_excess"] == pytest.approx(1 / 3)
    assert result["blocking_coalition"] == ["a", "b"]
    assert result["allocation"] == pytest.approx({"a": 2 / 3, "b": 2 / 3, "c": 2 / 3})
