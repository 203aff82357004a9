"""A printable SVG map of proposed groups: municipalities coloured by group, hosts numbered.

Pure: the boundary rings come in as (lon, lat) points (``coop.reference.geography``). Colour
is never the only carrier of meaning: each host carries its group's number, and the page
lists the same numbers in a table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

Ring = Sequence[tuple[float, float]]
# Okabe–Ito and Tableau-like colours, lightened so black text stays readable on them.
PALETTE = (
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#cc79a7", "#d55e00", "#0072b2",
    "#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99", "#8dd3c7",
)  # fmt: skip
OUTSIDE = "#eeeeee"


def group_colour(index: int) -> str:
    """The fill of group ``index`` (0-based), repeating after the palette."""
    return PALETTE[index % len(PALETTE)]


def render_region_svg(
    rings: Mapping[str, Sequence[Ring]],
    group_of: Mapping[str, int],
    hosts: Sequence[str],
    names: Mapping[str, str],
    width: int = 640,
) -> str:
    """Every municipality in ``group_of`` filled with its group's colour; hosts numbered 1…k."""
    shown = [n for n in group_of if n in rings]
    points = [p for n in shown for ring in rings[n] for p in ring]
    if not points:
        return ""
    mean_lat = math.radians(sum(lat for _, lat in points) / len(points))
    k = math.cos(mean_lat)
    xs = [lon * k for lon, _ in points]
    ys = [-lat for _, lat in points]
    span_x, span_y = (max(xs) - min(xs)) or 1e-9, (max(ys) - min(ys)) or 1e-9
    scale = (width - 20) / span_x
    height = int(span_y * scale + 20)
    if height > 2 * width:  # tall areas (all of Norway): fit the height instead
        height = 2 * width
        scale = (height - 20) / span_y
    x0, y0 = min(xs), min(ys)

    def xy(lon: float, lat: float) -> str:
        return f"{10 + (lon * k - x0) * scale:.1f},{10 + (-lat - y0) * scale:.1f}"

    paths = []
    for n in sorted(shown):
        d = " ".join("M" + " L".join(xy(lon, lat) for lon, lat in ring) + "Z" for ring in rings[n])
        fill = group_colour(group_of[n])
        paths.append(
            f'<path d="{d}" fill="{fill}" fill-rule="evenodd" stroke="#555" '
            f'stroke-width="0.4"><title>{escape(names.get(n, n))}</title></path>'
        )
    labels = []
    for i, host in enumerate(hosts):
        if host not in rings:
            continue
        lon, lat = _centre(rings[host])
        x, y = (float(v) for v in xy(lon, lat).split(","))
        labels.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="#fff" stroke="#000"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="10" '
            f'font-weight="bold">{i + 1}</text>'
        )
    title = "Kart over foreslåtte grupper"
    desc = "; ".join(f"gruppe {i + 1}: vert {names.get(h, h)}" for i, h in enumerate(hosts))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="kart-tittel kart-beskrivelse">'
        f'<title id="kart-tittel">{title}</title><desc id="kart-beskrivelse">{escape(desc)}</desc>'
        + "".join(paths)
        + "".join(labels)
        + "</svg>"
    )


def _centre(rings: Sequence[Ring]) -> tuple[float, float]:
    """Mean of the largest ring's points (good enough to place a label)."""
    ring = max(rings, key=len)
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
