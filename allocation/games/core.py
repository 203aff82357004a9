"""Core check: is a split stable, and which coalition is the most dissatisfied."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from allocation.games.game import CostGame, MostViolated, most_violated_by_enumeration
from allocation.games.lp import least_core


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
