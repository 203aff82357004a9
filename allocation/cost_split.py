"""LP fair splits of a cost game: least core, nucleolus, closest core split and key fitting.

Every LP here has one row per coalition, so rows are generated on demand: solve with the rows
found so far, ask a separation oracle for the coalition S with the largest excess
x(S) - c(S), add it if it breaks a row, repeat. The oracle enumerates all 2^n coalitions with
numpy for small games; games whose costs come from a model pass ``most_violated``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pulp

from allocation.solver import Conflict, Infeasible, SolveOptions, SolverFailed, solve

if TYPE_CHECKING:
    from allocation.games import CostGame

Vector = npt.NDArray[np.float64]
MostViolated = Callable[
    [Mapping[str, float], frozenset[frozenset[str]]], Sequence[tuple[frozenset[str], float]]
]
"""``most_violated(allocation, exclude) -> [(coalition, excess), ...]``, best first.

Proper coalitions S (not empty, not everyone, not in ``exclude``) with their excess
x(S) - c(S) under ``allocation``; the first must have the largest excess of all such
coalitions (exact: constraint generation stops when it finds nothing above the current bound),
the rest are optional extra cuts. Empty when every coalition is excluded. ``exclude`` holds
coalitions whose excess the nucleolus has already settled.
"""

_SAFE = re.compile(r"^[A-Za-z0-9]+$")


class GameError(ValueError):
    """A cost game or a request about one that cannot be answered (message in bokmål)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class NucleolusOptions:
    """Solver settings and tolerances (relative to the largest coalition cost)."""

    solve: SolveOptions = field(default_factory=SolveOptions)
    violation_tol: float = 1e-7
    dual_tol: float = 1e-7
    cuts_per_round: int = 0  # coalitions added per enumeration; 0 means n
    enumerate_up_to: int = 16  # players; table games enumerate up to 22
    max_rounds: int = 10_000


def coalition_sums(x: Vector) -> Vector:
    """x(S) for every bitmask S (bit i = player i), built by doubling in O(2^n)."""
    sums = np.zeros(1, dtype=np.float64)
    for xi in x:
        sums = np.concatenate((sums, sums + xi))
    return sums


def most_violated_by_enumeration(
    game: CostGame, x: Vector, exclude: Iterable[int], k: int
) -> list[tuple[int, float]]:
    """The k proper coalitions with the largest excess x(S) - c(S), best first (bitmasks)."""
    excess = coalition_sums(x) - game.costs()
    excess[0] = excess[game.grand] = -math.inf
    for mask in exclude:
        excess[mask] = -math.inf
    k = max(1, min(k, len(excess)))
    top = np.argpartition(-excess, k - 1)[:k] if k < len(excess) else np.arange(len(excess))
    ranked = sorted((int(m) for m in top if excess[m] > -math.inf), key=lambda m: -excess[m])
    return [(m, float(excess[m])) for m in ranked]


