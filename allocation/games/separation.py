"""Separation for LPs with one row per coalition: which coalition is the most dissatisfied.

The least core, nucleolus, closest core split and key fitting all have a row x(S) ≤ c(S) + ε
for every coalition S. Rows are generated on demand: solve with the rows found so far, ask for
the coalition with the largest excess x(S) - c(S), add it if it breaks a row, repeat. Small
games enumerate all 2^n coalitions with numpy (``allocation.games.game``); games whose costs
come from a model pass a
``most_violated`` oracle, whose answers are checked here so an inexact oracle raises instead
of giving a wrong split.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pulp

from allocation.games.game import (
    CostGame,
    GameError,
    MostViolated,
    Vector,
    most_violated_by_enumeration,
)
from allocation.solver import SolveOptions

SAFE_NAME = re.compile(r"^[A-Za-z0-9]+$")


@dataclass(frozen=True)
class NucleolusOptions:
    """Solver settings and tolerances (relative to the largest coalition cost)."""

    solve: SolveOptions = field(default_factory=SolveOptions)
    violation_tol: float = 1e-7
    dual_tol: float = 1e-7
    cuts_per_round: int = 0  # coalitions added per enumeration; 0 means n
    enumerate_up_to: int = 16  # players; table games enumerate up to 22
    max_rounds: int = 10_000


@dataclass
class SeparationContext:
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
        safe = all(SAFE_NAME.match(p) for p in g.players)
        self.names = list(g.players) if safe else [str(i) for i in range(g.n)]
        limit = 22 if g.table is not None else self.options.enumerate_up_to
        if self.oracle is None and g.n > limit:
            raise GameError(
                f"Spillet har {g.n} deltakere: for mange til å gå gjennom alle koalisjoner. "
                "Oppgi en funksjon som finner den mest misfornøyde koalisjonen (most_violated)."
            )

    def v(self, mask: int) -> float:
        """c(S) divided by the scale, so LP coefficients stay near 1."""
        return self.game.value(mask) / self.scale

    def row_name(self, rule: str, mask: int) -> str:
        """A readable LP row name (member names, or the bitmask when too long)."""
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


def add_row(prob: pulp.LpProblem, name: str, constraint: pulp.LpConstraint) -> pulp.LpConstraint:
    """Add a named row and return it (to read its dual later)."""
    prob.addConstraint(constraint, name)
    return constraint


def members_sum(x: list[pulp.LpVariable], mask: int) -> pulp.LpAffineExpression:
    """x(S): the sum of the members' variables."""
    return pulp.lpSum(x[i] for i in range(len(x)) if mask >> i & 1)
