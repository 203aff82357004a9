"""Build the region-design MILP: a capacitated p-median with lower bounds.

Sets        I municipalities; K_i ⊆ I hosts i may join: j = i, or t[i,j] ≤ T (max_travel);
            only itself for i ∈ A (alone); only members of its group for i ∈ G (locked);
            never an alone municipality other than itself
Parameters  c[i,j] yearly cost of serving i from j; f[j] fixed yearly cost of a host;
            pop[i]; P_min, P_max, K, p; N(i) neighbours of i
Variables   open[j] ∈ {0,1}                    1 if j hosts a group (j then belongs to it)
            assign[i,j] ∈ {0,1}, j ∈ K_i, j≠i   1 if i joins j's group (continuous when no
                                               side rule is set and no cut (9) is added:
                                               integrality follows)
            x(i,j) = assign[i,j] for i ≠ j, x(j,j) = open[j]
Objective   min Σ_i Σ_{j∈K_i} c[i,j]·x(i,j) + Σ_j f[j]·open[j]                      (0)
(1) one_host[i]        Σ_{j∈K_i} x(i,j) = 1                               ∀ i
(2) open_host[i,j]     assign[i,j] − open[j] ≤ 0                          ∀ i, j ∈ K_i, j ≠ i
(3) min_population[j]  Σ_i pop[i]·x(i,j) − P_min·open[j] ≥ 0              ∀ j ∉ A
(4) max_population[j]  Σ_i pop[i]·x(i,j) − P_max·open[j] ≤ 0              ∀ j ∉ A
(5) max_members[j]     Σ_i x(i,j) − K·open[j] ≤ 0                         ∀ j ∉ A
(6) groups             Σ_j open[j] = p
(7) locked[m,j]        x(m,j) − x(g,j) = 0       ∀ locked G, g its first member, m ∈ G, j ∈ G
(8) contiguity[i,j,r]  x(i,j) − Σ_{k∈∂C} x(k,j) ≤ 0   lazily, for a set C ∋ i, j ∉ C, whose
                       members joined j but are cut off from it; ∂C = N(C) ∖ C. Any connected
                       group containing i and j passes through ∂C, so the cut is valid.
(9) exclude[r]         Σ_{(i,j) chosen in solution r} x(i,j) ≤ |I| − 1   (top-k, no-good cuts)

The elastic copy (``elastic=True``) drops (8), lets every pair within the alone/locked
structure be used (above 60 municipalities, pairs within 3 × T), and prices what bends
instead of cost: travel beyond T by (t − T)/T per pair, and slack on (3)–(6) per unit of the
rule's own limit. Its solution names the rules that block which municipalities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pulp

from allocation.regions.data import RegionInput, RegionRules

ELASTIC_DENSE_UP_TO = 60  # municipalities; above, the elastic copy keeps pairs within 3 × T


@dataclass
class RegionModel:
    """The PuLP problem with its variables and candidate lists (by position)."""

    problem: pulp.LpProblem
    open: list[pulp.LpVariable]
    assign: list[dict[int, pulp.LpVariable]]  # assign[i][j], j ≠ i
    candidates: list[tuple[int, ...]]
    slack: dict[tuple[str, int], pulp.LpVariable] = field(default_factory=dict)
    n_constraints: int = 0
    n_cuts: int = 0

    def x(self, i: int, j: int) -> pulp.LpVariable:
        """The variable saying i belongs to j's group (j ∈ K_i)."""
        return self.open[j] if i == j else self.assign[i][j]

    def maybe_x(self, i: int, j: int) -> pulp.LpVariable | None:
        """x(i,j), or None when j ∉ K_i."""
        return self.open[j] if i == j else self.assign[i].get(j)

    @property
    def n_variables(self) -> int:
        """Columns of the model."""
        return len(self.open) + sum(len(a) for a in self.assign) + len(self.slack)

    def add(
        self, name: str, terms: list[tuple[pulp.LpVariable, float]], sense: int, rhs: float
    ) -> None:
        """Add one named row Σ terms (sense) rhs."""
        expr = pulp.LpAffineExpression(merged(terms))
        self.problem.addConstraint(pulp.LpConstraint(expr, sense, name, rhs))
        self.n_constraints += 1


def merged(terms: list[tuple[pulp.LpVariable, float]]) -> list[tuple[pulp.LpVariable, float]]:
    """Sum the coefficients of a variable named twice (x(j,j) is open[j]); PuLP would keep one."""
    out: dict[pulp.LpVariable, float] = {}
    for v, w in terms:
        out[v] = out.get(v, 0.0) + w
    return list(out.items())


