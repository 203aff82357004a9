"""Cooperative cost games: Shapley value (exact and sampled), SCRB, proportional, core check.

A cost game gives c(S), what a coalition S of partners would pay to run the service for its
own members only. Coalitions are bitmasks internally (bit i = ``players[i]``), so exact Shapley
values for 20 players are one pass of numpy over the 2^20 costs. The LP solutions (least core,
nucleolus, closest core split) live in ``allocation.cost_split``, key fitting in
``allocation.key_fit``, row generation in ``allocation.separation``; the nucleolus and least core
are re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from allocation.cost_split import (
    GameError,
    MostViolated,
    NucleolusOptions,
    least_core,
    most_violated_by_enumeration,
    nucleolus,
)

__all__ = [
    "CoreCheck",
    "CostGame",
    "GameError",
    "MostViolated",
    "NucleolusOptions",
    "core_check",
    "least_core",
    "nucleolus",
    "proportional",
    "scrb",
    "shapley",
    "shapley_sampled",
]

Vector = npt.NDArray[np.float64]
MAX_TABLE_PLAYERS = 22  # 2^22 costs = 32 MiB of floats: the most we ever hold as one table
MAX_EXACT_SHAPLEY = 20


@dataclass(frozen=True, slots=True)
class CostGame:
    """Players and a coalition cost function, memoised by coalition.

    ``cost`` is called with a non-empty frozenset of player names; c(∅) = 0. ``table`` may
    instead hold every coalition's cost indexed by bitmask (bit i = ``players[i]``), as
    ``allocation.game_table`` builds it.
    """

    players: tuple[str, ...]
    cost: Callable[[frozenset[str]], float]
    table: Vector | None = field(default=None, repr=False, compare=False)
    _memo: dict[int, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    _index: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _all: list[Vector] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.players:
            raise GameError("Et kostnadsspill må ha minst én deltaker.")
        for position, player in enumerate(self.players):
            if player in self._index:
                raise GameError(f"Deltakeren «{player}» står to ganger i spillet.")
            self._index[player] = position
        if self.table is not None and len(self.table) != 1 << len(self.players):
            raise GameError("Kostnadstabellen har feil lengde for antallet deltakere.")

    @classmethod
    def from_table(cls, players: Sequence[str], table: Vector) -> CostGame:
        """Build a game from costs indexed by bitmask (bit i = ``players[i]``)."""
        values = np.asarray(table, dtype=np.float64)
        index = {p: i for i, p in enumerate(players)}

        def cost(coalition: frozenset[str]) -> float:
            return float(values[sum(1 << index[p] for p in coalition)])

        return cls(tuple(players), cost, values)

    @property
    def n(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def grand(self) -> int:
        """Bitmask of the grand coalition N."""
        return (1 << self.n) - 1

    def mask(self, coalition: Iterable[str]) -> int:
        """Bitmask of a coalition given by player names."""
        result = 0
        for player in coalition:
            if player not in self._index:
                raise GameError(f"«{player}» er ikke en deltaker i spillet.")
            result |= 1 << self._index[player]
        return result

    def members(self, mask: int) -> frozenset[str]:
        """Player names of a bitmask."""
        return frozenset(p for i, p in enumerate(self.players) if mask >> i & 1)

    def names(self, mask: int) -> tuple[str, ...]:
        """Player names of a bitmask in the game's player order."""
        return tuple(p for i, p in enumerate(self.players) if mask >> i & 1)

    def value(self, mask: int) -> float:
        """c(S) for a bitmask, computed once."""
        if mask == 0:
            return 0.0
        if self.table is not None:
            return float(self.table[mask])
        known = self._memo.get(mask)
        if known is None:
            known = self._call(mask)
            self._memo[mask] = known
        return known

    def c(self, coalition: Iterable[str]) -> float:
        """Cost of a coalition given by player names."""
        return self.value(self.mask(coalition))

    def costs(self) -> Vector:
        """Every coalition's cost indexed by bitmask (2^n values; n ≤ 22)."""
        if self.table is not None:
            return self.table
        if not self._all:
            if self.n > MAX_TABLE_PLAYERS:
                raise GameError(
                    f"Spillet har {self.n} deltakere; alle 2^{self.n} koalisjoner kan ikke "
                    "regnes ut."
                )
            count = 1 << self.n
            self._all.append(np.fromiter((self.value(m) for m in range(count)), np.float64, count))
        return self._all[0]

    def vector(self, allocation: Mapping[str, float]) -> Vector:
        """An allocation as a vector in player order; every player must be present."""
        missing = [p for p in self.players if p not in allocation]
        if missing:
            raise GameError(f"Fordelingen mangler beløp for {', '.join(missing)}.")
        unknown = sorted(set(allocation) - set(self.players))
        if unknown:
            raise GameError(f"Fordelingen har beløp for ukjente deltakere: {', '.join(unknown)}.")
        return np.array([float(allocation[p]) for p in self.players], dtype=np.float64)

    def _call(self, mask: int) -> float:
        raw: Any = self.cost(self.members(mask))
        try:
            value = float(raw)
        except (TypeError, ValueError):
            value = math.nan
        if not math.isfinite(value):
            raise GameError(
                f"Kostnaden for koalisjonen {'+'.join(self.names(mask))} er ikke et tall ({raw!r})."
            )
        return value


