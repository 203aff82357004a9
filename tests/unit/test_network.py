import csv
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coop.domain.errors import InvalidData
from coop.domain.model import Municipality
from coop.domain.travel.links import (
    IBESTAD_TUNNEL,
    InvalidTravelLinks,
    LinkMode,
    TravelLink,
    format_travel_links,
    parse_travel_links,
)
from coop.domain.travel.network import NoRoute, TravelNetwork, estimated_network, great_circle_km

ROOT = Path(__file__).resolve().parents[2]
DEMO_LINKS = ROOT / "coop" / "demo" / "data" / "travel_links.csv"
SHARED_DISTANCES = ROOT.parent / "shared" / "data" / "seed_distances_estimate.csv"
D = Decimal

# domain.md § 5.2: estimated road km and minutes between the seed centres.
ESTIMATED = [
    ("5516", "5518", 30, 30),
    ("5516", "5522", 55, 50),
    ("5516", "5514", 80, 80),
    ("5518", "5522", 30, 30),
    ("5518", "5514", 50, 50),
    ("5522", "5514", 45, 45),
    ("3430", "5025", 15, 15),
    ("5025", "5026", 38, 35),
    ("3430", "5026", 53, 50),
]
CENTRES = {
    "Årstein (Gratangen)": "5516",
    "Tennevoll (Lavangen)": "5518",
    "Sjøvegan (Salangen)": "5522",
    "Hamnvik (Ibestad)": "5514",
    "Os": "3430",
    "Røros": "5025",
    "Ålen (Holtålen)": "5026",
}


def municipality(number: str, name: str, lat: float | None, lon: float | None) -> Municipality:
    return Municipality(number, name, "Troms", 1000, date(2024, 1, 1), name, lat, lon)


GRATANGEN = municipality("5516", "Gratangen", 68.694, 17.531)
LAVANGEN = municipality("5518", "Lavangen", 68.752, 17.789)
SALANGEN = municipality("5522", "Salangen", 68.8744, 17.8431)
IBESTAD = municipality("5514", "Ibestad", 68.782, 17.175)


def demo_links() -> tuple[TravelLink, ...]:
    return parse_travel_links(DEMO_LINKS.read_text(encoding="utf-8"), DEMO_LINKS.name)


def demo_network(delays: Mapping[str, Decimal] | None = None) -> TravelNetwork:
    return TravelNetwork.from_links(demo_links(), delays)


def link(
    a: str, b: str, km: int, minutes: int, mode: LinkMode = LinkMode.ROAD, **extra: Decimal
) -> TravelLink:
    return TravelLink(a, b, D(km), D(minutes), mode, **extra)


@pytest.mark.parametrize(("a", "b", "km", "minutes"), ESTIMATED)
def test_demo_network_reproduces_the_estimated_road_figures_both_ways(
    a: str, b: str, km: int, minutes: int
) -> None:
    network = demo_network()
    for origin, destination in ((a, b), (b, a)):
        by_minutes = network.route(origin, destination)
        by_km = network.route(origin, destination, by="km")
        assert (by_minutes.km, by_minutes.minutes) == (km, minutes)
        assert (by_km.km, by_km.minutes) == (km, minutes)
        assert by_minutes.basis == "anslag"
        assert by_minutes.is_estimate


def test_demo_network_matches_the_shared_estimate_file() -> None:
    if not SHARED_DISTANCES.exists():
        pytest.skip(f"{SHARED_DISTANCES} finnes ikke")
    network = demo_network()
    with SHARED_DISTANCES.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert len(rows) == 9
    for row in rows:
        route = network.route(CENTRES[row["fra"]], CENTRES[row["til"]])
        assert route.km == D(row["vei_km_estimat"])
        assert route.minutes == D(row["kjoretid_min_estimat"])


def test_demo_file_marks_every_link_as_an_estimate() -> None:
    assert {k.basis for k in demo_links()} == {"anslag"}


def test_ibestad_is_reached_over_bridge_and_tunnel_without_a_ferry() -> None:
    route = demo_network().route("5522", "5514")
    assert route.path == ("5522", "mjosundbrua-fastland", "andorja", "5514")
    assert route.modes == (LinkMode.ROAD, LinkMode.BRIDGE_TUNNEL, LinkMode.BRIDGE_TUNNEL)
    assert route.fare_nok == 0


def test_tunnel_delay_adds_minutes_both_ways_but_no_km() -> None:
    network = demo_network({IBESTAD_TUNNEL: D(15)})
    assert network.route("5522", "5514").minutes == 60
    assert network.route("5514", "5522").minutes == 60
    assert network.route("5522", "5514").km == 45
    assert network.route("5516", "5522").minutes == 50


def test_delay_key_may_name_the_link_in_either_direction() -> None:
    network = demo_network({"andorja/5514": D(10)})
    assert network.route("5518", "5514").minutes == 60


