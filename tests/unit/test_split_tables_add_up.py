"""Every split table adds up to the krone, by row and by column, with measures shown apart.

Random keys, members, populations, usage, measures and overhead (hypothesis): the key split,
the a konto plan, the settlement, the exit calculator and the whole-krone rounding of fair
splits (Shapley, nucleolus …) each sum exactly to the totals they state.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coop.domain.costs.akonto import akonto_plan, settlement
from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.costs.keys import largest_remainder, split_cost, whole_kroner
from coop.domain.costs.partner_exit import exit_cost


@st.composite
def cases(draw: st.DrawFn) -> dict[str, object]:
    n = draw(st.integers(2, 8))
    members = [f"{1000 + i}" for i in range(n)]
    equal = draw(st.integers(0, 100))
    population = draw(st.integers(0, 100 - equal))
    usage = 100 - equal - population
    parts = [
        KeyComponent(kind, Decimal(w) / 100, "saker" if kind is KeyKind.USAGE else None)
        for kind, w in (
            (KeyKind.EQUAL, equal),
            (KeyKind.POPULATION, population),
            (KeyKind.USAGE, usage),
        )
        if w  # fmt: skip
    ]
    key = CostKey(
        "prøve",
        tuple(parts),
        date(2026, 1, 1) if population else None,
        Decimal(draw(st.integers(0, 100))) / 10,
    )
    return {
        "members": members,
        "host": draw(st.sampled_from(members)),
        "key": key,
        "population": {m: draw(st.integers(1, 100_000)) for m in members},
        "usage": {"saker": {m: Decimal(draw(st.integers(1, 500))) for m in members}},
        "direct": {m: Decimal(draw(st.integers(0, 10**7))) / 100 for m in members},
        "shared": Decimal(draw(st.integers(0, 10**10))) / 100,
        "actual": Decimal(draw(st.integers(0, 10**10))) / 100,
    }


@settings(max_examples=200, deadline=None)
@given(cases(), st.sampled_from(["monthly", "quarterly", "half-yearly"]))
def test_key_split_a_konto_settlement_and_exit_add_up(case: dict[str, Any], frequency: str) -> None:
    split = split_cost(
        case["shared"], case["key"], case["members"], case["host"], case["population"],
        usage=case["usage"], direct=case["direct"],
    )  # fmt: skip
    shared = whole_kroner(case["shared"])
    overhead = whole_kroner(Fraction(shared) * Fraction(case["key"].host_overhead_pct) / 100)
    measures = sum(whole_kroner(v) for v in case["direct"].values())
    for line in split.lines:  # rows
        assert line.key_nok + line.overhead_nok + line.direct_nok + line.host_subsidy_nok == (
            line.total_nok
        )
        assert line.direct_nok == whole_kroner(case["direct"][line.member])  # measures apart
    # columns
    assert sum(line.key_nok for line in split.lines) == shared
    assert sum(line.overhead_nok for line in split.lines) == overhead
    assert sum(line.direct_nok for line in split.lines) == measures
    assert split.total_nok == shared + overhead + measures
    # a konto: each partner's instalments sum to its yearly total; the columns to the plan
    plan = akonto_plan(split, frequency, 2027)
    billed = [line for line in split.lines if line.member != case["host"]]
    for line in billed:
        assert sum(i.amount_nok for i in plan if i.member == line.member) == line.total_nok
        amounts = [i.amount_nok for i in plan if i.member == line.member]
        assert max(amounts) - min(amounts) <= 1  # spread evenly, to the krone
    assert sum(i.amount_nok for i in plan) == sum(line.total_nok for line in billed)
    # settlement by the same key: actual column sums to the actual split, balance = actual − paid
    lines = settlement(split, case["actual"])
    actual_total = split_cost(
        case["actual"], case["key"], case["members"], case["host"], case["population"],
        usage=case["usage"], direct=case["direct"],
    ).total_nok  # fmt: skip
    assert sum(s.actual_nok for s in lines) == actual_total
    assert sum(s.paid_nok for s in lines) == split.total_nok
    assert sum(s.balance_nok for s in lines) == actual_total - split.total_nok
    # exit: the running share is the yearly total pro rata, and the parts sum to the total
    leaver = case["members"][0]
    cost = exit_cost(split, leaver, date(2027, 3, 1), 12)
    assert cost.running_nok == split.line(leaver).total_nok
    assert cost.total_nok == cost.running_nok + sum(s for _, _, s in cost.investments)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 10**9), min_size=2, max_size=30),
    st.integers(0, 10**6),
)
def test_fair_splits_rounded_to_whole_kroner_sum_to_the_total_and_move_under_a_krone(
    weights: list[int], scale: int
) -> None:
    # A fair split (Shapley, nucleolus …) gives exact shares of a whole-krone total; rounding
    # by largest remainder keeps the sum and moves no one by a krone or more.
    total = sum(weights) // max(1, scale) if scale else sum(weights)
    exact = {
        str(i): Fraction(w * total, sum(weights)) if sum(weights) else Fraction(total, len(weights))
        for i, w in enumerate(weights)
    }
    rounded = largest_remainder(exact, total)
    assert sum(rounded.values()) == total
    assert all(abs(Fraction(rounded[k]) - exact[k]) < 1 for k in exact)
