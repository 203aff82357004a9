"""Plain inputs of the region design: municipalities, costs, travel, adjacency and rules.

Everything is a code or a number; the service builds these from the register and the
imported figures. ``__post_init__`` rejects shapes that do not fit and plain contradictions
(a municipality both kept alone and locked in a group), naming the keys.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np


class RegionInputError(ValueError):
    """The input does not fit together; the message names what and where (in English keys)."""


@dataclass(frozen=True)
class RegionRules:
    """The optional rules, each named as its constraint family in ``model``.

    ``locked`` groups stay together with a host among their own members (others may join);
    ``alone`` municipalities form a group of their own, outside the size rules; ``groups`` fixes
    the number of groups p (otherwise p is free and every host pays its fixed cost).
    """

    min_population: float | None = None
    max_population: float | None = None
    max_members: int | None = None
    max_travel_min: float | None = None
    contiguous: bool = False
    locked: tuple[tuple[str, ...], ...] = ()
    alone: frozenset[str] = frozenset()
    groups: int | None = None

    def __post_init__(self) -> None:
        for name in ("min_population", "max_population", "max_travel_min"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value >= 0):
                raise RegionInputError(f"{name} must be a finite number ≥ 0, not {value}")
        if self.max_members is not None and self.max_members < 1:
            raise RegionInputError(f"max_members must be ≥ 1, not {self.max_members}")
        if self.groups is not None and self.groups < 1:
            raise RegionInputError(f"groups must be ≥ 1, not {self.groups}")
        seen: set[str] = set()
        for group in self.locked:
            if len(group) < 2 or len(set(group)) != len(group):
                raise RegionInputError(f"locked group {group} needs two or more distinct members")
            if both := seen & set(group):
                raise RegionInputError(f"{sorted(both)} are in more than one locked group")
            seen |= set(group)
        if both := seen & self.alone:
            raise RegionInputError(f"{sorted(both)} are both locked in a group and alone")

    @property
    def side_rules(self) -> bool:
        """Whether any rule beyond «p groups» is set (then assignments must be binary)."""
        return any(
            (
                self.min_population is not None,
                self.max_population is not None,
                self.max_members is not None,
                self.contiguous,
                bool(self.locked),
                bool(self.alone),
            )
        )


@dataclass(frozen=True)
class RegionInput:
    """One service over a set of municipalities.

    ``cost[i][j]`` is the yearly cost of serving municipality i from host j (service travel,
    amortised transition; ``cost[j][j]`` what the host pays for itself beyond the fixed cost),
    ``host_cost[j]`` the fixed yearly cost of j being a host (what economies of scale save),
    ``travel_min[i][j]`` the travel time i → j, ``adjacency`` pairs of neighbouring codes.
    """

    municipalities: tuple[str, ...]
    population: tuple[float, ...]
    cost: Sequence[Sequence[float]] | np.ndarray
    host_cost: tuple[float, ...]
    travel_min: Sequence[Sequence[float]] | np.ndarray | None = None
    adjacency: frozenset[frozenset[str]] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        n = len(self.municipalities)
        if n == 0:
            raise RegionInputError("no municipalities")
        if len(set(self.municipalities)) != n:
            raise RegionInputError("municipality codes repeat")
        if len(self.population) != n or len(self.host_cost) != n:
            raise RegionInputError(f"population and host_cost need {n} values each")
        for name, values in (("population", self.population), ("host_cost", self.host_cost)):
            bad = [m for m, v in zip(self.municipalities, values, strict=True) if not v >= 0]
            if bad or not all(math.isfinite(v) for v in values):
                raise RegionInputError(f"{name} must be finite and ≥ 0 (at {bad})")
        for name, matrix in (("cost", self.cost), ("travel_min", self.travel_min)):
            if matrix is None:
                continue
            a = np.asarray(matrix, dtype=float)
            if a.shape != (n, n) or not np.isfinite(a).all() or (a < 0).any():
                raise RegionInputError(f"{name} must be a {n}×{n} matrix of finite numbers ≥ 0")
        known = set(self.municipalities)
        if unknown := {m for pair in self.adjacency for m in pair} - known:
            raise RegionInputError(f"adjacency names unknown municipalities {sorted(unknown)}")

    @cached_property
    def index(self) -> dict[str, int]:
        """Position of each code."""
        return {m: i for i, m in enumerate(self.municipalities)}

    @cached_property
    def c(self) -> np.ndarray:
        """The cost matrix as an array."""
        return np.asarray(self.cost, dtype=float)

    @cached_property
    def t(self) -> np.ndarray | None:
        """The travel matrix as an array (None when not given)."""
        return None if self.travel_min is None else np.asarray(self.travel_min, dtype=float)

    @cached_property
    def neighbours(self) -> tuple[frozenset[int], ...]:
        """Each municipality's neighbours by position."""
        out: list[set[int]] = [set() for _ in self.municipalities]
        for pair in self.adjacency:
            if len(pair) == 2:
                a, b = (self.index[m] for m in pair)
                out[a].add(b)
                out[b].add(a)
        return tuple(frozenset(s) for s in out)

    def check(self, rules: RegionRules) -> None:
        """Reject rules that name unknown municipalities or need data that is missing."""
        known = set(self.municipalities)
        named = {m for g in rules.locked for m in g} | set(rules.alone)
        if unknown := named - known:
            raise RegionInputError(f"rules name unknown municipalities {sorted(unknown)}")
        if rules.max_travel_min is not None and self.travel_min is None:
            raise RegionInputError("max_travel_min needs travel_min")
        if rules.groups is not None and rules.groups > len(self.municipalities):
            raise RegionInputError(
                f"groups = {rules.groups} exceeds the {len(self.municipalities)} municipalities"
            )
