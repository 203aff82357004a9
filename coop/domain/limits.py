"""One bounded reader for every number, date and text people or programs hand coop.

Forms, query strings, JSON bodies and the command line all read through these functions, so
a value is bounded where it enters: at most 30 characters, ASCII digits only (``²`` passes
``str.isdigit()`` but not ``int()``), finite, within the range its database column holds and
a planner could mean. A broken value raises ``InvalidData`` whose bokmål message names the
field, which the web answers with 422 and the command line with exit code 2.

The ranges follow the columns in ``coop/persistence/orm/``: money is ``Numeric(14, 2)``
(below 10^12 kr; we allow below 10^11 kr), FTE ``Numeric(6, 2)`` (we allow up to 9 999).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from coop.domain.errors import InvalidData

MAX_TYPED = 30
"""Longest typed number: «−99 999 999 999,99 kr» fits; 4 300-digit strings never reach int()."""
KRONER_LIMIT = Decimal(10) ** 11
"""Amounts are below 100 milliarder kr in absolute value (the columns hold below 10^12)."""
MAX_FTE = Decimal(9999)
MAX_MINUTES_TYPED = Decimal(10_000)
"""Travel and commute limits in minutes (a week is 10 080)."""
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_VERSION = 2**31 - 1
MAX_COUNT = 1_000_000
MAX_GAIN_TYPED = Decimal(1000)
"""A typed efficiency gain is read up to 1 000 % so the domain rule (under 100 %) can speak."""
MIN_EXPONENT = -10
"""At most ten decimals: «1e-999999» is no amount anyone means and slows every sum."""

T = TypeVar("T")


def _shown(raw: object) -> str:
    text = str(raw).strip()
    return text if len(text) <= MAX_TYPED else text[:MAX_TYPED] + "…"


def _grouped(value: Decimal | int) -> str:
    """``Decimal(-1234567.5)`` → ``−1 234 567,5`` (no-break spaces), for limits in messages."""
    magnitude = abs(Decimal(value))
    text = f"{magnitude:,}" if magnitude >= 10_000 else f"{magnitude}"
    text = text.replace(",", "\u00a0").replace(".", ",")
    return ("−" if value < 0 else "") + text


def _cleaned(raw: object, field: str) -> str:
    """The typed text without spaces, «kr», «%» and with a point for the comma."""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        raise InvalidData(f"{field} må være et tall.")
    text = str(raw).strip()
    if len(text) > MAX_TYPED + 10:
        raise InvalidData(f"{field}: tallet har mer enn {MAX_TYPED} tegn.")
    for space in ("\u00a0", "\u202f", "\u2009", " "):
        text = text.replace(space, "")
    text = text.lower().removesuffix("kr").removesuffix("%").strip()
    return text.replace("−", "-").replace(",", ".")


def blank(raw: object) -> bool:
    """True for an absent value: None or a text of only spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def read_decimal(raw: object, field: str, low: Decimal, high: Decimal, unit: str = "") -> Decimal:
    """A finite number from ``low`` to ``high`` typed the Norwegian way («1 234,5», «4,5 %»)."""
    if isinstance(raw, float) and not math.isfinite(raw):
        raise InvalidData(f"{field}: «{_shown(raw)}» er ikke et tall.")
    text = _cleaned(raw, field)
    if not text or len(text) > MAX_TYPED or not text.isascii():
        raise InvalidData(f"{field}: «{_shown(raw)}» er ikke et tall.")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidData(f"{field}: «{_shown(raw)}» er ikke et tall.") from None
    if not value.is_finite():
        raise InvalidData(f"{field}: «{_shown(raw)}» er ikke et tall.")
    suffix = f" {unit}" if unit else ""
    if not low <= value <= high:
        raise InvalidData(
            f"{field}: {_shown(raw)} er utenfor det tillatte "
            f"(fra {_grouped(low)} til {_grouped(high)}{suffix})."
        )
    exponent = value.as_tuple().exponent
    if value and isinstance(exponent, int) and exponent < MIN_EXPONENT:
        raise InvalidData(f"{field}: «{_shown(raw)}» har for mange desimaler.")
    return value


def read_whole(raw: object, field: str, low: int, high: int, unit: str = "") -> int:
    """A whole number from ``low`` to ``high`` («1 000», «12»); no decimals, no ``²``."""
    if isinstance(raw, float) and not raw.is_integer():
        raise InvalidData(f"{field}: «{_shown(raw)}» er ikke et helt tall.")
    text = _cleaned(raw, field)
    if isinstance(raw, float):
        text = text.removesuffix(".0")
    digits = text.removeprefix("-")
    if not digits or not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        raise InvalidData(f"{field}: «{_shown(raw)}» er ikke et helt tall.")
    value = int(text)
    if not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise InvalidData(
            f"{field}: {_shown(raw)} er utenfor det tillatte "
            f"(fra {_grouped(low)} til {_grouped(high)}{suffix})."
        )
    return value


