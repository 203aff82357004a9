"""Bounds on any JSON a person or program hands coop: depth, size, finite numbers, no NUL.

Python's JSON reader accepts ``NaN`` and turns ``1e400`` into infinity; PostgreSQL cannot
store either in a JSON column (nor a NUL in text), SQLite can. API bodies and project files
are walked here before anything reads them (issue 15.5), iteratively, so a deep document
cannot exhaust the stack.
"""

from __future__ import annotations

import math
from typing import Any

from coop.domain.errors import InvalidData


def check_json(document: Any, what: str, max_depth: int, max_values: int) -> None:
    """Refuse a document too deep or too large, or with a non-finite number or a NUL.

    The message names ``what`` (e.g. «Prosjektfilen») or the place in the document.
    """
    stack: list[tuple[Any, int, str]] = [(document, 0, "")]
    seen = 0
    while stack:
        value, depth, where = stack.pop()
        seen += 1
        if seen > max_values:
            raise InvalidData(f"{what} har mer enn {max_values:,} verdier.".replace(",", "\u00a0"))
        if depth > max_depth:
            raise InvalidData(f"{what} er nestet dypere enn {max_depth} nivåer.")
        if isinstance(value, str) and "\x00" in value:
            raise InvalidData(f"{where or 'verdien'}: teksten inneholder et NUL-tegn (\\0).")
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidData(f"{where or 'verdien'}: {value} er ikke et endelig tall.")
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    raise InvalidData(f"{where or what}: et feltnavn inneholder et NUL-tegn.")
                stack.append((item, depth + 1, f"{where}.{key}" if where else str(key)))
        elif isinstance(value, list):
            stack.extend((v, depth + 1, f"{where}[{i}]") for i, v in enumerate(value))