def candidate_lists(
    inp: RegionInput, rules: RegionRules, *, reach: float = 1.0
) -> list[tuple[int, ...]]:
    """K_i of the docstring, sorted; travel up to ``reach`` × T (locked members: any in G)."""
    n = len(inp.municipalities)
    alone = {inp.index[m] for m in rules.alone}
    group_of: dict[int, frozenset[int]] = {}
    for g in rules.locked:
        members = frozenset(inp.index[m] for m in g)
        group_of.update(dict.fromkeys(members, members))
    t, limit = inp.t, rules.max_travel_min
    lists: list[tuple[int, ...]] = []
    for i in range(n):
        if i in alone:
            lists.append((i,))
            continue
        allowed = group_of.get(i, range(n))
        cap = math.inf if limit is None or t is None else limit * reach + 1e-9
        if i in group_of and reach > 1:
            cap = math.inf
        lists.append(
            tuple(
                j
                for j in sorted(allowed)
                if j == i or (j not in alone and (t is None or t[i, j] <= cap))
            )
        )
    return lists


def build_region_model(
    inp: RegionInput,
    rules: RegionRules,
    *,
    elastic: bool = False,
    candidates: list[tuple[int, ...]] | None = None,
    relax: bool = False,
    ranked: bool = False,
) -> RegionModel:
    """Build (0)–(7) of the module docstring, or the elastic copy.

    ``candidates`` narrows each K_i (a restriction: its solutions are solutions of the full
    model); ``relax`` makes every variable continuous (the LP relaxation, for certificates).
    ``ranked``: no-good cuts (9) will be added, so assignments are binary — with continuous
    ones a cut is met by splitting a municipality between two equally cheap hosts, and the
    next solution rounds back to the one just excluded.
    """
    n = len(inp.municipalities)
    c, pop = inp.c, inp.population
    lists = candidates or candidate_lists(inp, rules, reach=_elastic_reach(n) if elastic else 1.0)
    binary = (rules.side_rules or elastic or ranked) and not relax
    prob = pulp.LpProblem("regions", pulp.LpMinimize)
    add = prob.add_variable
    names = inp.municipalities
    open_ = [add(f"open[{m}]", 0, 1, cat=pulp.LpContinuous if relax else pulp.LpBinary)
             for m in names]  # fmt: skip
    cat = pulp.LpBinary if binary else pulp.LpContinuous
    assign = [
        {j: add(f"assign[{names[i]},{names[j]}]", 0, 1, cat=cat) for j in k if j != i}
        for i, k in enumerate(lists)
    ]
    model = RegionModel(prob, open_, assign, lists)
    x = model.x
    members: list[list[int]] = [[] for _ in range(n)]  # members[j]: i with j ∈ K_i
    for i, k in enumerate(lists):
        for j in k:
            members[j].append(i)
    if elastic:
        terms = _elastic_travel_terms(model, inp, rules)
    else:
        terms = [(x(i, j), float(c[i, j])) for i, k in enumerate(lists) for j in k]
        terms += [(open_[j], float(inp.host_cost[j])) for j in range(n)]
    eq, le, ge = pulp.LpConstraintEQ, pulp.LpConstraintLE, pulp.LpConstraintGE
    for i, k in enumerate(lists):  # (1)
        model.add(f"one_host[{names[i]}]", [(x(i, j), 1) for j in k], eq, 1)
    for i, links in enumerate(assign):  # (2)
        for j, v in links.items():
            model.add(f"open_host[{names[i]},{names[j]}]", [(v, 1), (open_[j], -1)], le, 0)
    alone = {inp.index[m] for m in rules.alone}
    families = (
        ("min_population", rules.min_population, ge, [float(v) for v in pop]),
        ("max_population", rules.max_population, le, [float(v) for v in pop]),
        ("max_members", rules.max_members, le, [1.0] * n),
    )
    for family, limit, sense, weight in families:  # (3)–(5)
        if limit is None:
            continue
        for j in range(n):
            if j in alone:
                continue
            row = [(x(i, j), weight[i]) for i in members[j]]
            row.append((open_[j], -float(limit)))
            if elastic:
                s = model.slack[family, j] = add(f"slack_{family}[{names[j]}]", 0)
                row.append((s, 1.0 if sense == ge else -1.0))
                terms.append((s, 1.0 / max(float(limit), 1.0)))
            model.add(f"{family}[{names[j]}]", row, sense, 0)
    if rules.groups is not None:  # (6)
        row = [(v, 1.0) for v in open_]
        if elastic:
            over = model.slack["groups_over", 0] = add("slack_groups_over", 0)
            under = model.slack["groups_under", 0] = add("slack_groups_under", 0)
            row += [(over, -1.0), (under, 1.0)]
            terms += [(over, 1.0), (under, 1.0)]
        model.add("groups", row, eq, rules.groups)
    for g in rules.locked:  # (7)
        first, *rest = (inp.index[m] for m in g)
        for m in rest:
            for j in (inp.index[h] for h in g):
                pair = ((model.maybe_x(m, j), 1.0), (model.maybe_x(first, j), -1.0))
                row = [(v, s) for v, s in pair if v is not None]
                model.add(f"locked[{names[m]},{names[j]}]", row, eq, 0)
    prob.setObjective(pulp.LpAffineExpression([(v, w) for v, w in merged(terms) if w]))
    return model