def test_delay_for_an_unknown_link_is_rejected() -> None:
    with pytest.raises(InvalidData, match="ukjent strekning: 5514/5516"):
        demo_network({"5516/5514": D(5)})


def ferry_network() -> TravelNetwork:
    """A – quay1 by road, a ferry to quay2, road to B; and a longer road round the fjord."""
    return TravelNetwork.from_links(
        [
            link("a", "quay1", 10, 12),
            link("quay1", "quay2", 5, 25, mode=LinkMode.FERRY, fare_nok=D(120), wait_min=D(15)),
            link("quay2", "b", 8, 10),
            link("a", "b", 60, 55),
        ]
    )


def test_ferry_route_counts_sailing_waiting_time_and_fare() -> None:
    route = ferry_network().route("a", "b", by="km")
    assert route.path == ("a", "quay1", "quay2", "b")
    assert route.km == 23
    assert route.minutes == 12 + 25 + 15 + 10
    assert route.fare_nok == 120
    assert route.modes == (LinkMode.ROAD, LinkMode.FERRY, LinkMode.ROAD)


def test_fastest_route_avoids_the_ferry_when_waiting_makes_it_slower() -> None:
    route = ferry_network().route("b", "a")
    assert route.path == ("b", "a")
    assert (route.km, route.minutes, route.fare_nok) == (60, 55, 0)


def test_disconnected_municipalities_raise_no_route_naming_both() -> None:
    network = TravelNetwork.from_links(
        [link("5516", "5518", 30, 30), link("3430", "5025", 15, 15)],
        names={"5516": "Gratangen", "5025": "Røros"},
    )
    with pytest.raises(NoRoute) as caught:
        network.route("5516", "5025")
    assert caught.value.origin == "5516"
    assert caught.value.destination == "5025"
    assert "Gratangen (5516)" in caught.value.message
    assert "Røros (5025)" in caught.value.message


def test_a_place_without_links_raises_no_route() -> None:
    with pytest.raises(NoRoute, match="5599"):
        demo_network().route("5599", "5516")


def test_route_to_the_same_place_is_zero() -> None:
    route = demo_network().route("5522", "5522")
    assert (route.km, route.minutes, route.fare_nok, route.path) == (0, 0, 0, ("5522",))


def test_matrix_has_every_ordered_pair_including_the_diagonal() -> None:
    matrix = demo_network().matrix(["5516", "5518", "5522", "5514"])
    assert len(matrix) == 16
    assert matrix["5516", "5514"].km == 80
    assert matrix["5514", "5514"].km == 0


def test_matrix_raises_or_leaves_out_unconnected_pairs() -> None:
    network = demo_network()
    with pytest.raises(NoRoute):
        network.matrix(["5516", "5025"])
    matrix = network.matrix(["5516", "5025"], strict=False)
    assert set(matrix) == {("5516", "5516"), ("5025", "5025")}


def test_a_listed_reverse_link_holds_only_for_its_own_direction() -> None:
    network = TravelNetwork.from_links([link("x", "y", 10, 10), link("y", "x", 10, 14)])
    assert network.route("x", "y").minutes == 10
    assert network.route("y", "x").minutes == 14


def test_the_same_direction_twice_is_rejected() -> None:
    with pytest.raises(InvalidData, match="Strekningen x–y er oppgitt to ganger"):
        TravelNetwork.from_links([link("x", "y", 10, 10), link("x", "y", 12, 10)])


def test_a_link_with_negative_minutes_is_rejected() -> None:
    with pytest.raises(InvalidData, match="Reisetiden for strekningen x–y"):
        link("x", "y", 10, -1)


def test_an_unknown_metric_is_rejected() -> None:
    with pytest.raises(InvalidData, match="Ukjent mål"):
        demo_network().route("5516", "5522", by="hours")  # type: ignore[arg-type]


def test_graph_is_a_read_only_view_with_links_on_the_edges() -> None:
    graph = demo_network().graph
    assert graph.edges["5514", "andorja"]["link"].mode is LinkMode.BRIDGE_TUNNEL
    with pytest.raises(Exception, match="Frozen"):
        graph.add_edge("p", "q")


HEADER = "from;to;km;minutes;mode;fare_nok;wait_min;basis\n"


def test_parse_accepts_bom_decimal_comma_blank_lines_and_optional_columns() -> None:
    text = "\ufefffrom;to;km;minutes;mode\n\n5516;5518;30,5;31;road\n"
    (only,) = parse_travel_links(text, "lenker.csv")
    assert (only.km, only.minutes, only.fare_nok, only.wait_min) == (D("30.5"), 31, 0, 0)
    assert only.basis == "anslag"


