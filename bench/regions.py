"""Bench: the region design (``allocation.regions``) on OR-Library and on all of Norway.

(a) pmed1–40 (../shared/benchmarks/orlib-pmed) through ``design_regions`` with the side rules
    off (p fixed: the uncapacitated p-median core with candidate lists) against spopt's
    ``PMedian.from_cost_matrix``, both on HiGHS (1 thread, rel. gap 1e-9, seed 0); both
    objectives must equal ``pmedopt.txt``. Target: ours ≥ 10× faster in geometric mean, never
    slower. Prints n, p, optimum, both times and the ratio; ``--spopt-limit`` caps spopt's time
    (a capped ratio is a lower bound, marked ≥).
(b) All 357 municipalities (register 1.1.2024), barnevern, from the register alone (estimated
    travel, default fixed cost per service unit: the service's cost model), with P_min and
    T set. Target: proven optimal or gap ≤ 0,5 % in under 60 s; prints model size and time.

Usage: ``.venv/bin/python bench/regions.py [--quick] [--runs 3] [--only ab]
[--instances pmed1,pmed6] [--min-pop 5000] [--max-travel 90] [--time-limit 60]``.
Exits 0 and says so when /work/shared (../shared from the repository) is absent.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pulp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from allocation.regions.data import RegionInput, RegionRules  # noqa: E402
from allocation.regions.design import design_regions  # noqa: E402
from allocation.regions.orlib import published_optima, read_orlib  # noqa: E402
from allocation.solver import SolveOptions  # noqa: E402
from coop.reference.register import read_register  # noqa: E402
from coop.services.regions.cost_model import (  # noqa: E402
    FIXED_COST_NOK,
    FTE_PER_1000,
    build_region_input,
)

SHARED = ROOT.parent / "shared"
BARNEVERN_TRIPS = 100  # the catalogue's trips per partner (estimate)


def median_time(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), out


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of ``fn``.

    HiGHS runs in-process on one thread: CPU time is what the solve cost, whatever else the
    shared machine was doing.
    """
    walls, cpus, out = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), out


def spopt_pmedian(cost: np.ndarray, p: int, options: SolveOptions) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from spopt.locate import PMedian

        model = PMedian.from_cost_matrix(cost, np.ones(len(cost)), p_facilities=p)
        solver = pulp.HiGHS(
            msg=False,
            timeLimit=options.time_limit_s,
            threads=options.threads,
            gapRel=options.mip_gap,
            random_seed=0,
        )
        try:
            model.solve(solver, results=False)
        except RuntimeError:  # spopt raises when HiGHS stops at the time limit unproven
            return math.nan
    return float(pulp.value(model.problem.objective))


def ours(cost: np.ndarray, p: int, options: SolveOptions) -> tuple[float, str]:
    n = len(cost)
    inp = RegionInput(tuple(map(str, range(n))), (1.0,) * n, cost, (0.0,) * n, cost)
    best = design_regions(inp, RegionRules(groups=p), options).best
    return best.objective, best.status


