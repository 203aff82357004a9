"""Lagrangian bound for the p-median and the sites it proves useless.

Relaxing "each client is served once" with multipliers λ_i leaves, for c[i,j] ≥ any value,

    L(λ) = Σ_i λ_i + (sum of the p smallest ρ_j),   ρ_j = Σ_i min(0, c[i,j] − λ_i),

a lower bound on the optimum for every λ (Cornuéjols, Fisher & Nemhauser 1977; its best value
equals the LP bound). It is raised by subgradient steps g_i = 1 − #{chosen j : c[i,j] < λ_i}
with Polyak's step θ·(UB − L)/‖g‖². For a site j outside the p chosen, any solution that opens
j costs at least L + ρ_j − ρ_(p) (j replaces the dearest chosen site); when that bound exceeds
what a better solution than the incumbent UB may cost, j stays closed in every improving
solution. Pruning is valid at any λ, so the matrix shrinks as the bound rises. The p sites
each relaxed solution chooses are a solution too: the cheapest one found lowers UB.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

STALL = 20  # steps without a better bound before θ halves
MIN_THETA = 1e-3
MAX_STEPS = 3000
PROBE = 150  # subgradient steps per probed site
PROBE_RUN = 10  # probing stops after this many sites in a row survive


@dataclass(frozen=True)
class LagrangeBound:
    """The best bound found and the sites that may still be open in a better solution."""

    bound: float
    sites: np.ndarray  # indices of sites not proven useless, sorted
    steps: int
    incumbent: tuple[int, ...] = ()  # relaxed sites: the best found, else those at the best λ
    upper: float = np.inf  # their cost
    multipliers: np.ndarray | None = None  # λ at the best bound


def improvement_needed(c: np.ndarray, upper: float, gap: float) -> float:
    """How much cheaper than ``upper`` a solution must be to matter.

    With integer costs a better solution is at least 1 cheaper; otherwise anything more than
    the relative ``gap`` the solve accepts.
    """
    tolerance = gap * max(1.0, abs(upper))
    return max(1.0, tolerance) if np.array_equal(c, np.round(c)) else tolerance


def lagrangian_sites(
    c: np.ndarray, p: int, upper: float, start: np.ndarray, need: float
) -> LagrangeBound:
    """Raise L(λ) from λ = ``start`` and keep the sites that may beat ``upper`` by ``need``.

    An empty ``sites`` means the incumbent is optimal (within ``need``). ``bound`` holds for
    every solution cheaper than ``upper − need`` (those open only kept sites), and is at most
    ``upper``.
    """
    sites = np.arange(c.shape[1])
    if p >= len(sites):
        return LagrangeBound(-np.inf, sites, 0)
    lam = np.asarray(start, dtype=float).copy()
    threshold = upper - need + 1e-9 * max(1.0, abs(upper))
    best, best_lam, theta, stall, step = -np.inf, lam, 2.0, 0, 0
    cols, found, tried = c, (), set()
    for step in range(1, MAX_STEPS + 1):
        rho = np.minimum(0.0, cols - lam[:, None]).sum(axis=0)
        chosen = np.argpartition(rho, p - 1)[:p]
        pth = rho[chosen].max()
        value = float(lam.sum() + rho[chosen].sum())
        key = tuple(sorted(sites[chosen].tolist()))
        if key not in tried:  # a Lagrangian heuristic: the relaxed sites, served properly
            tried.add(key)
            cost = float(c[:, key].min(axis=1).sum())
            if cost < upper - need + 1e-9 * max(1.0, abs(upper)):
                found, upper = key, cost
                threshold = upper - need + 1e-9 * max(1.0, abs(upper))
        keep = value + np.maximum(rho - pth, 0.0) <= threshold  # (bound with j open)
        if not keep.all():
            sites, cols = sites[keep], cols[:, keep]
            if len(sites) < p or value > threshold:
                return LagrangeBound(min(max(value, best), upper), sites[:0], step, found, upper)
            continue  # recompute ρ's order on the smaller matrix with the same λ
        if value > best + 1e-9 * max(1.0, abs(value)):
            best, best_lam, stall = value, lam, 0
        else:
            stall += 1
            if stall >= STALL:
                theta, stall, lam = theta / 2, 0, best_lam
                if theta < MIN_THETA:
                    break
                continue
        g = 1.0 - (cols[:, chosen] < lam[:, None]).sum(axis=1)
        norm = float(g @ g)
        if norm == 0:  # the relaxed solution serves every client once: it is optimal
            break
        lam = lam + theta * max(upper - value, need) / norm * g
    if not found:  # hand back the relaxed sites at the best λ, to be polished
        rho = np.minimum(0.0, cols - best_lam[:, None]).sum(axis=0)
        found = tuple(sorted(sites[np.argpartition(rho, p - 1)[:p]].tolist()))
        upper = float(c[:, found].min(axis=1).sum())
    return LagrangeBound(min(best, upper), sites, step, found, upper, best_lam)


def probe_sites(
    c: np.ndarray,
    p: int,
    pruned: LagrangeBound,
    upper: float,
    need: float,
    seconds: float = np.inf,
    steps: int = PROBE,
) -> np.ndarray:
    """The kept sites that survive opening them by force (the subproblem with y_j = 1).

    With j open, L_j(λ) = Σλ + ρ_j + the p − 1 smallest other ρ; raised by its own subgradient
    from the best λ, it is a lower bound on every solution that opens j. Sites go likeliest
    first, until ``PROBE_RUN`` in a row survive or ``seconds`` are spent: with large p the
    MIP on the kept sites is often quicker than probing them all.
    """
    deadline = time.perf_counter() + seconds
    sites = pruned.sites
    if pruned.multipliers is None or len(sites) <= p:
        return sites
    threshold = upper - need + 1e-9 * max(1.0, abs(upper))
    keep = np.ones(len(sites), dtype=bool)
    first = np.minimum(0.0, c[:, sites] - pruned.multipliers[:, None]).sum(axis=0)
    failed = 0
    for site in np.argsort(-first, kind="stable"):  # likeliest to go first: dearest ρ_j
        if failed >= PROBE_RUN or time.perf_counter() > deadline:  # the rest would survive
            break
        alive = np.flatnonzero(keep)
        if len(alive) <= p:
            break
        cols, k = c[:, sites[alive]], int(np.searchsorted(alive, site))
        failed += 1
        lam, theta, best, stall = pruned.multipliers.copy(), 1.0, -np.inf, 0
        for _ in range(steps):
            rho = np.minimum(0.0, cols - lam[:, None]).sum(axis=0)
            rest = rho.copy()
            rest[k] = np.inf
            chosen = np.append(np.argpartition(rest, p - 2)[: p - 1], k) if p > 1 else [k]
            value = float(lam.sum() + rho[chosen].sum())
            if value > threshold:
                keep[site], failed = False, 0
                break
            if value > best + 1e-9 * max(1.0, abs(value)):
                best, stall = value, 0
            elif (stall := stall + 1) >= STALL // 2:
                theta, stall = theta / 2, 0
            g = 1.0 - (cols[:, chosen] < lam[:, None]).sum(axis=1)
            norm = float(g @ g)
            if norm == 0:
                break
            lam = lam + theta * max(upper - value, need) / norm * g
    return sites[keep]
