"""Server-side SVG bar charts with text alternatives: printable, no script, no inline styles.

Every chart is an ``<svg role="img">`` whose ``<title>`` names it and whose ``<desc>`` repeats
every number in words, so a screen reader gets what the eye gets; pages still put a table of
the same numbers next to it. Each bar carries its series name as text, never colour alone.
All text is escaped for XML by markupsafe, so the result parses with ``xml.etree``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from web.svg import INK, coordinate, tag

Number = int | float | Decimal
ValueText = Callable[[Number], str]

# Dark enough for 3:1 against white (WCAG 1.4.11); the series name is written on every bar.
PALETTE = ("#0b4f8a", "#a34700", "#2e6b30", "#6a3d9a")
WIDTH = 720
FONT_PX = 13
CHAR_PX = 7.2  # rough advance of one character at FONT_PX, for reserving room for text
BAR_PX = 18
BAR_GAP_PX = 5
GROUP_GAP_PX = 12
HEADING_PX = 20
TOP_PX = 8


@dataclass(frozen=True, slots=True)
class Series:
    """One member of every group (typically a placement option): a name and one value per group."""

    name: str
    values: tuple[Number, ...]


def _text_px(texts: Sequence[str]) -> float:
    return max((len(t) for t in texts), default=0) * CHAR_PX


def _description(
    description: str, categories: Sequence[str], series: Sequence[Series], value_text: ValueText
) -> str:
    """The caller's sentence followed by every value in words."""
    items = []
    for i, category in enumerate(categories):
        for s in series:
            label = f"{category}, {s.name}" if s.name else category
            items.append(f"{label}: {value_text(s.values[i])}")
    return " ".join(filter(None, [description.strip(), "; ".join(items) + "." if items else ""]))


def grouped_bar_chart(
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_text: ValueText,
) -> Markup:
    """Horizontal bars grouped by category, one bar per series; negatives extend left of zero.

    ``chart_id`` must be unique on the page (it prefixes the title and desc ids);
    ``value_text`` formats a value for people (``web.filters.nok``, ``fte``, …).
    """
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(categories)}")
    named = any(s.name for s in series)
    values = [float(v) for s in series for v in s.values]
    low, high = min([0.0, *values]), max([0.0, *values])
    labels = [*categories, *(f"{s.name}" for s in series)]
    label_px = min(260.0, _text_px(labels) + 16)
    value_px = _text_px([value_text(v) for s in series for v in s.values]) + 8
    left_px = label_px + (value_px if low < 0 else 4)
    plot_px = max(80.0, WIDTH - left_px - (value_px if high > 0 else 4))
    scale = plot_px / ((high - low) or 1.0)
    axis_x = round(left_px - low * scale, 1)  # rounded as printed, so bars meet it exactly

    body: list[Markup] = []
    y = float(TOP_PX)
    for i, category in enumerate(categories):
        if named:
            body.append(
                tag("text", {"x": 4.0, "y": y + HEADING_PX - 6, "font-weight": "bold"}, category)
            )
            y += HEADING_PX
        for j, s in enumerate(series):
            value = float(s.values[i])
            middle = y + BAR_PX / 2 + FONT_PX / 3
            width = round(abs(value) * scale, 1)
            x = axis_x - width if value < 0 else axis_x
            body.append(_label(label_px, middle, s.name if named else category))
            body.append(
                tag(
                    "rect",
                    {
                        "class": "bar",
                        "x": x,
                        "y": y,
                        "width": width,
                        "height": float(BAR_PX),
                        "fill": PALETTE[j % len(PALETTE)],
                        "data-value": str(s.values[i]),
                    },
                )
            )
            end = (x - 4, "end") if value < 0 else (x + width + 4, "start")
            body.append(
                tag(
                    "text",
                    {"x": end[0], "y": middle, "text-anchor": end[1], "class": "value"},
                    value_text(s.values[i]),
                )
            )
            y += BAR_PX + BAR_GAP_PX
        y += GROUP_GAP_PX
    height = max(y, TOP_PX + 2 * BAR_PX)
    axis = tag(
        "line",
        {
            "class": "axis",
            "x1": axis_x,
            "x2": axis_x,
            "y1": float(TOP_PX) - 4,
            "y2": height - GROUP_GAP_PX + 4,
            "stroke": INK,
            "stroke-width": "1",
        },
    )
    return tag(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "chart",
            "role": "img",
            "viewBox": f"0 0 {WIDTH} {coordinate(height)}",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "font-family": "system-ui, sans-serif",
            "font-size": str(FONT_PX),
            "fill": INK,
        },
        tag("title", {"id": f"{chart_id}-title"}, title),
        tag(
            "desc",
            {"id": f"{chart_id}-desc"},
            _description(description, categories, series, value_text),
        ),
        *body,
        axis,
    )


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[Number],
    value_text: ValueText,
) -> Markup:
    """One horizontal bar per label (a grouped chart with a single, unnamed series)."""
    return grouped_bar_chart(
        chart_id, title, description, labels, [Series("", tuple(values))], value_text
    )


def _label(column_px: float, y: float, text: str) -> Markup:
    """A bar's name, right-aligned in the label column; cut with "…" if it cannot fit."""
    room = int((column_px - 12) / CHAR_PX)
    shown = text if len(text) <= room else text[: max(1, room - 1)] + "…"
    return tag("text", {"x": column_px - 8, "y": y, "text-anchor": "end"}, shown)