@dataclass
class _Context:
    """A game normalised by its largest cost, with its separation oracle."""

    game: CostGame
    oracle: MostViolated | None
    options: NucleolusOptions
    scale: float = 1.0
    names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        g = self.game
        singles = [abs(g.value(1 << i)) for i in range(g.n)]
        self.scale = max(1.0, abs(g.value(g.grand)), *singles)
        safe = all(_SAFE.match(p) for p in g.players)
        self.names = list(g.players) if safe else [str(i) for i in range(g.n)]
        limit = 22 if g.table is not None else self.options.enumerate_up_to
        if self.oracle is None and g.n > limit:
            raise GameError(
                f"Spillet har {g.n} deltakere: for mange til å gå gjennom alle koalisjoner. "
                "Oppgi en funksjon som finner den mest misfornøyde koalisjonen (most_violated)."
            )

    def v(self, mask: int) -> float:
        return self.game.value(mask) / self.scale

    def row_name(self, rule: str, mask: int) -> str:
        label = "+".join(self.names[i] for i in range(self.game.n) if mask >> i & 1)
        return f"{rule}[{label if len(label) <= 120 else hex(mask)}]"

    def worst(
        self, x: Vector, exclude: set[int], known: Iterable[int] = ()
    ) -> list[tuple[int, float]]:
        """The most violated coalitions at ``x`` with their normalised excess, worst first.

        Enumeration gives up to ``cuts_per_round``; an oracle gives its list, checked against
        the cost function and the rows already known, so an inexact oracle raises instead of
        giving a wrong split.
        """
        if self.oracle is None:
            k = self.options.cuts_per_round or self.game.n
            found = most_violated_by_enumeration(self.game, x * self.scale, exclude, k)
            return [(m, e / self.scale) for m, e in found]
        allocation = {p: float(x[i] * self.scale) for i, p in enumerate(self.game.players)}
        answers = self.oracle(allocation, frozenset(self.game.members(m) for m in exclude))
        best_known = max((self.excess(x, m) for m in known if m not in exclude), default=-math.inf)
        tol = 1e3 * self.options.violation_tol
        if not answers:
            self._require(best_known == -math.inf, "svarte at ingen koalisjon var igjen")
            return []
        found = []
        for coalition, claimed in answers:
            mask = self.game.mask(coalition)
            if mask in (0, self.game.grand) or mask in exclude:
                raise GameError(
                    "Funksjonen most_violated svarte med en koalisjon som skulle vært utelatt: "
                    f"{'+'.join(self.game.names(mask)) or '(tom)'}."
                )
            excess = self.excess(x, mask)
            self._require(
                abs(float(claimed) / self.scale - excess) <= tol,
                "oppga feil overskudd for sin koalisjon",
            )
            found.append((mask, excess))
        top = found[0][1]
        self._require(
            best_known <= top + tol and all(e <= top + tol for _, e in found),
            "fant ikke den mest misfornøyde koalisjonen",
        )
        return found

    def separate(
        self, x: Vector, exclude: set[int], bound: float, known: Iterable[int] = ()
    ) -> list[int]:
        """Coalitions whose normalised excess at ``x`` exceeds ``bound``."""
        threshold = bound + self.options.violation_tol
        return [m for m, e in self.worst(x, exclude, known) if e > threshold]

    def excess(self, x: Vector, mask: int) -> float:
        """Normalised x(S) - c(S)."""
        return float(sum(x[i] for i in range(self.game.n) if mask >> i & 1)) - self.v(mask)

    @staticmethod
    def _require(condition: bool, what: str) -> None:
        if not condition:
            raise GameError(f"Funksjonen most_violated {what}; den må løses eksakt.")


def _add(prob: pulp.LpProblem, name: str, constraint: pulp.LpConstraint) -> pulp.LpConstraint:
    prob.addConstraint(constraint, name)
    return constraint


def _members(x: list[pulp.LpVariable], mask: int) -> pulp.LpAffineExpression:
    return pulp.lpSum(x[i] for i in range(len(x)) if mask >> i & 1)


