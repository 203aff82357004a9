"""Kroner and percentages in messages written outside the web layer: 1 234 567 kr, 12,5 %.

The web pages format through Babel (web/filters.py); messages built in the domain and the
use cases use these functions so they read the same.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"  # «−», the minus sign of nb_NO (Babel's too); never the hyphen «-»


def format_pct(value: Decimal | float) -> str:
    """``Decimal("12.50")`` → ``"12,5 %"``; whole numbers without decimals: ``"10 %"``."""
    number = Decimal(str(value)) if isinstance(value, float) else value
    text = f"{number.normalize():f}".replace(".", ",")
    return (MINUS + text[1:] if text.startswith("-") else text) + "\u00a0%"


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
