"""The p-median as a radius (covering) model: per client, one variable per distance level.

Elloumi (2010) and García, Labbé & Marín (2011, INFORMS JoC 23(4)) replace the n·m assignment
variables by "client i is farther than its k-th distinct distance" variables: same LP bound,
far fewer rows. Written here in chained form, so each site appears once per client:

Sets        I clients, S ⊆ J the sites that may open; for client i its distinct costs to S,
            r_i0 < r_i1 < … , kept up to its (|S| − p + 1)-th nearest site (p open sites
            always leave one of those open)
Variables   open[j] ∈ {0,1}, j ∈ S
            far[i,k] ≥ 0, k ≥ 1     1 if no open site of i costs less than r_ik
Objective   min Σ_i r_i0 + Σ_i Σ_k (r_ik − r_i,k−1)·far[i,k]                          (0)
(1) cover[i,1]   far[i,1] + Σ_{j: c[i,j] = r_i0} open[j] ≥ 1
(2) cover[i,k]   far[i,k] − far[i,k−1] + Σ_{j: c[i,j] = r_i,k−1} open[j] ≥ 0      k ≥ 2
(3) p_sites      Σ_j open[j] = p

(2) chained gives far[i,k] ≥ 1 − Σ_{j: c[i,j] < r_ik} open[j], the covering row of the
radius model, and at an optimum equality with 0 as floor, so the models share their LP bound.
With open[] integral, far[i,k] = 1 exactly for the levels below i's nearest open site, and
(0) is that site's cost.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pulp

from allocation.placement.heuristic import (
    Matrix,
    PMedianResult,
    heuristic_sites,
    improve_sites,
    pmedian_result,
    weighted_cost,
)
from allocation.placement.lagrange import (
    LagrangeBound,
    improvement_needed,
    lagrangian_sites,
    probe_sites,
)
from allocation.solver import SolveOptions, SolveStats, solve

# Probing costs ~n·m per step. With small p the LP bound is weakest and the MIP branches most:
# every site is probed. Otherwise it may take as long as what came before it.
PROBE_ALL_UP_TO = 20
PROBE_MIN_S, PROBE_SHARE = 0.5, 1.0
PROBE_OF_LIMIT = 0.5  # and never more than this share of the time left
MIN_SOLVE_S = 0.05  # less time than this left: no MIP is started


@dataclass
class RadiusModel:
    """The PuLP problem: open[k] is site sites[k]; far[i] lists (variable, level) of client i."""

    problem: pulp.LpProblem
    sites: np.ndarray
    open: list[pulp.LpVariable]
    far: list[list[tuple[pulp.LpVariable, float]]]
    n_constraints: int

    @property
    def n_variables(self) -> int:
        """Columns of the model."""
        return len(self.open) + sum(len(f) for f in self.far)


def build_radius_model(c: np.ndarray, p: int, sites: Sequence[int] | np.ndarray) -> RadiusModel:
    """Build (0)–(3) of the module docstring over the columns ``sites`` of ``c``."""
    chosen = np.asarray(sorted(sites), dtype=int)
    cs = c[:, chosen]
    m = len(chosen)
    prob = pulp.LpProblem("pmedian_radius", pulp.LpMinimize)
    add = prob.add_variable
    open_ = [add(f"open[{j}]", cat=pulp.LpBinary) for j in chosen]
    far: list[list[tuple[pulp.LpVariable, float]]] = []
    terms: list[tuple[pulp.LpVariable, float]] = []
    constant, rows = 0.0, 0
    ge = pulp.LpConstraintGE
    for i in range(cs.shape[0]):
        order = np.argsort(cs[i], kind="stable")
        ranked = cs[i, order]
        levels, first = np.unique(ranked, return_index=True)
        constant += float(levels[0])
        cap = ranked[m - p]  # some open site is at least this near
        previous: pulp.LpVariable | None = None
        own: list[tuple[pulp.LpVariable, float]] = []
        for k in range(1, len(levels)):
            if levels[k - 1] >= cap:
                break
            var = add(f"far[{i},{k}]", 0)
            terms.append((var, float(levels[k] - levels[k - 1])))
            row = [(open_[j], 1.0) for j in order[first[k - 1] : first[k]]] + [(var, 1.0)]
            if previous is not None:
                row.append((previous, -1.0))
            expr = pulp.LpAffineExpression(row)
            prob.addConstraint(pulp.LpConstraint(expr, ge, f"cover[{i},{k}]", 0 if own else 1))
            own.append((var, float(levels[k])))
            previous, rows = var, rows + 1
        far.append(own)
    prob.setObjective(pulp.LpAffineExpression(terms, constant=constant))
    expr = pulp.LpAffineExpression([(v, 1.0) for v in open_])
    prob.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintEQ, "p_sites", p))
    return RadiusModel(prob, chosen, open_, far, rows + 1)


def set_radius_start(model: RadiusModel, c: np.ndarray, start: Sequence[int]) -> None:
    """Give every variable its value when the sites ``start`` (all in the model) are open."""
    opened = set(start)
    for j, var in zip(model.sites, model.open, strict=True):
        var.setInitialValue(1.0 if j in opened else 0.0)
    nearest = c[:, sorted(opened)].min(axis=1)
    for i, own in enumerate(model.far):
        for var, level in own:
            var.setInitialValue(1.0 if nearest[i] >= level else 0.0)


def opened_sites(model: RadiusModel) -> list[int]:
    """The sites open in the solution."""
    return [int(j) for j, v in zip(model.sites, model.open, strict=True) if (v.varValue or 0) > 0.5]


def solve_radius(
    cost: Matrix,
    p: int,
    options: SolveOptions | None = None,
    weights: Sequence[float] | None = None,
    *,
    start: bool = True,
) -> PMedianResult:
    """Heuristic incumbent, Lagrangian site pruning and probing, then the radius model.

    Every solution cheaper than the incumbent opens only sites the bound keeps, so the
    restricted model's optimum (or the incumbent, when no site is kept) is the optimum.
    """
    started = time.perf_counter()
    options = options or SolveOptions()
    c = weighted_cost(cost, p, weights)
    incumbent = heuristic_sites(c, p)
    need = improvement_needed(c, float(c[:, incumbent].min(axis=1).sum()), options.mip_gap)
    pruned, incumbent, upper = _prune(c, p, incumbent, need)
    if len(pruned.sites) and pruned.incumbent:  # polish the bound's own choice of sites
        polished = improve_sites(c, pruned.incumbent)
        if float(c[:, polished].min(axis=1).sum()) < upper - need:
            pruned, incumbent, upper = _prune(c, p, polished, need)
    budget = max(PROBE_MIN_S, PROBE_SHARE * (time.perf_counter() - started))
    budget = np.inf if p <= PROBE_ALL_UP_TO else budget
    left = options.time_limit_s - (time.perf_counter() - started)
    budget = min(budget, PROBE_OF_LIMIT * left)  # leave the MIP most of the caller's limit
    kept = probe_sites(c, p, pruned, upper, need, budget) if len(pruned.sites) > p else pruned.sites
    if len(kept) < p:  # no better solution: the incumbent is optimal
        stats = SolveStats("optimal", upper, 0.0, options.backend, 0.0, pruned.bound)
        return pmedian_result(c, incumbent, stats, started, 0, (0, 0))
    model = build_radius_model(c, p, np.union1d(kept, incumbent))
    if start:
        set_radius_start(model, c, incumbent)
    left = options.time_limit_s - (time.perf_counter() - started)
    if left < MIN_SOLVE_S:  # out of time: the incumbent, with the Lagrangian gap
        gap = max(0.0, upper - pruned.bound) / max(abs(upper), 1e-9)
        stats = SolveStats("feasible", upper, 0.0, options.backend, gap, pruned.bound)
        return pmedian_result(c, incumbent, stats, started, 0, (0, 0))
    # The start is the incumbent the bound could not beat: no primal heuristics, and no root
    # restart (pmed36: 600 s unproven → 86 s of CPU, 191 nodes).
    chosen = replace(
        options, warm_start=start, time_limit_s=left, heuristic_effort=0.0, restart=False
    )
    stats = solve(model.problem, chosen)
    size = (model.n_variables, model.n_constraints)
    return pmedian_result(c, opened_sites(model), stats, started, 1, size)


def _prune(
    c: np.ndarray, p: int, incumbent: Sequence[int], need: float
) -> tuple[LagrangeBound, list[int], float]:
    """The Lagrangian pruning from ``incumbent``, and the best solution known after it."""
    nearest = c[:, list(incumbent)].min(axis=1)
    upper = float(nearest.sum())
    pruned = lagrangian_sites(c, p, upper, nearest, need)
    if pruned.upper < upper:
        return pruned, list(pruned.incumbent), pruned.upper
    return pruned, list(incumbent), upper
