"""Bench: the host-placement engine, and its p-median core against spopt.

(a) seed-like case: Gratangen, Lavangen, Salangen, Ibestad × 5 services (barnevern, ikt-drift,
    regnskap-lonn, skatt-innfordring, kart-oppmaling), costs from the estimated road km in
    ``seed_distances_estimate.csv``; best + top-10, free and with a job-balance rule.
    Target: < 1 s in total for each top-10 run.
(b) synthetic county case: the 46 municipalities of Innlandet (fylke 34) in
    ``kommuner_2024.csv`` × 12 services, all taking part (as in 110 Innlandet), with a staff
    commute cap, a net-FTE-loss cap and at most 2 services per host. SYNTHETIC: travel is the
    centroid great-circle km × 1.3 at 60 km/h, FTE and trips are per-capita guesses.
    Target: proven optimal < 10 s.
(c) p-median core (``allocation.placement.pmedian``) against spopt's
    ``PMedian.from_cost_matrix`` on the same OR-Library distance matrix, both through HiGHS
    (1 thread, rel. gap 1e-9, seed 0); the objective must equal ``pmedopt.txt``. Target: ours
    ≥ 2× faster. The full run also times ours on the dense model (every assignment, as spopt
    builds it): column "dense s".

Cost model (a, b; the seed leaves the grant's period open: one-off here): per FTE moved,
reisetilskudd 15 000 kr (< 40 km one way) or 25 000 kr, omstillingstilskudd 25 000 kr; yearly
tjenestereiser = trips × 2 × km × 5.00 kr/km (state rate 2025) + travel time at 363 kr/h;
lokaler 50 000 kr a year per host. FTE each municipality brings ∝ population (estimate).

Usage: ``.venv/bin/python bench/placement.py [--quick] [--runs 3] [--only abc]
[--instances pmed1,pmed6]``.
Prints medians over the runs, model sizes and ratios; exits 0 and says so when
/work/shared (../shared from the repository) is absent.
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from allocation.placement.data import CostTerm, PlacementInput  # noqa: E402
from allocation.placement.optimise import optimise_placement  # noqa: E402
from allocation.placement.pmedian import solve_pmedian  # noqa: E402
from allocation.placement.rules import PlacementRules  # noqa: E402
from allocation.solver import Infeasible, SolveOptions  # noqa: E402

SHARED = ROOT.parent / "shared"
KM_RATE, HOUR_RATE = 5.00, 363.0  # kr per km (2025), kr per hour (616 500 kr / 1 700 h)
PREMISES_NOK = 50_000.0
SEED = ("5514", "5516", "5518", "5522")  # Ibestad, Gratangen, Lavangen, Salangen
SEED_FTE = {  # joint FTE; the 9.7 økonomi FTE split 6.0/3.7 is an assumption
    "barnevern": 4.5,
    "ikt-drift": 2.5,
    "regnskap-lonn": 6.0,
    "skatt-innfordring": 3.7,
    "kart-oppmaling": 3.0,
}
TRIPS_PER_1000 = {  # service trips a year per 1000 inhabitants of a partner (estimate)
    "barnevern": 40,
    "ikt-drift": 10,
    "regnskap-lonn": 6,
    "skatt-innfordring": 6,
    "kart-oppmaling": 25,
    "ppt": 20,
    "legevakt": 30,
    "brannvern": 10,
    "revisjon": 3,
    "arkiv": 3,
    "innkjop": 4,
    "landbruk": 12,
}
FTE_PER_1000 = {  # synthetic county case (estimate)
    "barnevern": 0.9,
    "ikt-drift": 0.5,
    "regnskap-lonn": 0.6,
    "skatt-innfordring": 0.15,
    "kart-oppmaling": 0.3,
    "ppt": 0.4,
    "legevakt": 0.35,
    "brannvern": 0.3,
    "revisjon": 0.1,
    "arkiv": 0.1,
    "innkjop": 0.1,
    "landbruk": 0.25,
}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def median_time(run: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def split_by_population(total: float, pop: dict[str, int]) -> dict[str, float]:
    """Shares of ``total`` FTE ∝ population, in tenths, summing exactly (largest remainder)."""
    tenths = round(total * 10)
    raw = {m: tenths * p / sum(pop.values()) for m, p in pop.items()}
    out = {m: math.floor(v) for m, v in raw.items()}
    for m in sorted(raw, key=lambda m: out[m] - raw[m])[: tenths - sum(out.values())]:
        out[m] += 1
    return {m: v / 10 for m, v in out.items()}


def make_input(
    services: dict[str, float],
    pop: dict[str, int],
    km: dict[tuple[str, str], float],
    minutes: dict[tuple[str, str], float],
) -> PlacementInput:
    """Everyone takes part in every service; terms from the cost model of the docstring."""
    munis = tuple(sorted(pop))
    fte = {
        (s, m): v
        for s, total in services.items()
        for m, v in split_by_population(total, pop).items()
        if v > 0
    }
    terms = {}
    for s in services:
        for h in munis:
            items = []
            for j in munis:
                moved = fte.get((s, j), 0.0) if j != h else 0.0
                if moved:
                    grant = 15_000.0 if km[j, h] < 40 else 25_000.0
                    items.append(CostTerm("reisetilskudd", h, moved * grant))
                    items.append(CostTerm("omstillingstilskudd", h, moved * 25_000.0))
                if j != h:
                    trips = TRIPS_PER_1000[s] * pop[j] / 1000
                    yearly = trips * 2 * (km[j, h] * KM_RATE + minutes[j, h] / 60 * HOUR_RATE)
                    items.append(CostTerm("tjenestereiser", j, round(yearly), recurring=True))
            terms[s, h] = tuple(items)
    return PlacementInput(
        services=tuple(services),
        municipalities=munis,
        participants={s: frozenset(munis) for s in services},
        terms=terms,
        fte=fte,
        population=pop,
        travel_min=minutes,
        fixed_host_cost_nok=dict.fromkeys(munis, PREMISES_NOK),
    )


def seed_case() -> PlacementInput:
    kommuner = {r["kommunenummer_2024"]: r for r in read_rows(SHARED / "data/seed_kommuner.csv")}
    centre = {kommuner[m]["administrasjonssenter"].split(" (")[0]: m for m in SEED}
    km: dict[tuple[str, str], float] = {}
    minutes: dict[tuple[str, str], float] = {}
    for row in read_rows(SHARED / "data/seed_distances_estimate.csv"):
        a, b = (centre.get(row[k].split(" (")[0]) for k in ("fra", "til"))
        if a and b:
            for x, y in ((a, b), (b, a)):
                km[x, y] = float(row["vei_km_estimat"])
                minutes[x, y] = float(row["kjoretid_min_estimat"])
    pop = {m: int(kommuner[m]["folketall_2024_01_01"]) for m in SEED}
    return make_input(SEED_FTE, pop, km, minutes)


def county_case() -> PlacementInput:
    rows = [r for r in read_rows(SHARED / "data/kommuner_2024.csv") if r["fylkesnummer"] == "34"]
    pop = {r["kommunenummer"]: int(r["folketall_2024_01_01"]) for r in rows}
    where = {
        r["kommunenummer"]: (float(r["sentroide_lat"]), float(r["sentroide_lon"])) for r in rows
    }
    km = {(a, b): 1.3 * great_circle_km(where[a], where[b]) for a in pop for b in pop if a != b}
    total = sum(pop.values())
    services = {s: round(rate * total / 1000, 1) for s, rate in FTE_PER_1000.items()}
    return make_input(services, pop, km, dict(km))  # 60 km/h: minutes = km


def great_circle_km(p: tuple[float, float], q: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, x)) for x in (p, q))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def bench_seed(runs: int) -> None:
    inp = seed_case()
    print("(a) seed-like case: 4 municipalities × 5 services, estimated road km")
    balanced = PlacementRules(max_net_loss_fte=3.0, max_services_hosted=2)
    for label, rules in (("no rules", PlacementRules()), ("net loss ≤ 3 FTE, ≤ 2 each", balanced)):
        t_best, best = median_time(partial(optimise_placement, inp, rules), runs)
        t_top, top = median_time(partial(optimise_placement, inp, rules, top=10), runs)
        p = best.best
        print(f"  {label}: model {best.model_size[0]} vars × {best.model_size[1]} rows")
        print(f"    best {p.objective_nok:,.0f} kr  hosts {dict(p.hosts)}")
        print(f"    net FTE {{{', '.join(f'{m}: {v:+.1f}' for m, v in p.net_fte.items())}}}")
        deltas = ", ".join(f"{a.delta_nok:,.0f}" for a in top.alternatives[1:])
        print(f"    top-10 deltas (kr): {deltas}")
        verdict = "OK" if t_top < 1 else "MISSED"
        print(f"    median best {t_best:.3f} s; top-10 {t_top:.3f} s")
        print(f"    target top-10 < 1 s: {verdict} (ratio {1 / t_top:.1f}×)")


def bench_county(runs: int) -> None:
    inp = county_case()
    rules = PlacementRules(max_staff_commute_min=270, max_net_loss_fte=90, max_services_hosted=2)
    print("(b) SYNTHETIC county case: Innlandet, 46 municipalities × 12 services, all take part")
    print("    rules: staff commute ≤ 270 min, net loss ≤ 90 FTE, ≤ 2 services per host")
    t, report = median_time(lambda: optimise_placement(inp, rules), runs)
    p = report.best
    print(f"    model {report.model_size[0]} vars × {report.model_size[1]} rows; status {p.status}")
    print(f"    objective {p.objective_nok:,.0f} kr; hosts {sorted(set(p.hosts.values()))}")
    verdict = "OK" if t < 10 and p.status == "optimal" else "MISSED"
    print(f"    median {t:.3f} s; target proven optimal < 10 s: {verdict} (ratio {10 / t:.1f}×)")
    t5, _ = median_time(lambda: optimise_placement(inp, rules, top=5), runs)
    print(f"    top-5: median {t5:.3f} s")
    tight = replace(rules, max_staff_commute_min=250)
    started = time.perf_counter()
    try:
        optimise_placement(inp, tight)
        print("    commute ≤ 250 min: unexpectedly feasible")
    except Infeasible as error:
        took = time.perf_counter() - started
        print(f"    commute ≤ 250 min: infeasible, explained in {took:.3f} s: {error.conflicts}")


def load_pmed(path: Path) -> tuple[np.ndarray, int]:
    """All-pairs shortest paths over the instance graph (later duplicate edges win)."""
    lines = path.read_text().split("\n")
    n, _, p = map(int, lines[0].split())
    d = np.full((n, n), np.inf)
    np.fill_diagonal(d, 0.0)
    for line in lines[1:]:
        parts = line.split()
        if len(parts) == 3:
            i, j, c = int(parts[0]) - 1, int(parts[1]) - 1, float(parts[2])
            d[i, j] = d[j, i] = c
    for k in range(n):
        d = np.minimum(d, d[:, k, None] + d[None, k, :])
    return d, p


def spopt_pmedian(cost: np.ndarray, p: int, options: SolveOptions) -> float:
    import pulp
    from spopt.locate import PMedian

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spopt builds LpVariable(...) directly (PuLP 3.3 warns)
        model = PMedian.from_cost_matrix(cost, np.ones(len(cost)), p_facilities=p)
        solver = pulp.HiGHS(
            msg=False,
            timeLimit=options.time_limit_s,
            threads=options.threads,
            gapRel=options.mip_gap,
            random_seed=0,
        )
        model.solve(solver, results=False)
    return float(pulp.value(model.problem.objective))


def bench_pmedian(runs: int, names: Sequence[str], dense: bool) -> None:
    folder = SHARED / "benchmarks/orlib-pmed"
    lines = (folder / "pmedopt.txt").read_text().splitlines()[1:]
    optimum = {r.split()[0]: float(r.split()[1]) for r in lines if r.strip()}
    options = SolveOptions(time_limit_s=600)
    print(f"(c) p-median vs spopt (HiGHS, 1 thread, gap 1e-9), median of {runs} run(s)")
    head = f"  {'inst':7}{'n':>5}{'p':>5}{'optimum':>9}{'ours':>9}{'spopt':>9}"
    print(head + f"{'ours s':>9}{'spopt s':>9}{'ratio':>7}" + (f"{'dense s':>11}" if dense else ""))
    cost0, p0 = load_pmed(folder / "pmed1.txt")  # warm up imports and HiGHS, untimed
    solve_pmedian(cost0, p0, options)
    spopt_pmedian(cost0, p0, options)
    ratios = []
    for name in names:
        cost, p = load_pmed(folder / f"{name}.txt")
        t_ours, ours = median_time(partial(solve_pmedian, cost, p, options), runs)
        t_spopt, theirs = median_time(partial(spopt_pmedian, cost, p, options), runs)
        ok = round(ours.objective) == optimum[name] == round(theirs)
        ratios.append(t_spopt / t_ours)
        line = (
            f"  {name:7}{len(cost):>5}{p:>5}{optimum[name]:>9.0f}{ours.objective:>9.0f}"
            f"{theirs:>9.0f}{t_ours:>9.3f}{t_spopt:>9.3f}{ratios[-1]:>6.1f}×"
        )
        if dense:
            plain = partial(solve_pmedian, cost, p, options, dense=True)
            t_plain, _ = median_time(plain, runs)
            line += f"{t_plain:>11.3f}"
        print(line + ("" if ok else "  OBJECTIVE MISMATCH"))
    geo = math.exp(statistics.fmean(math.log(r) for r in ratios))
    verdict = "OK" if min(ratios) >= 2 else "MISSED"
    print(f"  speed-up: geometric mean {geo:.1f}×, min {min(ratios):.1f}× (target ≥ 2×: {verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run, fewer instances")
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement")
    parser.add_argument("--only", default="abc", help="which parts: any of a, b, c")
    parser.add_argument("--instances", default="", help="(c) comma-separated, e.g. pmed1,pmed6")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"bench/placement.py: {SHARED} is absent; nothing to measure.")
        return 0
    runs = args.runs or (1 if args.quick else 3)
    if "a" in args.only:
        bench_seed(runs)
    if "b" in args.only:
        bench_county(runs)
    if "c" in args.only:
        names = ["pmed1", "pmed4"] if args.quick else [f"pmed{i}" for i in range(1, 11)]
        names = args.instances.split(",") if args.instances else names
        bench_pmedian(runs, names, dense=not args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
