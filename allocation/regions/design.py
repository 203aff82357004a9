"""Design regions: solve the model of ``model``, cut to contiguity lazily, rank, explain.

Without side rules and with p fixed and one fixed cost for all hosts, the problem is the
uncapacitated p-median, solved by ``allocation.placement.pmedian`` (Lagrangian site pruning,
then the radius model). Otherwise the MILP of ``model`` is built over the candidate lists K_i
(the rules prune pairs exactly; above ``DENSE_PAIRS`` pairs each list starts short and is
certified by LP reduced costs, see ``_certified``), solved, and — with contiguity — every
group cut off from its host adds cuts (8) and the model is solved again, until all groups
are connected. Top-k adds a no-good cut (9) per solution found. Infeasible models are
explained by the elastic copy: ``Infeasible.conflicts`` names each rule that had to bend
and the municipalities it blocks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from allocation.placement.pmedian import solve_pmedian
from allocation.regions.data import RegionInput, RegionRules
from allocation.regions.model import (
    RegionModel,
    add_contiguity_cut,
    add_exclusion,
    boundary_of,
    build_region_model,
    candidate_lists,
    chosen_hosts,
    cut_off_parts,
    group_cost,
)
from allocation.solver import Conflict, Infeasible, SolveOptions, SolverFailed, solve

DENSE_PAIRS = 20_000  # up to this many (i, j) pairs the model is built whole
TIME_LIMIT = "time_limit"  # the conflict when the explanation did not finish in time
MIN_SOLVE_S = 0.05  # less time than this left: no solve is started
FIRST_SIZE = 12  # otherwise each K_i starts with its 12 cheapest hosts


@dataclass(frozen=True)
class Region:
    """One group: its host, members (host first, then by code), population, longest travel."""

    host: str
    members: tuple[str, ...]
    population: float
    max_travel_min: float
    cost: float  # the group's share of objective (0), its fixed host cost included


@dataclass(frozen=True)
class RegionDesign:
    """One solution with how it was found."""

    status: str  # "optimal" or "feasible" (time limit hit; see gap)
    objective: float
    gap: float | None
    regions: tuple[Region, ...]
    hosts: tuple[str, ...]  # each municipality's host, in input order


@dataclass(frozen=True)
class RegionResult:
    """The best design and ranked alternatives, with model size and time."""

    designs: tuple[RegionDesign, ...]
    seconds: float
    n_variables: int
    n_constraints: int
    n_cuts: int
    solves: int

    @property
    def best(self) -> RegionDesign:
        """The optimum (or best found)."""
        return self.designs[0]


def design_regions(
    inp: RegionInput,
    rules: RegionRules | None = None,
    options: SolveOptions | None = None,
    top: int = 1,
    candidate_size: int | None = None,
) -> RegionResult:
    """Best ``top`` designs under ``rules``; raise ``Infeasible`` (explained) when none exists.

    ``candidate_size`` starts every K_i at its that many cheapest hosts (certified as in
    ``_certified``); by default only models of more than ``DENSE_PAIRS`` pairs start so.
    """
    rules = rules or RegionRules()
    inp.check(rules)
    options = options or SolveOptions()
    started = time.perf_counter()
    if _plain_p_median(inp, rules) and top == 1:
        return _via_pmedian(inp, rules, options, started)
    full = candidate_lists(inp, rules)
    if candidate_size is None and sum(map(len, full)) > DENSE_PAIRS:
        candidate_size = FIRST_SIZE
    if candidate_size is not None and top == 1:
        return _certified(inp, rules, options, started, full, candidate_size)
    model = build_region_model(inp, rules, ranked=top > 1)
    deadline = started + options.time_limit_s
    designs: list[RegionDesign] = []
    solves = 0
    status_feasible = False
    while len(designs) < top:
        try:
            hosts, stats_status, gap, n = _solve_connected(inp, rules, model, options, deadline)
        except Infeasible:
            if designs:
                break
            raise Infeasible(explain_infeasible(inp, rules, options, deadline)) from None
        solves += n
        status_feasible |= stats_status == "feasible"
        designs.append(_design(inp, hosts, "feasible" if status_feasible else "optimal", gap))
        if time.perf_counter() >= deadline:
            break
        add_exclusion(model, list(enumerate(hosts)), len(designs))
    return RegionResult(
        tuple(designs),
        time.perf_counter() - started,
        model.n_variables,
        model.n_constraints,
        model.n_cuts,
        solves,
    )


def _solve_connected(
    inp: RegionInput,
    rules: RegionRules,
    model: RegionModel,
    options: SolveOptions,
    deadline: float,
) -> tuple[list[int], str, float | None, int]:
    """Solve, adding contiguity cuts until every group reaches its host."""
    solves = 0
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise SolverFailed("Tidsgrensen ble nådd før en sammenhengende løsning ble funnet.")
        stats = solve(model.problem, replace(options, time_limit_s=left))
        solves += 1
        hosts = chosen_hosts(model)
        parts = cut_off_parts(hosts, inp.neighbours) if rules.contiguous else []
        if not parts:
            return hosts, stats.status, stats.gap, solves
        for j, part in parts:
            boundary = boundary_of(part, inp.neighbours)
            for i in sorted(part):
                add_contiguity_cut(model, i, j, boundary)


def _certified(
    inp: RegionInput,
    rules: RegionRules,
    options: SolveOptions,
    started: float,
    full: list[tuple[int, ...]],
    size: int,
) -> RegionResult:
    """Solve on short candidate lists and prove that the rest cannot help.

    The restricted model's solutions are solutions of the full one, so its optimum is an upper
    bound UB. The full model's LP relaxation gives a bound LB and reduced costs d[i,j] ≥ 0:
    any solution using assign[i,j] costs at least LB + d[i,j]. Every pair left out with
    d[i,j] < UB − LB is added and the restricted model solved again; when none is left, the
    restricted optimum is optimal for the full model (contiguity cuts only tighten both).
    """
    deadline = started + options.time_limit_s
    c = inp.c
    lists = [k if len(k) <= size else _cheapest(i, k, size, c) for i, k in enumerate(full)]
    bound: float | None = None
    reduced: dict[tuple[int, int], float] = {}
    solves, status_feasible = 0, False
    while True:
        model = build_region_model(inp, rules, candidates=lists)
        hosts: list[int] | None
        try:
            hosts, status, gap, n = _solve_connected(inp, rules, model, options, deadline)
            solves += n
            status_feasible |= status == "feasible"
        except Infeasible:
            hosts, gap = None, None
        if bound is None:
            lp = build_region_model(inp, rules, relax=True)
            left = deadline - time.perf_counter()
            if left < MIN_SOLVE_S:
                raise SolverFailed("Tidsgrensen ble nådd før optimum var bevist.")
            try:
                bound = solve(lp.problem, replace(options, time_limit_s=left)).objective
            except Infeasible:
                raise Infeasible(explain_infeasible(inp, rules, options, deadline)) from None
            reduced = {(i, j): float(v.dj or 0.0) for i, row in enumerate(lp.assign)
                       for j, v in row.items()}  # fmt: skip
        upper = group_cost(inp, hosts) if hosts is not None else float("inf")
        slack = upper - bound + 1e-6 * max(1.0, abs(upper))
        inside = [set(k) for k in lists]
        missing = [(i, j) for (i, j), d in reduced.items() if j not in inside[i] and d < slack]
        if not missing:
            break
        for i, j in missing:
            inside[i].add(j)
        lists = [tuple(sorted(k)) for k in inside]
    if hosts is None:
        raise Infeasible(explain_infeasible(inp, rules, options, deadline))
    design = _design(inp, hosts, "feasible" if status_feasible else "optimal", gap)
    return RegionResult(
        (design,),
        time.perf_counter() - started,
        model.n_variables,
        model.n_constraints,
        model.n_cuts,
        solves,
    )


def _cheapest(i: int, k: tuple[int, ...], size: int, c: np.ndarray) -> tuple[int, ...]:
    """The municipality itself and its ``size`` cheapest hosts in K_i."""
    ranked = sorted(k, key=lambda j: (c[i, j], j))[:size]
    return tuple(sorted({i, *ranked}))


def _plain_p_median(inp: RegionInput, rules: RegionRules) -> bool:
    return (
        rules.groups is not None
        and not rules.side_rules
        and rules.max_travel_min is None
        and len(set(inp.host_cost)) <= 1
        and all(inp.c[i, i] <= inp.c[i].min() for i in range(len(inp.municipalities)))
    )


def _via_pmedian(
    inp: RegionInput, rules: RegionRules, options: SolveOptions, started: float
) -> RegionResult:
    p = rules.groups or 1
    result = solve_pmedian(inp.c, p, options)  # rows are clients, columns hosts, as c[i,j]
    hosts = list(result.assignment)
    for j in result.sites:  # a host belongs to its own group (c[j,j] is its row's least cost)
        hosts[j] = j
    design = _design(inp, hosts, result.status, result.gap)
    return RegionResult(
        (design,),
        time.perf_counter() - started,
        result.n_variables,
        result.n_constraints,
        0,
        result.rounds,
    )


def _design(inp: RegionInput, hosts: list[int], status: str, gap: float | None) -> RegionDesign:
    names, t = inp.municipalities, inp.t
    groups: dict[int, list[int]] = {}
    for i, j in enumerate(hosts):
        groups.setdefault(j, []).append(i)
    regions = []
    for j, members in sorted(groups.items(), key=lambda kv: names[kv[0]]):
        ordered = [j] + sorted((i for i in members if i != j), key=lambda i: names[i])
        regions.append(
            Region(
                host=names[j],
                members=tuple(names[i] for i in ordered),
                population=float(sum(inp.population[i] for i in members)),
                max_travel_min=float(max(t[i, j] for i in members)) if t is not None else 0.0,
                cost=float(sum(inp.c[i, j] for i in members) + inp.host_cost[j]),
            )
        )
    return RegionDesign(
        status=status,
        objective=group_cost(inp, hosts),
        gap=gap,
        regions=tuple(regions),
        hosts=tuple(names[j] for j in hosts),
    )


def explain_infeasible(
    inp: RegionInput,
    rules: RegionRules,
    options: SolveOptions | None = None,
    deadline: float | None = None,
) -> tuple[Conflict, ...]:
    """Rules that must bend, with the municipalities they block, from the elastic copy.

    Within ``deadline`` (``time.perf_counter()``; else the options' limit from now): when no
    explanation is found in time, the one conflict is ``time_limit`` with the seconds allowed.
    """
    options = options or SolveOptions()
    deadline = deadline or time.perf_counter() + options.time_limit_s
    out_of_time = (Conflict(TIME_LIMIT, (), 0.0, options.time_limit_s),)
    if deadline - time.perf_counter() < MIN_SOLVE_S:
        return out_of_time
    model = build_region_model(inp, rules, elastic=True)
    left = deadline - time.perf_counter()
    if left < MIN_SOLVE_S:
        return out_of_time
    try:
        solve(model.problem, replace(options, mip_gap=1e-6, time_limit_s=left))
    except Infeasible:  # the alone/locked structure itself cannot hold
        return (Conflict("locked", tuple(m for g in rules.locked for m in g), 0.0, 0.0),)
    except SolverFailed:  # no elastic solution within the time left
        return out_of_time
    hosts = chosen_hosts(model)
    names, t = inp.municipalities, inp.t
    conflicts: list[Conflict] = []
    limit = rules.max_travel_min
    if limit is not None and t is not None:
        conflicts += [
            Conflict("max_travel", (names[i], names[j]), float(t[i, j]), limit)
            for i, j in enumerate(hosts)
            if t[i, j] > limit + 1e-9
        ]
    groups: dict[int, list[int]] = {}
    for i, j in enumerate(hosts):
        groups.setdefault(j, []).append(i)
    for (family, j), var in sorted(model.slack.items()):
        if (var.varValue or 0.0) <= 1e-6:
            continue
        keys = tuple(names[i] for i in groups.get(j, [])) if family != "groups_over" else ()
        conflicts.append(_size_conflict(family, keys, inp, rules, groups, j))
    if not conflicts and rules.contiguous:
        conflicts += [
            Conflict("contiguity", (names[j], *(names[i] for i in sorted(part))), 0.0, 0.0)
            for j, part in cut_off_parts(hosts, inp.neighbours)
        ]
    return tuple(conflicts)


def _size_conflict(
    family: str,
    keys: tuple[str, ...],
    inp: RegionInput,
    rules: RegionRules,
    groups: dict[int, list[int]],
    j: int,
) -> Conflict:
    members = groups.get(j, [])
    population = float(sum(inp.population[i] for i in members))
    if family == "min_population":
        return Conflict(family, keys, float(rules.min_population or 0), population)
    if family == "max_population":
        return Conflict(family, keys, population, float(rules.max_population or 0))
    if family == "max_members":
        return Conflict(family, keys, float(len(members)), float(rules.max_members or 0))
    return Conflict("groups", (), float(len(groups)), float(rules.groups or 0))


def price_of_lock(
    inp: RegionInput,
    rules: RegionRules,
    group: tuple[str, ...],
    options: SolveOptions | None = None,
) -> float:
    """Yearly cost of keeping ``group`` together: optimum with it locked minus without."""
    free = design_regions(inp, rules, options).best.objective
    kept = replace(rules, locked=(*rules.locked, group))
    return design_regions(inp, kept, options).best.objective - free
