"""Bounds on any JSON a person or program hands coop: depth, size, finite numbers, no NUL.

Python's JSON reader accepts ``NaN`` and turns ``1e400`` into infinity; PostgreSQL cannot
store either in a JSON column (nor a NUL in text), SQLite can. API bodies and project files
are walked here before anything reads them (issue 15.5), iteratively, so a deep document
cannot exhaust the stack.
"""

from __future__ import annotations

from math import isfinite
from typing import Any, NoReturn

from coop.domain.errors import InvalidData

# Where a value sits: (parent, key, is_index), or None for the document itself. Built as a
# chain and spelt out only for a message: formatting a path for each of a million values cost
# most of a second.
_Path = tuple[Any, Any, bool] | None


def _where(path: _Path) -> str:
    parts: list[str] = []
    while path is not None:
        path, key, is_index = path
        parts.append(f"[{key}]" if is_index else f".{key}")
    return "".join(reversed(parts)).removeprefix(".")


def check_json(document: Any, what: str, max_depth: int, max_values: int) -> None:
    """Refuse a document too deep or too large, or with a non-finite number or a NUL.

    The message names ``what`` (e.g. «Prosjektfilen») or the place in the document. Containers
    are walked from a stack; the plain values inside them are checked where they stand.
    """
    stack: list[tuple[Any, int, _Path]] = []
    if isinstance(document, (dict, list)):
        stack.append((document, 0, None))
    elif isinstance(document, str) and "\x00" in document:
        _nul_in_text(None)
    elif isinstance(document, float) and not isfinite(document):
        _not_finite(document, None)
    seen = 1
    while stack:
        value, depth, path = stack.pop()
        seen += len(value)
        if seen > max_values:
            raise InvalidData(f"{what} har mer enn {max_values:,} verdier.".replace(",", "\u00a0"))
        if value and depth + 1 > max_depth:
            raise InvalidData(f"{what} er nestet dypere enn {max_depth} nivåer.")
        is_index = isinstance(value, list)
        for key, item in enumerate(value) if is_index else value.items():
            if not is_index and isinstance(key, str) and "\x00" in key:
                raise InvalidData(f"{_where(path) or what}: et feltnavn inneholder et NUL-tegn.")
            # The plain values inline, not through a call each: a third of the time.
            if isinstance(item, str):
                if "\x00" in item:
                    _nul_in_text((path, key, is_index))
            elif isinstance(item, float):
                if not isfinite(item):
                    _not_finite(item, (path, key, is_index))
            elif isinstance(item, (dict, list)):
                stack.append((item, depth + 1, (path, key, is_index)))


def _nul_in_text(path: _Path) -> NoReturn:
    raise InvalidData(f"{_where(path) or 'verdien'}: teksten inneholder et NUL-tegn (\\0).")


def _not_finite(value: float, path: _Path) -> NoReturn:
    raise InvalidData(f"{_where(path) or 'verdien'}: {value} er ikke et endelig tall.")
