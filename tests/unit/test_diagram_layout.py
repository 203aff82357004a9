"""Issue 18.6: the who-hosts-what diagram and the travel map read right.

Label extents are computed here from the SVG alone, with a fixed width per character (7 px
at 12 px, wider than the fonts browsers use), so the check needs no font and holds anywhere.
"""

import math
import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from coop.domain.model import Municipality, Scenario, ServiceArrangement
from coop.domain.transition.staff_transfers import StaffTransfer
from coop.domain.travel.graph_svg import render_cooperation_svg
from coop.domain.travel.links import LinkMode, TravelLink
from coop.domain.travel.network import TravelNetwork
from coop.domain.travel.network_svg import render_network_svg
from coop.reference.geography import boundaries

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal
PX_PER_CHAR = 7.0
IBESTAD, GRATANGEN, LAVANGEN, SALANGEN = "5514", "5516", "5518", "5522"
MUNIS = {
    n: Municipality(n, name, "Troms", 1000, date(2024, 1, 1), name, lat, lon)
    for n, name, lat, lon in (
        (IBESTAD, "Ibestad", 68.782, 17.175),
        (GRATANGEN, "Gratangen", 68.694, 17.531),
        (LAVANGEN, "Lavangen", 68.752, 17.789),
        (SALANGEN, "Salangen", 68.8744, 17.8431),
    )
}
ALL, THREE = frozenset(MUNIS), frozenset({GRATANGEN, LAVANGEN, SALANGEN})
# The 2007 decision: five services, three hosts, twelve arrows between four places.
VEDTAK = Scenario("astafjord-2007", "Ordførergruppas forslag 2007", (
    ServiceArrangement("barnevern", SALANGEN, THREE, joint_fte=D("4.5")),
    ServiceArrangement("ikt-drift", SALANGEN, ALL, joint_fte=D("2.5")),
    ServiceArrangement("regnskap-lonn", LAVANGEN, THREE, joint_fte=D("6.2")),
    ServiceArrangement("skatt-innfordring", GRATANGEN, THREE, joint_fte=D("3.5")),
    ServiceArrangement("kart-oppmaling", GRATANGEN, ALL, joint_fte=D("3")),
))  # fmt: skip
NAMES = {
    "barnevern": "Barnevern",
    "ikt-drift": "IKT-drift",
    "regnskap-lonn": "Regnskap og lønn",
    "skatt-innfordring": "Skatt og innfordring",
    "kart-oppmaling": "Kart og oppmåling",
}
TRANSFERS = [
    StaffTransfer(a.service, a.host, m, D("1.25"), D(2), D(1), D(1), "anslag")
    for a in VEDTAK.arrangements
    for m in sorted(a.participants - {a.host})
]