def shapley(game: CostGame) -> dict[str, float]:
    """Exact Shapley value: each player's marginal cost averaged over all join orders.

    φ_i = Σ_{S ∌ i} |S|!(n-|S|-1)!/n! · (c(S ∪ {i}) - c(S)), summed over all 2^(n-1)
    coalitions at once with numpy (bit i splits the cost vector into with/without halves).
    """
    if game.n > MAX_EXACT_SHAPLEY:
        raise GameError(
            f"Eksakt Shapley-verdi regnes for høyst {MAX_EXACT_SHAPLEY} deltakere "
            f"(spillet har {game.n}); bruk utvalgsberegning (shapley_sampled)."
        )
    n = game.n
    costs = game.costs()
    sizes = np.bitwise_count(np.arange(1 << n, dtype=np.uint32)).astype(np.intp)
    weights = np.array(
        [
            float(Fraction(math.factorial(s) * math.factorial(n - s - 1), math.factorial(n)))
            for s in range(n)
        ]
    )
    values: dict[str, float] = {}
    for i, player in enumerate(game.players):
        halves = costs.reshape(-1, 2, 1 << i)
        size = sizes.reshape(-1, 2, 1 << i)[:, 0, :]
        values[player] = float(np.sum(weights[size] * (halves[:, 1, :] - halves[:, 0, :])))
    return values


