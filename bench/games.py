"""Bench: nucleolus and Shapley time against the number of players.

Two kinds of game:

* table games (n = 5…20): every coalition's cost in a numpy table, concave in a random
  weight plus noise (so the core is sometimes empty); the nucleolus separates by enumerating
  all 2^n coalitions with numpy, Shapley is exact.
* model-induced games (n = 5…30): a single-facility location game. Coalition S picks the host
  j ∈ S minimising fixed cost f_j plus demand-weighted distance Σ_{i∈S} d_i·dist(i, j), computed
  by a small Python function. Beyond 16 players the nucleolus asks a MILP oracle for the most
  violated coalition (y_i member, h_j host, assign_ij ≤ h_j with Σ_j assign_ij = y_i;
  no-good cuts for settled coalitions). Shapley is exact up to 12 players, then sampled
  (1 000 orders, seed 0).

Targets: table game n = 20 nucleolus < 30 s; induced game n = 30 nucleolus < 120 s. The script
prints the median of the repeats and its ratio to the target where one exists.

Measured (1 core, HiGHS 1.16, --repeats 1): table games reach n = 20 in well under a second
for both Shapley and nucleolus (n = 20: 0.06 s and 0.2 s). Induced games: n = 15 by
enumeration 1 s; n = 20 with the oracle 63 s (306 coalitions costed); the n = 30 target is NOT
met (several minutes). The oracle dominates: after the first level
the most violated coalition is always one already settled, so every call needs the MILP with
no-good cuts. Ideas: a k-best separation per host, or an oracle returning several coalitions.

Usage: ``.venv/bin/python bench/games.py [--quick] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pulp

from allocation.cost_split import coalition_sums
from allocation.games import CostGame, nucleolus, shapley, shapley_sampled
from allocation.solver import SolveOptions, solve

TABLE_TARGET_S = {20: 30.0}
INDUCED_TARGET_S = {30: 120.0}


def table_game(n: int, seed: int) -> CostGame:
    """Concave costs (Σ weights)^0.8 plus noise, by bitmask."""
    rng = np.random.default_rng(seed)
    costs = coalition_sums(rng.uniform(1, 10, n)) ** 0.8 + rng.uniform(0, 0.5, 2**n)
    costs[0] = 0.0
    return CostGame.from_table(tuple(f"k{i:02d}" for i in range(n)), costs)


class FacilityGame:
    """Single-facility location game with an exact MILP separation oracle."""

    def __init__(self, n: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.players = tuple(f"k{i:02d}" for i in range(n))
        xy = rng.uniform(0, 100, (n, 2))
        self.dist = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=2)
        self.demand = rng.uniform(1, 5, n)
        self.fixed = rng.uniform(150, 400, n)
        self.index = {p: i for i, p in enumerate(self.players)}

    def cost(self, coalition: frozenset[str]) -> float:
        """c(S): the cheapest host in S, paying its fixed cost and everyone's travel."""
        members = [self.index[p] for p in coalition]
        travel = self.demand[members] @ self.dist[np.ix_(members, members)]
        return float(np.min(self.fixed[members] + travel))

    def most_violated_fast(
        self, allocation: Mapping[str, float], exclude: frozenset[frozenset[str]]
    ) -> tuple[frozenset[str], float] | None:
        """Exact too: a greedy bound per host, the MILP only when that coalition is excluded.

        For host j, S_j = {j} ∪ {i : x_i > d_i·dist(i, j)} maximises x(S) - f_j - Σ d_i·dist(i, j)
        over S ∋ j, and x(S_j) - c(S_j) is at least that; so the best S_j is a most violated
        coalition unless it is excluded (or everyone), when the MILP decides.
        """
        x = np.array([allocation[p] for p in self.players])
        best: tuple[float, frozenset[str]] | None = None
        for j in range(len(self.players)):
            gain = x - self.demand * self.dist[:, j]
            chosen = frozenset(p for i, p in enumerate(self.players) if gain[i] > 0 or i == j)
            excess = float(x[[self.index[p] for p in chosen]].sum()) - self.cost(chosen)
            if best is None or excess > best[0]:
                best = (excess, chosen)
        assert best is not None
        if best[1] in exclude or len(best[1]) == len(self.players):
            return self.most_violated(allocation, exclude)
        return best[1], best[0]

    def most_violated(
        self, allocation: Mapping[str, float], exclude: frozenset[frozenset[str]]
    ) -> tuple[frozenset[str], float] | None:
        """Maximise x(S) - c(S) over proper S not excluded, as a MILP."""
        n = len(self.players)
        prob = pulp.LpProblem("most_violated", pulp.LpMaximize)
        y = [prob.add_variable(f"member[{p}]", cat=pulp.LpBinary) for p in self.players]
        h = [prob.add_variable(f"host[{p}]", cat=pulp.LpBinary) for p in self.players]
        a = {
            (i, j): prob.add_variable(f"assign[{i},{j}]", lowBound=0)
            for i in range(n)
            for j in range(n)
        }
        prob += (
            (
                pulp.lpSum(allocation[p] * y[i] for i, p in enumerate(self.players))
                - pulp.lpSum(self.fixed[j] * h[j] for j in range(n))
                - pulp.lpSum(self.demand[i] * self.dist[i, j] * v for (i, j), v in a.items())
            ),
            "excess",
        )
        prob.addConstraint(pulp.lpSum(h) == 1, "one_host")
        for i in range(n):
            row = pulp.lpSum(a[i, j] for j in range(n)) == y[i]
            prob.addConstraint(row, f"assigned[{i}]")
        for j in range(n):
            prob.addConstraint(h[j] <= y[j], f"host_is_member[{j}]")
        for (i, j), v in a.items():
            prob.addConstraint(v <= h[j], f"open_host[{i},{j}]")
        prob.addConstraint(pulp.lpSum(y) >= 1, "not_empty")
        prob.addConstraint(pulp.lpSum(y) <= n - 1, "not_everyone")
        for k, coalition in enumerate(sorted(exclude, key=sorted)):
            inside = [self.index[p] for p in coalition]
            outside = [i for i in range(n) if self.players[i] not in coalition]
            cut = pulp.lpSum(1 - y[i] for i in inside) + pulp.lpSum(y[i] for i in outside)
            prob.addConstraint(cut >= 1, f"exclude[{k}]")
        solve(prob, SolveOptions(time_limit_s=60))
        chosen = frozenset(p for i, p in enumerate(self.players) if (y[i].value() or 0) > 0.5)
        return chosen, sum(allocation[p] for p in chosen) - self.cost(chosen)


