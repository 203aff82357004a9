"""Host-structured cost games and their exact separation oracle.

A shared service's cost game usually has this shape: a group S of two or more partners picks
a host h in S and pays h's fixed cost plus, for every member i, what i adds when h hosts
(staff moving, travel grants, service trips, pooled running cost). So
c(S) = min_{h∈S} (fixed[h] + Σ_{i∈S} member_cost[i, h]), and a partner alone pays its own
stand-alone cost. The nucleolus of such a game for 30+ partners cannot enumerate 2^n
coalitions; it needs the coalition with the largest excess x(S) - c(S). For a fixed host that
excess is additive in the members, so the best coalitions around each host come from a ranked
enumeration of subset sums — exact, and cheap even when many coalitions are already settled.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from allocation.games.game import CostGame, GameError, MostViolated

Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class HostedGame:
    """c(S) = min over hosts h in S of fixed[h] + Σ_{i∈S} member_cost[i, h]; c({i}) = alone[i].

    ``member_cost[i, h]`` is what partner i adds to the bill when h hosts (the host's own row
    ``member_cost[h, h]`` included); ``fixed[h]`` is what hosting costs h regardless of who
    joins.
    """

    players: tuple[str, ...]
    member_cost: npt.NDArray[np.float64]
    fixed: Vector
    alone: Vector
    _index: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.players)
        if n == 0:
            raise GameError("Et kostnadsspill må ha minst én deltaker.")
        shapes = (self.member_cost.shape, self.fixed.shape, self.alone.shape)
        if shapes != ((n, n), (n,), (n,)):
            raise GameError(f"Kostnadsmodellen har feil dimensjoner for {n} deltakere.")
        for values in (self.member_cost, self.fixed, self.alone):
            if not np.all(np.isfinite(values)):
                raise GameError("Kostnadsmodellen inneholder beløp som ikke er tall.")
        self._index.update((p, i) for i, p in enumerate(self.players))

    def cost(self, coalition: frozenset[str]) -> float:
        """c(S) of a non-empty coalition by player names."""
        members = [self._index[p] for p in coalition]
        if len(members) == 1:
            return float(self.alone[members[0]])
        block = self.member_cost[np.ix_(members, members)]
        return float(np.min(self.fixed[members] + block.sum(axis=0)))

    def game(self) -> CostGame:
        """The cost game, memoised, for Shapley, nucleolus and the other methods."""
        return CostGame(self.players, self.cost)

    def most_violated(
        self,
        allocation: Mapping[str, float],
        exclude: frozenset[frozenset[str]],
        per_host: int = 1,
    ) -> list[tuple[frozenset[str], float]]:
        """Proper coalitions not in ``exclude`` with the largest excess x(S) - c(S), best first.

        For each host h the best ``per_host`` coalitions S ∋ h (|S| ≥ 2) by the additive bound
        x(S) - fixed[h] - Σ_{i∈S} member_cost[i, h] ≤ x(S) - c(S), plus every singleton. The
        bound is exact at S's cheapest host, so the best candidate is a most violated
        coalition. The others are good cuts too: several rows per LP round.
        """
        n = len(self.players)
        x = np.array([float(allocation[p]) for p in self.players], dtype=np.float64)
        grand = (1 << n) - 1
        skip = {sum(1 << self._index[p] for p in s) for s in exclude}
        skip.add(grand)
        candidates = {1 << i for i in range(n)} - skip
        for h in range(n):
            candidates.update(_best_around(h, x - self.member_cost[:, h], skip, per_host))
        ranked = sorted(((self._excess(x, m), m) for m in candidates), reverse=True)
        names = self.players
        return [
            (frozenset(names[i] for i in range(n) if m >> i & 1), excess) for excess, m in ranked
        ]

    def oracle(self, per_host: int = 1) -> MostViolated:
        """``most_violated`` with a fixed ``per_host``, as the nucleolus expects it."""

        def most_violated(
            allocation: Mapping[str, float], exclude: frozenset[frozenset[str]]
        ) -> list[tuple[frozenset[str], float]]:
            return self.most_violated(allocation, exclude, per_host)

        return most_violated

    def _excess(self, x: Vector, mask: int) -> float:
        members = [i for i in range(len(self.players)) if mask >> i & 1]
        return float(x[members].sum()) - self.cost(frozenset(self.players[i] for i in members))


def _best_around(h: int, gain: Vector, skip: set[int], count: int) -> list[int]:
    """The ``count`` best coalitions containing h and someone else, by Σ_{i∈S} gain[i].

    The best set takes h and every i with a positive gain; each other set differs from it by
    a set F of flips costing Σ_{i∈F} |gain[i]|, enumerated cheapest first.
    """
    best = 1 << h
    others = [i for i in range(len(gain)) if i != h]
    for i in others:
        if gain[i] > 0:
            best |= 1 << i
    found: list[int] = []
    for flips in _subsets_by_weight([abs(float(gain[i])) for i in others], others):
        mask = best ^ flips
        if mask not in skip and mask != 1 << h:
            found.append(mask)
            if len(found) == count:
                break
    return found


def _subsets_by_weight(weights: Sequence[float], items: Sequence[int]) -> Iterator[int]:
    """Every subset of ``items`` as a bitmask, in order of non-decreasing total weight.

    Weights sorted ascending; a subset whose largest position is k has two successors: add
    position k + 1, or swap k for k + 1. Each subset is reached once, so a heap yields them
    all in order (the classic k-smallest-subset-sums enumeration).
    """
    yield 0
    order = sorted(range(len(items)), key=lambda k: weights[k])
    w = [weights[k] for k in order]
    bit = [1 << items[k] for k in order]
    if not w:
        return
    heap = [(w[0], 0, bit[0])]
    while heap:
        total, k, mask = heapq.heappop(heap)
        yield mask
        if k + 1 < len(w):
            heapq.heappush(heap, (total + w[k + 1], k + 1, mask | bit[k + 1]))
            heapq.heappush(heap, (total - w[k] + w[k + 1], k + 1, (mask ^ bit[k]) | bit[k + 1]))
