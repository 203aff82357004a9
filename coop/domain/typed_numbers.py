"""Numbers typed by people, the Norwegian way: «1 234 567», «4,5», «12,5 %», «25 000 kr».

Bounded at parse time: at most 30 characters, ASCII digits only (Unicode digits that
``int()`` would refuse are refused here, with the same message), finite, and within the
limits the caller gives. Errors name the field and the value.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from coop.domain.errors import InvalidData

MAX_TYPED = 30


def _clean(raw: str) -> str:
    text = str(raw).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    return text.lower().removesuffix("kr").removesuffix("%").strip().replace("−", "-")


def typed_decimal(
    raw: str, what: str, low: Decimal | None = None, high: Decimal | None = None
) -> Decimal:
    """A decimal from text with comma or point; ``InvalidData`` naming ``what`` otherwise."""
    text = _clean(raw).replace(",", ".")
    shown = str(raw).strip()[:30]
    if not text or len(text) > MAX_TYPED or not text.isascii():
        raise InvalidData(f"{what}: «{shown}» er ikke et tall.")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidData(f"{what}: «{shown}» er ikke et tall.") from None
    if not value.is_finite():
        raise InvalidData(f"{what}: «{shown}» er ikke et tall.")
    if (low is not None and value < low) or (high is not None and value > high):
        raise InvalidData(f"{what}: {shown} er utenfor det tillatte ({low} til {high}).")
    return value


def typed_whole(raw: str, what: str, low: int | None = None, high: int | None = None) -> int:
    """A whole number; ``InvalidData`` naming ``what`` otherwise."""
    text = _clean(raw)
    shown = str(raw).strip()[:30]
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        raise InvalidData(f"{what}: «{shown}» er ikke et helt tall.")
    value = int(text)
    if (low is not None and value < low) or (high is not None and value > high):
        raise InvalidData(f"{what}: {shown} er utenfor det tillatte ({low} til {high}).")
    return value


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
