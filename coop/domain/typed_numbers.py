"""Numbers typed by people, the Norwegian way: «1 234 567», «4,5», «12,5 %», «25 000 kr».

Thin wrappers over ``coop.domain.limits`` (the one bounded reader) for callers that name
their own range; without one, a number is bounded as an amount in kroner (below 10^11) and a
whole number to twelve digits. Errors name the field and the value.
"""

from __future__ import annotations

from decimal import Decimal

from coop.domain.limits import KRONER_LIMIT, MAX_TYPED, read_decimal, read_whole

__all__ = ["MAX_TYPED", "typed_decimal", "typed_whole"]


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
