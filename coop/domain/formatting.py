"""Kroner in messages written outside the web layer (errors, notes): 1 234 567 kr.

The web pages format through Babel (web/filters.py); messages built in the domain and the
use cases use this one function so they read the same.
"""

from __future__ import annotations

from decimal import Decimal


def format_kr(amount: Decimal | float) -> str:
    """``Decimal("-1234567.5")`` → ``"−1 234 567,50 kr"`` with no-break spaces."""
    value = Decimal(str(amount)) if isinstance(amount, float) else amount
    text = f"{abs(value):,.2f}".replace(",", "\u00a0").replace(".", ",").removesuffix(",00")
    return ("−" if value < 0 else "") + text + "\u00a0kr"
