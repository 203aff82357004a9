"""SVG map of a project's travel network: who is how far from whom, by road and ferry.

The project overview shows it before any placement option exists. Neighbours are joined:
a pair is drawn when the quickest route between them passes no other member, and labelled
with its travel time (and "ferje" when a ferry is on the way). Standard library only;
``role="img"`` with a text alternative that lists every drawn link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from coop.domain.errors import InvalidData
from coop.domain.formatting import format_number
from coop.domain.model import Municipality
from coop.domain.travel.links import LinkMode
from coop.domain.travel.network import Route
from coop.domain.travel.svg_layout import (
    LINE,
    Box,
    Ring,
    Spot,
    circle,
    fit_projection,
    halo_text,
    node_labels,
    outline_paths,
    place_labels,
)


def neighbour_links(
    members: list[str], routes: Mapping[tuple[str, str], Route]
) -> list[tuple[str, str, Route]]:
    """Pairs whose quickest route passes no other member (a ≠ b, each pair once)."""
    inner = set(members)
    out = []
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            route = routes.get((a, b))
            if route is not None and not inner & set(route.path[1:-1]):
                out.append((a, b, route))
    return out


def _label(route: Route) -> str:
    ferry = " med ferje" if LinkMode.FERRY in route.modes else ""
    return f"{format_number(Decimal(route.minutes), 0)} min{ferry}"


def render_network_svg(
    municipalities: Mapping[str, Municipality],
    routes: Mapping[tuple[str, str], Route],
    *,
    title: str,
    estimated: bool,
    outlines: Mapping[str, Sequence[Ring]] | None = None,
    width: int = 720,
    height: int = 460,
    id_prefix: str = "reisenett",
) -> str:
    """Members at their administrative centres, neighbours joined and labelled in minutes.

    Given ``outlines`` (the members' boundary rings, lon/lat), the map is fitted to them and
    draws them behind the graph, so the centres sit where they are in the landscape.
    """
    members = sorted(municipalities)
    no_xy = [m.name for m in municipalities.values() if m.lat is None or m.lon is None]
    if no_xy:
        raise InvalidData(f"Mangler koordinater for {', '.join(no_xy)}; kan ikke tegne kartet.")
    links = neighbour_links(members, routes)
    names = {k: m.name for k, m in municipalities.items()}
    sentences = [
        f"{names[a]}–{names[b]}: {_label(r)} ({format_number(Decimal(r.km), 0)} km)."
        for a, b, r in links
    ]
    if estimated:
        basis = "Reisetidene er anslag (luftlinje med omveisfaktor)."
    elif any(r.is_estimate for _, _, r in links):
        basis = "Reisetidene er anslag."
    else:
        basis = ""
    rings = {k: outlines[k] for k in members if outlines and k in outlines}
    legend = [
        "Heltrukket linje: vei; stiplet: med ferje. Tall: reisetid mellom nabokommuner.",
        " ".join(filter(None, [basis, "Grått: kommunene (Kartverket, forenklet)." * bool(rings)])),
    ]
    map_h = height - LINE * (len(legend) + 1)
    points = {k: (m.lat or 0.0, m.lon or 0.0) for k, m in municipalities.items()}
    outline_points = [(lat, lon) for r in rings.values() for ring in r for lon, lat in ring]
    project = fit_projection([*points.values(), *outline_points], width, map_h,
                             margin=30 if rings else 90)  # fmt: skip
    pos = {k: project(*p) for k, p in points.items()}
    tid, did = f"{id_prefix}-tittel", f"{id_prefix}-beskrivelse"
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{tid} {did}" '
        'font-family="sans-serif" font-size="12">',
        f"<title id={quoteattr(tid)}>{escape(title)}</title>",
        f"<desc id={quoteattr(did)}>{escape(' '.join([*sentences, basis]).strip())}</desc>",
        '<rect width="100%" height="100%" fill="#fff"/>',
        *outline_paths(rings, project),
    ]
    taken: list[Box] = [(x - 11, y - 11, x + 11, y + 11) for x, y in pos.values()]
    labels: list[tuple[Sequence[Spot], str, str]] = []
    for a, b, route in links:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        dash = ' stroke-dasharray="6 4"' if LinkMode.FERRY in route.modes else ""
        svg.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#555" stroke-width="2"{dash}/>'
        )
        spots = [((x1 * (1 - t) + x2 * t), (y1 * (1 - t) + y2 * t) + 4) for t in (0.5, 0.35, 0.65)]
        labels.append((spots, _label(route), "#555"))
    for m in members:
        svg.append(circle(*pos[m], 9, "#fff"))
        svg += node_labels(pos[m], 9, [names[m]], taken, width, map_h)
    svg += place_labels(labels, taken, width, map_h)
    for i, line in enumerate(filter(None, legend)):
        svg.append(halo_text(12, map_h + LINE * (i + 1), line, anchor="start"))
    svg.append("</svg>")
    return "\n".join(svg)
