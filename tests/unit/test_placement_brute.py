"""The placement MILP agrees with brute-force enumeration on random small instances.

Instances have ≤ 5 municipalities and ≤ 5 services, random participation, cost terms, FTE
(multiples of 0.5, so balance limits bind exactly), travel times (at and just above the limits),
fixed host costs, an optional split group and random rules. The enumeration below
re-implements every rule and the cost independently of ``allocation``; objectives are
compared (ties make argmins unstable).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocation.placement.data import CostTerm, PlacementInput
from allocation.placement.explain import explain_infeasible
from allocation.placement.optimise import ALL_LOCKS, best_with, optimise_placement, price_of_locks
from allocation.placement.rules import PlacementRules
from allocation.solver import Infeasible

MUNIS = ("1832", "5514", "5516", "5518", "5522")
SERVICES = ("barnevern", "ikt-drift", "kart-oppmaling", "regnskap-lonn", "skatt-innfordring")
KINDS = ("reisetilskudd", "flytting", "omstillingstilskudd", "tjenestereiser", "arbeidsgiveravgift")
EPS = 1e-7
MINUTES = (10.0, 30.0, 40.0, 40.5, 50.0, 50.5, 70.0, 70.5, 80.0, 80.5, 90.0)  # limits, just above
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw: st.DrawFn) -> tuple[PlacementInput, PlacementRules]:
    munis = MUNIS[: draw(st.integers(1, 5))]
    services = SERVICES[: draw(st.integers(1, 5))]
    who = st.sets(st.sampled_from(munis), min_size=1)
    participants = {s: frozenset(draw(who)) for s in services}
    terms = {}
    for s in services:
        for m in sorted(participants[s]):
            recurring = draw(st.lists(st.booleans(), max_size=2))
            terms[s, m] = tuple(
                CostTerm(
                    draw(st.sampled_from(KINDS)),
                    draw(st.sampled_from(munis)),
                    1000.0 * draw(st.integers(-50, 300)),
                    recurring=r,
                    years=draw(st.sampled_from([None, 1, 2, 7])) if r else None,
                )
                for r in recurring
            )
    fte = {
        (s, m): draw(st.sampled_from([0.0, 0.5, 1.0, 1.5, 3.0]))
        for s in services
        for m in sorted(participants[s])
    }
    travel = {}
    for a, b in itertools.combinations(munis, 2):
        travel[a, b] = travel[b, a] = draw(st.sampled_from(MINUTES))
    split = {}
    if len(services) >= 2 and draw(st.booleans()):
        k = draw(st.integers(2, min(3, len(services))))
        split = {"okonomi": ((services[-k],), services[-k + 1 :])}
    inp = PlacementInput(
        services=services,
        municipalities=munis,
        participants=participants,
        terms=terms,
        fte=fte,
        population={m: draw(st.integers(100, 5000)) for m in munis},
        travel_min=travel,
        fixed_host_cost_nok={m: draw(st.sampled_from([0.0, 20_000.0, 60_000.0])) for m in munis},
        split_options=split,
        horizon_years=draw(st.integers(1, 6)),
        discount_rate=draw(st.sampled_from([0.0, 0.04, 0.1])),
    )
    locks = {
        s: draw(st.sampled_from(sorted(participants[s])))
        for s in services
        if draw(st.integers(0, 4)) == 0
    }
    pairs = [(s, m) for s in services for m in sorted(participants[s]) if locks.get(s) != m]
    forbids = frozenset(draw(st.lists(st.sampled_from(pairs), max_size=3)) if pairs else [])
    maybe = st.sampled_from
    rules = PlacementRules(
        locks=locks,
        forbids=forbids,
        max_net_loss_fte=draw(maybe([None, None, 0.0, 1.0, 2.5])),
        max_abs_net_change_fte=draw(maybe([None, None, 1.5, 3.0])),
        population_share_band=draw(maybe([None, None, 0.2, 0.4])),
        min_services_hosted=draw(maybe([None, None, 0, 1])),
        max_services_hosted=draw(maybe([None, None, 1, 2])),
        max_staff_commute_min=draw(maybe([None, None, 40.0, 70.0])),
        max_partner_travel_min=draw(maybe([None, None, 50.0, 80.0])),
    )
    return inp, rules


def placements(inp: PlacementInput) -> Iterator[dict[str, str]]:
    """Every choice of split alternatives and of a participant host per active service."""
    groups = list(inp.split_options.values())
    grouped = {s for alts in groups for alt in alts for s in alt}
    always = [s for s in inp.services if s not in grouped]
    for choice in itertools.product(*(range(len(alts)) for alts in groups)):
        active = always + [s for alts, a in zip(groups, choice, strict=True) for s in alts[a]]
        for combo in itertools.product(*(sorted(inp.participants[s]) for s in active)):
            yield dict(zip(active, combo, strict=True))


def cost(inp: PlacementInput, hosts: Mapping[str, str]) -> float:
    factor = [sum((1 + inp.discount_rate) ** -t for t in range(n)) for n in range(50)]
    total = 0.0
    for s, h in hosts.items():
        for t in inp.terms[s, h]:
            years = inp.horizon_years if t.years is None else min(t.years, inp.horizon_years)
            total += t.amount_nok * factor[years] if t.recurring else t.amount_nok
    fixed = sum(inp.fixed_host_cost_nok.get(m, 0.0) for m in set(hosts.values()))
    return total + fixed * factor[inp.horizon_years]


def feasible(inp: PlacementInput, rules: PlacementRules, hosts: Mapping[str, str]) -> bool:
    if any(hosts.get(s) != m for s, m in rules.locks.items()):
        return False
    if any((s, h) in rules.forbids for s, h in hosts.items()):
        return False
    size = {s: sum(inp.fte.get((s, j), 0.0) for j in inp.participants[s]) for s in hosts}
    net = {
        m: sum(size[s] for s, h in hosts.items() if h == m)
        - sum(inp.fte.get((s, m), 0.0) for s in hosts)
        for m in inp.municipalities
    }
    if rules.max_net_loss_fte is not None and min(net.values()) < -rules.max_net_loss_fte - EPS:
        return False
    limit = rules.max_abs_net_change_fte
    if limit is not None and max(abs(v) for v in net.values()) > limit + EPS:
        return False
    if rules.population_share_band is not None:
        joint, people = sum(size.values()), sum(inp.population.values())
        for m in inp.municipalities:
            hosted = sum(size[s] for s, h in hosts.items() if h == m)
            gap = abs(hosted - inp.population[m] / people * joint)
            if gap > rules.population_share_band * joint + EPS:
                return False
    counts = [list(hosts.values()).count(m) for m in inp.municipalities]
    if rules.min_services_hosted is not None and min(counts) < rules.min_services_hosted:
        return False
    if rules.max_services_hosted is not None and max(counts) > rules.max_services_hosted:
        return False
    for s, h in hosts.items():
        trips = [0.0 if j == h else inp.travel_min[j, h] for j in inp.participants[s]]
        staff = [
            0.0 if j == h else inp.travel_min[j, h]
            for j in inp.participants[s]
            if inp.fte.get((s, j), 0.0) > 0
        ]
        partner, commute = rules.max_partner_travel_min, rules.max_staff_commute_min
        if partner is not None and max(trips) > partner:
            return False
        if commute is not None and max(staff, default=0.0) > commute:
            return False
    return True


def brute_force(inp: PlacementInput, rules: PlacementRules) -> list[float]:
    return sorted(cost(inp, p) for p in placements(inp) if feasible(inp, rules, p))


def approx(values: object) -> object:
    return pytest.approx(values, rel=1e-9, abs=1e-6)


@SETTINGS
@given(instances())
def test_optimum_and_top_3_equal_brute_force(case: tuple[PlacementInput, PlacementRules]) -> None:
    inp, rules = case
    expected = brute_force(inp, rules)
    if not expected:
        with pytest.raises(Infeasible) as caught:
            optimise_placement(inp, rules, top=3)
        assert caught.value.conflicts  # never a bare "infeasible"
        return
    report = optimise_placement(inp, rules, top=3)
    assert report.best.status == "optimal"
    assert report.best.objective_nok == approx(expected[0])
    found = [a.placement for a in report.alternatives]
    assert [p.objective_nok for p in found] == approx(expected[:3])
    assert len({tuple(p.hosts.items()) for p in found}) == len(found)
    for p in found:
        assert feasible(inp, rules, p.hosts)
        assert p.objective_nok == approx(cost(inp, p.hosts))
        assert sum(p.by_municipality.values()) == approx(p.objective_nok)
        assert sum(p.net_fte.values()) == approx(0.0)


@SETTINGS
@given(instances())
def test_named_conflicts_are_the_rules_whose_removal_restores_feasibility(
    case: tuple[PlacementInput, PlacementRules],
) -> None:
    inp, rules = case
    conflicts = explain_infeasible(inp, rules)
    assert bool(conflicts) == (not brute_force(inp, rules))
    families = {c.rule for c in conflicts}
    for c in conflicts:
        assert c.needed > c.available
    if conflicts and "participation" not in families:
        relaxed = replace(
            rules,
            locks={} if "lock" in families else rules.locks,
            forbids=frozenset() if "forbid" in families else rules.forbids,
            **{field: None for rule, field in RULE_FIELDS.items() if rule in families},
        )
        assert brute_force(inp, relaxed)


RULE_FIELDS = {
    "max_net_loss": "max_net_loss_fte",
    "max_abs_net_change": "max_abs_net_change_fte",
    "population_share": "population_share_band",
    "min_services": "min_services_hosted",
    "max_services": "max_services_hosted",
    "max_staff_commute": "max_staff_commute_min",
    "max_partner_travel": "max_partner_travel_min",
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_price_of_locks_and_best_with_equal_brute_force(
    case: tuple[PlacementInput, PlacementRules], data: st.DataObject
) -> None:
    inp, rules = case
    base = brute_force(inp, rules)
    if not base:
        return
    prices = price_of_locks(inp, rules)
    for s in rules.locks:
        without = {k: v for k, v in rules.locks.items() if k != s}
        assert prices[s] == approx(base[0] - brute_force(inp, replace(rules, locks=without))[0])
    assert prices[ALL_LOCKS] == approx(base[0] - brute_force(inp, replace(rules, locks={}))[0])
    s = data.draw(st.sampled_from(inp.services))
    h = data.draw(st.sampled_from(sorted(inp.participants[s])))
    if (s, h) in rules.forbids:
        return
    forced = brute_force(inp, replace(rules, locks={**rules.locks, s: h}))
    if not forced:
        with pytest.raises(Infeasible):
            best_with(inp, rules, s, h)
        return
    alternative = best_with(inp, rules, s, h)
    assert alternative.placement.hosts[s] == h
    assert alternative.delta_nok == approx(forced[0] - base[0])
