"""The project plan as a one-page Gantt-like SVG: a row per milestone, months along the top.

A period is a bar, a single date a diamond; every row names its key, type and status in
text, so nothing is told by colour alone. Printable (no script), with ``<title>`` and
``<desc>``; the page puts the same milestones in a table next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup

from coop.domain.formatting import count_of
from coop.domain.process.plan import Milestone, Status
from web.svg import INK, tag

WIDTH = 960
LABEL_PX = 330
ROW_PX = 22
TOP_PX = 34
MONTHS = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")
FILL = {
    Status.PLANNED: "#0b4f8a",
    Status.STARTED: "#a34700",
    Status.DONE: "#2e6b30",
    Status.CANCELLED: "#6b6b6b",
}


def _month_starts(first: date, last: date) -> list[date]:
    out, d = [], date(first.year, first.month, 1)
    while d <= last:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def plan_timeline(milestones: Sequence[Milestone], title: str, today: date | None = None) -> Markup:
    """The SVG for ``milestones`` (sorted by the caller); empty markup when there are none."""
    if not milestones:
        return Markup("")
    months = _month_starts(min(m.first_day for m in milestones), max(m.due for m in milestones))
    start = months[0]
    end = date(months[-1].year + (months[-1].month == 12), months[-1].month % 12 + 1, 1)
    span = (end - start).days or 1
    plot = WIDTH - LABEL_PX - 10

    def x(d: date) -> float:
        return LABEL_PX + (d - start).days / span * plot

    height = TOP_PX + ROW_PX * len(milestones) + 10
    body: list[Markup] = []
    step = max(1, len(months) // 12)
    for i, month in enumerate(months):
        body.append(tag("line", {"x1": x(month), "x2": x(month), "y1": float(TOP_PX - 6),
                                 "y2": float(height - 8), "class": "grid"}))  # fmt: skip
        if i % step == 0:
            label = MONTHS[month.month - 1] + (
                f" {month.year}" if month.month == 1 or i == 0 else ""
            )
            body.append(tag("text", {"x": x(month) + 2, "y": float(TOP_PX - 12)}, label))
    for row, m in enumerate(milestones):
        y = TOP_PX + row * ROW_PX
        mid = y + ROW_PX / 2
        label = f"{m.key} {m.type.value} · {m.status.label.lower()} · {m.title}"
        shown = label if len(label) <= 44 else label[:43] + "…"
        body.append(tag("text", {"x": 4.0, "y": mid + 4}, tag("title", {}, label), shown))
        fill = FILL[m.status]
        if m.start is not None and m.start < m.due:
            width = max(3.0, x(m.due) - x(m.start) + plot / span)
            body.append(tag("rect", {"x": x(m.start), "y": y + 5.0, "width": width,
                                     "height": float(ROW_PX - 10), "fill": fill}))  # fmt: skip
        else:
            cx = x(m.due) + plot / span / 2
            corners = ((cx, y + 3), (cx + 7, mid), (cx, y + ROW_PX - 3), (cx - 7, mid))
            points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
            body.append(tag("polygon", {"points": points, "fill": fill}))
    if today is not None and start <= today < end:
        body.append(tag("line", {"x1": x(today), "x2": x(today), "y1": float(TOP_PX - 6),
                                 "y2": float(height - 8), "class": "today"}))  # fmt: skip
        body.append(tag("text", {"x": x(today) + 3, "y": float(height - 1)}, "i dag"))
    last = milestones[-1]
    desc = (
        f"{count_of(len(milestones), 'milepæl', 'milepæler')} "
        f"fra {start:%m.%Y} til {last.due:%d.%m.%Y}. "
        + " ".join(f"{m.key} {m.type.label} «{m.title}» {m.due:%d.%m.%Y}, {m.status.label.lower()}."
                   for m in milestones)
    )  # fmt: skip
    return tag(
        "svg",
        {"xmlns": "http://www.w3.org/2000/svg", "role": "img", "class": "timeline",
         "viewBox": f"0 0 {WIDTH} {height}", "width": str(WIDTH), "height": str(height),
         "aria-labelledby": "tidslinje-tittel tidslinje-beskrivelse", "font-size": "12",
         "fill": INK},
        tag("title", {"id": "tidslinje-tittel"}, title),
        tag("desc", {"id": "tidslinje-beskrivelse"}, desc),
        *body,
    )  # fmt: skip
