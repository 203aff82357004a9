"""Host placement on small cases whose optimum is derived by hand in each test."""

from __future__ import annotations

import pytest

from allocation.placement.data import CostTerm, PlacementInput
from allocation.placement.optimise import ALL_LOCKS, best_with, optimise_placement, price_of_locks
from allocation.placement.rules import PlacementRules
from allocation.solver import Infeasible, SolveOptions

GRA, LAV, SAL = "5516", "5518", "5522"  # Gratangen, Lavangen, Salangen
# One-off cost of each host: barnevern 300/200/100, ikt-drift 50/60/10 (GRA/LAV/SAL).
COST = {
    ("barnevern", GRA): 300,
    ("barnevern", LAV): 200,
    ("barnevern", SAL): 100,
    ("ikt-drift", GRA): 50,
    ("ikt-drift", LAV): 60,
    ("ikt-drift", SAL): 10,
}
FTE = {
    ("barnevern", GRA): 1.0,
    ("barnevern", LAV): 1.0,
    ("barnevern", SAL): 2.5,
    ("ikt-drift", GRA): 0.5,
    ("ikt-drift", LAV): 0.5,
    ("ikt-drift", SAL): 1.5,
}
MINUTES = {(GRA, LAV): 30.0, (GRA, SAL): 50.0, (LAV, SAL): 30.0}


def three(**overrides: object) -> PlacementInput:
    """Gratangen, Lavangen, Salangen with barnevern (4.5 FTE) and ikt-drift (2.5 FTE)."""
    fields: dict[str, object] = {
        "services": ("barnevern", "ikt-drift"),
        "municipalities": (GRA, LAV, SAL),
        "participants": dict.fromkeys(("barnevern", "ikt-drift"), frozenset({GRA, LAV, SAL})),
        "terms": {k: (CostTerm("flytting", k[1], float(v)),) for k, v in COST.items()},
        "fte": FTE,
        "population": {GRA: 1070, LAV: 986, SAL: 2069},
        "travel_min": MINUTES | {(b, a): v for (a, b), v in MINUTES.items()},
    }
    fields.update(overrides)
    return PlacementInput(**fields)  # type: ignore[arg-type]


def hosts(inp: PlacementInput, rules: PlacementRules | None = None) -> tuple[dict[str, str], float]:
    best = optimise_placement(inp, rules).best
    return dict(best.hosts), best.objective_nok


def test_without_rules_both_services_go_to_the_cheapest_host() -> None:
    assert hosts(three()) == ({"barnevern": SAL, "ikt-drift": SAL}, 110.0)


def test_report_explains_cost_and_job_balance_of_the_best_placement() -> None:
    best = optimise_placement(three()).best
    assert best.status == "optimal"
    assert best.by_kind == {"flytting": 110.0}
    assert best.by_municipality == {GRA: 0.0, LAV: 0.0, SAL: 110.0}
    # Salangen gains 4.5 + 2.5 FTE and sends its own 2.5 + 1.5; the others send 1.5 each.
    assert best.net_fte == {GRA: -1.5, LAV: -1.5, SAL: 3.0}
    assert best.joint_fte_share == {GRA: 0.0, LAV: 0.0, SAL: 1.0}
    assert best.services_hosted == {GRA: 0, LAV: 0, SAL: 2}
    assert [(c.service, c.host, c.horizon_nok) for c in best.costs] == [
        ("barnevern", SAL, 100.0),
        ("ikt-drift", SAL, 10.0),
    ]


def test_net_loss_cap_at_exactly_the_loss_keeps_the_cheapest_placement() -> None:
    assert hosts(three(), PlacementRules(max_net_loss_fte=1.5))[1] == 110.0


def test_net_loss_cap_below_what_a_non_host_sends_is_infeasible_and_explained() -> None:
    # Two services, three municipalities: one hosts nothing and loses at least 1.5 FTE.
    with pytest.raises(Infeasible) as caught:
        optimise_placement(three(), PlacementRules(max_net_loss_fte=1.4))
    (conflict,) = caught.value.conflicts
    assert conflict.rule == "max_net_loss"
    assert conflict.keys in ((GRA,), (LAV,))
    assert (conflict.needed, conflict.available) == pytest.approx((1.5, 1.4))


def test_absolute_job_balance_moves_ikt_to_gratangen() -> None:
    # Only (SAL, GRA) at 150 and (SAL, LAV) at 160 keep every |net change| ≤ 2 FTE.
    result = hosts(three(), PlacementRules(max_abs_net_change_fte=2.0))
    assert result == ({"barnevern": SAL, "ikt-drift": GRA}, 150.0)


