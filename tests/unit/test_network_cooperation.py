from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.domain.model import Baseline, Scenario, ServiceArrangement
from coop.domain.transition.personnel import MissingRoute
from coop.domain.travel.cooperation import cooperation_flows, cooperation_graph, job_balance
from coop.domain.travel.links import parse_travel_links
from coop.domain.travel.network import Route, TravelNetwork

D = Decimal
DEMO_LINKS = Path(__file__).resolve().parents[2] / "coop" / "demo" / "data" / "travel_links.csv"
SEED = ("5514", "5516", "5518", "5522")


def baseline(number: str, service: str, fte: str, headcount: int = 1) -> Baseline:
    return Baseline(number, service, 2025, D(fte), headcount, D(900000), D(800000))


BASELINES = [
    baseline("5516", "barnevern", "1.2", 2),
    baseline("5518", "barnevern", "1.1", 2),
    baseline("5522", "barnevern", "2.2", 3),
    baseline("5514", "ikt-drift", "0.5"),
    baseline("5516", "regnskap-lonn", "1.0"),
    baseline("5518", "regnskap-lonn", "1.5"),
    baseline("5522", "regnskap-lonn", "1.5"),
]
SCENARIO = Scenario(
    "astafjord-2007",
    "Ordførergruppas forslag 2007",
    (
        ServiceArrangement("barnevern", "5522", frozenset(SEED[1:]), joint_fte=D("4.5")),
        ServiceArrangement("ikt-drift", "5522", frozenset(SEED), joint_fte=D("2.5")),
        ServiceArrangement("regnskap-lonn", "5518", frozenset(SEED[1:]), joint_fte=D(3)),
    ),
)


def routes() -> dict[tuple[str, str], Route]:
    links = parse_travel_links(DEMO_LINKS.read_text(encoding="utf-8"), DEMO_LINKS.name)
    return TravelNetwork.from_links(links).matrix(SEED)


def test_cooperation_graph_has_one_edge_per_service_from_host_to_partner() -> None:
    graph = cooperation_graph(SCENARIO, BASELINES)
    assert sorted(graph.edges(keys=True)) == [
        ("5518", "5516", "regnskap-lonn"),
        ("5518", "5522", "regnskap-lonn"),
        ("5522", "5514", "ikt-drift"),
        ("5522", "5516", "barnevern"),
        ("5522", "5516", "ikt-drift"),
        ("5522", "5518", "barnevern"),
        ("5522", "5518", "ikt-drift"),
    ]
    assert graph.edges["5522", "5516", "barnevern"]["fte"] == D("1.2")
    assert graph.edges["5522", "5516", "barnevern"]["headcount"] == 2
    assert graph.edges["5522", "5516", "ikt-drift"]["known"] is False
    # Regnskap/lønn keeps 3 of 4 FTE: every municipality moves 75 % of its staff.
    assert graph.edges["5518", "5522", "regnskap-lonn"]["fte"] == D("1.125")
    assert graph.nodes["5522"]["hosted"] == ("barnevern", "ikt-drift")
    assert graph.nodes["5522"]["hosted_fte"] == 7
    assert graph.nodes["5514"]["hosted"] == ()


def test_flows_list_only_partners_that_move_staff() -> None:
    flows = cooperation_flows(SCENARIO, BASELINES)
    assert [(f.service, f.municipality, f.fte) for f in flows] == [
        ("barnevern", "5516", D("1.2")),
        ("barnevern", "5518", D("1.1")),
        ("ikt-drift", "5514", D("0.5")),
        ("regnskap-lonn", "5516", D("0.75")),
        ("regnskap-lonn", "5522", D("1.125")),
    ]


def test_job_balance_by_hand() -> None:
    balances = {b.number: b for b in job_balance(SCENARIO, BASELINES, routes())}
    salangen, lavangen = balances["5522"], balances["5518"]
    gratangen, ibestad = balances["5516"], balances["5514"]
    # Salangen: barnevern 4,5 − own 2,2, IKT 2,5 − own 0 (unknown); moves 1,125 to Lavangen.
    assert (salangen.fte_gained, salangen.fte_lost) == (D("4.8"), D("1.125"))
    assert salangen.net_fte == D("3.675")
    assert salangen.services_hosted == ("barnevern", "ikt-drift")
    assert salangen.joint_fte_share == D("0.7")
    assert (lavangen.fte_gained, lavangen.fte_lost, lavangen.joint_fte_share) == (
        D("1.875"),
        D("1.1"),
        D("0.3"),
    )
    assert (gratangen.fte_gained, gratangen.fte_lost) == (0, D("1.95"))
    assert (ibestad.net_fte, ibestad.services_hosted, ibestad.joint_fte_share) == (D("-0.5"), (), 0)


def test_job_balance_reports_longest_commute_and_service_travel() -> None:
    balances = {b.number: b for b in job_balance(SCENARIO, BASELINES, routes())}
    commute = balances["5516"].longest_commute
    assert commute is not None
    assert (commute.path[-1], commute.km, commute.minutes) == ("5522", 55, 50)
    ibestad = balances["5514"].longest_commute
    assert ibestad is not None
    assert (ibestad.km, ibestad.minutes) == (45, 45)
    travel = balances["5522"].longest_service_travel
    assert travel is not None
    assert (travel.path[-1], travel.minutes) == ("5516", 50)
    assert balances["5516"].longest_service_travel is None


def test_job_balance_flags_services_without_a_baseline() -> None:
    balances = {b.number: b for b in job_balance(SCENARIO, BASELINES, routes())}
    assert balances["5516"].missing_baselines == ("ikt-drift",)
    assert balances["5514"].missing_baselines == ()


def test_net_jobs_sum_to_the_new_posts() -> None:
    # Only IKT adds posts: 2,5 joint FTE against 0,5 known before.
    total = sum((b.net_fte for b in job_balance(SCENARIO, BASELINES, routes())), D(0))
    assert total == 2


def test_job_balance_needs_every_route() -> None:
    table = {k: v for k, v in routes().items() if k != ("5522", "5514")}
    with pytest.raises(MissingRoute, match="5522"):
        job_balance(SCENARIO, BASELINES, table)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(SEED),
    st.dictionaries(st.sampled_from(SEED), st.decimals(min_value=0, max_value=5, places=1)),
    st.decimals(min_value=0, max_value=12, places=1),
)
def test_jobs_gained_equal_jobs_lost_plus_new_posts(
    host: str, ftes: dict[str, Decimal], joint_fte: Decimal
) -> None:
    base = [baseline(m, "barnevern", str(fte)) for m, fte in ftes.items()]
    scenario = Scenario(
        "p", "s", (ServiceArrangement("barnevern", host, frozenset(SEED), joint_fte=joint_fte),)
    )
    balances = job_balance(scenario, base, routes())
    before = sum(ftes.values(), D(0))
    joint = joint_fte if joint_fte > 0 else before
    assert sum((b.net_fte for b in balances), D(0)) == joint - min(before, joint)
    assert sum((b.joint_fte_share for b in balances), D(0)) in (0, 1)
    assert all(b.fte_gained >= 0 and b.fte_lost >= 0 for b in balances)