def read_kroner(
    raw: object,
    field: str,
    low: Decimal = -KRONER_LIMIT + Decimal("0.01"),
    high: Decimal = KRONER_LIMIT - Decimal("0.01"),
) -> Decimal:
    """An amount in kroner, below 10^11 kr in absolute value unless the caller narrows it."""
    return read_decimal(raw, field, max(low, -KRONER_LIMIT), min(high, KRONER_LIMIT), "kr")


def read_fte(raw: object, field: str, high: Decimal = MAX_FTE) -> Decimal:
    """Årsverk (FTE): from 0 to 9 999."""
    return read_decimal(raw, field, Decimal(0), min(high, MAX_FTE), "årsverk")


def read_percent(
    raw: object, field: str, low: Decimal = Decimal(0), high: Decimal = Decimal(100)
) -> Decimal:
    """A percentage («12,5 %» → 12.5), from 0 to 100 unless the caller says otherwise."""
    return read_decimal(raw, field, low, high, "%")


def read_year(raw: object, field: str, low: int = MIN_YEAR, high: int = MAX_YEAR) -> int:
    """A year, 1900–2100 unless narrowed."""
    return read_whole(raw, field, max(low, MIN_YEAR), min(high, MAX_YEAR))


def read_count(raw: object, field: str, low: int = 0, high: int = MAX_COUNT) -> int:
    """A count of something (months, years, alternatives, trips)."""
    return read_whole(raw, field, low, min(high, MAX_COUNT))


def read_version(raw: object, field: str = "versjon") -> int:
    """The version a client read (optimistic locking), 0 to 2^31 − 1."""
    return read_whole(raw, field, 0, MAX_VERSION)


def read_date(raw: object, field: str) -> date:
    """A date written 2007-05-24 or 24.05.2007, years 1900–2100."""
    text = raw.strip() if isinstance(raw, str) else ""
    parsed: date | None = None
    if 8 <= len(text) <= 10 and text.isascii():
        try:
            if "." in text:
                day, month, year = (int(part) for part in text.split("."))
                parsed = date(year, month, day)
            elif len(text) == 10:
                parsed = date.fromisoformat(text)
        except ValueError:
            parsed = None
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise InvalidData(
            f"{field}: «{_shown(raw)}» er ikke en gyldig dato (skriv f.eks. 24.05.2007)."
        )
    return parsed


def read_text(raw: object, field: str, limit: int, required: bool = False) -> str:
    """A text of at most ``limit`` characters without NUL or other control characters."""
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise InvalidData(f"{field} må være en tekst.")
    if len(raw) > limit:
        raise InvalidData(f"{field} kan ha høyst {limit} tegn (du skrev {len(raw)}).")
    if any(ord(c) < 32 and c not in "\t\r\n" for c in raw):
        raise InvalidData(f"{field} inneholder kontrolltegn (for eksempel NUL).")
    if required and not raw.strip():
        raise InvalidData(f"{field} mangler.")
    return raw


def optional(reader: Callable[..., T], raw: object, field: str, *bounds: object) -> T | None:
    """``reader(raw, field, *bounds)``, or None when the value is absent or blank."""
    return None if blank(raw) else reader(raw, field, *bounds)


def require_bounded(value: object, field: str, low: Decimal, high: Decimal) -> Decimal:
    """``value`` if it is a finite Decimal from ``low`` to ``high``; for domain objects.

    The readers above bound what people type; this bounds what code builds (project files,
    the demo, the command line), so no path can store «Infinity» or a figure its column
    cannot hold. Comparing a NaN Decimal raises, so finiteness is checked first.
    """
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        raise InvalidData(f"{field} må være et tall.")
    number = Decimal(value)
    if not number.is_finite():
        raise InvalidData(f"{field}: «{_shown(value)}» er ikke et endelig tall.")
    if not low <= number <= high:
        raise InvalidData(
            f"{field}: {_grouped(number)} er utenfor det tillatte "
            f"(fra {_grouped(low)} til {_grouped(high)})."
        )
    return number


MAX_NAME = 100
"""String(100): names of options, policies, cost keys and users."""


def require_name(name: object, field: str, limit: int = MAX_NAME) -> str:
    """A non-blank name of at most ``limit`` characters without control characters."""
    return read_text(name, field, limit, required=True)
