"""Build the host-placement MILP; families are numbered as in ``allocation.placement.optimise``.

The same builder makes the elastic copy used to explain infeasibility: there every rule row
gets its own penalised slack, hosts outside a service's participants become possible (at a
penalty, family "participation"), and the objective is the total weighted slack.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pulp

from allocation.placement.data import (
    PlacementInput,
    PlacementInputError,
    annuity_factor,
    horizon_nok,
)
from allocation.placement.rules import PlacementRules

#: Rule families in report order; the keys of ``PlacementModel.rows`` and ``.slack``.
RULES = (
    "participation",
    "lock",
    "forbid",
    "max_net_loss",
    "max_abs_net_change",
    "population_share",
    "min_services",
    "max_services",
    "max_staff_commute",
    "max_partner_travel",
)
#: Slack penalty per unit in the elastic copy: a non-participant host is the last resort.
PENALTY = {rule: 1.0 for rule in RULES} | {"participation": 2.0}

Expr = pulp.LpAffineExpression


@dataclass
class PlacementModel:
    """The PuLP problem and typed dicts of its variables and rows."""

    problem: pulp.LpProblem
    inp: PlacementInput
    host: dict[tuple[str, str], pulp.LpVariable]
    choose: dict[tuple[str, int], pulp.LpVariable]
    open: dict[str, pulp.LpVariable] = field(default_factory=dict)
    cost_nok: dict[tuple[str, str], float] = field(default_factory=dict)
    rows: dict[str, dict[tuple[str, ...], pulp.LpConstraint]] = field(default_factory=dict)
    slack: dict[str, dict[tuple[str, ...], pulp.LpVariable]] = field(default_factory=dict)
    exclude: list[pulp.LpConstraint] = field(default_factory=list)
    elastic: bool = False
    groups: dict[str, tuple[str, int]] = field(default_factory=dict)  # service -> (group, alt)
    by_host: dict[str, list[tuple[str, pulp.LpVariable]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.groups = self.inp.group_of()
        for (s, m), v in self.host.items():
            self.by_host.setdefault(m, []).append((s, v))

    @property
    def size(self) -> tuple[int, int]:
        """Number of variables and of constraints."""
        n_vars = len(self.host) + len(self.choose) + len(self.open)
        n_vars += sum(len(v) for v in self.slack.values())
        return n_vars, sum(len(r) for r in self.rows.values()) + len(self.exclude)

    def add_row(
        self,
        family: str,
        key: tuple[str, ...],
        expr: pulp.LpAffineExpression,
        sense: int,
        rhs: float,
    ) -> pulp.LpConstraint:
        """Add ``family[key]``; in the elastic copy a penalised slack lets it bend."""
        name = f"{family}[{','.join(key)}]"
        if self.elastic and family in PENALTY:
            slack = self.problem.add_variable(f"slack_{name}", lowBound=0)
            self.slack.setdefault(family, {})[key] = slack
            expr = expr + (slack if sense == pulp.LpConstraintGE else -slack)
        row = pulp.LpConstraint(expr, sense, name, rhs)
        self.problem.addConstraint(row)
        self.rows.setdefault(family, {})[key] = row
        return row

    def hosted(self, m: str) -> list[tuple[str, pulp.LpVariable]]:
        """(service, host variable) pairs municipality ``m`` could host."""
        return self.by_host.get(m, [])

    def active(self, s: str) -> pulp.LpAffineExpression:
        """1 if service s is set up: a constant, or its split alternative's choose variable."""
        where = self.groups.get(s)
        return Expr(self.choose[where]) if where else Expr(constant=1)