def timed(action: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    seconds, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def ratio(seconds: float, target: float | None) -> str:
    return f"{seconds / target:5.2f} of target {target:.0f} s" if target else ""


def bench_tables(sizes: list[int], repeats: int) -> None:
    print("table games: median seconds")
    print(f"{'n':>3} {'shapley':>9} {'nucleolus':>10}  nucleolus vs target")
    for n in sizes:
        game = table_game(n, seed=n)
        t_shapley, _ = timed(lambda game=game: shapley(game), repeats)
        t_nucleolus, values = timed(lambda game=game: nucleolus(game), repeats)
        assert math.isclose(sum(values.values()), game.value(game.grand), rel_tol=1e-9)
        target = TABLE_TARGET_S.get(n)
        print(f"{n:>3} {t_shapley:9.3f} {t_nucleolus:10.3f}  {ratio(t_nucleolus, target)}")


def bench_induced(sizes: list[int], repeats: int) -> None:
    print("model-induced facility games: median seconds (fresh memo each repeat)")
    print(f"{'n':>3} {'shapley':>9} {'kind':>8} {'nucleolus':>10} {'costed':>7}  vs target")
    for n in sizes:
        model = FacilityGame(n, seed=n)

        def fresh(model: FacilityGame = model) -> CostGame:
            return CostGame(model.players, model.cost)

        if n <= 12:
            t_shapley, _ = timed(lambda: shapley(fresh()), repeats)
            kind = "exact"
        else:
            t_shapley, _ = timed(lambda: shapley_sampled(fresh(), 1000, seed=0), repeats)
            kind = "sampled"
        oracle = model.most_violated_fast if n > 16 else None
        games: list[CostGame] = []

        def run(oracle: Any = oracle, fresh: Any = fresh, games: list[CostGame] = games) -> Any:
            games.append(fresh())
            return nucleolus(games[-1], oracle)

        t_nucleolus, _ = timed(run, repeats)
        costed = len(games[-1]._memo)
        target = INDUCED_TARGET_S.get(n)
        print(
            f"{n:>3} {t_shapley:9.3f} {kind:>8} {t_nucleolus:10.3f} {costed:>7}  "
            f"{ratio(t_nucleolus, target)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few sizes, one repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--large", action="store_true", help="also induced n = 25 and 30 (slow)")
    args = parser.parse_args()
    repeats = 1 if args.quick else args.repeats
    if args.quick:
        bench_tables([5, 10, 16], repeats)
        bench_induced([5, 10, 15], repeats)
    else:
        bench_tables([5, 8, 10, 12, 14, 16, 18, 20], repeats)
        bench_induced([5, 10, 15, 20, *([25, 30] if args.large else [])], repeats)


if __name__ == "__main__":
    main()
