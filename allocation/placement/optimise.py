"""Host placement: choose one host per service at least cost over the planning horizon.

Data → build → solve → report: inputs in ``placement.data``, the model in ``placement.model``,
results in ``placement.report``, infeasibility explained in ``placement.explain``.

Sets
    S services; M municipalities; P_s ⊆ M participants of s; G split groups, each with
    alternatives A_g (disjoint non-empty service sets); S_0 = services outside every group.
Parameters
    c[s,m]  horizon cost of host m for s: Σ terms, one-off + recurring·Σ_{t<n} (1+r)^−t with
            n = min(years paid, H), H = horizon (default 4 years), r = discount rate
    f[m]    yearly fixed host cost (premises), F = Σ_{t<H} (1+r)^−t
    e[s,j]  FTE participant j brings to s; E_s = Σ_j e[s,j]; π_m = population share of m
    τ[j,m]  travel minutes; limits L, B (FTE), β (share), k, K (services), T, U (minutes)
Variables
    host[s,m] ∈ {0,1}, m ∈ P_s     1 if m hosts s (participation is structural: (0))
    choose[g,a] ∈ {0,1}            1 if alternative a of split group g is set up
    open[m] ∈ [0,1]                1 if m hosts anything (only where f[m] > 0; integral at
                                   an optimum because f[m] > 0 and open[m] ≥ host[s,m])
    act[s] := 1 for s ∈ S_0, choose[g,a] for s ∈ a ∈ A_g       (service s is set up)
    net[m] := Σ_s E_s·host[s,m] − Σ_s e[s,m]·act[s]           (net FTE change, job balance)
    hosted[m] := Σ_s E_s·host[s,m];   joint := Σ_s E_s·act[s]
Objective
    min Σ_{s,m} c[s,m]·host[s,m] + Σ_m F·f[m]·open[m]                              (Z)
Constraints (each family optional except (1), (2); rows named family[key])
    (0)  participation        host[s,m] exists only for m ∈ P_s
    (1)  one_host[s]          Σ_m host[s,m] = act[s]                          ∀ s
    (2)  one_alternative[g]   Σ_a choose[g,a] = 1                             ∀ g
    (3)  lock[s,l]            host[s,l] ≥ 1                                   locked s → l
    (4)  forbid[s,m]          host[s,m] ≤ 0                                   forbidden pairs
    (5)  max_net_loss[m]      net[m] ≥ −L                                     ∀ m
    (6)  max_abs_net_change   −B ≤ net[m] ≤ B   (rows [m,loss], [m,gain])     ∀ m
    (7)  population_share     (π_m − β)·joint ≤ hosted[m] ≤ (π_m + β)·joint   ∀ m
    (8)  min_services[m]      Σ_s host[s,m] ≥ k                               ∀ m
    (9)  max_services[m]      Σ_s host[s,m] ≤ K                               ∀ m
    (10) max_staff_commute    host[s,h] ≤ 0 if τ[j,h] > T for some j with e[s,j] > 0
    (11) max_partner_travel   host[s,h] ≤ 0 if τ[j,h] > U for some j ∈ P_s
    (12) open_host[s,m]       host[s,m] ≤ open[m]                             where f[m] > 0
    (13) exclude[k]           Σ_{(s,h) ∈ X_k} host[s,h] ≤ |X_k| − 1    no-good cut, k-best
A lock fixes its service's split alternative. The k-best list re-solves with (13) added for
every placement found; alternatives are disjoint, so the cut removes exactly that placement.
Infeasible models raise ``Infeasible`` carrying ``explain_infeasible``'s conflicts.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace

from allocation.placement.data import PlacementInput, PlacementInputError
from allocation.placement.explain import explain_infeasible
from allocation.placement.model import PlacementModel, add_exclusion, build_placement_model
from allocation.placement.report import Alternative, Placement, PlacementReport, make_placement
from allocation.placement.rules import PlacementRules, check_rules
from allocation.solver import Infeasible, SolveOptions, SolveStats, solve

#: Key of ``price_of_locks`` for all locks together (service codes never contain "*").
ALL_LOCKS = "*"


def optimise_placement(
    inp: PlacementInput,
    rules: PlacementRules | None = None,
    *,
    top: int = 1,
    options: SolveOptions | None = None,
) -> PlacementReport:
    """Best placement and the ``top`` best distinct ones (rank 1 = best) with extra cost."""
    rules, options = rules or PlacementRules(), options or SolveOptions()
    if top < 1:
        raise PlacementInputError("Antall alternativer må være minst 1.")
    check_rules(inp, rules)
    started = time.perf_counter()
    model = build_placement_model(inp, rules)
    size = model.size
    stats = solve(model.problem, options, explain=lambda: explain_infeasible(inp, rules, options))
    ranked = [_extract(model, stats)]
    while len(ranked) < top:
        add_exclusion(model, dict(ranked[-1].hosts))
        try:
            stats = solve(model.problem, options)
        except Infeasible:
            break  # fewer distinct placements exist than asked for
        ranked.append(_extract(model, stats))
    best = ranked[0]
    alternatives = tuple(
        Alternative(rank, p, p.objective_nok - best.objective_nok)
        for rank, p in enumerate(ranked, start=1)
    )
    return PlacementReport(best, alternatives, size, time.perf_counter() - started, stats.backend)


def price_of_locks(
    inp: PlacementInput, rules: PlacementRules | None = None, options: SolveOptions | None = None
) -> Mapping[str, float]:
    """Extra cost of each lock (optimum with it minus without it) and of all (``ALL_LOCKS``)."""
    rules = rules or PlacementRules()
    with_all = _optimum(inp, rules, options).objective_nok
    prices = {
        s: with_all - _optimum(inp, _without_lock(rules, s), options).objective_nok
        for s in sorted(rules.locks)
    }
    prices[ALL_LOCKS] = with_all - _optimum(inp, replace(rules, locks={}), options).objective_nok
    return prices


def best_with(
    inp: PlacementInput,
    rules: PlacementRules | None,
    service: str,
    host: str,
    options: SolveOptions | None = None,
) -> Alternative:
    """Best placement in which ``host`` hosts ``service`` (replacing any lock on it)."""
    rules = rules or PlacementRules()
    if host not in inp.participants.get(service, ()):
        raise PlacementInputError(f"{host} deltar ikke i tjenesten {service}.")
    if (service, host) in rules.forbids:
        raise PlacementInputError(f"{host} er utelukket som vertskommune for {service}.")
    base = _optimum(inp, rules, options)
    forced = replace(rules, locks={**rules.locks, service: host})
    placement = _optimum(inp, forced, options)
    return Alternative(None, placement, placement.objective_nok - base.objective_nok)


def write_lp(inp: PlacementInput, rules: PlacementRules, path: str) -> None:
    """Write the model as an LP file, for debugging (brackets appear as '_')."""
    build_placement_model(inp, rules).problem.writeLP(path)


def _optimum(inp: PlacementInput, rules: PlacementRules, options: SolveOptions | None) -> Placement:
    return optimise_placement(inp, rules, options=options).best


def _without_lock(rules: PlacementRules, service: str) -> PlacementRules:
    return replace(rules, locks={s: h for s, h in rules.locks.items() if s != service})


def _extract(model: PlacementModel, stats: SolveStats) -> Placement:
    """Read the chosen hosts and report them (numbers recomputed from the input)."""
    hosts = {s: h for (s, h), v in model.host.items() if (v.varValue or 0.0) > 0.5}
    return make_placement(
        model.inp, hosts, status=stats.status, gap=stats.gap, seconds=stats.seconds
    )