def build_placement_model(
    inp: PlacementInput, rules: PlacementRules, *, elastic: bool = False
) -> PlacementModel:
    """Build the model of the module docstring of ``allocation.placement.optimise``."""
    prob = pulp.LpProblem("placement_elastic" if elastic else "placement", pulp.LpMinimize)
    hosts = {s: sorted(inp.participants[s]) for s in inp.services}
    if elastic:
        hosts = dict.fromkeys(inp.services, list(inp.municipalities))
    host = {
        (s, m): prob.add_variable(f"host[{s},{m}]", cat=pulp.LpBinary)
        for s in inp.services
        for m in hosts[s]
    }
    choose = {
        (g, a): prob.add_variable(f"choose[{g},{a}]", cat=pulp.LpBinary)
        for g, alternatives in inp.split_options.items()
        for a in range(len(alternatives))
    }
    model = PlacementModel(prob, inp, host, choose, elastic=elastic)
    model.cost_nok = {
        (s, m): sum(horizon_nok(t, inp.horizon_years, inp.discount_rate) for t in ts)
        for (s, m), ts in inp.terms.items()
    }
    define_one_host(model)
    define_one_alternative(model)
    if elastic:
        define_participation(model)
    define_locks_and_forbids(model, rules)
    define_job_balance(model, rules)
    define_population_share(model, rules)
    define_service_counts(model, rules)
    define_travel_limits(model, rules)
    if elastic:
        prob.setObjective(
            pulp.lpSum(PENALTY[f] * v for f, vs in model.slack.items() for v in vs.values())
        )
    else:
        define_fixed_host_costs(model)
        factor = annuity_factor(inp.horizon_years, inp.discount_rate)
        prob.setObjective(
            Expr([(v, model.cost_nok[k]) for k, v in host.items() if model.cost_nok[k]])
            + Expr([(v, inp.fixed_host_cost_nok[m] * factor) for m, v in model.open.items()])
        )
    return model


def define_one_host(model: PlacementModel) -> None:
    """(1) one_host[s]: a service that is set up has exactly one host."""
    for s in model.inp.services:
        expr = Expr([(v, 1) for (t, _), v in model.host.items() if t == s]) - model.active(s)
        model.add_row("one_host", (s,), expr, pulp.LpConstraintEQ, 0)


def define_one_alternative(model: PlacementModel) -> None:
    """(2) one_alternative[g]: exactly one alternative of each split group is set up."""
    for g, alternatives in model.inp.split_options.items():
        expr = Expr([(model.choose[g, a], 1) for a in range(len(alternatives))])
        model.add_row("one_alternative", (g,), expr, pulp.LpConstraintEQ, 1)


def define_participation(model: PlacementModel) -> None:
    """(0) participation[s,m]: only a participant hosts (structural; a row in the elastic copy)."""
    for (s, m), v in model.host.items():
        if m not in model.inp.participants[s]:
            model.add_row("participation", (s, m), Expr(v), pulp.LpConstraintLE, 0)


def define_locks_and_forbids(model: PlacementModel, rules: PlacementRules) -> None:
    """(3) lock[s]: host[s,l] ≥ 1;  (4) forbid[s,m]: host[s,m] ≤ 0."""
    for s, m in rules.locks.items():
        model.add_row("lock", (s, m), Expr(model.host[s, m]), pulp.LpConstraintGE, 1)
    for s, m in sorted(rules.forbids):
        if (s, m) in model.host and m in model.inp.participants[s]:
            model.add_row("forbid", (s, m), Expr(model.host[s, m]), pulp.LpConstraintLE, 0)


def net_fte_expr(model: PlacementModel, m: str) -> pulp.LpAffineExpression:
    """Net FTE change of m: FTE of the services it hosts minus FTE it sends to active services."""
    inp = model.inp
    expr = Expr([(v, inp.total_fte(s)) for s, v in model.hosted(m)])
    for s in inp.services:
        own = inp.fte.get((s, m), 0.0)
        if own:
            expr = expr - own * model.active(s)
    return expr


def define_job_balance(model: PlacementModel, rules: PlacementRules) -> None:
    """(5) max_net_loss[m]: net ≥ −L;  (6) max_abs_net_change[m]: −L ≤ net ≤ L."""
    loss, band = rules.max_net_loss_fte, rules.max_abs_net_change_fte
    if loss is None and band is None:
        return
    ge, le = pulp.LpConstraintGE, pulp.LpConstraintLE
    for m in model.inp.municipalities:
        net = net_fte_expr(model, m)
        if loss is not None:
            model.add_row("max_net_loss", (m,), net, ge, -loss)
        if band is not None:
            model.add_row("max_abs_net_change", (m, "loss"), net, ge, -band)
            model.add_row("max_abs_net_change", (m, "gain"), net, le, band)


