"""Numbers typed by people, the Norwegian way: «1 234 567», «4,5», «12,5 %», «25 000 kr».

Thin wrappers over ``coop.domain.limits`` (the one bounded reader) for callers that name
their own range; without one, a number is bounded as an amount in kroner (below 10^11) and a
whole number to twelve digits. Errors name the field and the value.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from coop.domain.errors import InvalidData
from coop.domain.limits import KRONER_LIMIT, MAX_TYPED, read_decimal, read_whole

__all__ = ["MAX_TYPED", "typed_date", "typed_decimal", "typed_whole"]


def typed_decimal(
    raw: str, what: str, low: Decimal | None = None, high: Decimal | None = None
) -> Decimal:
    """A decimal from text with comma or point; ``InvalidData`` naming ``what`` otherwise."""
    return read_decimal(
        raw,
        what,
        -KRONER_LIMIT if low is None else low,
        KRONER_LIMIT if high is None else high,
    )


def typed_whole(raw: str, what: str, low: int | None = None, high: int | None = None) -> int:
    """A whole number; ``InvalidData`` naming ``what`` otherwise."""
    return read_whole(raw, what, 0 if low is None else low, 10**12 if high is None else high)


def typed_date(raw: str, what: str) -> date:
    """A date typed as 31.12.2026 (or ISO 2026-12-31), within 1990–2100."""
    text = str(raw).strip()
    shown = text[:30]
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            value = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if not date(1990, 1, 1) <= value <= date(2100, 12, 31):
            raise InvalidData(f"{what}: {shown} er utenfor 1990–2100.")
        return value
    raise InvalidData(f"{what}: «{shown}» er ikke en dato (skriv for eksempel 31.12.2026).")
