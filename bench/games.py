"""Bench: nucleolus and Shapley time against the number of players.

Two kinds of game:

* table games (n = 5…20): every coalition's cost in a numpy table, concave in a random
  weight plus noise (so the core is sometimes empty); the nucleolus separates by enumerating
  all 2^n coalitions with numpy, Shapley is exact.
* model-induced games (n = 5…30): a single-facility location game (``HostedGame``). Coalition S
  picks the host j ∈ S minimising fixed cost f_j plus demand-weighted distance
  Σ_{i∈S} d_i·dist(i, j). Beyond 16 players the nucleolus asks the game's exact oracle for the
  most violated coalitions: for a fixed host the excess is additive in the members, so the
  best coalitions around each host (skipping settled ones) come from a ranked subset-sum
  enumeration — no MILP. Shapley is exact up to 12 players, then sampled (1 000 orders,
  seed 0).

Targets: table game n = 20 nucleolus < 30 s; induced game n = 30 nucleolus < 120 s. The script
prints the median of the repeats and its ratio to the target where one exists.

Measured 2026-11-23 (2 shared cores, HiGHS 1.16, median of 3): table games n = 20 Shapley
0.05 s, nucleolus 0.17 s (0.01 of target). Induced games: n = 15 by enumeration 0.8 s; with the
oracle n = 20 5.1 s, n = 25 14.8 s, n = 30 12.7 s (0.11 of target; 1 974 coalitions costed).
The MILP oracle of the first session needed 63 s for n = 20 and minutes for n = 30.

Usage: ``.venv/bin/python bench/games.py [--quick] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from allocation.games.game import CostGame, coalition_sums
from allocation.games.hosted import HostedGame
from allocation.games.lp import nucleolus
from allocation.games.values import shapley, shapley_sampled

TABLE_TARGET_S = {20: 30.0}
INDUCED_TARGET_S = {30: 120.0}


def table_game(n: int, seed: int) -> CostGame:
    """Concave costs (Σ weights)^0.8 plus noise, by bitmask."""
    rng = np.random.default_rng(seed)
    costs = coalition_sums(rng.uniform(1, 10, n)) ** 0.8 + rng.uniform(0, 0.5, 2**n)
    costs[0] = 0.0
    return CostGame.from_table(tuple(f"k{i:02d}" for i in range(n)), costs)


def facility_game(n: int, seed: int) -> HostedGame:
    """Single-facility game: the cheapest host in S pays its fixed cost and everyone's travel."""
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 100, (n, 2))
    dist = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=2)
    demand = rng.uniform(1, 5, n)
    fixed = rng.uniform(150, 400, n)
    players = tuple(f"k{i:02d}" for i in range(n))
    return HostedGame(players, demand[:, None] * dist, fixed, fixed.copy())


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
        t_shapley, _ = timed(partial(shapley, game), repeats)
        t_nucleolus, values = timed(partial(nucleolus, game), repeats)
        assert math.isclose(sum(values.values()), game.value(game.grand), rel_tol=1e-9)
        target = TABLE_TARGET_S.get(n)
        print(f"{n:>3} {t_shapley:9.3f} {t_nucleolus:10.3f}  {ratio(t_nucleolus, target)}")


def bench_induced(sizes: list[int], repeats: int) -> None:
    print("model-induced facility games: median seconds (fresh memo each repeat)")
    print(f"{'n':>3} {'shapley':>9} {'kind':>8} {'nucleolus':>10} {'costed':>7}  vs target")
    for n in sizes:
        model = facility_game(n, seed=n)

        def fresh(model: HostedGame = model) -> CostGame:
            return model.game()

        if n <= 12:
            t_shapley, _ = timed(lambda: shapley(fresh()), repeats)
            kind = "exact"
        else:
            t_shapley, _ = timed(lambda: shapley_sampled(fresh(), 1000, seed=0), repeats)
            kind = "sampled"
        oracle = model.oracle() if n > 16 else None
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
    args = parser.parse_args()
    repeats = 1 if args.quick else args.repeats
    if args.quick:
        bench_tables([5, 10, 16], repeats)
        bench_induced([5, 10, 15], repeats)
    else:
        bench_tables([5, 8, 10, 12, 14, 16, 18, 20], repeats)
        bench_induced([5, 10, 15, 20, 25, 30], repeats)


if __name__ == "__main__":
    main()
