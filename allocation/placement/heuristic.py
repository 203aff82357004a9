"""What every p-median solve shares: the checked cost matrix, the incumbent heuristic, the result.

The incumbent is greedy opening followed by vertex substitution (Teitz & Bart 1968); it seeds
the MIP start of both models and the Lagrangian pruning of ``allocation.placement.lagrange``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from allocation.solver import SolveStats

Matrix = Sequence[Sequence[float]] | np.ndarray


@dataclass(frozen=True)
class PMedianResult:
    """Open sites, each client's site, objective and timings of one p-median solve."""

    status: str
    objective: float
    sites: tuple[int, ...]
    assignment: tuple[int, ...]
    gap: float | None
    build_seconds: float  # building models, heuristic start included
    solve_seconds: float
    n_variables: int  # of the last model solved
    n_constraints: int
    rounds: int = 1


def weighted_cost(cost: Matrix, p: int, weights: Sequence[float] | None = None) -> np.ndarray:
    """The checked matrix c[i,j] = w[i]·cost[i][j]."""
    c = np.asarray(cost, dtype=float)
    if c.ndim != 2 or c.size == 0:
        raise ValueError("Kostnadsmatrisen må være todimensjonal og ikke tom.")
    n_clients, n_sites = c.shape
    if not 1 <= p <= n_sites:
        raise ValueError(f"p = {p} må ligge mellom 1 og antall mulige steder ({n_sites}).")
    if weights is not None:
        w = np.asarray(weights, dtype=float)
        if w.shape != (n_clients,):
            raise ValueError("Det må være én vekt per kunde (rad i kostnadsmatrisen).")
        c = c * w[:, None]
    if not np.isfinite(c).all():
        raise ValueError("Kostnadsmatrisen har verdier som ikke er endelige tall.")
    return c


def heuristic_sites(cost: Matrix, p: int) -> list[int]:
    """Greedy opening, then swap one open site at a time while that lowers the total cost."""
    cost = np.asarray(cost, dtype=float)
    opened: list[int] = []
    nearest = np.full(cost.shape[0], np.inf)
    for _ in range(p):
        totals = np.minimum(nearest[:, None], cost).sum(axis=0)
        totals[opened] = np.inf
        site = int(np.argmin(totals))
        opened.append(site)
        nearest = np.minimum(nearest, cost[:, site])
    return improve_sites(cost, opened)


def improve_sites(cost: np.ndarray, sites: Sequence[int]) -> list[int]:
    """Vertex substitution (Teitz–Bart): swap one open site at a time while that helps."""
    opened, p, n_sites = list(sites), len(sites), cost.shape[1]
    current = float(cost[:, opened].min(axis=1).sum())
    improved = True
    while improved and p < n_sites:
        improved = False
        for k in range(p):
            rest = opened[:k] + opened[k + 1 :]
            base = cost[:, rest].min(axis=1) if rest else np.full(cost.shape[0], np.inf)
            totals = np.minimum(base[:, None], cost).sum(axis=0)
            totals[opened] = np.inf
            site = int(np.argmin(totals))
            if totals[site] < current - 1e-9 * max(1.0, abs(current)):
                opened[k], current, improved = site, float(totals[site]), True
    return sorted(opened)


def pmedian_result(
    c: np.ndarray,
    sites: Sequence[int],
    stats: SolveStats,
    started: float,
    rounds: int,
    size: tuple[int, int],
) -> PMedianResult:
    """The result of a solve that opened ``sites``: each client served by its cheapest."""
    opened = tuple(sorted(sites))
    assignment = tuple(int(opened[np.argmin(c[i, list(opened)])]) for i in range(c.shape[0]))
    return PMedianResult(
        status=stats.status,
        objective=float(sum(c[i, j] for i, j in enumerate(assignment))),
        sites=opened,
        assignment=assignment,
        gap=stats.gap,
        build_seconds=time.perf_counter() - started - stats.seconds,
        solve_seconds=stats.seconds,
        n_variables=size[0],
        n_constraints=size[1],
        rounds=rounds,
    )