def shapley_sampled(
    game: CostGame, samples: int, seed: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Shapley value estimated from random join orders, with 95 % half-widths.

    Each sampled permutation charges every player its marginal cost when it joins; the mean
    over samples is unbiased, and each permutation's charges sum to c(N), so the estimate is
    efficient. The half-width is 1.96 · s / √samples per player (normal approximation).
    """
    if samples < 2:
        raise GameError("Utvalgsberegning av Shapley-verdien trenger minst to rekkefølger.")
    rng = np.random.default_rng(seed)
    draws = np.empty((samples, game.n), dtype=np.float64)
    for row in range(samples):
        mask, before = 0, 0.0
        for i in rng.permutation(game.n):
            mask |= 1 << int(i)
            after = game.value(mask)
            draws[row, i] = after - before
            before = after
    means = draws.mean(axis=0)
    half = 1.96 * draws.std(axis=0, ddof=1) / math.sqrt(samples)
    return (
        {p: float(means[i]) for i, p in enumerate(game.players)},
        {p: float(half[i]) for i, p in enumerate(game.players)},
    )


def scrb(game: CostGame) -> dict[str, float]:
    """Separable costs, remaining benefits (Young, Okada & Hashimoto 1982).

    Separable cost s_i = c(N) - c(N∖{i}); remaining benefit r_i = max(0, c({i}) - s_i);
    the remaining joint cost c(N) - Σ s_j is shared in proportion to r_i (equally when every
    r_i is 0). Needs only c(N), c({i}) and c(N∖{i}), so it scales to any n.
    """
    total = game.value(game.grand)
    separable = [total - game.value(game.grand & ~(1 << i)) for i in range(game.n)]
    remaining = [max(0.0, game.value(1 << i) - s) for i, s in enumerate(separable)]
    joint = total - sum(separable)
    weight = sum(remaining)
    shares = [r / weight if weight > 0 else 1.0 / game.n for r in remaining]
    return {p: separable[i] + shares[i] * joint for i, p in enumerate(game.players)}


def proportional(game: CostGame) -> dict[str, float]:
    """c(N) split in proportion to stand-alone costs c({i}) (equally if all are 0)."""
    total = game.value(game.grand)
    alone = [game.value(1 << i) for i in range(game.n)]
    weight = sum(alone)
    if weight <= 0:
        return {p: total / game.n for p in game.players}
    return {p: total * alone[i] / weight for i, p in enumerate(game.players)}


@dataclass(frozen=True, slots=True)
class CoreCheck:
    """Stability of one split: the most dissatisfied coalition and by how much.

    ``max_excess`` is max over proper coalitions S of x(S) - c(S): positive means S pays
    more together than it would alone (``blocking_coalition``). ``budget_gap`` is x(N) - c(N).
    ``core_empty`` is None when not decided (too many players and no oracle).
    """

    in_core: bool
    max_excess: float
    blocking_coalition: tuple[str, ...] | None
    individually_rational: bool
    core_empty: bool | None
    budget_gap: float = 0.0

    @property
    def summary(self) -> str:
        """One bokmål sentence (or two) for a steering group."""
        if self.in_core:
            return "Fordelingen ligger i kjernen: ingen gruppe tjener på å bryte ut."
        if self.blocking_coalition is not None:
            who = " + ".join(self.blocking_coalition)
            text = f"{who} betaler {self.max_excess:.2f} mer samlet enn de ville betalt alene."
        elif self.budget_gap > 0:
            text = f"Fordelingen krever inn {self.budget_gap:.2f} mer enn totalkostnaden."
        else:
            text = f"Fordelingen dekker ikke totalkostnaden (mangler {-self.budget_gap:.2f})."
        if self.core_empty:
            text += " Kjernen er tom: ingen fordeling kan holde alle grupper fornøyde."
        return text


def core_check(
    game: CostGame,
    allocation: Mapping[str, float],
    most_violated: MostViolated | None = None,
    tol: float = 1e-7,
    decide_core_empty: bool = True,
) -> CoreCheck:
    """Check a split for individual rationality and core membership.

    Coalitions are enumerated up to 16 players (22 for table games); beyond that a
    ``most_violated(allocation, exclude)`` oracle must name the worst coalition. ``tol`` is
    relative to the largest cost. Whether the core is empty is decided by the least-core LP.
    """
    x = game.vector(allocation)
    total = game.value(game.grand)
    scale = max(1.0, abs(total), *(abs(game.value(1 << i)) for i in range(game.n)))
    eps = tol * scale
    gap = float(x.sum() - total)
    rational = all(x[i] <= game.value(1 << i) + eps for i in range(game.n))
    worst: tuple[int, float] | None
    if game.n == 1:
        worst = None
    elif most_violated is None:
        found = most_violated_by_enumeration(game, x, frozenset(), 1)
        worst = found[0] if found else None
    else:
        answers = most_violated(dict(allocation), frozenset())
        worst = (game.mask(answers[0][0]), float(answers[0][1])) if answers else None
    max_excess = worst[1] if worst else -math.inf
    blocking = game.names(worst[0]) if worst and worst[1] > eps else None
    in_core = abs(gap) <= eps and blocking is None
    empty: bool | None = False if in_core else None
    if empty is None and decide_core_empty:
        _, epsilon = least_core(game, most_violated)
        empty = epsilon > eps
    return CoreCheck(in_core, max_excess, blocking, rational, empty, gap)
