"""The travel-network map: neighbours only, minutes on the lines, ferries dashed, estimates said."""

from datetime import date
from decimal import Decimal

import pytest

from coop.domain.errors import InvalidData
from coop.domain.model import Municipality
from coop.domain.travel.links import LinkMode, TravelLink
from coop.domain.travel.network import TravelNetwork
from coop.domain.travel.network_svg import neighbour_links, render_network_svg


def muni(number: str, name: str, lat: float | None, lon: float | None) -> Municipality:
    return Municipality(number, name, "Troms", 1000, date(2024, 1, 1), name, lat, lon)


MUNIS = {
    "5516": muni("5516", "Gratangen", 68.69, 17.53),
    "5518": muni("5518", "Lavangen", 68.76, 17.78),
    "5522": muni("5522", "Salangen", 68.87, 17.80),
    "5514": muni("5514", "Ibestad", 68.78, 17.18),
}
LINKS = [
    TravelLink("5516", "5518", Decimal(30), Decimal(30), basis="vegvesen"),
    TravelLink("5518", "5522", Decimal(30), Decimal(30), basis="vegvesen"),
    TravelLink("5514", "5522", Decimal(20), Decimal(55), LinkMode.FERRY, basis="ferjerute"),
]


def routes() -> dict:
    network = TravelNetwork.from_links(LINKS, names={k: m.name for k, m in MUNIS.items()})
    return network.matrix(sorted(MUNIS), by="minutes")


def test_only_neighbours_are_joined() -> None:
    pairs = {(a, b) for a, b, _ in neighbour_links(sorted(MUNIS), routes())}
    # Gratangen–Salangen goes through Lavangen, Ibestad reaches everyone through Salangen.
    assert pairs == {("5516", "5518"), ("5518", "5522"), ("5514", "5522")}


def test_lines_say_minutes_and_ferry_and_the_text_alternative_lists_them() -> None:
    svg = render_network_svg(MUNIS, routes(), title="Reisetid", estimated=False)
    assert svg.count("<line ") == 3
    assert svg.count('stroke-dasharray="6 4"') == 1  # the ferry
    assert "55 min med ferje" in svg
    assert "Ibestad–Salangen: 55 min med ferje (20 km)." in svg
    assert 'role="img"' in svg
    assert "anslag" not in svg


def test_estimated_routes_are_labelled_as_estimates() -> None:
    estimated = [
        TravelLink(link.origin, link.destination, link.km, link.minutes, link.mode, basis="anslag")
        for link in LINKS
    ]
    network = TravelNetwork.from_links(estimated)
    svg = render_network_svg(
        MUNIS, network.matrix(sorted(MUNIS)), title="Reisetid", estimated=False
    )
    assert "Reisetidene er anslag." in svg


def test_a_municipality_without_coordinates_is_named() -> None:
    munis = {**MUNIS, "5514": muni("5514", "Ibestad", None, None)}
    with pytest.raises(InvalidData, match="Mangler koordinater for Ibestad"):
        render_network_svg(munis, routes(), title="Reisetid", estimated=False)
