"""Region figures in whole units: kroner as ``Decimal`` rounded half up, counts as spaced text."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def whole_text(value: float) -> str:
    """``12345.6`` → ``12 346`` (a no-break space between thousands)."""
    return f"{round(value):,}".replace(",", "\u00a0")


def whole_nok(value: float) -> Decimal:
    """``1234.5`` → ``Decimal(1235)``: whole kroner, rounded half up."""
    return Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