def _level_lp(
    ctx: _Context, active: list[int], fixed: Mapping[int, float]
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
    _add(prob, "budget", pulp.lpSum(x) == ctx.v(game.grand))
    for mask, level in fixed.items():
        _add(prob, ctx.row_name("settled", mask), _members(x, mask) == ctx.v(mask) + level)
    rows = {
        m: _add(prob, ctx.row_name("excess", m), eps - _members(x, m) >= -ctx.v(m)) for m in active
    }
    solve(prob, ctx.options.solve)
    values = np.array([xi.value() or 0.0 for xi in x], dtype=np.float64)
    return values, float(eps.value() or 0.0), {m: float(c.pi or 0.0) for m, c in rows.items()}


def _initial_rows(n: int) -> list[int]:
    grand = (1 << n) - 1
    return sorted({1 << i for i in range(n)} | {grand & ~(1 << i) for i in range(n)} - {0, grand})


def _generate(
    ctx: _Context,
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
    ctx = _Context(game, most_violated, options or NucleolusOptions())
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
    ctx = _Context(game, most_violated, opts)
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
    ctx = _Context(game, most_violated, opts)
    p = game.vector(proposal) / ctx.scale
    bound = max(epsilon / ctx.scale, 0.0)
    bound += 1e-9 if bound > 0 else 0.0  # the least-core ε is itself feasible only to 1e-9
    active = _initial_rows(game.n)
    for _ in range(opts.max_rounds):
        prob = pulp.LpProblem("closest_core_split", pulp.LpMinimize)
        x = [prob.add_variable(f"x[{name}]", lowBound=None) for name in ctx.names]
        dev = prob.add_variable("dev", lowBound=0)
        prob += dev, "max_deviation"
        _add(prob, "budget", pulp.lpSum(x) == ctx.v(game.grand))
        for i, name in enumerate(ctx.names):
            _add(prob, f"above[{name}]", dev - x[i] >= -p[i])
            _add(prob, f"below[{name}]", dev + x[i] >= p[i])
        for m in active:
            _add(prob, ctx.row_name("excess", m), _members(x, m) <= ctx.v(m) + bound)
        solve(prob, opts.solve)
        values = np.array([xi.value() or 0.0 for xi in x], dtype=np.float64)
        known = set(active)
        new = [m for m in ctx.separate(values, set(), bound, active) if m not in known]
        if not new:
            allocation = {pl: float(values[i] * ctx.scale) for i, pl in enumerate(game.players)}
            return CoreSplit(allocation, float(dev.value() or 0.0) * ctx.scale, epsilon)
        active.extend(new)
    raise SolverFailed("Radgenereringen stoppet ikke innen grensen for antall runder.")


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
    ctx = _Context(game, most_violated if core else None, opts) if core else None
    scale = ctx.scale if ctx else max(1.0, abs(game.value(game.grand)))
    goal = game.vector(target) / scale
    total = game.value(game.grand) / scale
    kinds = list(bases)
    share = np.array([[bases[k][p] for p in game.players] for k in kinds], dtype=np.float64)
    active: list[int] = []
    for _ in range(opts.max_rounds):
        prob, w, dev, charge = _key_model(game, kinds, share, total, goal, weight_step_pct)
        for i in range(game.n):
            _add(prob, f"stand_alone[{i}]", charge[i] <= game.value(1 << i) / scale)
        for m in active:
            _add(
                prob,
                f"excess[{m}]",
                pulp.lpSum(charge[i] for i in _bits(m)) <= game.value(m) / scale,
            )
        try:
            solve(prob, opts.solve, explain=lambda: _explain_key(game, kinds, share, active, scale))
        except Infeasible as error:
            raise Infeasible(error.conflicts, _key_message(error.conflicts, kinds)) from error
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
    _add(prob, "weights", pulp.lpSum(weight) == 1)
    charge = [
        pulp.lpSum(total * share[j, i] * weight[j] for j in range(len(kinds)))
        for i in range(game.n)
    ]
    for i in range(game.n):
        _add(prob, f"above[{i}]", dev - charge[i] >= -goal[i])
        _add(prob, f"below[{i}]", dev + charge[i] >= goal[i])
    return prob, weight, dev, charge


def _labels(kinds: list[str]) -> list[str]:
    return kinds if all(_SAFE.match(k) for k in kinds) else [str(j) for j in range(len(kinds))]


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
    _add(prob, "weights", pulp.lpSum(w) == 1)
    for m in rows:
        paid = pulp.lpSum(charge[i] for i in _bits(m))
        _add(prob, f"limit[{m}]", paid - slack[m] <= game.value(m) / scale)
    solve(prob, SolveOptions())
    conflicts = []
    for m in rows:
        over = float(slack[m].value() or 0.0)
        if over > 1e-9:
            paid = sum(float(pulp.value(charge[i]) or 0.0) for i in _bits(m))
            rule = "stand_alone" if m & (m - 1) == 0 else "coalition"
            conflicts.append(Conflict(rule, game.names(m), paid * scale, game.value(m)))
    return conflicts


def _kr(amount: float) -> str:
    """Whole kroner with a no-break space as thousands separator: 1 234 567 kr."""
    return f"{amount:,.0f}".replace(",", "\u00a0") + "\u00a0kr"


def _key_message(conflicts: tuple[Conflict, ...], kinds: list[str]) -> str:
    parts = [
        f"{' + '.join(c.keys)} må betale minst {_kr(c.needed)}, men alene koster det "
        f"{_kr(c.available)}"
        for c in conflicts
    ]
    detail = "; ".join(parts) if parts else "ingen kombinasjon oppfyller kravene"
    return f"Ingen nøkkel laget av {', '.join(kinds)} holder alle under egen kostnad: {detail}."
