"""SVG drawing of a scenario's cooperation graph, placed by the administrative centres.

Standard library only: a string of SVG with ``role="img"``, ``<title>`` and ``<desc>`` (the
text alternative lists every host and transfer), black-on-white so it prints.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape, quoteattr

from coop.domain.errors import InvalidData
from coop.domain.model import Municipality, Scenario
from coop.domain.transition.staff_transfers import StaffTransfer

# Okabe–Ito colours (distinguishable with colour-blindness); every edge is also labelled.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARGIN = 90
LINE = 16


def format_number(value: Decimal, places: int = 2, signed: bool = False) -> str:
    """Norwegian number: decimal comma, no-break-space thousands, U+2212 minus, no trailing 0."""
    q = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    whole, _, frac = f"{abs(q):,f}".partition(".")
    text = whole.replace(",", "\u00a0") + ("," + frac.rstrip("0") if frac.rstrip("0") else "")
    sign = "\u2212" if q < 0 else ("+" if signed and q > 0 else "")
    return sign + text


def fte_label(value: Decimal, signed: bool = False) -> str:
    """E.g. "4,5 årsverk"."""
    return f"{format_number(value, 2, signed)} årsverk"


def project_points(
    points: Mapping[str, tuple[float, float]], width: float, height: float
) -> dict[str, tuple[float, float]]:
    """Equirectangular projection, x = lon·cos(mean lat), y = −lat, fitted into the box."""
    mean_lat = math.radians(sum(lat for lat, _ in points.values()) / len(points))
    xy = {k: (lon * math.cos(mean_lat), -lat) for k, (lat, lon) in points.items()}
    xs, ys = [x for x, _ in xy.values()], [y for _, y in xy.values()]
    x_span, y_span = (max(xs) - min(xs)) or 1e-9, (max(ys) - min(ys)) or 1e-9
    scale = min((width - 2 * MARGIN) / x_span, (height - 2 * MARGIN) / y_span)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        k: (width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale) for k, (x, y) in xy.items()
    }


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


def halo_text(x: float, y: float, text: str, *, bold: bool = False, anchor: str = "middle") -> str:
    """Text over a white halo (a separate element, so renderers without paint-order agree)."""
    attrs = f'x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"' + (
        ' font-weight="bold"' if bold else ""
    )
    halo = 'fill="#fff" stroke="#fff" stroke-width="4" aria-hidden="true"'
    body = escape(text)
    return f'<text {attrs} {halo}>{body}</text>\n<text {attrs} fill="#000">{body}</text>'


def label_box(x: float, y: float, text: str) -> tuple[float, float, float, float]:
    """The box a 12 px label centred at (x, y) covers, to keep labels apart."""
    half = 3.4 * len(text) + 3  # ≈ 0.55 em per character at 12 px
    return x - half, y - 12, x + half, y + 4


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


Spot = tuple[float, float]


def place_labels(
    wanted: list[tuple[list[Spot], str]],
    taken: list[tuple[float, ...]],
    width: float,
    bottom: float,
) -> list[str]:
    """Centred labels at the first free spot on their edge, else moved the fewest lines.

    A free spot overlaps no label or node already placed and lies inside the map area.
    """
    out = []
    for spots, text in wanted:

        def free(p: Spot, text: str = text) -> bool:
            x0, y0, x1, y1 = label_box(*p, text)
            inside = x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= bottom
            return inside and not any(_overlaps((x0, y0, x1, y1), t) for t in taken)

        tries = ((x, y + LINE * k * sign) for k in range(40) for sign in (1, -1) for x, y in spots)
        x, y = next((p for p in tries if free(p)), spots[0])
        taken.append(label_box(x, y, text))
        out.append(halo_text(x, y, text))
    return out


def circle(x: float, y: float, r: int, fill: str, stroke: bool = True) -> str:
    """An SVG circle, outlined in black unless ``stroke`` is False."""
    outline = ' stroke="#000" stroke-width="2"' if stroke else ""
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}"{outline}/>'


def render_cooperation_svg(
    scenario: Scenario,
    municipalities: Mapping[str, Municipality],
    transfers: Iterable[StaffTransfer] = (),
    *,
    net_fte: Mapping[str, Decimal] | None = None,
    service_names: Mapping[str, str] | None = None,
    title: str | None = None,
    width: int = 720,
    height: int = 540,
    id_prefix: str = "samarbeidsgraf",
) -> str:
    """Draw hosts and partners at their centres with one arrow host → partner per service.

    Arrows are labelled with the service and the FTE the partner transfers (``transfers``, e.g.
    ``coop.domain.travel.cooperation.cooperation_flows``); hosts are drawn as double rings with what
    they host and, given ``net_fte`` (e.g. from ``job_balance``), their net jobs. A legend below the
    map lists every service with its host and joint FTE.
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
    map_h = max(height - LINE * (len(arrangements) + 1) - 10, 2 * MARGIN + 40)
    pos = project_points({k: (m.lat or 0.0, m.lon or 0.0) for k, m in munis.items()}, width, map_h)
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
    labels: list[tuple[list[Spot], str]] = []
    taken: list[tuple[float, ...]] = []
    for a in arrangements:
        for m in sorted(a.participants - {a.host}):
            pairs[a.host, m] += 1
            d, spots = _curve(pos[a.host], pos[m], 28.0 * pairs[a.host, m], radius[a.host] + 2,
                                 radius[m] + 3)  # fmt: skip
            svg.append(
                f'<path d="{d}" fill="none" stroke="{colour[a.service]}" stroke-width="2" '
                f'marker-end="url(#{id_prefix}-pil-{a.service})"/>'
            )
            text = names.get(a.service, a.service)
            if (a.service, m) in moved:
                text += f" · {fte_label(moved[a.service, m])}"
            labels.append((spots, text))
    for m, muni in munis.items():
        x, y = pos[m]
        taken.append((x - radius[m], y - radius[m], x + radius[m], y + radius[m]))
        if m in hosted:
            svg += [circle(x, y, 14, "#fff"), circle(x, y, 9, "#000", stroke=False)]
        else:
            svg.append(circle(x, y, 9, "#fff"))
        lines = [muni.name] + (["Vert: " + ", ".join(hosted[m])] if m in hosted else [])
        if net_fte is not None and m in net_fte:
            lines.append("Netto " + fte_label(net_fte[m], signed=True))
        for i, line in enumerate(lines):
            ly = y + radius[m] + 14 + i * LINE
            svg.append(halo_text(x, ly, line, bold=i == 0))
            taken.append(label_box(x, ly, line))
    svg += place_labels(labels, taken, width, map_h)
    y = map_h + LINE
    svg.append(halo_text(12, y, "Tegnforklaring: dobbel ring = vertskommune", anchor="start"))
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
