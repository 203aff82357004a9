import math
import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from coop.domain.errors import InvalidData
from coop.domain.formatting import format_number
from coop.domain.model import Municipality, Scenario, ServiceArrangement
from coop.domain.transition.staff_transfers import StaffTransfer
from coop.domain.travel.graph_svg import fte_label, render_cooperation_svg

D = Decimal
SVG = "{http://www.w3.org/2000/svg}"


def municipality(number: str, name: str, lat: float | None, lon: float | None) -> Municipality:
    return Municipality(number, name, "Troms", 1000, date(2024, 1, 1), name, lat, lon)


MUNICIPALITIES = {
    m.number: m
    for m in (
        municipality("5514", "Ibestad", 68.782, 17.175),
        municipality("5516", "Gratangen", 68.694, 17.531),
        municipality("5518", "Lavangen", 68.752, 17.789),
        municipality("5522", "Salangen", 68.8744, 17.8431),
    )
}
SCENARIO = Scenario(
    "astafjord-2007",
    "Ordførergruppas forslag 2007",
    (
        ServiceArrangement(
            "barnevern", "5522", frozenset({"5516", "5518", "5522"}), joint_fte=D("4.5")
        ),
        ServiceArrangement(
            "ikt-drift", "5522", frozenset({"5514", "5516", "5522"}), joint_fte=D("2.5")
        ),
    ),
)
TRANSFERS = [
    StaffTransfer("barnevern", "5522", "5516", D("1.2"), D(2), D(1), D(1), "anslag"),
    StaffTransfer("barnevern", "5522", "5518", D("1.1"), D(2), D(1), D(1), "anslag"),
]
NAMES = {"barnevern": "Barnevern", "ikt-drift": "Kart & IKT"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def render(title: str | None = None, net_fte: dict[str, Decimal] | None = None) -> ET.Element:
    return parse(
        render_cooperation_svg(
            SCENARIO, MUNICIPALITIES, TRANSFERS, service_names=NAMES, title=title, net_fte=net_fte
        )
    )


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def position(root: ET.Element, label: str) -> tuple[float, float]:
    node = next(t for t in root.iter(f"{SVG}text") if t.text == label)
    return float(node.get("x", "nan")), float(node.get("y", "nan"))


def centre(root: ET.Element, label: str) -> tuple[float, float]:
    """The node circle under a municipality's name label."""
    x, y = position(root, label)
    above = [float(c.get("cy", "nan")) for c in root.iter(f"{SVG}circle") if c.get("cx") == f"{x}"]
    return x, max(cy for cy in above if cy < y)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("4.5"), "4,5"),
        (D("4.50"), "4,5"),
        (D(3), "3"),
        (D("1.125"), "1,13"),
        (D("1234567.8"), "1\u00a0234\u00a0567,8"),
        (D("-0.5"), "\u22120,5"),
    ],
)
def test_numbers_are_written_the_norwegian_way(value: Decimal, text: str) -> None:
    assert format_number(value) == text


def test_fte_labels_read_like_4_5_arsverk() -> None:
    assert fte_label(D("4.5")) == "4,5 årsverk"
    assert fte_label(D("2.3"), signed=True) == "+2,3 årsverk"
    assert fte_label(D(0), signed=True) == "0 årsverk"


def test_svg_is_an_accessible_image_with_title_and_description() -> None:
    root = render(title="Plassering 2007")
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert title.text == "Plassering 2007"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text is not None
    assert "Salangen er vertskommune for Barnevern (4,5 årsverk felles)" in desc.text
    assert "Gratangen og Lavangen som samarbeidskommuner" in desc.text
    assert "Gratangen overfører 1,2 årsverk i Barnevern til Salangen." in desc.text


def test_hosts_and_flows_are_labelled_in_bokmal() -> None:
    labels = texts(render(net_fte={"5522": D("2.3"), "5516": D("-1.2")}))
    assert "Vert: Barnevern, Kart & IKT" in labels
    assert "Barnevern · 1,2 årsverk" in labels
    assert "Barnevern · 1,1 årsverk" in labels
    assert "Netto +2,3 årsverk" in labels
    assert "Netto \u22121,2 årsverk" in labels
    assert "Barnevern: vert Salangen, 4,5 årsverk felles" in labels


def test_special_characters_are_escaped() -> None:
    svg = render_cooperation_svg(SCENARIO, MUNICIPALITIES, service_names=NAMES)
    assert "Kart &amp; IKT" in svg
    parse(svg)


def test_centres_are_placed_north_up_and_west_left() -> None:
    root = render()
    salangen, gratangen = position(root, "Salangen"), position(root, "Gratangen")
    ibestad, lavangen = position(root, "Ibestad"), position(root, "Lavangen")
    assert salangen[1] < lavangen[1] < gratangen[1]
    assert ibestad[0] < gratangen[0] < lavangen[0] < salangen[0]


def test_projection_scales_longitude_by_cos_mean_latitude() -> None:
    munis = {
        m.number: m
        for m in (
            municipality("1111", "Vest", 60.0, 10.0),
            municipality("2222", "Øst", 60.0, 11.0),
            municipality("3333", "Nord", 61.0, 10.0),
        )
    }
    arrangement = ServiceArrangement("a", "1111", frozenset(("1111", "2222", "3333")))
    root = parse(render_cooperation_svg(Scenario("p", "s", (arrangement,)), munis, width=800))
    west, east, north = centre(root, "Vest"), centre(root, "Øst"), centre(root, "Nord")
    ratio = (east[0] - west[0]) / (west[1] - north[1])  # 1° east over 1° north
    assert ratio == pytest.approx(math.cos(math.radians(181 / 3)), rel=0.01)


def test_one_arrow_per_service_and_partner() -> None:
    root = render()
    paths = [p for p in root.iter(f"{SVG}path") if p.get("marker-end")]
    assert len(paths) == 4
    assert len({p.get("d") for p in paths}) == 4


def test_rendering_is_deterministic() -> None:
    one = render_cooperation_svg(SCENARIO, MUNICIPALITIES, TRANSFERS)
    assert one == render_cooperation_svg(SCENARIO, MUNICIPALITIES, list(reversed(TRANSFERS)))


def test_ids_use_the_given_prefix_so_two_graphs_fit_on_one_page() -> None:
    svg = render_cooperation_svg(SCENARIO, MUNICIPALITIES, id_prefix="graf2")
    assert set(re.findall(r'id="([^"]+)"', svg)) >= {"graf2-tittel", "graf2-beskrivelse"}
    assert 'id="samarbeidsgraf' not in svg


def test_missing_coordinates_are_reported_by_name() -> None:
    munis = {**MUNICIPALITIES, "5514": municipality("5514", "Ibestad", None, None)}
    with pytest.raises(InvalidData, match="Mangler koordinater for Ibestad"):
        render_cooperation_svg(SCENARIO, munis)


def test_unknown_municipalities_are_reported() -> None:
    munis = {k: v for k, v in MUNICIPALITIES.items() if k != "5514"}
    with pytest.raises(InvalidData, match="Mangler kommunedata for 5514"):
        render_cooperation_svg(SCENARIO, munis)


def test_unset_joint_fte_is_left_out_rather_than_shown_as_zero() -> None:
    arrangement = ServiceArrangement("barnevern", "5522", frozenset(("5516", "5522")))
    root = parse(render_cooperation_svg(Scenario("p", "s", (arrangement,)), MUNICIPALITIES))
    assert "barnevern: vert Salangen" in texts(root)
    assert not any("0 årsverk" in t for t in texts(root))
