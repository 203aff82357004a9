"""Nucleolus and least core: published and hand-derived values, and an independent reference."""

import numpy as np
import pulp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allocation.games.core import core_check
from allocation.games.game import CostGame, GameError, coalition_sums, most_violated_by_enumeration
from allocation.games.lp import least_core, nucleolus
from allocation.solver import solve


def table_game(costs: np.ndarray) -> CostGame:
    n = int(np.log2(len(costs)))
    return CostGame.from_table(tuple(f"k{i}" for i in range(n)), costs)


def oracle_for(game: CostGame):
    """A separation oracle by name, as a model-induced game would supply it."""

    def most_violated(allocation, exclude):
        x = game.vector(allocation)
        found = most_violated_by_enumeration(game, x, {game.mask(s) for s in exclude}, 1)
        return [(game.members(found[0][0]), found[0][1])] if found else []

    return most_violated


def reference_nucleolus(game: CostGame) -> np.ndarray:
    """Textbook sequential LPs over all coalitions (Maschler, Peleg & Shapley 1979).

    After each level a coalition is fixed when a second LP shows its excess cannot go below the
    level's optimum; no duals and no constraint generation, unlike the code under test.
    """
    n, grand = game.n, game.grand
    free = list(range(1, grand))
    fixed: dict[int, float] = {}

    def model(eps_value=None, objective_mask=None):
        prob = pulp.LpProblem("ref", pulp.LpMinimize)
        x = [prob.add_variable(f"x{i}", lowBound=None) for i in range(n)]
        eps = prob.add_variable("eps", lowBound=None)
        size = lambda m: pulp.lpSum(x[i] for i in range(n) if m >> i & 1)  # noqa: E731
        if objective_mask is None:
            prob += eps
        else:
            prob += size(objective_mask) - game.value(objective_mask)
        prob += pulp.lpSum(x) == game.value(grand)
        for m, e in fixed.items():
            prob += size(m) == game.value(m) + e
        for m in free:
            prob += size(m) - game.value(m) <= eps
        if eps_value is not None:
            prob += eps <= eps_value
        solve(prob)
        return np.array([v.value() for v in x]), eps.value(), pulp.value(prob.objective)

    while True:
        x, level, _ = model()
        newly = [m for m in free if model(level + 1e-9, m)[2] >= level - 1e-7]
        for m in newly:
            fixed[m] = level
            free.remove(m)
        rows = np.array([[m >> i & 1 for i in range(n)] for m in [grand, *fixed]], dtype=float)
        if np.linalg.matrix_rank(rows) == n:
            return x


@st.composite
def random_tables(draw: st.DrawFn, players: tuple[int, int]) -> np.ndarray:
    n = draw(st.integers(*players))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    weights = rng.uniform(1, 10, n)
    costs = coalition_sums(weights) ** draw(st.sampled_from([0.6, 0.9, 1.1]))
    costs += rng.uniform(0, 2, len(costs))  # noise may empty the core
    costs[0] = 0.0
    return costs


def test_nucleolus_of_fergusons_three_person_game() -> None:
    # T. S. Ferguson, Game Theory, Part IV (Games in coalitional form), UCLA: v(1) = -1, v(2) = 0,
    # v(3) = 1, v(12) = 3, v(13) = 4, v(23) = 2, v(123) = 5 has nucleolus (8/3, 2/3, 5/3); the
    # same case is test 49.1 of the R package CoopGame. As a cost game c(S) = 10|S| - v(S).
    v = {"1": -1, "2": 0, "3": 1, "12": 3, "13": 4, "23": 2, "123": 5}
    game = CostGame(("1", "2", "3"), lambda s: 10 * len(s) - v["".join(sorted(s))])
    values = nucleolus(game)
    assert values == pytest.approx({"1": 10 - 8 / 3, "2": 10 - 2 / 3, "3": 10 - 5 / 3})


