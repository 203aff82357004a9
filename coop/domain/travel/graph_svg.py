"""SVG drawing of a scenario's cooperation graph, placed by the administrative centres.

Standard library only: a string of SVG with ``role="img"``, ``<title>`` and ``<desc>`` (the
text alternative lists every host and transfer), black-on-white so it prints.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from coop.domain.errors import InvalidData
from coop.domain.formatting import format_number
from coop.domain.model import Municipality, Scenario
from coop.domain.transition.staff_transfers import StaffTransfer
from coop.domain.travel.svg_layout import (
    LINE,
    MARGIN,
    Box,
    Spot,
    circle,
    fit_projection,
    halo_text,
    node_labels,
    place_labels,
)

# Okabe–Ito colours (distinguishable with colour-blindness); every edge is also labelled.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def fte_label(value: Decimal, signed: bool = False) -> str:
    """E.g. "4,5 årsverk"."""
    return f"{format_number(value, 2, signed)} årsverk"


def _curve(
    a: tuple[float, float], b: tuple[float, float], bend: float, r_a: float, r_b: float
) -> tuple[str, list[tuple[float, float]]]:
    """Quadratic curve a → b bent ``bend`` px left, trimmed at both radii; label spots on it."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    c = ((a[0] + b[0]) / 2 + dy / length * bend, (a[1] + b[1]) / 2 - dx / length * bend)

    def towards(p: tuple[float, float], q: tuple[float, float], r: float) -> tuple[float, float]:
        d = math.hypot(q[0] - p[0], q[1] - p[1]) or 1.0
        return p[0] + (q[0] - p[0]) / d * r, p[1] + (q[1] - p[1]) / d * r

    start, end = towards(a, c, r_a), towards(b, c, r_b)
    d = f"M{start[0]:.1f},{start[1]:.1f} Q{c[0]:.1f},{c[1]:.1f} {end[0]:.1f},{end[1]:.1f}"
    spots = [
        ((1 - t) ** 2 * start[0] + 2 * t * (1 - t) * c[0] + t * t * end[0],
         (1 - t) ** 2 * start[1] + 2 * t * (1 - t) * c[1] + t * t * end[1] + 4)
        for t in (0.5, 0.35, 0.65, 0.2, 0.8)
    ]  # fmt: skip
    return d, spots


