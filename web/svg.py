"""Building blocks for server-side SVG (charts, the plan timeline): escaped elements, ink.

One place so every picture escapes text the same way (markupsafe, so the result parses with
``xml.etree``) and writes coordinates with one decimal (short, stable output).
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

# Text and axis colour: near black, well over 4.5:1 against white (WCAG 1.4.3).
INK = "#1b1b1b"


def coordinate(value: float) -> str:
    """A coordinate with one decimal."""
    return f"{value:.1f}"


def tag(name: str, attrs: Mapping[str, str | float], *children: str | Markup) -> Markup:
    """One XML element; attribute values and text children are escaped, floats rounded."""
    parts = Markup("").join(
        Markup(' {}="{}"').format(key, coordinate(v) if isinstance(v, float) else v)
        for key, v in attrs.items()
    )
    if not children:
        return Markup("<{}{}/>").format(name, parts)
    return Markup("<{0}{1}>{2}</{0}>").format(name, parts, Markup("").join(children))