def test_parse_reports_line_and_column_of_a_bad_number() -> None:
    text = HEADER + "5516;5518;30;30;road;0;0;anslag\n\n5516;5522;femti;50;road;0;0;anslag\n"
    with pytest.raises(InvalidTravelLinks) as caught:
        parse_travel_links(text, "lenker.csv")
    assert caught.value.problems == ("lenker.csv, linje 4, kolonne «km»: «femti» er ikke et tall.",)


def test_parse_reports_every_problem_at_once() -> None:
    text = (
        HEADER
        + "5516;5518;30;30;bil;0;0;anslag\n"
        + "5516;5522;55;50;road;0\n"
        + "5516;5516;1;1;road;0;0;anslag\n"
        + "5516;5522;55;-;road;0;0;anslag\n"
        + "a;b;1;1;ferry;0;0;x\n"
        + "a;b;1;1;ferry;0;0;x\n"
    )
    with pytest.raises(InvalidTravelLinks) as caught:
        parse_travel_links(text, "f.csv")
    problems = caught.value.problems
    assert len(problems) == 5
    assert problems[0].startswith("f.csv, linje 2, kolonne «mode»: «bil» er ikke en reisemåte")
    assert problems[1] == "f.csv, linje 3: 6 felt, ventet 8."
    assert problems[2] == "f.csv, linje 4: Start og mål er like for strekningen 5516–5516."
    assert problems[3] == "f.csv, linje 5, kolonne «minutes»: «-» er ikke et tall."
    assert problems[4].startswith("f.csv, linje 7: strekningen a–b står også på linje 6")
    assert caught.value.message == "\n".join(problems)


def test_parse_counts_physical_lines_across_a_quoted_newline() -> None:
    text = HEADER + '5516;5518;30;30;road;0;0;"anslag\nfra kart"\n5516;5522;x;50;road;0;0;a\n'
    with pytest.raises(InvalidTravelLinks, match="linje 4, kolonne «km»"):
        parse_travel_links(text, "f.csv")


def test_parse_names_missing_and_unknown_columns() -> None:
    with pytest.raises(InvalidTravelLinks) as caught:
        parse_travel_links("from;to;km;mode;ferje\n", "f.csv")
    assert caught.value.problems == (
        "f.csv: mangler kolonnen «minutes».",
        "f.csv: ukjent kolonne «ferje».",
    )


def test_parse_rejects_an_empty_required_cell() -> None:
    with pytest.raises(InvalidTravelLinks, match="kolonne «km»: «» er ikke et tall"):
        parse_travel_links(HEADER + "5516;5518;;30;road;;;\n", "f.csv")


def test_format_and_parse_round_trip() -> None:
    links = demo_links() + (
        link("q1", "q2", 5, 25, mode=LinkMode.FERRY, fare_nok=D("120.50"), wait_min=D(15)),
    )
    assert parse_travel_links(format_travel_links(links), "x.csv") == links


# domain.md § 5.2 straight-line km, computed with haversine (R = 6371 km).
@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        (GRATANGEN, LAVANGEN, 12.2),
        (GRATANGEN, SALANGEN, 23.7),
        (GRATANGEN, IBESTAD, 17.4),
        (LAVANGEN, SALANGEN, 13.8),
        (LAVANGEN, IBESTAD, 25.0),
        (SALANGEN, IBESTAD, 28.7),
    ],
)
def test_great_circle_distance_matches_the_straight_line_table(
    a: Municipality, b: Municipality, km: float
) -> None:
    assert great_circle_km(a, b) == pytest.approx(km, abs=0.06)


def test_estimated_network_is_great_circle_times_detour_and_flagged() -> None:
    network = estimated_network([GRATANGEN, SALANGEN])
    route = network.route("5516", "5522")
    assert route.km == D("30.8")  # 23.69 km × 1.3
    assert route.minutes == 26  # 30.8 km at 70 km/t
    assert route.basis == "anslag: luftlinje × 1,3, 70 km/t"
    assert route.is_estimate


def test_estimated_network_connects_every_pair() -> None:
    network = estimated_network([GRATANGEN, LAVANGEN, SALANGEN, IBESTAD], D("1.5"), D(60))
    matrix = network.matrix(["5516", "5518", "5522", "5514"])
    assert all(r.is_estimate for (a, b), r in matrix.items() if a != b)
    assert matrix["5522", "5514"].km == pytest.approx(D("43.0"), abs=D("0.2"))


def test_estimated_network_needs_coordinates() -> None:
    with pytest.raises(InvalidData, match="Mangler koordinater for Uten"):
        estimated_network([GRATANGEN, municipality("5599", "Uten", None, None)])


def test_a_delay_key_that_is_not_a_link_is_rejected() -> None:
    with pytest.raises(InvalidData, match="ukjent strekning: andorja"):
        demo_network({"andorja": D(5)})


def test_a_negative_delay_is_rejected() -> None:
    with pytest.raises(InvalidData, match="forsinkelse kan ikke være negativ"):
        demo_network({IBESTAD_TUNNEL: D(-5)})