def render_cooperation_svg(
    scenario: Scenario,
    municipalities: Mapping[str, Municipality],
    transfers: Iterable[StaffTransfer] = (),
    *,
    net_fte: Mapping[str, Decimal] | None = None,
    service_names: Mapping[str, str] | None = None,
    title: str | None = None,
    ferry_pairs: Collection[frozenset[str]] = (),
    width: int = 720,
    height: int | None = None,
    id_prefix: str = "samarbeidsgraf",
) -> str:
    """Draw hosts and partners at their centres with one arrow partner → host per service.

    The arrow points where the label says the staff go: to the host, labelled with the service
    and the FTE the partner transfers (``transfers``, e.g. ``cooperation_flows``). A trip with
    a ferry on the way (``ferry_pairs``) is dashed. Hosts are double rings with what they host
    and, given ``net_fte`` (e.g. from ``job_balance``), their net jobs. Without ``height`` the
    map grows with the number of arrows, so their labels find room; a legend lists every
    service with its host and joint FTE.
    """
    names = service_names or {}
    arrangements = sorted(scenario.arrangements, key=lambda a: a.service)
    members = sorted({m for a in arrangements for m in a.participants})
    unknown = [m for m in members if m not in municipalities]
    if unknown:
        raise InvalidData(f"Mangler kommunedata for {', '.join(unknown)}; kan ikke tegne grafen.")
    munis = {m: municipalities[m] for m in members}
    no_xy = [m.name for m in munis.values() if m.lat is None or m.lon is None]
    if no_xy:
        raise InvalidData(f"Mangler koordinater for {', '.join(no_xy)}; kan ikke tegne grafen.")
    edges = [(a, m) for a in arrangements for m in sorted(a.participants - {a.host})]
    ferry = any(frozenset((m, a.host)) in ferry_pairs for a, m in edges)
    legend_lines = len(arrangements) + 2 + ferry
    if height is None:
        map_h = min(max(460, 300 + 24 * len(edges)), 900)
        height = map_h + LINE * (legend_lines + 1)
    map_h = max(height - LINE * (legend_lines + 1), 2 * MARGIN + 40)
    points = {k: (m.lat or 0.0, m.lon or 0.0) for k, m in munis.items()}
    project = fit_projection(list(points.values()), width, map_h)
    pos = {k: project(*p) for k, p in points.items()}
    hosted: dict[str, list[str]] = defaultdict(list)
    for a in arrangements:
        hosted[a.host].append(names.get(a.service, a.service))
    colour = {a.service: PALETTE[i % len(PALETTE)] for i, a in enumerate(arrangements)}
    moved = {(t.service, t.municipality): t.fte for t in transfers}
    tid, did = f"{id_prefix}-tittel", f"{id_prefix}-beskrivelse"
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{tid} {did}" '
        'font-family="sans-serif" font-size="12">',
        f"<title id={quoteattr(tid)}>{escape(title or f'Samarbeidsgraf: {scenario.name}')}</title>",
        f"<desc id={quoteattr(did)}>{escape(_describe(scenario, munis, moved, names))}</desc>",
        '<rect width="100%" height="100%" fill="#fff"/>',
        "<defs>",
    ]
    svg += [
        f'<marker id="{id_prefix}-pil-{a.service}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{colour[a.service]}"/></marker>'
        for a in arrangements
    ]
    svg.append("</defs>")
    radius = {m: 14 if m in hosted else 9 for m in members}
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    labels: list[tuple[Sequence[Spot], str, str]] = []
    taken: list[Box] = [
        (x - radius[m] - 2, y - radius[m] - 2, x + radius[m] + 2, y + radius[m] + 2)
        for m, (x, y) in pos.items()
    ]
    for a, m in edges:
        pairs[m, a.host] += 1
        d, spots = _curve(pos[m], pos[a.host], 36.0 * pairs[m, a.host], radius[m] + 2,
                          radius[a.host] + 3)  # fmt: skip
        dash = ' stroke-dasharray="7 4"' if frozenset((m, a.host)) in ferry_pairs else ""
        svg.append(
            f'<path d="{d}" fill="none" stroke="{colour[a.service]}" stroke-width="2"{dash} '
            f'marker-end="url(#{id_prefix}-pil-{a.service})"/>'
        )
        text = names.get(a.service, a.service)
        if (a.service, m) in moved:
            text += f" · {fte_label(moved[a.service, m])}"
        labels.append((spots, text, colour[a.service]))
    for m, muni in munis.items():
        svg.append(circle(*pos[m], 14, "#fff") if m in hosted else circle(*pos[m], 9, "#fff"))
        if m in hosted:
            svg.append(circle(*pos[m], 9, "#000", stroke=False))
        lines = [muni.name] + (["Vert: " + ", ".join(hosted[m])] if m in hosted else [])
        if net_fte is not None and m in net_fte:
            lines.append("Netto " + fte_label(net_fte[m], signed=True))
        svg += node_labels(pos[m], radius[m], lines, taken, width, map_h)
    svg += place_labels(labels, taken, width, map_h)
    legend = [
        "Tegnforklaring: dobbel ring = vertskommune",
        "Pil fra samarbeidskommune til vertskommune; årsverk = stillinger som flytter dit",
    ] + (["Stiplet pil: reisen mellom kommunene går med ferje"] if ferry else [])
    y = map_h
    for line in legend:
        y += LINE
        svg.append(halo_text(12, y, line, anchor="start"))
    for a in arrangements:
        y += LINE
        svg.append(
            f'<line x1="12" y1="{y - 4}" x2="40" y2="{y - 4}" '
            f'stroke="{colour[a.service]}" stroke-width="3"/>'
        )
        text = f"{names.get(a.service, a.service)}: vert {munis[a.host].name}{_joint(a.joint_fte)}"
        svg.append(halo_text(48, y, text, anchor="start"))
    svg.append("</svg>")
    return "\n".join(svg)


def _describe(
    scenario: Scenario,
    munis: Mapping[str, Municipality],
    moved: Mapping[tuple[str, str], Decimal],
    names: Mapping[str, str],
) -> str:
    """The text alternative: one sentence per service and per staff transfer."""
    sentences = []
    for a in sorted(scenario.arrangements, key=lambda a: a.service):
        service = names.get(a.service, a.service)
        partners = [munis[m].name for m in sorted(a.participants - {a.host})]
        plural = "r" if len(partners) > 1 else ""
        sentences.append(
            f"{munis[a.host].name} er vertskommune for {service}{_joint(a.joint_fte, '(')} "
            f"med {_join(partners)} som samarbeidskommune{plural}."
        )
        for m in sorted(a.participants - {a.host}):
            if (a.service, m) in moved:
                sentences.append(
                    f"{munis[m].name} overfører {fte_label(moved[a.service, m])} i {service} "
                    f"til {munis[a.host].name}."
                )
    return " ".join(sentences)


def _joint(fte: Decimal, style: str = ",") -> str:
    """Joint FTE as a suffix, after a comma or in brackets; nothing while they are not set."""
    if fte <= 0:
        return ""
    return f", {fte_label(fte)} felles" if style == "," else f" ({fte_label(fte)} felles)"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
