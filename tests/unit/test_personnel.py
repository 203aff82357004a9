from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coop.domain.errors import InvalidData, InvalidPolicy, UnknownMunicipality
from coop.domain.model import Baseline, Municipality, Scenario, ServiceArrangement
from coop.domain.transition.personnel import (
    MissingRoute,
    scenario_transition_cost,
    service_transition_cost,
)
from coop.domain.transition.policy_model import PersonnelPolicy
from coop.domain.transition.staff_transfers import (
    Employee,
    baselines_by_service,
    staff_transfers,
    transfer_share,
)
from coop.domain.transition.transition_cost import CostKind, CostLine, TransitionCost
from coop.domain.transition.travel_grants import (
    AGDER_STEPS,
    KFO_DEMAND,
    SEED_2007,
    STATE_MILEAGE_NOK_PER_KM,
    TravelParams,
    travel_grant_nok,
)
from coop.domain.travel.links import LinkMode, parse_travel_links
from coop.domain.travel.network import Route, TravelNetwork

D = Decimal
ZERO = Decimal(0)
DEMO_LINKS = Path(__file__).resolve().parents[2] / "coop" / "demo" / "data" / "travel_links.csv"
SEED = ("5514", "5516", "5518", "5522")


def municipality(number: str, name: str, aga_pct: str | None = "5.1") -> Municipality:
    pct = D(aga_pct) if aga_pct is not None else None
    return Municipality(
        number, name, "Troms", 1000, date(2024, 1, 1), name, None, None, "", "4", pct
    )


MUNICIPALITIES = {
    m.number: m
    for m in (
        municipality("5514", "Ibestad"),
        municipality("5516", "Gratangen"),
        municipality("5518", "Lavangen"),
        municipality("5522", "Salangen"),
    )
}


def baseline(number: str, fte: str, headcount: int, pay: int, year: int = 2025) -> Baseline:
    return Baseline(
        number, "barnevern", year, D(fte), headcount, D(pay) * 2, D(pay), basis="anslag"
    )


# coop/demo/data/baselines.csv: barnevern 2025.
BARNEVERN = {
    "5516": baseline("5516", "1.2", 2, 984000),
    "5518": baseline("5518", "1.1", 2, 902000),
    "5522": baseline("5522", "2.2", 3, 1804000),
}


def routes() -> dict[tuple[str, str], Route]:
    links = parse_travel_links(DEMO_LINKS.read_text(encoding="utf-8"), DEMO_LINKS.name)
    return TravelNetwork.from_links(links).matrix(SEED)


def params(trips: int = 20, year: int = 2025, horizon: int = 2) -> TravelParams:
    return TravelParams(STATE_MILEAGE_NOK_PER_KM, {"barnevern": trips}, year, horizon)


def barnevern_cost(
    policy: PersonnelPolicy = SEED_2007,
    *,
    baselines: Mapping[str, Baseline] = BARNEVERN,
    municipalities: Mapping[str, Municipality] = MUNICIPALITIES,
    table: Mapping[tuple[str, str], Route] | None = None,
    travel: TravelParams | None = None,
    joint_fte: Decimal = ZERO,
    staff: Sequence[Employee] = (),
) -> TransitionCost:
    return service_transition_cost(
        "barnevern",
        "5522",
        ("5516", "5518", "5522"),
        baselines,
        municipalities,
        table if table is not None else routes(),
        policy,
        travel or params(),
        joint_fte=joint_fte,
        staff=staff,
    )


def amounts(cost: TransitionCost, kind: CostKind) -> dict[tuple[str, int], Decimal]:
    return {(x.municipality, x.year): x.amount_nok for x in cost.lines if x.kind is kind}


@pytest.mark.parametrize(
    ("policy", "km", "grant"),
    [
        # 2007: «over 40 km reiseveg pr dag», the day's travel = 2 × one way.
        (SEED_2007, "0", 15000),
        (SEED_2007, "20", 15000),  # 40 km a day is not over 40
        (SEED_2007, "20.01", 25000),
        (SEED_2007, "120", 25000),
        (KFO_DEMAND, "20", 15000),
        (KFO_DEMAND, "20.5", 45000),
        (AGDER_STEPS, "19.9", 0),
        (AGDER_STEPS, "20", 15000),
        (AGDER_STEPS, "34.9", 15000),
        (AGDER_STEPS, "35", 25000),
        (AGDER_STEPS, "45", 35000),
        (AGDER_STEPS, "54.9", 35000),
        (AGDER_STEPS, "55", 45000),
    ],
)
def test_grant_is_the_highest_band_the_commute_reaches(
    policy: PersonnelPolicy, km: str, grant: int
) -> None:
    assert travel_grant_nok(policy, D(km)) == grant


