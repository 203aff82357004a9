"""Read a JSON request body field by field, each bounded at parse time.

Wrong types, NaN, infinite or huge numbers, over-long texts and lists and unknown keys become
``InvalidData`` (422) naming the field as the OpenAPI document spells it; nothing reaches a
use case unchecked. The bounds here are the ones ``web.api.openapi_projects`` documents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import Any

from flask import request

from coop.domain.agreements.terms import parse_date
from coop.domain.errors import InvalidData
from coop.domain.limits import optional, read_year
from coop.domain.typed_numbers import MAX_TYPED, typed_decimal
from web.api.schema import checked_body

MAX_TEXT = 4000


def json_object(allowed: Iterable[str]) -> dict[str, Any]:
    """The body as a JSON object whose keys are all in ``allowed``."""
    body = checked_body()
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise InvalidData(f"Ukjent felt i forespørselen: {', '.join(unknown)[:200]}.")
    return body


def text(body: dict[str, Any], name: str, limit: int = 200, required: bool = False) -> str:
    """A text field ('' when absent and not required)."""
    value = body.get(name)
    if value is None:
        if required:
            raise InvalidData(f"{name} mangler.")
        return ""
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise InvalidData(f"{name} må være en tekst på høyst {limit} tegn.")
    if required and not value.strip():
        raise InvalidData(f"{name} mangler.")
    return value


def whole(body: dict[str, Any], name: str, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high``, or None when absent."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidData(f"{name} må være et helt tall fra {low} til {high}.")
    return value


def number_text(value: Any, name: str) -> str:
    """A figure given as a JSON number or as Norwegian text («1 234 567», «4,5»), as text.

    The text is checked here (finite, ≤ 30 characters) so the error names the JSON field;
    the use case parses it again with its own limits.
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidData(f"{name} må være et tall.")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidData(f"{name}: {value} er ikke et tall.")
    raw = str(value) if not isinstance(value, str) else value
    if isinstance(value, str) and not value.strip():
        return ""
    if len(raw) > MAX_TYPED:
        raise InvalidData(f"{name}: tallet har mer enn {MAX_TYPED} tegn.")
    typed_decimal(raw, name)
    return raw


def strings(body: dict[str, Any], name: str, most: int, limit: int = 100) -> list[str] | None:
    """A list of at most ``most`` texts of at most ``limit`` characters, or None when absent."""
    value = body.get(name)
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) > most
        or not all(isinstance(v, str) and len(v) <= limit for v in value)
    ):
        raise InvalidData(f"{name} må være en liste med høyst {most} tekster.")
    return value


def mapping(body: dict[str, Any], name: str, most: int) -> dict[str, Any]:
    """An object of at most ``most`` keys of at most 40 characters ({} when absent)."""
    value = body.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict) or len(value) > most or any(len(k) > 40 for k in value):
        raise InvalidData(f"{name} må være et objekt med høyst {most} felt.")
    return value


def version(body: dict[str, Any], required: bool = False) -> int | None:
    """The version the client read (optimistic locking)."""
    found = whole(body, "version", 0, 2**31 - 1)
    if found is None and required:
        raise InvalidData("version mangler (versjonen du leste, fra GET).")
    return found


def day(body: dict[str, Any], name: str) -> date | None:
    """A date written ÅÅÅÅ-MM-DD (or DD.MM.ÅÅÅÅ), or None when absent."""
    raw = text(body, name, 10)
    return parse_date(raw, name) if raw else None


def query_year(name: str = "year") -> int | None:
    """A year from the query string, 1990–2100, or None."""
    return optional(read_year, request.args.get(name, ""), name, 1990)
