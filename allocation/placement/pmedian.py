"""Uncapacitated p-median on a cost matrix: the core of region design and its benchmarks.

By default (``solve_radius``): a greedy + vertex-substitution incumbent, sites pruned by the
Lagrangian bound (``allocation.placement.lagrange``), and the radius model
(``allocation.placement.radius``) over the sites left. ``method="lists"`` is the assignment
model below, built the way the placement core builds its model:

Sets        I clients (rows of ``cost``), J sites (columns), K_i ⊆ J candidate sites of i
Parameters  c[i,j] = w[i]·cost[i][j] ≥ 0; p sites to open, 1 ≤ p ≤ |J|;
            D_i = min_{j ∉ K_i} c[i,j], a lower bound on serving i outside its candidates
Variables   open[j] ∈ {0,1}            1 if site j is opened
            assign[i,j] ∈ [0,1], j∈K_i share of client i served from site j (continuous: once
                                       open[] is integral, serving each client from its
                                       cheapest open site is an optimal vertex)
            far[i] ∈ [0,1], K_i ≠ J    share of i served outside K_i, priced at D_i
Objective   min Σ_i Σ_{j∈K_i} c[i,j]·assign[i,j] + Σ_i D_i·far[i]                  (0)
(1) one_site[i]       Σ_{j∈K_i} assign[i,j] + far[i] = 1        ∀ i ∈ I
(2) open_site[i,j]    assign[i,j] − open[j] ≤ 0                 ∀ i ∈ I, j ∈ K_i
(3) p_sites           Σ_j open[j] = p

Like participation in the placement model, assignment variables exist only where they can
matter. With K_i = J (``dense=True``) this is the classical model spopt also builds. Otherwise
every client starts with its ⌈|J|/p⌉ nearest sites plus every site no farther than its site in
a greedy + vertex-substitution (Teitz–Bart) solution. The candidate model is a relaxation of
the full one (any full solution maps to it at no more cost), so an optimum with far[] = 0 is
optimal for the full model; otherwise the lists of clients using far[] are doubled and the
model re-solved, each round starting from the previous sites; after log2|J| rounds the full
model settles it.
Expressions are built from (variable, coefficient) lists; the solve goes through
``allocation.solver``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pulp

from allocation.placement.heuristic import (
    Matrix,
    PMedianResult,
    heuristic_sites,
    pmedian_result,
    weighted_cost,
)
from allocation.placement.radius import solve_radius
from allocation.solver import SolveOptions, SolveStats, solve


@dataclass
class PMedianModel:
    """The PuLP problem with its variables: assign[i] maps a candidate site to its variable."""

    problem: pulp.LpProblem
    open: list[pulp.LpVariable]
    assign: list[dict[int, pulp.LpVariable]]
    far: dict[int, pulp.LpVariable] = field(default_factory=dict)
    n_constraints: int = 0


def build_pmedian_model(
    cost: Matrix,
    p: int,
    weights: Sequence[float] | None = None,
    candidates: Sequence[Sequence[int]] | None = None,
) -> PMedianModel:
    """Build the model of the module docstring (all sites are candidates by default)."""
    c = weighted_cost(cost, p, weights)
    n_clients, n_sites = c.shape
    every = range(n_sites)
    lists = [sorted(set(k)) for k in candidates] if candidates is not None else [every] * n_clients
    prob = pulp.LpProblem("pmedian", pulp.LpMinimize)
    add = prob.add_variable
    open_ = [add(f"open[{j}]", cat=pulp.LpBinary) for j in every]
    assign = [{j: add(f"assign[{i},{j}]", 0, 1) for j in k} for i, k in enumerate(lists)]
    far = {i: add(f"far[{i}]", 0, 1) for i, k in enumerate(lists) if len(k) < n_sites}
    terms = [(v, c[i, j]) for i, row in enumerate(assign) for j, v in row.items() if c[i, j]]
    outside = {i: np.delete(c[i], lists[i]).min() for i in far}
    terms += [(v, outside[i]) for i, v in far.items() if outside[i]]
    prob.setObjective(pulp.LpAffineExpression(terms))
    eq, le = pulp.LpConstraintEQ, pulp.LpConstraintLE
    for i, row in enumerate(assign):  # (1)
        expr = pulp.LpAffineExpression([(v, 1) for v in row.values()] + _far_term(far, i))
        prob.addConstraint(pulp.LpConstraint(expr, eq, f"one_site[{i}]", 1))
    for i, row in enumerate(assign):  # (2)
        for j, v in row.items():
            expr = pulp.LpAffineExpression([(v, 1), (open_[j], -1)])
            prob.addConstraint(pulp.LpConstraint(expr, le, f"open_site[{i},{j}]", 0))
    expr = pulp.LpAffineExpression([(v, 1) for v in open_])  # (3)
    prob.addConstraint(pulp.LpConstraint(expr, eq, "p_sites", p))
    n_rows = n_clients + sum(len(row) for row in assign) + 1
    return PMedianModel(prob, open_, assign, far, n_rows)


def _far_term(far: dict[int, pulp.LpVariable], i: int) -> list[tuple[pulp.LpVariable, int]]:
    return [(far[i], 1)] if i in far else []


def set_start(model: PMedianModel, cost: Matrix, sites: Sequence[int]) -> None:
    """Give every variable its value when ``sites`` are open (a complete MIP start)."""
    cost = np.asarray(cost, dtype=float)
    chosen = set(sites)
    for j, var in enumerate(model.open):
        var.setInitialValue(1.0 if j in chosen else 0.0)
    for i, row in enumerate(model.assign):
        served = [j for j in row if j in chosen]
        best = min(served, key=lambda j: (cost[i, j], j)) if served else None
        for j, var in row.items():
            var.setInitialValue(1.0 if j == best else 0.0)
        if i in model.far:
            model.far[i].setInitialValue(1.0 if best is None else 0.0)


def first_candidates(cost: np.ndarray, sites: Sequence[int], size: int) -> list[list[int]]:
    """Each client's ``size`` nearest sites and every site no farther than its start site."""
    order = np.argsort(cost, axis=1, kind="stable")
    reach = cost[:, list(sites)].min(axis=1)
    return [
        sorted(set(order[i, :size].tolist()) | set(np.flatnonzero(cost[i] <= reach[i]).tolist()))
        for i in range(cost.shape[0])
    ]