def test_population_share_band_splits_the_services() -> None:
    # Salangen's population share is 2069/4125 = 0.50; hosting all 7 FTE is a share of 1.0.
    result = hosts(three(), PlacementRules(population_share_band=0.3))
    assert result == ({"barnevern": SAL, "ikt-drift": GRA}, 150.0)


def test_at_most_one_service_per_host() -> None:
    assert hosts(three(), PlacementRules(max_services_hosted=1))[1] == 150.0


def test_every_municipality_hosting_one_of_two_services_is_infeasible() -> None:
    with pytest.raises(Infeasible) as caught:
        optimise_placement(three(), PlacementRules(min_services_hosted=1))
    (conflict,) = caught.value.conflicts
    assert conflict.rule == "min_services"
    assert (conflict.needed, conflict.available) == (1.0, 0.0)


def test_staff_commute_cap_leaves_only_lavangen_in_reach_of_all_staff() -> None:
    # Gratangen–Salangen is 50 minutes; Lavangen is 30 from both.
    rules = PlacementRules(max_staff_commute_min=40)
    assert hosts(three(), rules) == ({"barnevern": LAV, "ikt-drift": LAV}, 260.0)


def test_staff_commute_cap_ignores_municipalities_bringing_no_staff() -> None:
    fte = FTE | {("barnevern", GRA): 0.0}
    rules = PlacementRules(max_staff_commute_min=40)
    assert hosts(three(fte=fte), rules) == ({"barnevern": SAL, "ikt-drift": LAV}, 160.0)


def test_partner_travel_cap_counts_every_participant() -> None:
    fte = FTE | {("barnevern", GRA): 0.0}
    rules = PlacementRules(max_partner_travel_min=40)
    assert hosts(three(fte=fte), rules)[1] == 260.0


def test_commute_cap_below_every_trip_names_the_longest_commute() -> None:
    with pytest.raises(Infeasible) as caught:
        optimise_placement(three(), PlacementRules(max_staff_commute_min=20))
    conflicts = caught.value.conflicts
    assert {c.rule for c in conflicts} == {"max_staff_commute"}
    assert {c.keys[0] for c in conflicts} == {"barnevern", "ikt-drift"}
    for c in conflicts:
        service, host, staff = c.keys
        assert c.needed == MINUTES.get((host, staff), MINUTES.get((staff, host)))
        assert c.available == 20.0


def test_non_participant_is_never_host() -> None:
    participants = {"barnevern": frozenset({GRA, LAV}), "ikt-drift": frozenset({GRA, LAV, SAL})}
    out = ("barnevern", SAL)
    terms = {k: (CostTerm("flytting", k[1], float(v)),) for k, v in COST.items() if k != out}
    fte = {k: v for k, v in FTE.items() if k != out}
    inp = three(participants=participants, terms=terms, fte=fte)
    assert hosts(inp) == ({"barnevern": LAV, "ikt-drift": SAL}, 210.0)


def test_lock_and_forbid_change_the_optimum() -> None:
    assert hosts(three(), PlacementRules(locks={"ikt-drift": LAV}))[1] == 160.0
    assert hosts(three(), PlacementRules(forbids=frozenset({("barnevern", SAL)})))[1] == 210.0


def test_price_of_a_lock_is_optimum_with_it_minus_without_it() -> None:
    rules = PlacementRules(locks={"ikt-drift": LAV, "barnevern": SAL})
    assert price_of_locks(three(), rules) == {"barnevern": 0.0, "ikt-drift": 50.0, ALL_LOCKS: 50.0}


def test_best_with_a_pair_gives_its_extra_cost_over_the_optimum() -> None:
    alternative = best_with(three(), None, "ikt-drift", GRA)
    assert alternative.rank is None
    assert dict(alternative.placement.hosts) == {"barnevern": SAL, "ikt-drift": GRA}
    assert alternative.delta_nok == 40.0


def test_best_with_replaces_an_existing_lock_on_the_same_service() -> None:
    rules = PlacementRules(locks={"ikt-drift": LAV})
    assert best_with(three(), rules, "ikt-drift", SAL).delta_nok == -50.0


def test_top_k_lists_distinct_placements_in_cost_order() -> None:
    report = optimise_placement(three(), top=4)
    assert [a.rank for a in report.alternatives] == [1, 2, 3, 4]
    assert [a.placement.objective_nok for a in report.alternatives] == [110, 150, 160, 210]
    assert [a.delta_nok for a in report.alternatives] == [0, 40, 50, 100]
    assert len({tuple(a.placement.hosts.items()) for a in report.alternatives}) == 4


