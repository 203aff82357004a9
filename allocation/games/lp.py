"""LP fair splits of a cost game: least core, nucleolus and the core split closest to a key.

Every LP has one row per coalition, generated on demand through ``allocation.games.separation``.
Key fitting (the simplest key no partner can reject) lives in ``allocation.games.key_fit``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pulp

from allocation.games.game import CostGame, MostViolated, Vector
from allocation.games.separation import NucleolusOptions, SeparationContext, add_row, members_sum
from allocation.solver import SolverFailed, solve


def _level_lp(
    ctx: SeparationContext, active: list[int], fixed: Mapping[int, float]
) -> tuple[Vector, float, dict[int, float]]:
    """One sequential LP of the nucleolus (the first is the least core).

    Variables   x[i] free (charge of player i), eps free
    Objective   min eps                                               (0)
    (1) budget          Σ_i x[i] = c(N)
    (2) settled[S]      x(S) = c(S) + e_S       for coalitions fixed at earlier levels
    (3) excess[S]       eps - x(S) ≥ -c(S)      for generated coalitions S
    """
    game = ctx.game
    prob = pulp.LpProblem("nucleolus_level", pulp.LpMinimize)
    x = [prob.add_variable(f"x[{name}]", lowBound=None) for name in ctx.names]
    eps = prob.add_variable("eps", lowBound=None)
    prob += eps, "max_excess"
    add_row(prob, "budget", pulp.lpSum(x) == ctx.v(game.grand))
    for mask, level in fixed.items():
        add_row(prob, ctx.row_name("settled", mask), members_sum(x, mask) == ctx.v(mask) + level)
    rows = {
        m: add_row(prob, ctx.row_name("excess", m), eps - members_sum(x, m) >= -ctx.v(m))
        for m in active
    }
    solve(prob, ctx.options.solve)
    values = np.array([xi.value() or 0.0 for xi in x], dtype=np.float64)
    return values, float(eps.value() or 0.0), {m: float(c.pi or 0.0) for m, c in rows.items()}


def _initial_rows(n: int) -> list[int]:
    grand = (1 << n) - 1
    return sorted({1 << i for i in range(n)} | {grand & ~(1 << i) for i in range(n)} - {0, grand})


def _generate(
    ctx: SeparationContext,
    active: list[int],
    settled: set[int],
    fixed: Mapping[int, float],
    start: Vector | None = None,
) -> tuple[Vector, float, dict[int, float]]:
    """Solve one level, adding violated coalitions until the LP bound is reached.

    Keeps the best split seen (the "centre", whose true worst excess the separation reports).
    The level ends when the centre's worst excess equals the LP's ε: the centre is then optimal
    for the LP over all coalitions, and the LP's duals (zero on rows never generated) prove it.
    With an oracle (one cut per call) the query point is stabilised "in-out" (Ben-Ameur & Neto
    2007): ask at the midpoint of the LP optimum and the centre, which cuts deeper than the LP's
    extreme points and moves the centre when it cuts nothing.
    """
    tol = ctx.options.violation_tol
    center, center_excess, misses = start, math.inf, 0  # start's worst excess: not yet asked
    for _ in range(ctx.options.max_rounds):
        x, eps, duals = _level_lp(ctx, active, fixed)
        if center is not None and center_excess <= eps + tol:
            return center, eps, duals
        stabilise = ctx.oracle is not None and center is not None and misses < 5
        probe = 0.5 * (center + x) if stabilise and center is not None else x
        found = ctx.worst(probe, settled, active)
        worst_excess = max((e for _, e in found), default=-math.inf)
        if worst_excess < center_excess:
            center, center_excess = probe, worst_excess
        if center is not None and center_excess <= eps + tol:
            return center, eps, duals
        known = set(active)
        cuts = [m for m, _ in found if m not in known and ctx.excess(x, m) > eps + tol]
        if cuts:
            active.extend(cuts)
            misses = 0
        else:
            misses += 1
    raise SolverFailed("Radgenereringen stoppet ikke innen grensen for antall runder.")


def least_core(
    game: CostGame,
    most_violated: MostViolated | None = None,
    options: NucleolusOptions | None = None,
) -> tuple[dict[str, float], float]:
    """A split in the least core and its ε: the smallest subsidy keeping every group in.

    ε ≤ 0 means the core is non-empty (no group gains by leaving even when each pays ε
    more); ε > 0 is how much every coalition must be allowed to overpay. The split returned is
    the first LP's optimum, one point of the least core (the nucleolus is the canonical one).
    """
    if game.n == 1:
        return {game.players[0]: game.value(1)}, -math.inf
    ctx = SeparationContext(game, most_violated, options or NucleolusOptions())
    x, eps, _ = _generate(ctx, _initial_rows(game.n), set(), {})
    return {p: float(x[i] * ctx.scale) for i, p in enumerate(game.players)}, eps * ctx.scale


def nucleolus(
    game: CostGame,
    most_violated: MostViolated | None = None,
    options: NucleolusOptions | None = None,
) -> dict[str, float]:
    """The nucleolus: minimise the largest excess, then the next largest, and so on.

    Sequential LPs (``_level_lp``) with constraint generation. After each level the
    coalitions with a positive dual are tight in every optimal split (complementary
    slackness); they are settled at that level's ε. A settled coalition that raises the rank of
    the settled rows becomes an equality (2); one already in their span has a constant excess
    and is only dropped. The split is unique once the rank reaches n; it is then recomputed from
    the equalities by least squares for accuracy. It lies in the core whenever that is non-empty.
    """
    if game.n == 1:
        return {game.players[0]: game.value(1)}
    opts = options or NucleolusOptions()
    ctx = SeparationContext(game, most_violated, opts)
    n = game.n
    active, settled, fixed = _initial_rows(n), set[int](), dict[int, float]()
    rows = [np.ones(n)]
    start: Vector | None = None
    for _ in range(opts.max_rounds):
        x, eps, duals = _generate(ctx, active, settled, fixed, start)
        tight = [m for m in active if duals.get(m, 0.0) > opts.dual_tol]
        if not tight:
            raise SolverFailed(
                "Nukleolen kunne ikke bestemmes: ingen koalisjon var bundet i LP-løsningen."
            )
        for mask in tight:
            active.remove(mask)
            settled.add(mask)
            row = _indicator(mask, n)
            if np.linalg.matrix_rank(np.vstack([*rows, row])) > len(rows):
                rows.append(row)
                fixed[mask] = eps
        _settle_spanned(rows, active, settled, game.grand)
        if len(rows) == n:
            break
        start = x
    else:
        raise SolverFailed("Nukleolen ble ikke entydig innen grensen for antall nivåer.")
    matrix = np.vstack(rows)
    rhs = np.array([ctx.v(game.grand)] + [ctx.v(m) + e for m, e in fixed.items()])
    solution = np.linalg.solve(matrix, rhs)
    return {p: float(solution[i] * ctx.scale) for i, p in enumerate(game.players)}


def _indicator(mask: int, n: int) -> Vector:
    return np.array([mask >> i & 1 for i in range(n)], dtype=np.float64)


def _settle_spanned(rows: list[Vector], active: list[int], settled: set[int], grand: int) -> None:
    """Settle coalitions whose excess the fixed rows already determine.

    A coalition in the span of the fixed rows (e.g. the complement of a fixed one) has the
    same excess for every split still allowed, so it can no longer change the order of excesses;
    settling it now saves a level.
    """
    basis, _ = np.linalg.qr(np.vstack(rows).T)
    n = len(rows[0])
    complements = {grand & ~m for m in settled} - settled - {0, grand}
    settled.update(m for m in complements if _spanned(basis, _indicator(m, n)))
    for mask in [m for m in active if _spanned(basis, _indicator(m, n))]:
        active.remove(mask)
        settled.add(mask)


def _spanned(basis: Vector, row: Vector) -> bool:
    return bool(np.linalg.norm(row - basis @ (basis.T @ row)) < 1e-9)


@dataclass(frozen=True)
class CoreSplit:
    """The (least-)core split closest to a proposal, and how far it had to move."""

    allocation: dict[str, float]
    max_deviation: float
    epsilon: float  # least-core ε: ≤ 0 when the core is non-empty

    @property
    def core_empty(self) -> bool:
        """True when no split keeps every group at or below its own cost."""
        return self.epsilon > 0


def closest_core_split(
    game: CostGame,
    proposal: Mapping[str, float],
    most_violated: MostViolated | None = None,
    options: NucleolusOptions | None = None,
) -> CoreSplit:
    """The split in the core (least core if empty) closest to a proposal, e.g. a cost key.

    Variables   x[i] free, dev ≥ 0
    Objective   min dev                                      (0)
    (1) budget       Σ_i x[i] = c(N)
    (2) above[i]     dev - x[i] ≥ -p[i]        (3) below[i]   dev + x[i] ≥ p[i]
    (4) excess[S]    x(S) ≤ c(S) + max(ε*, 0)   for generated coalitions S
    """
    opts = options or NucleolusOptions()
    _, epsilon = least_core(game, most_violated, opts)
    if game.n == 1:
        only = game.players[0]
        return CoreSplit({only: game.value(1)}, abs(game.value(1) - proposal[only]), epsilon)
    ctx = SeparationContext(game, most_violated, opts)
    p = game.vector(proposal) / ctx.scale
    bound = max(epsilon / ctx.scale, 0.0)
    bound += 1e-9 if bound > 0 else 0.0  # the least-core ε is itself feasible only to 1e-9
    active = _initial_rows(game.n)
    for _ in range(opts.max_rounds):
        prob = pulp.LpProblem("closest_core_split", pulp.LpMinimize)
        x = [prob.add_variable(f"x[{name}]", lowBound=None) for name in ctx.names]
        dev = prob.add_variable("dev", lowBound=0)
        prob += dev, "max_deviation"
        add_row(prob, "budget", pulp.lpSum(x) == ctx.v(game.grand))
        for i, name in enumerate(ctx.names):
            add_row(prob, f"above[{name}]", dev - x[i] >= -p[i])
            add_row(prob, f"below[{name}]", dev + x[i] >= p[i])
        for m in active:
            add_row(prob, ctx.row_name("excess", m), members_sum(x, m) <= ctx.v(m) + bound)
        solve(prob, opts.solve)
        values = np.array([xi.value() or 0.0 for xi in x], dtype=np.float64)
        known = set(active)
        new = [m for m in ctx.separate(values, set(), bound, active) if m not in known]
        if not new:
            allocation = {pl: float(values[i] * ctx.scale) for i, pl in enumerate(game.players)}
            return CoreSplit(allocation, float(dev.value() or 0.0) * ctx.scale, epsilon)
        active.extend(new)
    raise SolverFailed("Radgenereringen stoppet ikke innen grensen for antall runder.")
