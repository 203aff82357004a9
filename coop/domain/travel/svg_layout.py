"""Shared drawing for the SVG maps: projection, municipality outlines, labels that never overlap.

Labels are kept apart by a box from a fixed width per character (``CHAR_WIDTH``, wider than
the sans-serif fonts browsers and WeasyPrint use at 12 px), so the check needs no font metrics
and holds in every renderer. A label that cannot sit on its line is moved to the nearest free
place and tied to its line by a thin leader, rather than laid over another label.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape

MARGIN = 90
LINE = 16
CHAR_WIDTH = 7.0
"""Width of one character of a 12 px label, generous (Arial and DejaVu Sans average 6–6,7 px)."""
OUTLINE_FILL, OUTLINE_STROKE = "#eef2f5", "#9aa5b1"

Spot = tuple[float, float]
Box = tuple[float, float, float, float]
Ring = Sequence[tuple[float, float]]  # (lon, lat) points
Projection = Callable[[float, float], Spot]  # (lat, lon) → (x, y)


def fit_projection(
    points: Sequence[tuple[float, float]], width: float, height: float, margin: float = MARGIN
) -> Projection:
    """Equirectangular, x = lon·cos(mean lat), y = −lat, with ``points`` (lat, lon) fitted in."""
    mean_lat = math.radians(sum(lat for lat, _ in points) / len(points))
    k = math.cos(mean_lat)
    xs, ys = [lon * k for _, lon in points], [-lat for lat, _ in points]
    x_span, y_span = (max(xs) - min(xs)) or 1e-9, (max(ys) - min(ys)) or 1e-9
    scale = min((width - 2 * margin) / x_span, (height - 2 * margin) / y_span)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def project(lat: float, lon: float) -> Spot:
        return width / 2 + (lon * k - cx) * scale, height / 2 + (-lat - cy) * scale

    return project


def project_points(
    points: Mapping[str, tuple[float, float]], width: float, height: float
) -> dict[str, Spot]:
    """Each (lat, lon) point placed in the box, the whole set fitted inside the margins."""
    project = fit_projection(list(points.values()), width, height)
    return {k: project(lat, lon) for k, (lat, lon) in points.items()}


def outline_paths(rings: Mapping[str, Sequence[Ring]], project: Projection) -> list[str]:
    """The municipalities' outlines as light grey shapes, drawn first so the graph lies on top."""
    out = []
    for number in sorted(rings):
        d = " ".join(
            "M" + " L".join("{:.1f},{:.1f}".format(*project(lat, lon)) for lon, lat in ring) + "Z"
            for ring in rings[number]
        )
        out.append(
            f'<path d="{d}" fill="{OUTLINE_FILL}" fill-rule="evenodd" stroke="{OUTLINE_STROKE}" '
            'stroke-width="0.8" aria-hidden="true"/>'
        )
    return out


def halo_text(x: float, y: float, text: str, *, bold: bool = False, anchor: str = "middle") -> str:
    """Text over a white halo (a separate element, so renderers without paint-order agree)."""
    attrs = f'x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"' + (
        ' font-weight="bold"' if bold else ""
    )
    halo = 'fill="#fff" stroke="#fff" stroke-width="4" aria-hidden="true"'
    body = escape(text)
    return f'<text {attrs} {halo}>{body}</text>\n<text {attrs} fill="#000">{body}</text>'


def circle(x: float, y: float, r: int, fill: str, stroke: bool = True) -> str:
    """An SVG circle, outlined in black unless ``stroke`` is False."""
    outline = ' stroke="#000" stroke-width="2"' if stroke else ""
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}"{outline}/>'


def label_box(x: float, y: float, text: str, anchor: str = "middle") -> Box:
    """The box a 12 px label at (x, y) covers: ``CHAR_WIDTH`` per character, 16 px high."""
    width = CHAR_WIDTH * len(text)
    left = x - width / 2 if anchor == "middle" else x
    return left, y - 12, left + width, y + 4


def overlaps(a: Box, b: Box) -> bool:
    """True when the two boxes share more than an edge."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _tries(spots: Sequence[Spot]) -> list[Spot]:
    """Places to try, nearest first: the spots, then a line above or below, then sideways."""
    near = [(x, y + LINE * k * s) for k in range(12) for s in (1, -1) for x, y in spots]
    far = [
        (x + 60 * j * t, y + LINE * k * s)
        for j in range(1, 6)
        for t in (1, -1)
        for k in range(24)
        for s in (1, -1)
        for x, y in spots[:1]
    ]
    return near + far


def place_labels(
    wanted: Sequence[tuple[Sequence[Spot], str, str]],
    taken: list[Box],
    width: float,
    bottom: float,
) -> list[str]:
    """Each label at the first free place near its line; a leader joins it when moved away.

    ``wanted`` holds (spots on the line, text, colour of the line). A free place overlaps no
    label or node placed before and lies inside the map area.
    """
    leaders, out = [], []
    for spots, text, colour in wanted:

        def free(p: Spot, text: str = text) -> bool:
            box = label_box(*p, text)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= bottom
            return inside and not any(overlaps(box, t) for t in taken)

        x, y = next((p for p in _tries(spots) if free(p)), spots[0])
        taken.append(label_box(x, y, text))
        sx, sy = min(spots, key=lambda s: math.hypot(s[0] - x, s[1] - y))
        if math.hypot(sx - x, sy - y) > 1.5 * LINE:
            ly = y - 12 if sy < y - 12 else (y + 4 if sy > y + 4 else sy)
            leaders.append(
                f'<line x1="{sx:.1f}" y1="{sy - 4:.1f}" x2="{x:.1f}" y2="{ly:.1f}" '
                f'stroke="{colour}" stroke-width="1" stroke-dasharray="2 2" aria-hidden="true"/>'
            )
        out.append(halo_text(x, y, text))
    return leaders + out  # leaders first, so no leader is drawn over a label


def node_labels(
    at: Spot, r: int, lines: list[str], taken: list[Box], width: float, bottom: float
) -> list[str]:
    """A node's name (bold) and facts below it, or above it when that is where there is room."""
    x, y = at

    def within(line: str) -> float:  # the centre x that keeps the line inside the map
        half = CHAR_WIDTH * len(line) / 2
        return min(max(x, half), width - half)

    below = [(within(line), y + r + 14 + i * LINE) for i, line in enumerate(lines)]
    above = [
        (within(line), y - r - 6 - (len(lines) - 1 - i) * LINE) for i, line in enumerate(lines)
    ]
    for option in (below, above):
        boxes = [label_box(px, py, line) for (px, py), line in zip(option, lines, strict=True)]
        inside = all(b[0] >= 0 and b[1] >= 0 and b[2] <= width and b[3] <= bottom for b in boxes)
        if inside and not any(overlaps(b, t) for b in boxes for t in taken):
            break
    else:
        option = below
        boxes = [label_box(px, py, line) for (px, py), line in zip(below, lines, strict=True)]
    taken += boxes
    placed = zip(option, lines, strict=True)
    return [halo_text(px, py, line, bold=i == 0) for i, ((px, py), line) in enumerate(placed)]