def define_population_share(model: PlacementModel, rules: PlacementRules) -> None:
    """(7) population_share[m]: |hosted FTE − π_m·joint FTE| ≤ band·joint FTE."""
    band = rules.population_share_band
    if band is None:
        return
    inp = model.inp
    total_pop = sum(inp.population[m] for m in inp.municipalities)
    joint = pulp.lpSum(inp.total_fte(s) * model.active(s) for s in inp.services)
    for m in inp.municipalities:
        share = inp.population[m] / total_pop
        hosted = Expr([(v, inp.total_fte(s)) for s, v in model.hosted(m)])
        over = hosted - (share + band) * joint
        under = hosted - (share - band) * joint
        model.add_row("population_share", (m, "over"), over, pulp.LpConstraintLE, 0)
        model.add_row("population_share", (m, "under"), under, pulp.LpConstraintGE, 0)


def define_service_counts(model: PlacementModel, rules: PlacementRules) -> None:
    """(8) min_services[m]: Σ_s host[s,m] ≥ k;  (9) max_services[m]: Σ_s host[s,m] ≤ K."""
    low, high = rules.min_services_hosted, rules.max_services_hosted
    for m in model.inp.municipalities:
        count = Expr([(v, 1) for _, v in model.hosted(m)])
        if low is not None and low > 0:
            model.add_row("min_services", (m,), count, pulp.LpConstraintGE, low)
        if high is not None:
            model.add_row("max_services", (m,), count, pulp.LpConstraintLE, high)


def worst_travel(
    inp: PlacementInput, s: str, h: str, *, staff_only: bool
) -> tuple[str, float] | None:
    """The participant with the longest trip to host h (staff: only those bringing FTE)."""
    trips = []
    for j in sorted(inp.participants[s]):
        if staff_only and inp.fte.get((s, j), 0.0) <= 0:
            continue
        if j != h and (j, h) not in inp.travel_min:
            if h in inp.participants[s]:
                raise PlacementInputError(f"Reisetid mangler fra {j} til {h}.")
            continue  # a non-participant host in the elastic copy: participation covers it
        trips.append((inp.travel(j, h), j))
    if not trips:
        return None
    minutes, who = max(trips)
    return who, minutes


def define_travel_limits(model: PlacementModel, rules: PlacementRules) -> None:
    """(10) max_staff_commute[s,h], (11) max_partner_travel[s,h]: host[s,h] ≤ 0 if too far."""
    limits = (
        ("max_staff_commute", rules.max_staff_commute_min, True),
        ("max_partner_travel", rules.max_partner_travel_min, False),
    )
    for family, limit, staff_only in limits:
        if limit is None:
            continue
        for (s, h), v in model.host.items():
            worst = worst_travel(model.inp, s, h, staff_only=staff_only)
            if worst is not None and worst[1] > limit:
                model.add_row(family, (s, h), Expr(v), pulp.LpConstraintLE, 0)


def define_fixed_host_costs(model: PlacementModel) -> None:
    """(12) open_host[s,m]: host[s,m] ≤ open[m] where m has a yearly fixed host cost."""
    for m, cost in model.inp.fixed_host_cost_nok.items():
        hosted = model.hosted(m)
        if cost <= 0 or not hosted:
            continue
        model.open[m] = model.problem.add_variable(f"open[{m}]", lowBound=0, upBound=1)
        for s, v in hosted:
            model.add_row("open_host", (s, m), v - model.open[m], pulp.LpConstraintLE, 0)


def add_exclusion(model: PlacementModel, hosts: dict[str, str]) -> pulp.LpConstraint:
    """(13) exclude[k]: the no-good cut Σ_{(s,h) chosen} host[s,h] ≤ |chosen| − 1."""
    k = len(model.exclude)
    expr = Expr([(model.host[s, h], 1) for s, h in sorted(hosts.items())])
    row = pulp.LpConstraint(expr, pulp.LpConstraintLE, f"exclude[{k}]", len(hosts) - 1)
    model.problem.addConstraint(row)
    model.exclude.append(row)
    return row
