from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from coop.domain.model import Baseline, Municipality
from coop.domain.transition.personnel import service_transition_cost
from coop.domain.transition.policy_model import PersonnelPolicy, TravelBand
from coop.domain.transition.transition_cost import CostKind
from coop.domain.transition.travel_grants import (
    STATE_MILEAGE_NOK_PER_KM,
    TravelParams,
    travel_grant_nok,
)
from coop.domain.travel.network import Route

NUMBERS = ("5514", "5516", "5518", "5522")
money = st.decimals(min_value=0, max_value=60000, places=0)
D30 = Decimal(30)
km = st.decimals(min_value=0, max_value=150, places=1)


@st.composite
def policies(draw: st.DrawFn) -> PersonnelPolicy:
    starts = draw(st.lists(st.integers(1, 100), max_size=4, unique=True))
    bands = tuple(TravelBand(Decimal(s), draw(money)) for s in [0, *sorted(starts)])
    return PersonnelPolicy(
        name="p",
        bands=bands,
        grant_years=draw(st.integers(0, 5)),
        yearly=draw(st.booleans()),
        one_way_km=draw(st.booleans()),
        relocation_nok=draw(money),
        relocation_share=draw(st.decimals(min_value=0, max_value=1, places=2)),
        transition_grant_nok=draw(money),
    )


@settings(max_examples=60, deadline=None)
@given(policies(), km)
def test_grant_equals_the_band_found_by_hand(policy: PersonnelPolicy, one_way: Decimal) -> None:
    distance = one_way if policy.one_way_km else 2 * one_way
    reached = [b for b in policy.bands if b.from_km <= distance]
    assert travel_grant_nok(policy, one_way) == max(reached, key=lambda b: b.from_km).grant_nok


def municipality(number: str, pct: Decimal) -> Municipality:
    return Municipality(
        number, f"K{number}", "Troms", 1, date(2024, 1, 1), "x", None, None, "", None, pct
    )


@settings(max_examples=60, deadline=None)
@given(
    policies(),
    st.sampled_from(NUMBERS),
    st.dictionaries(
        st.sampled_from(NUMBERS),
        st.tuples(st.decimals(min_value=0, max_value=5, places=1), st.integers(0, 6), money),
    ),
    st.dictionaries(st.sampled_from(NUMBERS), st.decimals(min_value=0, max_value=14, places=1)),
    st.dictionaries(st.tuples(st.sampled_from(NUMBERS), st.sampled_from(NUMBERS)), km),
    st.integers(0, 50),
    st.decimals(min_value=0, max_value=10, places=1),
)
def test_totals_equal_the_sum_of_their_parts(
    policy: PersonnelPolicy,
    host: str,
    staff: dict[str, tuple[Decimal, int, Decimal]],
    aga: dict[str, Decimal],
    distances: dict[tuple[str, str], Decimal],
    trips: int,
    joint_fte: Decimal,
) -> None:
    baselines = {
        m: Baseline(m, "barnevern", 2025, fte, people, pay * 10, pay)
        for m, (fte, people, pay) in staff.items()
    }
    municipalities = {m: municipality(m, aga.get(m, Decimal("5.1"))) for m in NUMBERS}
    routes = {
        (a, b): Route(
            distances.get((a, b), Decimal(30)), Decimal(0), Decimal(a < b), (a, b), (), ""
        )
        for a in NUMBERS
        for b in NUMBERS
        if a != b
    }
    params = TravelParams(STATE_MILEAGE_NOK_PER_KM, {"barnevern": trips}, 2024, 3)
    cost = service_transition_cost(
        "barnevern", host, NUMBERS, baselines, municipalities, routes, policy, params,
        joint_fte=joint_fte,
    )  # fmt: skip
    total = cost.total_nok
    assert total == sum((line.amount_nok for line in cost.lines), Decimal(0))
    for breakdown in (cost.by_kind(), cost.by_municipality(), cost.by_year(), cost.by_service()):
        assert sum(breakdown.values(), Decimal(0)) == total
    keys = [(x.municipality, x.kind, x.year) for x in cost.lines]
    assert len(keys) == len(set(keys))
    for line in cost.lines:
        assert line.amount_nok == line.amount_nok.to_integral_value()
        assert line.amount_nok != 0
        assert line.municipality != host
        if line.kind is not CostKind.EMPLOYER_TAX:
            assert line.amount_nok > 0
        if line.kind in (CostKind.SERVICE_TRAVEL, CostKind.EMPLOYER_TAX):
            assert 1 <= line.year <= 3
        if line.kind is not CostKind.SERVICE_TRAVEL:
            assert line.municipality in baselines
