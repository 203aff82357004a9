"""Cost games: players, a memoised coalition cost function, and coalition enumeration.

A cost game gives c(S), what a coalition S of partners would pay to run the service for its
own members only. Coalitions are bitmasks internally (bit i = ``players[i]``), so a game of 20
players is one numpy vector of 2^20 costs. Values (Shapley, SCRB, proportional) live in
``allocation.games.values``, the core check in ``allocation.games.core``, the LP splits (least
core, nucleolus, closest core split) in ``allocation.games.lp``, key fitting in
``allocation.games.key_fit`` and row generation in ``allocation.games.separation``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float64]
MAX_TABLE_PLAYERS = 22  # 2^22 costs = 32 MiB of floats: the most we ever hold as one table

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


class GameError(ValueError):
    """A cost game or a request about one that cannot be answered (message in bokmål)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class CostGame:
    """Players and a coalition cost function, memoised by coalition.

    ``cost`` is called with a non-empty frozenset of player names; c(∅) = 0. ``table`` may
    instead hold every coalition's cost indexed by bitmask (bit i = ``players[i]``), as
    ``allocation.games.table`` builds it.
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