def test_grant_at_exactly_40_km_uses_upper_band_when_the_policy_says_from_40_km() -> None:
    from_40_one_way = replace(SEED_2007, one_way_km=True, threshold_inclusive=True)
    assert travel_grant_nok(from_40_one_way, D(40)) == 25000
    assert travel_grant_nok(from_40_one_way, D("39.99")) == 15000


def test_daily_distance_policy_doubles_the_one_way_km() -> None:
    daily_from_40 = replace(SEED_2007, threshold_inclusive=True)
    assert travel_grant_nok(daily_from_40, D(20)) == 25000
    assert travel_grant_nok(daily_from_40, D("19.99")) == 15000
    one_way = replace(SEED_2007, one_way_km=True)
    assert travel_grant_nok(one_way, D(30)) == 15000


def test_negative_distance_is_rejected() -> None:
    with pytest.raises(InvalidData, match="negativ"):
        travel_grant_nok(SEED_2007, D(-1))


def test_presets_hold_the_documented_terms() -> None:
    assert [(b.from_km, b.grant_nok) for b in SEED_2007.bands] == [(0, 15000), (40, 25000)]
    assert SEED_2007.transition_grant_nok == 25000
    assert [b.grant_nok for b in KFO_DEMAND.bands] == [15000, 45000]
    assert [b.from_km for b in AGDER_STEPS.bands] == [0, 20, 35, 45, 55]
    assert (AGDER_STEPS.grant_years, AGDER_STEPS.yearly) == (5, True)


def test_mileage_rate_follows_the_year_and_falls_back_to_the_latest_known() -> None:
    p = params(year=2024, horizon=4)
    assert [p.mileage_rate(y) for y in (1, 2, 3, 4)] == [D("4.90"), D("5.00"), D("5.30"), D("5.30")]
    with pytest.raises(InvalidPolicy, match="Mangler kilometersats for 2022"):
        params(year=2022).mileage_rate(1)


def test_seed_policy_breakdown_for_barnevern_in_salangen_by_hand() -> None:
    cost = barnevern_cost()
    # Per day there and back: Gratangen 2 × 55 = 110 km > 40 → 25 000 each (2 staff);
    # Lavangen 2 × 30 = 60 km > 40 → 25 000 each (2 staff).
    assert amounts(cost, CostKind.TRAVEL_GRANT) == {("5516", 1): 50000, ("5518", 1): 50000}
    # 2 staff × 10 % × 60 000 kr; 2 staff × 25 000 kr.
    assert amounts(cost, CostKind.RELOCATION) == {("5516", 0): 12000, ("5518", 0): 12000}
    assert amounts(cost, CostKind.TRANSITION_GRANT) == {("5516", 0): 50000, ("5518", 0): 50000}
    # 20 round trips × 2 × km × 5,00 kr (2025) and 5,30 kr (2026).
    assert amounts(cost, CostKind.SERVICE_TRAVEL) == {
        ("5516", 1): 11000,
        ("5516", 2): 11660,
        ("5518", 1): 6000,
        ("5518", 2): 6360,
    }
    assert amounts(cost, CostKind.EMPLOYER_TAX) == {}  # all in zone 4
    # 100 000 + 24 000 + 100 000 + 35 020
    assert cost.total_nok == 259020
    assert cost.by_kind() == {
        CostKind.TRAVEL_GRANT: 100000,
        CostKind.RELOCATION: 24000,
        CostKind.TRANSITION_GRANT: 100000,
        CostKind.SERVICE_TRAVEL: 35020,
        CostKind.EMPLOYER_TAX: 0,
    }
    # Gratangen 50 000 + 12 000 + 50 000 + 11 000 + 11 660; Lavangen 50 000 + 12 000 + 50 000
    # + 6 000 + 6 360. Year 0: relocation and transition; 1: grants + travel; 2: travel.
    assert cost.by_municipality() == {"5516": 134660, "5518": 124360}
    assert cost.by_year() == {0: 124000, 1: 117000, 2: 18020}
    assert cost.by_service() == {"barnevern": 259020}
    assert cost.notes == ()


def test_host_staff_do_not_move_and_get_no_grant() -> None:
    assert "5522" not in barnevern_cost().by_municipality()


def test_lines_carry_the_basis_of_routes_and_baselines() -> None:
    (line,) = [x for x in barnevern_cost().lines if x.kind is CostKind.TRAVEL_GRANT][:1]
    assert line.basis == "anslag"


def test_kfo_demand_raises_the_upper_band_both_partners_reach() -> None:
    grants = amounts(barnevern_cost(KFO_DEMAND), CostKind.TRAVEL_GRANT)
    assert grants == {("5516", 1): 90000, ("5518", 1): 90000}  # 2 staff × 45 000 each
    lower = amounts(barnevern_cost(replace(KFO_DEMAND, one_way_km=True)), CostKind.TRAVEL_GRANT)
    assert lower == {("5516", 1): 90000, ("5518", 1): 30000}  # Lavangen 30 km one way: 15 000


