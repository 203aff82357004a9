"""SVG map of a project's travel network: who is how far from whom, by road and ferry.

The project overview shows it before any placement option exists. Neighbours are joined:
a pair is drawn when the quickest route between them passes no other member, and labelled
with its travel time (and "ferje" when a ferry is on the way). Standard library only;
``role="img"`` with a text alternative that lists every drawn link.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from coop.domain.errors import InvalidData
from coop.domain.model import Municipality
from coop.domain.travel.graph_svg import (
    circle,
    format_number,
    halo_text,
    label_box,
    place_labels,
    project_points,
)
from coop.domain.travel.links import LinkMode
from coop.domain.travel.network import Route


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
    width: int = 720,
    height: int = 460,
    id_prefix: str = "reisenett",
) -> str:
    """Members at their administrative centres, neighbours joined and labelled in minutes."""
    members = sorted(municipalities)
    no_xy = [m.name for m in municipalities.values() if m.lat is None or m.lon is None]
    if no_xy:
        raise InvalidData(f"Mangler koordinater for {', '.join(no_xy)}; kan ikke tegne kartet.")
    map_h = height - 2 * 16
    points = {k: (m.lat or 0.0, m.lon or 0.0) for k, m in municipalities.items()}
    pos = project_points(points, width, map_h)
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
    tid, did = f"{id_prefix}-tittel", f"{id_prefix}-beskrivelse"
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{tid} {did}" '
        'font-family="sans-serif" font-size="12">',
        f"<title id={quoteattr(tid)}>{escape(title)}</title>",
        f"<desc id={quoteattr(did)}>{escape(' '.join([*sentences, basis]).strip())}</desc>",
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    taken: list[tuple[float, ...]] = []
    labels = []
    for a, b, route in links:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        dash = ' stroke-dasharray="6 4"' if LinkMode.FERRY in route.modes else ""
        svg.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#555" stroke-width="2"{dash}/>'
        )
        mid = ((x1 + x2) / 2, (y1 + y2) / 2 + 4)
        labels.append(([mid, (mid[0], mid[1] - 16), (mid[0], mid[1] + 16)], _label(route)))
    for m in members:
        x, y = pos[m]
        svg.append(circle(x, y, 9, "#fff"))
        taken.append((x - 9, y - 9, x + 9, y + 9))
        svg.append(halo_text(x, y + 24, names[m], bold=True))
        taken.append(label_box(x, y + 24, names[m]))
    svg += place_labels(labels, taken, width, map_h)
    legend = "Heltrukket linje: vei; stiplet: med ferje. Tall: reisetid mellom nabokommuner."
    svg.append(halo_text(12, height - 10, f"{legend} {basis}".strip(), anchor="start"))
    svg.append("</svg>")
    return "\n".join(svg)
