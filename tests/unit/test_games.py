"""Cost games: Shapley value (exact and sampled), SCRB, proportional split and the core check."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allocation.games.core import core_check
from allocation.games.game import CostGame, GameError
from allocation.games.values import proportional, scrb, shapley, shapley_sampled

# The three-students apartment game from the R package CoopGame (costSharingGame example):
# alone 300/270/280, any two 410, all three 550.
APARTMENT = {"A": 300.0, "B": 270.0, "C": 280.0}


def apartment() -> CostGame:
    def cost(s: frozenset[str]) -> float:
        return {1: APARTMENT[min(s)], 2: 410.0, 3: 550.0}[len(s)]

    return CostGame(("A", "B", "C"), cost)


def airport(runway: list[float]) -> CostGame:
    """Littlechild & Owen (1973): a coalition pays for the longest runway any member needs."""
    players = tuple(f"p{i}" for i in range(len(runway)))
    return CostGame(players, lambda s: max(runway[int(p[1:])] for p in s))


def table_game(players: tuple[str, ...], costs: list[float]) -> CostGame:
    return CostGame.from_table(players, np.array([0.0, *costs]))


def brute_force_shapley(game: CostGame) -> dict[str, float]:
    """Average marginal cost over every join order (n! orders)."""
    total = dict.fromkeys(game.players, 0.0)
    orders = list(itertools.permutations(game.players))
    for order in orders:
        before: frozenset[str] = frozenset()
        for player in order:
            total[player] += game.c(before | {player}) - game.c(before)
            before = before | {player}
    return {p: v / len(orders) for p, v in total.items()}


@st.composite
def random_games(draw: st.DrawFn, max_players: int = 5) -> CostGame:
    n = draw(st.integers(1, max_players))
    costs = draw(
        st.lists(st.floats(0, 1000, allow_nan=False), min_size=2**n - 1, max_size=2**n - 1)
    )
    return table_game(tuple(f"k{i}" for i in range(n)), costs)


def test_shapley_of_the_apartment_game_matches_the_hand_calculation() -> None:
    # Savings game v(S) = Σ c(i) - c(S): φ_A = (160 + 170)/6 + (300 - 140)/3 = 108 1/3, so A pays
    # 300 - 108 1/3 = 191 2/3; likewise B 176 2/3 and C 181 2/3.
    values = shapley(apartment())
    assert values == pytest.approx({"A": 575 / 3, "B": 530 / 3, "C": 545 / 3})


def test_shapley_of_an_airport_game_follows_littlechild_owen() -> None:
    # Littlechild & Owen (1973): each runway segment is shared equally by those who need it.
    runway = [1.0, 2.0, 3.0, 7.0]
    values = shapley(airport(runway))
    expected, share = [], 0.0
    for k, length in enumerate(runway):
        share += (length - (runway[k - 1] if k else 0.0)) / (len(runway) - k)
        expected.append(share)
    assert [values[f"p{i}"] for i in range(4)] == pytest.approx(expected)


@settings(max_examples=40, deadline=None)
@given(random_games())
def test_shapley_equals_the_average_over_all_join_orders(game: CostGame) -> None:
    expected = brute_force_shapley(game)
    assert shapley(game) == pytest.approx(expected, abs=1e-7)


@settings(max_examples=40, deadline=None)
@given(random_games(max_players=6))
def test_shapley_is_efficient(game: CostGame) -> None:
    assert sum(shapley(game).values()) == pytest.approx(game.value(game.grand), abs=1e-7)


@settings(max_examples=30, deadline=None)
@given(random_games(max_players=5), random_games(max_players=5))
def test_shapley_is_additive(first: CostGame, second: CostGame) -> None:
    n = min(first.n, second.n)
    players = tuple(f"k{i}" for i in range(n))
    a, b = first.costs()[: 2**n], second.costs()[: 2**n]
    combined = CostGame.from_table(players, a + b)
    left = shapley(combined)
    one, two = shapley(CostGame.from_table(players, a)), shapley(CostGame.from_table(players, b))
    assert left == pytest.approx({p: one[p] + two[p] for p in players}, abs=1e-7)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=3, max_size=3))
def test_symmetric_players_pay_the_same_and_a_null_player_pays_nothing(base: list[float]) -> None:
    # S and T interchange when only their sizes among {a, b} matter; "z" adds no cost anywhere.
    def cost(s: frozenset[str]) -> float:
        size = len(s & {"a", "b"})
        return base[size - 1] if size else 0.0

    values = shapley(CostGame(("a", "b", "z"), cost))
    assert values["a"] == pytest.approx(values["b"])
    assert values["z"] == pytest.approx(0.0, abs=1e-9)


def test_exact_shapley_handles_twenty_players_from_a_table() -> None:
    n = 20
    weights = np.arange(1, n + 1, dtype=float)
    masks = np.arange(2**n)
    bits = (masks[:, None] >> np.arange(n)) & 1
    costs = np.sqrt(bits @ weights)
    values = shapley(CostGame.from_table(tuple(f"m{i}" for i in range(n)), costs))
    assert sum(values.values()) == pytest.approx(costs[-1])
    assert values["m0"] < values["m19"]  # a larger weight never costs less here


def test_exact_shapley_refuses_more_than_twenty_players() -> None:
    game = CostGame(tuple(f"m{i}" for i in range(21)), lambda s: float(len(s)))
    with pytest.raises(GameError, match="høyst 20"):
        shapley(game)


def test_sampled_shapley_is_reproducible_efficient_and_covers_the_exact_value() -> None:
    game = airport([1.0, 2.0, 3.0, 5.0, 8.0, 13.0])
    exact = shapley(game)
    values, half = shapley_sampled(game, samples=4000, seed=7)
    again, _ = shapley_sampled(game, samples=4000, seed=7)
    assert values == again
    assert sum(values.values()) == pytest.approx(game.value(game.grand))
    for p in game.players:
        assert abs(values[p] - exact[p]) <= 1.5 * half[p] + 1e-9


def test_sampled_shapley_works_for_thirty_players_from_a_model() -> None:
    calls: list[frozenset[str]] = []

    def cost(s: frozenset[str]) -> float:
        calls.append(s)
        return math.sqrt(sum(int(p[1:]) + 1 for p in s))

    game = CostGame(tuple(f"m{i}" for i in range(30)), cost)
    values, half = shapley_sampled(game, samples=200, seed=1)
    assert sum(values.values()) == pytest.approx(game.value(game.grand))
    assert all(h >= 0 for h in half.values())
    assert len(calls) == len(set(calls))  # memoised: each coalition is costed once


def test_scrb_of_the_apartment_game_matches_the_hand_calculation() -> None:
    # Separable 550 - 410 = 140 each; remaining benefits 160/130/140 share the 130 left over.
    values = scrb(apartment())
    expected = {"A": 140 + 130 * 160 / 430, "B": 140 + 130 * 130 / 430, "C": 140 + 130 * 140 / 430}
    assert values == pytest.approx(expected)


def test_proportional_split_follows_stand_alone_costs() -> None:
    values = proportional(apartment())
    assert values == pytest.approx({p: 550 * c / 850 for p, c in APARTMENT.items()})


def test_core_check_accepts_a_stable_split() -> None:
    check = core_check(apartment(), {"A": 190.0, "B": 180.0, "C": 180.0})
    assert check.in_core
    assert check.individually_rational
    assert check.blocking_coalition is None
    assert check.core_empty is False
    assert check.max_excess == pytest.approx(-40.0)  # e.g. A + B pay 370 of their 410


def test_core_check_names_the_most_dissatisfied_coalition_and_by_how_much() -> None:
    check = core_check(apartment(), {"A": 130.0, "B": 260.0, "C": 160.0})
    assert not check.in_core
    assert check.blocking_coalition == ("B", "C")
    assert check.max_excess == pytest.approx(10.0)
    assert check.individually_rational
    assert check.core_empty is False
    assert "B + C betaler 10.00 mer" in check.summary


def test_core_check_says_plainly_when_the_core_is_empty() -> None:
    # Any two cost 1 together, all three 2: pairs would pay at most 1.5 in total.
    game = CostGame(("a", "b", "c"), lambda s: {1: 1.0, 2: 1.0, 3: 2.0}[len(s)])
    check = core_check(game, {"a": 2 / 3, "b": 2 / 3, "c": 2 / 3})
    assert check.core_empty is True
    assert check.max_excess == pytest.approx(1 / 3)
    assert "Kjernen er tom" in check.summary


def test_core_check_flags_a_partner_paying_more_than_alone() -> None:
    check = core_check(apartment(), {"A": 310.0, "B": 100.0, "C": 140.0})
    assert not check.individually_rational
    assert check.blocking_coalition == ("A", "C")  # 450 against 410; A alone overpays 10


def test_core_check_reports_a_split_that_does_not_cover_the_cost() -> None:
    check = core_check(apartment(), {"A": 150.0, "B": 150.0, "C": 150.0})
    assert not check.in_core
    assert check.budget_gap == pytest.approx(-100.0)
    assert "dekker ikke totalkostnaden" in check.summary


def test_a_cost_function_is_called_once_per_coalition() -> None:
    calls: list[frozenset[str]] = []

    def cost(s: frozenset[str]) -> float:
        calls.append(s)
        return float(len(s))

    game = CostGame(("a", "b", "c"), cost)
    shapley(game)
    scrb(game)
    assert len(calls) == len(set(calls)) == 7


def test_a_game_rejects_duplicate_players_unknown_players_and_non_numbers() -> None:
    with pytest.raises(GameError, match="to ganger"):
        CostGame(("a", "a"), lambda s: 1.0)
    game = CostGame(("a", "b"), lambda s: math.nan if len(s) == 2 else 1.0)
    with pytest.raises(GameError, match="«x» er ikke en deltaker"):
        game.c({"x"})
    with pytest.raises(GameError, match="koalisjonen a\\+b er ikke et tall"):
        game.c({"a", "b"})
    with pytest.raises(GameError, match="mangler beløp for b"):
        core_check(game, {"a": 1.0})
