"""Region figures in whole kroner: ``Decimal`` rounded half up, as the proposals carry them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def whole_nok(value: float) -> Decimal:
    """``1234.5`` → ``Decimal(1235)``: whole kroner, rounded half up."""
    return Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