def test_daily_distance_moves_lavangen_into_the_upper_band() -> None:
    one_way = amounts(barnevern_cost(replace(SEED_2007, one_way_km=True)), CostKind.TRAVEL_GRANT)
    assert one_way == {("5516", 1): 50000, ("5518", 1): 30000}  # Lavangen 30 km: lower band
    grants = amounts(barnevern_cost(), CostKind.TRAVEL_GRANT)
    assert grants == {("5516", 1): 50000, ("5518", 1): 50000}  # 60 km a day: upper band


def test_yearly_grants_are_paid_for_every_grant_year() -> None:
    grants = amounts(barnevern_cost(AGDER_STEPS), CostKind.TRAVEL_GRANT)
    # Gratangen 55 km → 45 000; Lavangen 30 km → 15 000; two staff each, five years.
    assert grants == {
        **{("5516", y): D(90000) for y in range(1, 6)},
        **{("5518", y): D(30000) for y in range(1, 6)},
    }
    assert amounts(barnevern_cost(AGDER_STEPS), CostKind.TRANSITION_GRANT) == {}


def test_a_one_off_grant_is_paid_once_in_year_zero() -> None:
    once = replace(SEED_2007, yearly=False, grant_years=3)
    assert amounts(barnevern_cost(once), CostKind.TRAVEL_GRANT) == {
        ("5516", 0): 50000,
        ("5518", 0): 50000,
    }


def test_employer_tax_follows_the_host_zone() -> None:
    # Host in zone 3 (6,4 %), partner in zone 4 (5,1 %): pay incl. tax 1 051 000 kr
    # = 1 000 000 × 1,051, so the host's zone adds 1 000 000 × 1,3 % = 13 000 kr a year.
    munis = {**MUNICIPALITIES, "5522": municipality("5522", "Salangen", "6.4")}
    base = {**BARNEVERN, "5516": baseline("5516", "1.2", 2, 1051000)}
    cost = barnevern_cost(municipalities=munis, baselines=base)
    tax = amounts(cost, CostKind.EMPLOYER_TAX)
    assert tax[("5516", 1)] == tax[("5516", 2)] == 13000
    assert tax[("5518", 1)] == D(902000 * D("1.3") / D("105.1")).quantize(D(1))


def test_a_host_in_a_lower_zone_saves_employer_tax() -> None:
    munis = {**MUNICIPALITIES, "5516": municipality("5516", "Gratangen", "6.4")}
    base = {**BARNEVERN, "5516": baseline("5516", "1.2", 2, 1064000)}
    tax = amounts(barnevern_cost(municipalities=munis, baselines=base), CostKind.EMPLOYER_TAX)
    assert tax == {("5516", 1): -13000, ("5516", 2): -13000}


def test_missing_employer_tax_rate_is_noted_not_guessed() -> None:
    munis = {**MUNICIPALITIES, "5522": municipality("5522", "Salangen", None)}
    cost = barnevern_cost(municipalities=munis)
    assert cost.by_kind()[CostKind.EMPLOYER_TAX] == 0
    assert any("Gratangen (5516)" in n and "arbeidsgiveravgift" in n for n in cost.notes)


def test_listed_staff_commute_from_their_own_home_municipality() -> None:
    staff = [
        Employee("barnevern", "5516", D("0.6"), home="5522"),  # lives in the host: 0 km
        Employee("barnevern", "5516", D("0.6"), home="5514"),  # Hamnvik → Sjøvegan 45 km
    ]
    grants = amounts(barnevern_cost(staff=staff), CostKind.TRAVEL_GRANT)
    # 0 km a day → 15 000; 90 km a day → 25 000; Lavangen's 2 staff 60 km a day → 25 000 each
    assert grants == {("5516", 1): 15000 + 25000, ("5518", 1): 50000}


def test_only_part_of_the_staff_moves_when_the_joint_service_is_smaller() -> None:
    # Joint 3,0 FTE of 4,5 before: every municipality moves 2/3 of its staff.
    cost = barnevern_cost(joint_fte=D(3))
    assert amounts(cost, CostKind.TRANSITION_GRANT) == {("5516", 0): 33333, ("5518", 0): 33333}


def test_transfer_share_is_joint_over_baseline_fte_capped_at_one() -> None:
    two = [baseline("5516", "2", 2, 1), baseline("5518", "2", 2, 1)]
    assert transfer_share(D(3), two) == D("0.75")
    assert transfer_share(D(5), two) == 1
    assert transfer_share(D(0), two) == 1


