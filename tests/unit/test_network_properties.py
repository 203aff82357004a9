from decimal import Decimal
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.domain.travel.links import TravelLink
from coop.domain.travel.network import NoRoute, Route, TravelNetwork

NODES = [f"n{i}" for i in range(5)]
PAIRS = [(a, b) for i, a in enumerate(NODES) for b in NODES[i + 1 :]]
amounts = st.decimals(min_value=0, max_value=200, places=1)


@st.composite
def symmetric_links(draw: st.DrawFn) -> list[TravelLink]:
    pairs = draw(st.lists(st.sampled_from(PAIRS), min_size=1, max_size=len(PAIRS), unique=True))
    return [
        TravelLink(
            a, b, draw(amounts), draw(amounts), wait_min=draw(amounts), fare_nok=draw(amounts)
        )
        for a, b in pairs
    ]


def brute_force(links: list[TravelLink], metric: str) -> dict[tuple[str, str], Decimal]:
    """Floyd–Warshall over the symmetric links, exact in Decimal."""
    inf = Decimal("Infinity")
    dist = {(a, b): Decimal(0) if a == b else inf for a, b in product(NODES, NODES)}
    for k in links:
        cost = k.km if metric == "km" else k.minutes + k.wait_min
        for a, b in ((k.origin, k.destination), (k.destination, k.origin)):
            dist[a, b] = min(dist[a, b], cost)
    for via, a, b in product(NODES, NODES, NODES):
        dist[a, b] = min(dist[a, b], dist[a, via] + dist[via, b])
    return dist


def routes(network: TravelNetwork, by: str) -> dict[tuple[str, str], Route]:
    present = [n for n in NODES if n in network]
    return network.matrix(present, by=by, strict=False)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(symmetric_links(), st.sampled_from(["minutes", "km"]))
def test_shortest_travel_equals_brute_force_and_is_symmetric(
    links: list[TravelLink], by: str
) -> None:
    network = TravelNetwork.from_links(links)
    expected = brute_force(links, by)
    found = routes(network, by)
    for (a, b), route in found.items():
        value = route.km if by == "km" else route.minutes
        assert value == expected[a, b]
        reverse = found[b, a]
        assert (reverse.km if by == "km" else reverse.minutes) == value
        assert route.minutes >= 0
        assert route.km >= 0
    for a, b in product(NODES, NODES):
        if (a, b) not in found and a in network and b in network:
            assert expected[a, b] == Decimal("Infinity")


@settings(max_examples=60, deadline=None)
@given(symmetric_links(), st.sampled_from(["minutes", "km"]))
def test_shortest_travel_obeys_the_triangle_inequality(links: list[TravelLink], by: str) -> None:
    found = routes(TravelNetwork.from_links(links), by)

    def cost(a: str, b: str) -> Decimal:
        return found[a, b].km if by == "km" else found[a, b].minutes

    for a, b, c in product(NODES, NODES, NODES):
        if {(a, b), (b, c), (a, c)} <= found.keys():
            assert cost(a, c) <= cost(a, b) + cost(b, c)


@settings(max_examples=60, deadline=None)
@given(symmetric_links())
def test_route_totals_are_the_sums_over_its_legs(links: list[TravelLink]) -> None:
    network = TravelNetwork.from_links(links)
    by_pair = {frozenset((k.origin, k.destination)): k for k in links}
    for route in routes(network, "minutes").values():
        legs = [by_pair[frozenset(p)] for p in zip(route.path, route.path[1:], strict=False)]
        assert route.km == sum((k.km for k in legs), Decimal(0))
        assert route.minutes == sum((k.minutes + k.wait_min for k in legs), Decimal(0))
        assert route.fare_nok == sum((k.fare_nok for k in legs), Decimal(0))
        assert len(route.modes) == len(legs)


@settings(max_examples=30, deadline=None)
@given(symmetric_links())
def test_unconnected_pairs_raise_no_route(links: list[TravelLink]) -> None:
    network = TravelNetwork.from_links(links)
    expected = brute_force(links, "km")
    for a, b in product(NODES, NODES):
        if a != b and expected[a, b] == Decimal("Infinity"):
            with pytest.raises(NoRoute) as caught:
                network.route(a, b)
            assert (caught.value.origin, caught.value.destination) == (a, b)