def bench_orlib(
    runs: int,
    names: list[str],
    spopt_limit: float,
    with_spopt: set[str] | None,
    ours_limit: float = 600,
    spopt_factor: float = 0.0,
) -> None:
    """``with_spopt``: the instances spopt also runs on (None: all).

    ``spopt_factor`` > 0 gives spopt at least that many times our wall time on each instance
    (its cap is the larger of ``spopt_limit`` and factor × ours): if it is still unproven,
    the ratio is at least the factor, so "never slower" is shown, not hidden by a short cap.
    """
    folder = SHARED / "benchmarks/orlib-pmed"
    optimum = published_optima((folder / "pmedopt.txt").read_text())
    options = SolveOptions(time_limit_s=ours_limit)
    at_least = f", or {spopt_factor:g} × ours if longer" if spopt_factor else ""
    print(f"(a) pmed vs spopt PMedian (HiGHS, 1 thread, gap 1e-9), median of {runs} run(s); "
          f"spopt's solve capped at {spopt_limit:.0f} s{at_least} "
          "(model building on top)")  # fmt: skip
    print(f"  {'inst':7}{'n':>5}{'p':>5}{'optimum':>9}{'ours s':>9}{'cpu s':>8}"
          f"{'spopt s':>9}{'cpu s':>8}{'ratio':>8}{'cpu':>8}")  # fmt: skip
    cost0, p0 = read_orlib((folder / "pmed1.txt").read_text())  # warm-up, untimed
    ours(cost0, p0, options)
    if with_spopt is None or with_spopt:
        spopt_pmedian(cost0, p0, options)
    ratios, cpu_ratios, mine_all = [], [], []
    for name in names:
        cost, p = read_orlib((folder / f"{name}.txt").read_text())
        t_ours, c_ours, (mine, status) = timed(partial(ours, cost, p, options), runs)
        mine_all.append(t_ours)
        if status != "optimal":  # HiGHS's limit is wall-clock: a loaded machine may hit it
            print(f"  {name}: ours stopped at its {ours_limit:.0f} s limit ({status})")
        head = f"  {name:7}{len(cost):>5}{p:>5}{optimum[name]:>9.0f}{t_ours:>9.2f}{c_ours:>8.2f}"
        if with_spopt is not None and name not in with_spopt:
            ok = round(mine) == optimum[name]
            print(head + ("" if ok else f"  MISMATCH ours {mine}"), flush=True)
            continue
        cap = max(spopt_limit, spopt_factor * t_ours)
        theirs_options = SolveOptions(time_limit_s=cap)
        t_spopt, c_spopt, theirs = timed(partial(spopt_pmedian, cost, p, theirs_options), runs)
        # stopped at its limit (unproven, or maybe so): the ratio is a lower bound
        capped = math.isnan(theirs) or t_spopt >= cap * 0.98
        ok = round(mine) == optimum[name] and (capped or round(theirs) == optimum[name])
        ratios.append(t_spopt / t_ours)
        cpu_ratios.append(c_spopt / c_ours)
        mark = "≥" if capped else " "
        print(
            f"{head}{t_spopt:>9.1f}{c_spopt:>8.1f}{mark}{ratios[-1]:>6.1f}×{mark}{cpu_ratios[-1]:>5.1f}×"
            + ("" if ok else f"  MISMATCH ours {mine} spopt {theirs}"),
            flush=True,
        )
    print(f"  ours: {len(mine_all)} instances, total {sum(mine_all):.1f} s, "
          f"slowest {max(mine_all):.1f} s")  # fmt: skip
    if not ratios:
        return
    for label, rs in (("wall", ratios), ("cpu", cpu_ratios)):
        geo = math.exp(statistics.fmean(math.log(r) for r in rs))
        verdict = "OK" if geo >= 10 and min(rs) >= 1 else "MISSED"
        print(f"  {label}: geometric mean {geo:.1f}× over {len(rs)}, min {min(rs):.1f}× "
              f"(target ≥ 10×, ≥ 1×: {verdict})")  # fmt: skip


def bench_norway(runs: int, min_pop: float, max_travel: float, limit: float) -> None:
    ms = sorted(read_register(), key=lambda m: m.number)
    inp = build_region_input(
        ms, BARNEVERN_TRIPS, {}, FTE_PER_1000["barnevern"], FIXED_COST_NOK["barnevern"]
    )
    rules = RegionRules(min_population=min_pop, max_travel_min=max_travel)
    options = SolveOptions(time_limit_s=limit, mip_gap=1e-6)
    print(
        f"(b) all {len(ms)} municipalities, barnevern, P_min {min_pop:.0f}, T {max_travel:.0f} "
        f"min, limit {limit:.0f} s, median of {runs} run(s)"
    )
    t, result = median_time(lambda: design_regions(inp, rules, options), runs)
    best = result.best
    gap = 0.0 if best.gap is None else best.gap
    ok = (best.status == "optimal" or gap <= 0.005) and t < 60
    print(
        f"  {result.n_variables} variables, {result.n_constraints} rows; {t:.1f} s wall; "
        f"{best.status}, gap {gap:.4%}; {len(best.regions)} groups; objective "
        f"{best.objective:,.0f} kr/yr vs all alone {len(ms) * inp.host_cost[0]:,.0f} "
        f"(target ≤ 60 s, optimal or gap ≤ 0,5 %: {'OK' if ok else 'MISSED'})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run, fewer instances")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--only", default="ab")
    parser.add_argument("--instances", default="")
    parser.add_argument("--min-pop", type=float, default=5000)
    parser.add_argument("--max-travel", type=float, default=120)
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--spopt-limit", type=float, default=600, help="(a) seconds for spopt")
    parser.add_argument("--no-spopt", action="store_true", help="(a) time ours only")
    parser.add_argument("--spopt-on", default="", help="(a) spopt only on these, a,b,…")
    parser.add_argument("--ours-limit", type=float, default=600, help="(a) seconds for ours")
    parser.add_argument(
        "--spopt-factor", type=float, default=0.0, help="(a) spopt's cap ≥ this × our time"
    )
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"bench/regions.py: {SHARED} is absent; nothing to measure.")
        return 0
    runs = args.runs or (1 if args.quick else 3)
    if "b" in args.only:
        bench_norway(runs, args.min_pop, args.max_travel, args.time_limit)
    if "a" in args.only:
        names = ["pmed1", "pmed2"] if args.quick else [f"pmed{i}" for i in range(1, 41)]
        chosen = args.instances.split(",") if args.instances else names
        spopt_on = set(args.spopt_on.split(",")) if args.spopt_on else None
        spopt_on = set() if args.no_spopt else spopt_on
        bench_orlib(runs, chosen, args.spopt_limit, spopt_on, args.ours_limit, args.spopt_factor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
