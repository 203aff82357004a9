"""Explain an infeasible placement: solve the elastic copy and name the rules that bend.

Each ``Conflict(rule, keys, needed, available)`` reads "the best compromise needs ``needed``
where the rule allows ``available``" (so needed > available):

==================  ==========  =======================================  ====================
rule                keys        needed                                   available
==================  ==========  =======================================  ====================
participation       (s, m)      1: m would have to host s                0: m does not take part
lock                (s, m)      1: the lock says m hosts s               0: not possible
forbid              (s, m)      1: m would have to host s                0: forbidden
max_net_loss        (m,)        FTE m would lose                         L
max_abs_net_change  (m,)        |net FTE change of m|                    L
population_share    (m,)        |share of joint FTE − population share|  band
min_services        (m,)        the minimum k                            services m can host
max_services        (m,)        services m would have to host            the maximum K
max_staff_commute   (s, h, j)   minutes from j (bringing FTE) to host h  T
max_partner_travel  (s, h, j)   minutes from participant j to host h     U
==================  ==========  =======================================  ====================
"""

from __future__ import annotations

from collections.abc import Mapping

from allocation.placement.data import PlacementInput
from allocation.placement.model import RULES, build_placement_model, worst_travel
from allocation.placement.report import hosted_fte, net_fte_change
from allocation.placement.rules import PlacementRules, check_rules
from allocation.solver import Conflict, SolveOptions, solve

TOLERANCE = 1e-6


def explain_infeasible(
    inp: PlacementInput, rules: PlacementRules | None = None, options: SolveOptions | None = None
) -> tuple[Conflict, ...]:
    """Rules that must bend for any placement to exist; empty when the rules can all hold."""
    rules = rules or PlacementRules()
    check_rules(inp, rules)
    model = build_placement_model(inp, rules, elastic=True)
    solve(model.problem, options)
    hosts = {s: h for (s, h), v in model.host.items() if (v.varValue or 0.0) > 0.5}
    conflicts: dict[Conflict, None] = {}
    for rule in RULES:
        for key, slack in model.slack.get(rule, {}).items():
            if (slack.varValue or 0.0) > TOLERANCE:
                conflicts[_conflict(rule, key, inp, rules, hosts)] = None
    return tuple(conflicts)


def _conflict(
    rule: str,
    key: tuple[str, ...],
    inp: PlacementInput,
    rules: PlacementRules,
    hosts: Mapping[str, str],
) -> Conflict:
    """Word one bent row as a Conflict, measuring it on the compromise placement."""
    if rule in ("participation", "lock", "forbid"):
        return Conflict(rule, key, 1.0, 0.0)
    m = key[0]
    if rule == "max_net_loss":
        return Conflict(rule, (m,), -net_fte_change(inp, hosts)[m], _limit(rules.max_net_loss_fte))
    if rule == "max_abs_net_change":
        net = net_fte_change(inp, hosts)[m]
        return Conflict(rule, (m,), abs(net), _limit(rules.max_abs_net_change_fte))
    if rule == "population_share":
        hosted = hosted_fte(inp, hosts)
        joint = sum(hosted.values())
        pop_share = inp.population[m] / sum(inp.population[k] for k in inp.municipalities)
        share = hosted[m] / joint if joint else 0.0
        return Conflict(rule, (m,), abs(share - pop_share), _limit(rules.population_share_band))
    count = sum(1 for h in hosts.values() if h == m)
    if rule == "min_services":
        return Conflict(rule, (m,), float(_limit(rules.min_services_hosted)), float(count))
    if rule == "max_services":
        return Conflict(rule, (m,), float(count), float(_limit(rules.max_services_hosted)))
    s, h = key
    staff = rule == "max_staff_commute"
    limit = rules.max_staff_commute_min if staff else rules.max_partner_travel_min
    worst = worst_travel(inp, s, h, staff_only=staff)
    who, minutes = worst if worst else ("", 0.0)
    return Conflict(rule, (s, h, who), minutes, _limit(limit))


def _limit(value: float | None) -> float:
    return float(value) if value is not None else 0.0
