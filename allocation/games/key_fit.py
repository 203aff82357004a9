"""Key fitting: the weights of an explainable cost key closest to a fair split.

"The simplest key no partner can reject": equal share, population, usage … weighted so the
key's charges come as close as possible to a chosen fair split (Shapley, nucleolus) while
nobody pays more than alone (and, optionally, no group more than together), or the reason
no such key exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pulp

from allocation.games.game import CostGame, GameError, MostViolated, Vector
from allocation.games.separation import SAFE_NAME, NucleolusOptions, SeparationContext, add_row
from allocation.solver import Conflict, SolveOptions, SolverFailed, solve


@dataclass(frozen=True)
class KeyFit:
    """Weights of an explainable key (e.g. equal / population / usage) and what it charges."""

    weights: dict[str, float]
    allocation: dict[str, float]
    max_deviation: float


def _check_bases(game: CostGame, bases: Mapping[str, Mapping[str, float]]) -> None:
    if not bases:
        raise GameError("Nøkkeltilpasningen trenger minst én nøkkeldel (f.eks. likt).")
    for name, shares in bases.items():
        missing = [p for p in game.players if p not in shares]
        if missing:
            raise GameError(f"Nøkkeldelen «{name}» mangler andel for {', '.join(missing)}.")
        if any(shares[p] < 0 for p in game.players):
            raise GameError(f"Nøkkeldelen «{name}» har en negativ andel.")
        if abs(sum(shares[p] for p in game.players) - 1.0) > 1e-9:
            raise GameError(f"Andelene i nøkkeldelen «{name}» summerer ikke til 100 %.")


def fit_key(
    game: CostGame,
    target: Mapping[str, float],
    bases: Mapping[str, Mapping[str, float]],
    *,
    core: bool = False,
    weight_step_pct: int | None = None,
    most_violated: MostViolated | None = None,
    options: NucleolusOptions | None = None,
) -> KeyFit:
    """The simplest key no partner can reject: weights closest to a fair split.

    ``bases`` maps a component name to its shares (e.g. ``likt`` 1/n each, ``folketall``
    pop_i/Σpop); ``target`` is the chosen fair split (Shapley, nucleolus …). With
    ``weight_step_pct`` the weights are whole multiples of it (5 → 30 % + 70 %), a small MILP.

    Variables   w[k] ≥ 0 (or step·u[k]/100, u[k] integer), dev ≥ 0
    Charge      x_i = c(N) · Σ_k w[k] · b[k,i]
    Objective   min dev                                                (0)
    (1) weights         Σ_k w[k] = 1
    (2) above/below[i]  |x_i - target_i| ≤ dev
    (3) stand_alone[i]  x_i ≤ c({i})
    (4) excess[S]       x(S) ≤ c(S) for generated S (only with ``core=True``)

    Raises ``Infeasible`` naming the partners (or groups) no such key keeps below their own cost.
    """
    _check_bases(game, bases)
    opts = options or NucleolusOptions()
    ctx = SeparationContext(game, most_violated if core else None, opts) if core else None
    scale = ctx.scale if ctx else max(1.0, abs(game.value(game.grand)))
    goal = game.vector(target) / scale
    total = game.value(game.grand) / scale
    kinds = list(bases)
    share = np.array([[bases[k][p] for p in game.players] for k in kinds], dtype=np.float64)
    active: list[int] = []
    for _ in range(opts.max_rounds):
        prob, w, dev, charge = _key_model(game, kinds, share, total, goal, weight_step_pct)
        for i in range(game.n):
            add_row(prob, f"stand_alone[{i}]", charge[i] <= game.value(1 << i) / scale)
        for m in active:
            add_row(
                prob,
                f"excess[{m}]",
                pulp.lpSum(charge[i] for i in _bits(m)) <= game.value(m) / scale,
            )
        # Infeasible carries the conflicts; coop.services words them for people.
        solve(prob, opts.solve, explain=lambda: _explain_key(game, kinds, share, active, scale))
        x = np.array([float(pulp.value(c) or 0.0) for c in charge], dtype=np.float64)
        known = set(active)
        new = [m for m in ctx.separate(x, set(), 0.0, active) if m not in known] if ctx else []
        if not new:
            weights = {k: float(pulp.value(w[j]) or 0.0) for j, k in enumerate(kinds)}
            allocation = {p: float(x[i] * scale) for i, p in enumerate(game.players)}
            return KeyFit(weights, allocation, float(dev.value() or 0.0) * scale)
        active.extend(new)
    raise SolverFailed("Radgenereringen stoppet ikke innen grensen for antall runder.")


def _bits(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def _key_model(
    game: CostGame,
    kinds: list[str],
    share: Vector,
    total: float,
    goal: Vector,
    step_pct: int | None,
) -> tuple[pulp.LpProblem, list[pulp.LpAffineExpression], pulp.LpVariable, list[Any]]:
    """Weights, charges and the deviation rows (0)-(2) of ``fit_key``."""
    prob = pulp.LpProblem("fit_key", pulp.LpMinimize)
    if step_pct is None:
        w = [prob.add_variable(f"weight[{k}]", lowBound=0) for k in _labels(kinds)]
        weight = [pulp.lpSum([wj]) for wj in w]
    else:
        if not 0 < step_pct <= 100 or 100 % step_pct:
            raise GameError("Vektsteget må gå opp i 100 % (f.eks. 5 eller 10).")
        top = 100 // step_pct
        steps = [
            prob.add_variable(f"steps[{k}]", lowBound=0, upBound=top, cat=pulp.LpInteger)
            for k in _labels(kinds)
        ]
        weight = [pulp.lpSum([(step_pct / 100) * u]) for u in steps]
    dev = prob.add_variable("dev", lowBound=0)
    prob += dev, "max_deviation"
    add_row(prob, "weights", pulp.lpSum(weight) == 1)
    charge = [
        pulp.lpSum(total * share[j, i] * weight[j] for j in range(len(kinds)))
        for i in range(game.n)
    ]
    for i in range(game.n):
        add_row(prob, f"above[{i}]", dev - charge[i] >= -goal[i])
        add_row(prob, f"below[{i}]", dev + charge[i] >= goal[i])
    return prob, weight, dev, charge


def _labels(kinds: list[str]) -> list[str]:
    return kinds if all(SAFE_NAME.match(k) for k in kinds) else [str(j) for j in range(len(kinds))]


def _explain_key(
    game: CostGame, kinds: list[str], share: Vector, active: list[int], scale: float
) -> list[Conflict]:
    """Elastic copy of (1), (3), (4): the least total overpayment any key forces."""
    prob = pulp.LpProblem("fit_key_elastic", pulp.LpMinimize)
    w = [prob.add_variable(f"weight[{j}]", lowBound=0) for j in range(len(kinds))]
    total = game.value(game.grand) / scale
    charge = [
        pulp.lpSum(total * share[j, i] * w[j] for j in range(len(kinds))) for i in range(game.n)
    ]
    rows = [1 << i for i in range(game.n)] + list(active)
    slack = {m: prob.add_variable(f"over[{m}]", lowBound=0) for m in rows}
    prob += pulp.lpSum(slack.values()), "overpayment"
    add_row(prob, "weights", pulp.lpSum(w) == 1)
    for m in rows:
        paid = pulp.lpSum(charge[i] for i in _bits(m))
        add_row(prob, f"limit[{m}]", paid - slack[m] <= game.value(m) / scale)
    solve(prob, SolveOptions())
    conflicts = []
    for m in rows:
        over = float(slack[m].value() or 0.0)
        if over > 1e-9:
            paid = sum(float(pulp.value(charge[i]) or 0.0) for i in _bits(m))
            rule = "stand_alone" if m & (m - 1) == 0 else "coalition"
            conflicts.append(Conflict(rule, game.names(m), paid * scale, game.value(m)))
    return conflicts
