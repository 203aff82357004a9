"""Numbers as a Norwegian reader expects them: 1 234 567 kr, 12,5 %, 31.12.2026, «1 kommune».

One home for each rule: rounding is half up everywhere (pages, agreement texts, messages), the
minus is «−», thousands are grouped with no-break spaces. The web filters (web/filters.py) use
these functions or Babel under the same rounding, so a page and a printed agreement never show
the same amount differently.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"  # «−», the minus sign of nb_NO (Babel's too); never the hyphen «-»


def format_pct(value: Decimal | float) -> str:
    """``Decimal("12.50")`` → ``"12,5 %"``; whole numbers without decimals: ``"10 %"``."""
    number = Decimal(str(value)) if isinstance(value, float) else value
    text = f"{number.normalize():f}".replace(".", ",")
    return (MINUS + text[1:] if text.startswith("-") else text) + "\u00a0%"


def format_number(value: Decimal, places: int = 2, signed: bool = False) -> str:
    """Norwegian number: decimal comma, no-break-space thousands, U+2212 minus, no trailing 0."""
    q = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    whole, _, frac = f"{abs(q):,f}".partition(".")
    text = whole.replace(",", "\u00a0") + ("," + frac.rstrip("0") if frac.rstrip("0") else "")
    sign = MINUS if q < 0 else ("+" if signed and q > 0 else "")
    return sign + text


def format_share(fraction: Decimal | float, places: int = 2) -> str:
    """A fraction as a percentage, half up, no trailing zeros: 0.3 → «30 %», 1/3 → «33,33 %»."""
    number = Decimal(str(fraction)) if isinstance(fraction, float) else Decimal(fraction)
    value = (number * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(value):f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return (MINUS if value < 0 else "") + text.replace(".", ",") + "\u00a0%"


def format_kr(amount: Decimal | float) -> str:
    """``Decimal("-1234567.5")`` → ``"−1 234 567,50 kr"`` with no-break spaces."""
    number = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    value = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{abs(value):,.2f}".replace(",", "\u00a0").replace(".", ",").removesuffix(",00")
    return (MINUS if value < 0 else "") + text + "\u00a0kr"


def format_whole(value: Decimal | float) -> str:
    """``12345.5`` → ``"12 346"``: rounded half up, no-break spaces, «−» for a minus."""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    whole = number.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return (MINUS if whole < 0 else "") + f"{abs(whole):,}".replace(",", "\u00a0")


def count_of(count: int, one: str, many: str) -> str:
    """«1 kommune», «4 kommuner», «1 obligatorisk punkt», «12 345 tjenester»: bokmål counts."""
    return f"{format_whole(count)} {one if count == 1 else many}"


def format_nok(amount: Decimal | float) -> str:
    """Whole kroner, rounded half up: «1 234 567 kr», «−25 000 kr»; pages and texts alike."""
    return f"{format_whole(amount)}\u00a0kr"


def format_date(day: date) -> str:
    """Bokmål numeric date: «24.05.2007»."""
    return day.strftime("%d.%m.%Y")