def visible_texts(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every text a reader sees (halos are aria-hidden copies) with its box."""
    out = []
    for t in root.iter(f"{SVG}text"):
        if t.get("aria-hidden") == "true" or not t.text:
            continue
        x, y, width = float(t.get("x", 0)), float(t.get("y", 0)), PX_PER_CHAR * len(t.text)
        left = {"middle": x - width / 2, "end": x - width}.get(t.get("text-anchor", ""), x)
        out.append((t.text, (left, y - 12, left + width, y + 4)))
    return out


def intersecting(root: ET.Element) -> list[tuple[str, str]]:
    texts = visible_texts(root)
    return [
        (a, b)
        for i, (a, p) in enumerate(texts)
        for b, q in texts[i + 1 :]
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]


def test_no_two_labels_overlap_in_the_2007_diagram() -> None:
    net = {SALANGEN: D("-1.6"), LAVANGEN: D("1.5"), GRATANGEN: D("1.3"), IBESTAD: D("-1.2")}
    svg = render_cooperation_svg(VEDTAK, MUNIS, TRANSFERS, net_fte=net, service_names=NAMES)
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert len(visible_texts(root)) >= 12 + 4 + 5  # arrows, names, legend at least
    assert intersecting(root) == []
    width, height = (float(v) for v in root.get("viewBox", "").split()[2:])
    for text, (x0, y0, x1, y1) in visible_texts(root):
        assert min(x0, y0) >= 0, text
        assert x1 <= width, text
        assert y1 <= height, text


def _ends(d: str) -> tuple[tuple[float, float], tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


def test_every_arrow_points_from_the_partner_to_its_host() -> None:
    root = ET.fromstring(render_cooperation_svg(VEDTAK, MUNIS, TRANSFERS))  # noqa: S314
    centres = {
        t.text: (float(t.get("x", 0)), float(t.get("y", 0)))
        for t in root.iter(f"{SVG}text")
        if t.get("font-weight") == "bold" and t.get("aria-hidden") != "true"
    }
    circles = [(float(c.get("cx", 0)), float(c.get("cy", 0))) for c in root.iter(f"{SVG}circle")]

    def nearest(p: tuple[float, float]) -> str:
        centre = min(circles, key=lambda c: math.dist(c, p))
        name = min(centres, key=lambda n: abs(centres[n][0] - centre[0]))
        return str(name)

    hosts = {"barnevern": "Salangen", "ikt-drift": "Salangen", "regnskap-lonn": "Lavangen",
             "skatt-innfordring": "Gratangen", "kart-oppmaling": "Gratangen"}  # fmt: skip
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("marker-end")]
    assert len(arrows) == 12
    for path in arrows:
        service = re.findall(r"pil-([\w-]+)\)", path.get("marker-end", ""))[0]
        start, end = _ends(path.get("d", ""))
        assert nearest(end) == hosts[service], service
        assert nearest(start) != hosts[service], service


def test_a_trip_with_a_ferry_is_dashed_and_the_legend_says_so() -> None:
    svg = render_cooperation_svg(
        VEDTAK, MUNIS, service_names=NAMES, ferry_pairs={frozenset({IBESTAD, SALANGEN})}
    )
    root = ET.fromstring(svg)  # noqa: S314
    dashed = [p for p in root.iter(f"{SVG}path") if p.get("stroke-dasharray")]
    assert [p.get("marker-end") for p in dashed] == ["url(#samarbeidsgraf-pil-ikt-drift)"]
    assert "Stiplet pil: reisen mellom kommunene går med ferje" in svg
    assert "Stiplet" not in render_cooperation_svg(VEDTAK, MUNIS, service_names=NAMES)


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Ray casting: is the point inside the polygon?"""
    x, y, inside = point[0], point[1], False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_the_travel_map_draws_the_members_outlines_under_their_centres() -> None:
    links = [
        TravelLink(GRATANGEN, LAVANGEN, D(30), D(30), basis="vegvesen"),
        TravelLink(LAVANGEN, SALANGEN, D(30), D(30), basis="vegvesen"),
        TravelLink(IBESTAD, SALANGEN, D(20), D(55), LinkMode.FERRY, basis="ferje"),
    ]
    network = TravelNetwork.from_links(links, names={k: m.name for k, m in MUNIS.items()})
    outlines = {k: v for k, v in boundaries().items() if k in MUNIS}
    svg = render_network_svg(MUNIS, network.matrix(sorted(MUNIS), by="minutes"),
                             title="Reiser", estimated=False, outlines=outlines)  # fmt: skip
    root = ET.fromstring(svg)  # noqa: S314
    shapes = [p for p in root.iter(f"{SVG}path") if p.get("fill-rule") == "evenodd"]
    assert len(shapes) == 4
    assert "Kartverket" in svg
    # each administrative centre lies inside its own municipality's drawn outline
    circles = [(float(c.get("cx", 0)), float(c.get("cy", 0))) for c in root.iter(f"{SVG}circle")]
    for shape, centre, number in zip(shapes, circles, sorted(MUNIS), strict=True):
        rings = [
            [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", part)]
            for part in shape.get("d", "").split("M")[1:]
        ]
        assert any(_inside(centre, r) for r in rings), MUNIS[number].name
    assert intersecting(root) == []
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1  # the ferry to Ibestad
