"""Is a cost split small enough to run inside a web request? The inline rule of split_job.

Times every fair-division method on random host-structured cost games with 2 to
``INLINE_MAX_PARTNERS`` partners (the largest that runs inline) and one size above, and the
whole use case on the demo's barnevern (4 partners). Prints medians; target: the largest
inline size under 1 s for all methods together.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from sqlalchemy.orm import sessionmaker

from allocation.games.core import core_check
from allocation.games.hosted import HostedGame
from allocation.games.lp import least_core, nucleolus
from allocation.games.values import proportional, scrb, shapley
from coop import services
from coop.persistence import migrate
from coop.persistence.orm.base import make_engine
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.jobs.split_job import INLINE_MAX_PARTNERS

TARGET_S = 1.0


def _game(n: int, rng: np.random.Generator) -> HostedGame:
    alone = rng.uniform(2e6, 8e6, n)
    member = np.array(
        [
            [0.8 * alone[i] + (0 if i == h else rng.uniform(1e4, 2e5)) for h in range(n)]
            for i in range(n)
        ]
    )
    return HostedGame(tuple(f"K{i}" for i in range(n)), member, np.zeros(n), alone)


def _all_methods(hosted: HostedGame) -> None:
    game = hosted.game()
    for method in (shapley, nucleolus, proportional, scrb):
        x = method(game)
        core_check(game, x, None, tol=1e-6)
    least_core(game)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    rng = np.random.default_rng(0)
    for n in range(2, INLINE_MAX_PARTNERS + 2):
        times = []
        for _ in range(runs):
            hosted = _game(n, rng)
            start = time.perf_counter()
            _all_methods(hosted)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        note = "inline" if n <= INLINE_MAX_PARTNERS else "job"
        print(
            f"{n:2d} partnere ({note}): alle metoder {median * 1000:8.1f} ms median"
            f" ({median / TARGET_S:.2f} × målet {TARGET_S:.0f} s)"
        )
    engine = make_engine("sqlite://")
    migrate.upgrade(engine)
    uow = SqlAlchemyUnitOfWork(sessionmaker(engine))
    services.load_demo(uow)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        services.split_service("astafjord-2007", "barnevern", uow)
        times.append(time.perf_counter() - start)
    median_ms = statistics.median(times) * 1000
    print(f"Demo barnevern (4 partnere), hele bruksfallet: {median_ms:.1f} ms median")


if __name__ == "__main__":
    main()
