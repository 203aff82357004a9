"""Cost keys in exact NOK: shares, whole-krone split, a konto, settlement and exit cost."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.domain.costs.akonto import akonto_plan, settlement
from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.costs.keys import (
    check_population_date,
    largest_remainder,
    separate_pass_through,
    shares_by_key,
    split_cost,
)
from coop.domain.costs.partner_exit import Investment, exit_cost
from coop.domain.errors import InvalidData

GRATANGEN, LAVANGEN, SALANGEN, IBESTAD = "5414", "5415", "5417", "5413"
MEMBERS = (GRATANGEN, LAVANGEN, SALANGEN)
POPULATION = {GRATANGEN: 1000, LAVANGEN: 1000, SALANGEN: 2000}  # round numbers, easy by hand
JAN_2024 = date(2024, 1, 1)


def mixed_key(equal: str = "0.3", overhead: str = "0") -> CostKey:
    """Like eKommune Sunnmøre: X % split equally, the rest by population at 1.1."""
    rest = Decimal(1) - Decimal(equal)
    return CostKey(
        "30/70",
        (
            KeyComponent(KeyKind.EQUAL, Decimal(equal)),
            KeyComponent(KeyKind.POPULATION, rest),
        ),
        population_date=JAN_2024,
        host_overhead_pct=Decimal(overhead),
    )


def test_thirty_percent_equal_seventy_by_population_matches_the_hand_calculation() -> None:
    # 0.3/3 + 0.7 · 1000/4000 = 0.275 for Gratangen and Lavangen; 0.1 + 0.35 = 0.45 for Salangen.
    shares = shares_by_key(mixed_key(), MEMBERS, POPULATION)
    assert shares == {
        GRATANGEN: Decimal("0.275"),
        LAVANGEN: Decimal("0.275"),
        SALANGEN: Decimal("0.45"),
    }


def test_thirds_are_rounded_to_twelve_decimals_and_still_sum_to_one() -> None:
    key = CostKey("likt", (KeyComponent(KeyKind.EQUAL, Decimal(1)),))
    shares = shares_by_key(key, MEMBERS, {})
    assert sum(shares.values()) == Decimal(1)
    assert sorted(shares.values()) == [Decimal("0.333333333333")] * 2 + [Decimal("0.333333333334")]


def test_a_target_group_key_counts_children_not_all_residents() -> None:
    key = CostKey(
        "barn",
        (KeyComponent(KeyKind.POPULATION, Decimal(1), metric="0-22 år"),),
        population_date=JAN_2024,
    )
    children = {GRATANGEN: 100, LAVANGEN: 300, SALANGEN: 600}
    shares = shares_by_key(key, MEMBERS, POPULATION, target_group=children)
    assert shares[SALANGEN] == Decimal("0.6")
    with pytest.raises(InvalidData, match="målgruppen «0-22 år».*mangler"):
        shares_by_key(key, MEMBERS, POPULATION)


def test_a_usage_key_counts_cases_and_names_missing_data() -> None:
    key = CostKey("saker", (KeyComponent(KeyKind.USAGE, Decimal(1), metric="saker"),))
    usage = {"saker": {GRATANGEN: Decimal(10), LAVANGEN: Decimal(30), SALANGEN: Decimal(60)}}
    assert shares_by_key(key, MEMBERS, {}, usage)[LAVANGEN] == Decimal("0.3")
    with pytest.raises(InvalidData, match="Bruksdata «saker» mangler for kommune 5417"):
        shares_by_key(key, MEMBERS, {}, {"saker": {GRATANGEN: Decimal(1), LAVANGEN: Decimal(1)}})


NAMES = {GRATANGEN: "Gratangen", LAVANGEN: "Lavangen", SALANGEN: "Salangen", IBESTAD: "Ibestad"}


def test_errors_name_the_municipality_when_names_are_given() -> None:
    saker = CostKey("saker", (KeyComponent(KeyKind.USAGE, Decimal(1), metric="saker"),))
    some = {"saker": {GRATANGEN: Decimal(1), LAVANGEN: Decimal(-1)}}
    with pytest.raises(InvalidData) as missing:
        shares_by_key(saker, MEMBERS, {}, some, names=NAMES)
    assert missing.value.message == "Bruksdata «saker» mangler for Salangen («saker»)."
    some["saker"][SALANGEN] = Decimal(1)
    with pytest.raises(InvalidData) as negative:
        shares_by_key(saker, MEMBERS, {}, some, names=NAMES)
    assert negative.value.message == "Bruksdata «saker» er negativt for Lavangen."
    with pytest.raises(InvalidData) as outside:
        split_cost(Decimal(1), mixed_key(), MEMBERS, SALANGEN, POPULATION,
                   direct={IBESTAD: Decimal(1)}, names=NAMES)  # fmt: skip
    assert outside.value.message == "Direkte belastning for Ibestad utenfor samarbeidet."
    split = split_cost(Decimal(900), mixed_key(), MEMBERS, SALANGEN, POPULATION, names=NAMES)
    with pytest.raises(InvalidData) as not_in:
        split.line(IBESTAD)
    assert not_in.value.message == "Ibestad er ikke med i fordelingen «30/70»."
    with pytest.raises(InvalidData) as unpaid:
        settlement(split, Decimal(900), paid={GRATANGEN: Decimal(1)})
    assert unpaid.value.message == "Innbetalt a konto mangler for Lavangen, Salangen."


def test_fixed_percentages_must_name_exactly_the_members() -> None:
    fixed = {GRATANGEN: Decimal("0.2"), LAVANGEN: Decimal("0.3"), SALANGEN: Decimal("0.5")}
    key = CostKey("fast", (KeyComponent(KeyKind.FIXED, Decimal(1), fixed_shares=fixed),))
    assert shares_by_key(key, MEMBERS, {}) == fixed
    with pytest.raises(InvalidData, match="5413"):
        shares_by_key(key, (*MEMBERS, IBESTAD), {})


def test_missing_population_names_the_municipality_and_the_date() -> None:
    with pytest.raises(InvalidData, match="Folketall per 01.01.2024 mangler for kommune 5417"):
        shares_by_key(mixed_key(), MEMBERS, {GRATANGEN: 1, LAVANGEN: 1})


def test_population_must_be_counted_at_new_year_of_the_budget_year_or_the_year_before() -> None:
    check_population_date(mixed_key(), 2024)
    check_population_date(mixed_key(), 2025)
    with pytest.raises(InvalidData, match="1.1.2026 eller 1.1.2025"):
        check_population_date(mixed_key(), 2026)


def test_largest_remainder_gives_leftover_kroner_to_the_largest_remainders() -> None:
    amounts = {"a": Decimal("10.4"), "b": Decimal("10.7"), "c": Decimal("9.9")}
    assert largest_remainder(amounts, 31) == {"a": 10, "b": 11, "c": 10}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=8),
    st.integers(0, 10**9),
)
def test_whole_krone_split_sums_exactly_and_is_never_negative(
    weights: list[int], total: int
) -> None:
    if sum(weights) == 0:
        weights = [1] * len(weights)
    exact = {str(i): Fraction(total * w, sum(weights)) for i, w in enumerate(weights)}
    rounded = largest_remainder(exact, total)
    assert sum(rounded.values()) == total
    assert all(v >= 0 and abs(Fraction(v) - exact[k]) < 1 for k, v in rounded.items())


def test_split_with_overhead_pass_through_and_subsidy_adds_up_to_the_krone() -> None:
    direct = {LAVANGEN: Decimal("125000.40")}  # barnevern measures for a Lavangen child
    split = split_cost(
        Decimal("1000000.49"),
        mixed_key(overhead="5"),
        MEMBERS,
        SALANGEN,
        POPULATION,
        direct=direct,
        host_subsidy_nok=Decimal(40000),
        budget_year=2024,
    )
    lines = {line.member: line for line in split.lines}
    assert split.shared_nok == Decimal(1000000)
    assert lines[GRATANGEN].key_nok == Decimal(275000)
    assert lines[GRATANGEN].overhead_nok == Decimal(13750)  # 5 % of its 275 000
    assert lines[LAVANGEN].direct_nok == Decimal(125000)
    assert lines[SALANGEN].host_subsidy_nok == Decimal(40000)
    assert sum(li.key_nok for li in split.lines) == Decimal(1000000)
    assert sum(li.overhead_nok for li in split.lines) == Decimal(50000)
    assert split.total_nok == Decimal(1000000 + 50000 + 125000 + 40000)
    assert "27\u00a0500\u00a0kr fra samarbeidskommunene" in split.overhead_note


def test_a_host_charging_no_overhead_is_shown_as_a_subsidy() -> None:
    split = split_cost(Decimal(900), mixed_key(), MEMBERS, SALANGEN, POPULATION)
    assert "skjult subsidie" in split.overhead_note
    carried = split_cost(
        Decimal(900), mixed_key(), MEMBERS, SALANGEN, POPULATION, host_subsidy_nok=Decimal(400)
    )
    assert "dekker 400\u00a0kr alene" in carried.overhead_note


@settings(max_examples=40, deadline=None)
@given(
    st.decimals(0, 10**8, places=2),
    st.lists(st.integers(1, 50000), min_size=4, max_size=4),
    st.sampled_from(["0", "0.3", "0.5"]),
)
def test_every_split_sums_exactly_to_the_total_in_whole_kroner(
    total: Decimal, population: list[int], equal: str
) -> None:
    members = (GRATANGEN, LAVANGEN, SALANGEN, IBESTAD)
    key = mixed_key(equal) if equal != "0" else mixed_key("0.5")
    split = split_cost(total, key, members, SALANGEN, dict(zip(members, population, strict=True)))
    assert sum(line.key_nok for line in split.lines) == split.shared_nok
    assert all(
        line.total_nok >= 0 and line.total_nok == int(line.total_nok) for line in split.lines
    )


def test_bad_split_inputs_are_refused_with_a_reason() -> None:
    key = mixed_key()
    with pytest.raises(InvalidData, match="Vertskommunen 5413"):
        split_cost(Decimal(1), key, MEMBERS, IBESTAD, POPULATION)
    with pytest.raises(InvalidData, match="negativ"):
        split_cost(Decimal(-1), key, MEMBERS, SALANGEN, POPULATION)
    with pytest.raises(InvalidData, match="kommune 5413 utenfor samarbeidet"):
        split_cost(Decimal(1), key, MEMBERS, SALANGEN, POPULATION, direct={IBESTAD: Decimal(1)})


def test_pass_through_keeps_functions_251_and_252_with_the_home_municipality() -> None:
    lines = [
        (SALANGEN, "244", Decimal(800000)),
        (LAVANGEN, "251", Decimal(50000)),
        (LAVANGEN, "252", Decimal(300000)),
        (GRATANGEN, "244", Decimal(100000)),
    ]
    shared, direct = separate_pass_through(lines)
    assert shared == Decimal(900000)
    assert direct == {LAVANGEN: Decimal(350000)}


def test_quarterly_a_konto_invoices_sum_exactly_and_skip_the_host() -> None:
    split = split_cost(Decimal(1000006), mixed_key(), MEMBERS, SALANGEN, POPULATION)
    plan = akonto_plan(split, "quarterly", 2024)
    gratangen = [i for i in plan if i.member == GRATANGEN]
    assert [i.due for i in gratangen] == [date(2024, m, 20) for m in (1, 4, 7, 10)]
    assert sum(i.amount_nok for i in gratangen) == split.line(GRATANGEN).total_nok
    assert max(i.amount_nok for i in gratangen) - min(i.amount_nok for i in gratangen) <= 1
    assert {i.member for i in plan} == {GRATANGEN, LAVANGEN}
    assert len(akonto_plan(split, "monthly", 2024, include_host=True)) == 36
    assert len(akonto_plan(split, "half-yearly", 2024)) == 4


def test_year_end_settlement_invoices_or_credits_the_difference() -> None:
    budget = split_cost(Decimal(1000000), mixed_key(), MEMBERS, SALANGEN, POPULATION)
    lines = {li.member: li for li in settlement(budget, Decimal(1100000))}
    assert lines[GRATANGEN].balance_nok == Decimal(27500)  # 27.5 % of the 100 000 overrun
    under = {li.member: li for li in settlement(budget, Decimal(900000))}
    assert under[SALANGEN].balance_nok == Decimal(-45000)
    assert sum(li.balance_nok for li in under.values()) == Decimal(-100000)


def test_settlement_with_actual_usage_and_what_was_really_paid() -> None:
    key = CostKey("saker", (KeyComponent(KeyKind.USAGE, Decimal(1), metric="saker"),))
    planned = {"saker": {GRATANGEN: Decimal(1), LAVANGEN: Decimal(1), SALANGEN: Decimal(2)}}
    actual = {"saker": {GRATANGEN: Decimal(2), LAVANGEN: Decimal(1), SALANGEN: Decimal(1)}}
    budget = split_cost(Decimal(400), key, MEMBERS, SALANGEN, {}, planned)
    paid = {GRATANGEN: Decimal(100), LAVANGEN: Decimal(50), SALANGEN: Decimal(200)}
    lines = {li.member: li for li in settlement(budget, Decimal(400), usage=actual, paid=paid)}
    assert [lines[m].balance_nok for m in MEMBERS] == [Decimal(100), Decimal(50), Decimal(-100)]


def test_a_leaving_partner_pays_a_year_of_running_share_and_its_part_of_investments() -> None:
    split = split_cost(Decimal(1200000), mixed_key(), MEMBERS, SALANGEN, POPULATION)
    server = Investment("Fagsystem", Decimal(600000), date(2023, 1, 1), life_years=5)
    cost = exit_cost(split, GRATANGEN, notice_given=date(2024, 1, 1), investments=[server])
    assert cost.exit_date == date(2025, 1, 1)
    assert cost.running_nok == Decimal(330000)  # 27.5 % of 1.2 MNOK for 12 months
    # Two of five years depreciated by 1.1.2025: book value 360 000, of which 27.5 %.
    assert cost.investments == (("Fagsystem", Decimal(360000), Decimal(99000)),)
    assert cost.total_nok == Decimal(429000)


def test_notice_given_mid_month_runs_from_the_next_month_and_can_end_at_new_year() -> None:
    split = split_cost(Decimal(1200000), mixed_key(), MEMBERS, SALANGEN, POPULATION)
    cost = exit_cost(split, LAVANGEN, notice_given=date(2024, 3, 15), notice_months=24)
    assert cost.exit_date == date(2026, 4, 1)
    assert cost.running_nok == Decimal(660000)
    at_new_year = exit_cost(split, LAVANGEN, date(2024, 3, 15), 24, end_on_new_year=True)
    assert at_new_year.exit_date == date(2027, 1, 1)
    with pytest.raises(InvalidData, match="5413 er ikke med"):
        exit_cost(split, IBESTAD, date(2024, 1, 1))