def test_staff_transfers_mark_who_moves() -> None:
    transfers = staff_transfers("barnevern", "5522", ("5516", "5518", "5522"), BARNEVERN)
    assert [(t.municipality, t.moves, t.fte) for t in transfers] == [
        ("5516", True, D("1.2")),
        ("5518", True, D("1.1")),
        ("5522", False, D("2.2")),
    ]


def test_partner_without_baseline_gets_a_note_and_still_service_travel() -> None:
    base = {k: v for k, v in BARNEVERN.items() if k != "5518"}
    cost = barnevern_cost(baselines=base)
    assert set(amounts(cost, CostKind.TRANSITION_GRANT)) == {("5516", 0)}
    assert ("5518", 1) in amounts(cost, CostKind.SERVICE_TRAVEL)
    assert cost.notes == (
        "Lavangen (5518), «barnevern»: mangler årsverk og ansatte, så personalkostnader er "
        "ikke beregnet.",
    )


def test_service_travel_pays_ferry_fares_on_every_leg() -> None:
    ferry = Route(D(23), D(62), D(120), ("5522", "q", "5516"), (LinkMode.FERRY,), "anslag")
    table = {**routes(), ("5522", "5516"): ferry}
    cost = barnevern_cost(table=table, travel=params(trips=10, horizon=1))
    # 10 round trips × 2 legs × (23 km × 5,00 kr + 120 kr).
    assert amounts(cost, CostKind.SERVICE_TRAVEL)[("5516", 1)] == 4700


def test_one_way_trips_are_counted_once() -> None:
    p = TravelParams(STATE_MILEAGE_NOK_PER_KM, {"barnevern": 20}, 2025, 1, round_trip=False)
    assert amounts(barnevern_cost(travel=p), CostKind.SERVICE_TRAVEL)[("5516", 1)] == 5500


def test_a_missing_route_names_both_municipalities() -> None:
    table = {k: v for k, v in routes().items() if k != ("5516", "5522")}
    with pytest.raises(MissingRoute, match=r"fra Gratangen \(5516\) til Salangen \(5522\)"):
        barnevern_cost(table=table)


def test_an_unknown_host_municipality_is_reported() -> None:
    munis = {k: v for k, v in MUNICIPALITIES.items() if k != "5522"}
    with pytest.raises(UnknownMunicipality):
        barnevern_cost(municipalities=munis)


def test_travel_params_reject_negative_trips() -> None:
    with pytest.raises(InvalidData, match="tjenestereiser"):
        TravelParams(STATE_MILEAGE_NOK_PER_KM, {"barnevern": -1}, 2025)


def test_cost_line_year_cannot_be_negative() -> None:
    with pytest.raises(InvalidData):
        CostLine("barnevern", "5516", CostKind.RELOCATION, -1, D(1))


def test_baselines_nearest_the_budget_year_are_used() -> None:
    old, new = baseline("5516", "1", 1, 1, 2023), baseline("5516", "2", 2, 1, 2025)
    assert baselines_by_service([new, old], 2024)["barnevern"]["5516"] is old
    assert baselines_by_service([old, new])["barnevern"]["5516"] is new
    assert baselines_by_service([new], 2024)["barnevern"]["5516"] is new


def test_scenario_cost_sums_every_arrangement() -> None:
    ikt = ServiceArrangement("ikt-drift", "5522", frozenset(SEED), joint_fte=D("2.5"))
    barnevern = ServiceArrangement("barnevern", "5522", frozenset(BARNEVERN), joint_fte=D("4.5"))
    scenario = Scenario("astafjord-2007", "Ordførergruppas forslag 2007", (ikt, barnevern))
    ikt_base = Baseline("5514", "ikt-drift", 2025, D("0.5"), 1, D(610000), D(410000))
    cost = scenario_transition_cost(
        scenario, [*BARNEVERN.values(), ikt_base], MUNICIPALITIES, routes(), SEED_2007, params()
    )
    assert cost.by_service() == {"barnevern": 259020, "ikt-drift": D(25000 + 6000 + 25000)}
    assert cost.total_nok == 259020 + 56000
    assert len(cost.notes) == 2  # Gratangen and Lavangen have no IKT baseline


def test_breakdown_lists_who_moves_with_headcount_and_fte() -> None:
    moved = [(t.municipality, t.headcount, t.fte) for t in barnevern_cost().transfers]
    assert moved == [("5516", 2, D("1.2")), ("5518", 2, D("1.1"))]
    listed = barnevern_cost(staff=[Employee("barnevern", "5516", D("0.5"), home="5514")])
    assert [(t.municipality, t.headcount, t.fte) for t in listed.transfers][0] == (
        "5516",
        1,
        D("0.5"),
    )
