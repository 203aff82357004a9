"""Region design against brute force over every partition and host choice, every rule family."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from allocation.regions.data import RegionInput, RegionRules
from allocation.regions.design import design_regions
from allocation.solver import Infeasible


def partitions(items: list[int]) -> Iterator[list[list[int]]]:
    """Every set partition of ``items`` (Bell(n) of them)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for smaller in partitions(rest):
        yield [[first], *smaller]
        for k in range(len(smaller)):
            yield [*smaller[:k], [first, *smaller[k]], *smaller[k + 1 :]]


def connected(block: list[int], edges: set[frozenset[int]]) -> bool:
    seen, stack = {block[0]}, [block[0]]
    while stack:
        a = stack.pop()
        for b in block:
            if b not in seen and frozenset((a, b)) in edges:
                seen.add(b)
                stack.append(b)
    return len(seen) == len(block)


def block_hosts(
    block: list[int], inp: RegionInput, rules: RegionRules, edges: set[frozenset[int]]
) -> list[tuple[float, int]]:
    """(cost, host) for every host the rules allow for this block."""
    idx = inp.index
    alone = {idx[m] for m in rules.alone}
    if alone & set(block):
        return (
            [(inp.c[block[0], block[0]] + inp.host_cost[block[0]], block[0])]
            if len(block) == 1
            else []
        )
    for g in rules.locked:
        members = {idx[m] for m in g}
        if members & set(block) and not members <= set(block):
            return []
    pop = sum(inp.population[i] for i in block)
    if rules.min_population is not None and pop < rules.min_population - 1e-9:
        return []
    if rules.max_population is not None and pop > rules.max_population + 1e-9:
        return []
    if rules.max_members is not None and len(block) > rules.max_members:
        return []
    if rules.contiguous and not connected(block, edges):
        return []
    out = []
    for j in block:
        if any({idx[m] for m in g} <= set(block) and j not in {idx[m] for m in g}
               for g in rules.locked):  # fmt: skip
            continue
        limit = rules.max_travel_min
        if limit is not None and inp.t is not None and any(inp.t[i, j] > limit for i in block):
            continue
        out.append((float(sum(inp.c[i, j] for i in block) + inp.host_cost[j]), j))
    return out


def all_designs(inp: RegionInput, rules: RegionRules) -> list[float]:
    """Objective of every feasible design, sorted."""
    n = len(inp.municipalities)
    edges = {frozenset(inp.index[m] for m in pair) for pair in inp.adjacency}
    values = []
    for part in partitions(list(range(n))):
        if rules.groups is not None and len(part) != rules.groups:
            continue
        options = [block_hosts(b, inp, rules, edges) for b in part]
        if any(not o for o in options):
            continue
        values += [sum(c for c, _ in combo) for combo in itertools.product(*options)]
    return sorted(values)


@st.composite
def instances(draw: st.DrawFn, max_n: int = 7) -> tuple[RegionInput, RegionRules]:
    n = draw(st.integers(1, max_n))
    names = tuple(f"{1500 + i}" for i in range(n))
    pts = np.array([[draw(st.integers(0, 60)), draw(st.integers(0, 60))] for _ in range(n)])
    t = np.sqrt(((pts[:, None] - pts[None]) ** 2).sum(-1)).round()
    pop = tuple(float(draw(st.integers(100, 5000))) for _ in range(n))
    cost = t * np.array([p / 1000 for p in pop])[:, None]
    host_cost = tuple(float(draw(st.integers(0, 80))) for _ in range(n))
    edges = frozenset(
        frozenset((names[i], names[j]))
        for i in range(n)
        for j in range(i + 1, n)
        if t[i, j] <= draw(st.integers(15, 45))
    )
    inp = RegionInput(names, pop, cost, host_cost, t, edges)
    order = draw(st.permutations(names))
    locked: tuple[tuple[str, ...], ...] = ()
    if n >= 3 and draw(st.booleans()):
        locked = (tuple(order[:2]),)
    alone = frozenset(order[2:3]) if n >= 3 and draw(st.booleans()) else frozenset()
    rules = RegionRules(
        min_population=draw(st.none() | st.sampled_from([2000.0, 4000.0, 6000.0])),
        max_population=draw(st.none() | st.sampled_from([7000.0, 12000.0])),
        max_members=draw(st.none() | st.integers(1, 4)),
        max_travel_min=draw(st.none() | st.sampled_from([20.0, 35.0, 60.0])),
        contiguous=draw(st.booleans()),
        locked=locked,
        alone=alone,
        groups=draw(st.none() | st.integers(1, n)),
    )
    return inp, rules