def _elastic_reach(n: int) -> float:
    """How far the elastic copy may bend travel: anywhere for small areas, else 3 × T."""
    return math.inf if n <= ELASTIC_DENSE_UP_TO else 3.0


def _elastic_travel_terms(
    model: RegionModel, inp: RegionInput, rules: RegionRules
) -> list[tuple[pulp.LpVariable, float]]:
    """Price each pair beyond the travel limit by its excess in units of the limit."""
    limit, t = rules.max_travel_min, inp.t
    if limit is None or t is None:
        return []
    scale = max(limit, 1.0)
    return [
        (v, float(t[i, j] - limit) / scale)
        for i, row in enumerate(model.assign)
        for j, v in row.items()
        if t[i, j] > limit + 1e-9
    ]


def add_contiguity_cut(model: RegionModel, i: int, j: int, boundary: frozenset[int]) -> None:
    """(8): i may join j only if some municipality on the boundary of i's part joins j too."""
    xi = model.maybe_x(i, j)
    if xi is None:
        return
    row = [(xi, 1.0)] + [
        (v, -1.0) for k in sorted(boundary) if (v := model.maybe_x(k, j)) is not None
    ]
    model.n_cuts += 1
    model.add(f"contiguity[{i},{j},{model.n_cuts}]", row, pulp.LpConstraintLE, 0)


def add_exclusion(model: RegionModel, chosen: list[tuple[int, int]], index: int) -> None:
    """(9): forbid exactly this assignment of every municipality to a host."""
    row = [(v, 1.0) for i, j in chosen if (v := model.maybe_x(i, j)) is not None]
    model.add(f"exclude[{index}]", row, pulp.LpConstraintLE, len(row) - 1)


def chosen_hosts(model: RegionModel) -> list[int]:
    """Each municipality's host in the current solution."""
    out = []
    for i, k in enumerate(model.candidates):
        values = [(model.x(i, j).varValue or 0.0, j) for j in k]
        out.append(max(values)[1])
    return out


def boundary_of(part: frozenset[int], neighbours: tuple[frozenset[int], ...]) -> frozenset[int]:
    """∂C: neighbours of the part outside it."""
    return frozenset().union(*(neighbours[i] for i in part)) - part


def cut_off_parts(
    hosts: list[int], neighbours: tuple[frozenset[int], ...]
) -> list[tuple[int, frozenset[int]]]:
    """(host, part) for every connected part of a group that does not contain its host."""
    groups: dict[int, set[int]] = {}
    for i, j in enumerate(hosts):
        groups.setdefault(j, set()).add(i)
    out = []
    for j, members in sorted(groups.items()):
        reached = _reach(j, members, neighbours)
        rest = members - reached
        while rest:
            part = _reach(min(rest), rest, neighbours)
            out.append((j, frozenset(part)))
            rest -= part
    return out


def _reach(start: int, within: set[int], neighbours: tuple[frozenset[int], ...]) -> set[int]:
    seen, stack = {start}, [start]
    while stack:
        for k in neighbours[stack.pop()]:
            if k in within and k not in seen:
                seen.add(k)
                stack.append(k)
    return seen


def group_cost(inp: RegionInput, hosts: list[int]) -> float:
    """Objective (0) of an assignment."""
    c = inp.c
    return float(
        sum(c[i, j] for i, j in enumerate(hosts)) + sum(inp.host_cost[j] for j in set(hosts))
    )