def test_nucleolus_of_a_three_plane_airport_game_matches_the_hand_derivation() -> None:
    # Runways 1, 2, 3: level one ties {a} with its complement {b, c}: x_a - 1 = x_b + x_c - 3
    # gives x_a = 1/2; level two equalises {a, b} and {a, c}: x_b - 3/2 = x_c - 5/2.
    runway = {"a": 1.0, "b": 2.0, "c": 3.0}
    game = CostGame(tuple(runway), lambda s: max(runway[p] for p in s))
    assert nucleolus(game) == pytest.approx({"a": 0.5, "b": 0.75, "c": 1.75})


def test_least_core_of_an_empty_core_game_needs_a_third_of_subsidy() -> None:
    game = CostGame(("a", "b", "c"), lambda s: {1: 1.0, 2: 1.0, 3: 2.0}[len(s)])
    allocation, epsilon = least_core(game)
    assert epsilon == pytest.approx(1 / 3)
    assert sum(allocation.values()) == pytest.approx(2.0)
    assert nucleolus(game) == pytest.approx({"a": 2 / 3, "b": 2 / 3, "c": 2 / 3})


def test_least_core_epsilon_is_negative_when_every_group_saves() -> None:
    runway = {"a": 1.0, "b": 2.0, "c": 3.0}
    game = CostGame(tuple(runway), lambda s: max(runway[p] for p in s))
    _, epsilon = least_core(game)
    assert epsilon == pytest.approx(-0.5)


@settings(max_examples=25, deadline=None)
@given(random_tables(players=(2, 4)))
def test_nucleolus_equals_the_textbook_reference(costs: np.ndarray) -> None:
    game = table_game(costs)
    got = nucleolus(game)
    expected = reference_nucleolus(game)
    assert [got[p] for p in game.players] == pytest.approx(list(expected), abs=1e-5)


@settings(max_examples=25, deadline=None)
@given(random_tables(players=(2, 7)))
def test_nucleolus_is_in_the_core_whenever_the_core_is_not_empty(costs: np.ndarray) -> None:
    game = table_game(costs)
    values = nucleolus(game)
    assert sum(values.values()) == pytest.approx(game.value(game.grand))
    _, epsilon = least_core(game)
    check = core_check(game, values, tol=1e-6)
    assert check.max_excess == pytest.approx(epsilon, abs=1e-6 * costs.max())
    if epsilon <= 0:
        assert check.in_core


@settings(max_examples=4, deadline=None)
@given(random_tables(players=(10, 12)))
def test_constraint_generated_nucleolus_with_an_oracle_equals_enumeration(
    costs: np.ndarray,
) -> None:
    game = table_game(costs)
    enumerated = nucleolus(game)
    generated = nucleolus(game, oracle_for(game))
    assert generated == pytest.approx(enumerated, abs=1e-6 * costs.max())


def test_symmetric_players_share_the_nucleolus_equally() -> None:
    game = CostGame(("a", "b", "c", "d"), lambda s: 10.0 * len(s) ** 0.5 + (5 if "d" in s else 0))
    values = nucleolus(game)
    assert values["a"] == pytest.approx(values["b"]) == pytest.approx(values["c"])


def test_a_single_partner_pays_its_own_cost() -> None:
    game = CostGame(("a",), lambda s: 42.0)
    assert nucleolus(game) == {"a": 42.0}


def test_a_large_model_game_needs_a_separation_oracle() -> None:
    game = CostGame(tuple(f"m{i}" for i in range(17)), lambda s: float(len(s)))
    with pytest.raises(GameError, match="most_violated"):
        nucleolus(game)


def test_an_oracle_returning_an_excluded_coalition_is_reported() -> None:
    game = CostGame(("a", "b", "c"), lambda s: float(len(s)))
    with pytest.raises(GameError, match="skulle vært utelatt"):
        nucleolus(game, lambda allocation, exclude: [(frozenset({"a", "b", "c"}), 1.0)])