def test_top_k_beyond_the_number_of_placements_returns_them_all() -> None:
    report = optimise_placement(three(), top=20)
    costs = sorted(a + b for a in (300, 200, 100) for b in (50, 60, 10))
    assert [a.placement.objective_nok for a in report.alternatives] == costs


def test_split_alternative_is_chosen_when_its_services_are_cheaper_together() -> None:
    a, b = "1820", "1832"
    cost = {
        ("okonomi", a): 100,
        ("okonomi", b): 120,
        ("regnskap-lonn", a): 40,
        ("regnskap-lonn", b): 30,
        ("skatt-innfordring", a): 50,
        ("skatt-innfordring", b): 45,
    }
    services = ("okonomi", "regnskap-lonn", "skatt-innfordring")
    inp = PlacementInput(
        services=services,
        municipalities=(a, b),
        participants=dict.fromkeys(services, frozenset({a, b})),
        terms={k: (CostTerm("flytting", k[1], float(v)),) for k, v in cost.items()},
        fte={("okonomi", a): 2.0, ("regnskap-lonn", a): 1.0, ("skatt-innfordring", a): 1.0},
        population={a: 1, b: 1},
        travel_min={},
        split_options={"okonomi": (("okonomi",), ("regnskap-lonn", "skatt-innfordring"))},
    )
    best = optimise_placement(inp).best
    assert dict(best.hosts) == {"regnskap-lonn": b, "skatt-innfordring": b}
    assert best.chosen_alternatives == {"okonomi": ("regnskap-lonn", "skatt-innfordring")}
    assert best.net_fte == {a: -2.0, b: 2.0}  # the unchosen okonomi moves no FTE
    locked = optimise_placement(inp, PlacementRules(locks={"okonomi": a})).best
    assert (dict(locked.hosts), locked.objective_nok) == ({"okonomi": a}, 100.0)


def test_fixed_host_cost_makes_one_host_cheaper_than_two() -> None:
    a, b = "3430", "5025"
    cost = {("s1", a): 0, ("s1", b): 10, ("s2", a): 10, ("s2", b): 0}
    inp = PlacementInput(
        services=("s1", "s2"),
        municipalities=(a, b),
        participants={"s1": frozenset({a, b}), "s2": frozenset({a, b})},
        terms={k: (CostTerm("flytting", k[1], float(v)),) for k, v in cost.items()},
        fte={},
        population={},
        travel_min={},
        fixed_host_cost_nok={a: 5.0, b: 5.0},
    )
    best = optimise_placement(inp).best  # two hosts: 0 + 2·4·5 = 40; one host: 10 + 4·5 = 30
    assert best.objective_nok == 30.0
    assert len(set(best.hosts.values())) == 1
    assert best.by_kind == {"flytting": 10.0, "lokaler": 20.0}


def test_recurring_terms_are_discounted_and_capped_at_the_horizon() -> None:
    m = "5514"
    terms = {
        ("s", m): (
            CostTerm("tjenestereiser", m, 10_000.0, recurring=True),
            CostTerm("reisetilskudd", m, 1_000.0, recurring=True, years=2),
            CostTerm("arbeidsgiveravgift", m, 100.0, recurring=True, years=9),
            CostTerm("omstillingstilskudd", m, 25_000.0),
        )
    }
    inp = PlacementInput(("s",), (m,), {"s": frozenset({m})}, terms, {}, {}, {}, discount_rate=0.1)
    best = optimise_placement(inp).best
    factor4 = 1 + 1 / 1.1 + 1 / 1.1**2 + 1 / 1.1**3  # 3.486852…
    assert best.by_kind == pytest.approx(
        {
            "tjenestereiser": 10_000 * factor4,
            "reisetilskudd": 1_000 * (1 + 1 / 1.1),
            "arbeidsgiveravgift": 100 * factor4,
            "omstillingstilskudd": 25_000.0,
        }
    )
    assert best.objective_nok == pytest.approx(sum(best.by_kind.values()))


def test_same_input_gives_the_same_report_run_to_run() -> None:
    first, second = (optimise_placement(three(), top=9) for _ in range(2))
    assert [dict(a.placement.hosts) for a in first.alternatives] == [
        dict(a.placement.hosts) for a in second.alternatives
    ]
    assert first.model_size == second.model_size == (6, 2)


def test_cbc_fallback_backend_finds_the_same_optimum() -> None:
    report = optimise_placement(
        three(), PlacementRules(max_abs_net_change_fte=2.0), options=SolveOptions(backend="cbc")
    )
    assert report.backend == "cbc"
    assert report.best.objective_nok == 150.0