@settings(max_examples=100, deadline=None)
@given(instances())
def test_optimum_equals_brute_force_under_every_rule_family(
    case: tuple[RegionInput, RegionRules],
) -> None:
    inp, rules = case
    note(f"{inp.population=} {inp.host_cost=} {inp.t.tolist()=} {inp.adjacency=} {rules=}")
    values = all_designs(inp, rules)
    if not values:
        with pytest.raises(Infeasible) as caught:
            design_regions(inp, rules)
        assert caught.value.conflicts  # some rule is named
        return
    result = design_regions(inp, rules)
    assert result.best.status == "optimal"
    assert result.best.objective == pytest.approx(values[0], abs=1e-6)
    assert_design_obeys_rules(inp, rules, result.best.hosts)


def assert_design_obeys_rules(inp: RegionInput, rules: RegionRules, hosts: tuple[str, ...]) -> None:
    edges = {frozenset(inp.index[m] for m in pair) for pair in inp.adjacency}
    groups: dict[str, list[int]] = {}
    for i, h in enumerate(hosts):
        groups.setdefault(h, []).append(i)
    for h, block in groups.items():
        assert hosts[inp.index[h]] == h  # the host belongs to its own group
        allowed = [j for _, j in block_hosts(block, inp, rules, edges)]
        assert inp.index[h] in allowed
    if rules.groups is not None:
        assert len(groups) == rules.groups


@settings(max_examples=60, deadline=None)
@given(instances(max_n=5), st.integers(2, 4))
def test_top_k_equals_the_sorted_brute_force_list(
    case: tuple[RegionInput, RegionRules], top: int
) -> None:
    inp, rules = case
    note(f"{inp.population=} {inp.host_cost=} {inp.t.tolist()=} {inp.adjacency=} {rules=}")
    values = all_designs(inp, rules)
    note(f"{values=}")
    if not values:
        return
    result = design_regions(inp, rules, top=top)
    note(f"{[(d.objective, d.hosts) for d in result.designs]=}")
    found = [d.objective for d in result.designs]
    assert found == pytest.approx(values[: len(found)], abs=1e-6)
    assert len(found) == min(top, len(values))
    assert len({d.hosts for d in result.designs}) == len(found)  # all different


def test_a_small_group_below_the_minimum_is_named_with_its_members() -> None:
    # Three towns 0, 10, 100 minutes apart; 60 minutes at most; 5 000 inhabitants each group.
    names = ("1001", "1002", "1003")
    t = np.array([[0, 10, 100], [10, 0, 90], [100, 90, 0]], dtype=float)
    inp = RegionInput(names, (3000.0, 3000.0, 2000.0), t, (0.0, 0.0, 0.0), t)
    with pytest.raises(Infeasible) as caught:
        design_regions(inp, RegionRules(min_population=5000, max_travel_min=60))
    rules = {c.rule for c in caught.value.conflicts}
    assert rules & {"min_population", "max_travel"}
    blocked = {m for c in caught.value.conflicts for m in c.keys}
    assert "1003" in blocked  # 1003 is the one that cannot reach any big enough group


def test_hand_worked_two_groups_with_fixed_cost() -> None:
    # Two pairs of twins 1 apart, pairs 50 apart; host cost 10: two groups cost 2·10 + 1 + 1.
    names = ("a1", "a2", "b1", "b2")
    pts = [0.0, 1.0, 50.0, 51.0]
    t = np.abs(np.subtract.outer(pts, pts))
    inp = RegionInput(names, (1.0,) * 4, t, (10.0,) * 4, t)
    best = design_regions(inp).best
    assert best.objective == pytest.approx(22.0)
    assert sorted(len(r.members) for r in best.regions) == [2, 2]
    # p = 1 forces one group: host a2 or b1 gives 1 + 49 + 50 ... = 1+0+49+50 = 100, plus 10.
    assert design_regions(inp, RegionRules(groups=1)).best.objective == pytest.approx(110.0)
    assert math.isclose(
        design_regions(inp, RegionRules(alone=frozenset({"a1"}))).best.objective, 31.0
    )


@settings(max_examples=60, deadline=None)
@given(instances(), st.integers(1, 2))
def test_short_candidate_lists_certified_by_reduced_costs_reach_the_same_optimum(
    case: tuple[RegionInput, RegionRules], size: int
) -> None:
    inp, rules = case
    values = all_designs(inp, rules)
    if not values:
        with pytest.raises(Infeasible):
            design_regions(inp, rules, candidate_size=size)
        return
    result = design_regions(inp, rules, candidate_size=size)
    assert result.best.objective == pytest.approx(values[0], abs=1e-6)
    assert_design_obeys_rules(inp, rules, result.best.hosts)