def solve_pmedian(
    cost: Matrix,
    p: int,
    options: SolveOptions | None = None,
    weights: Sequence[float] | None = None,
    *,
    start: bool = True,
    dense: bool = False,
    first_size: int | None = None,
    method: Literal["radius", "lists"] = "radius",
) -> PMedianResult:
    """Open ``p`` sites minimising the (weighted) sum of each client's cost to its site.

    ``radius`` (the default) prunes sites by the Lagrangian bound and solves the radius model
    of ``allocation.placement.radius`` over the rest. ``lists`` builds the assignment model of
    this module: ``dense`` with every assignment, otherwise candidate lists start at
    ``first_size`` nearest sites (default ⌈sites/p⌉) and grow until optimality is certified.
    """
    if method == "radius" and not dense:
        return solve_radius(cost, p, options, weights, start=start)
    started = time.perf_counter()
    c = weighted_cost(cost, p, weights)
    n_sites = c.shape[1]
    options = replace(options or SolveOptions(), warm_start=start)
    sites = heuristic_sites(c, p) if start or not dense else []
    size = first_size or math.ceil(n_sites / p)
    lists = None if dense else first_candidates(c, sites, size)
    rounds, solve_time = 0, 0.0
    status: Literal["optimal", "feasible"] = "optimal"
    while True:
        rounds += 1
        model = build_pmedian_model(c, p, None, lists)
        if start:
            set_start(model, c, sites)
        stats = solve(model.problem, options)
        solve_time += stats.seconds
        status = "feasible" if stats.status == "feasible" else status
        sites = [j for j, v in enumerate(model.open) if (v.varValue or 0.0) > 0.5]
        far = [i for i, v in model.far.items() if (v.varValue or 0.0) > 1e-6]
        if not far or lists is None:
            break
        if rounds > math.log2(n_sites):  # widening slowly: settle it with every assignment
            lists = None
            continue
        for i in far:  # the certificate failed for these clients: widen their lists
            lists[i] = sorted(np.argsort(c[i], kind="stable")[: 2 * len(lists[i])].tolist())
    stats = SolveStats(status, stats.objective, solve_time, stats.backend, stats.gap, stats.bound)
    sites = [j for j, v in enumerate(model.open) if (v.varValue or 0.0) > 0.5]
    n_vars = len(model.open) + sum(len(r) for r in model.assign) + len(model.far)
    return pmedian_result(c, sites, stats, started, rounds, (n_vars, model.n_constraints))
