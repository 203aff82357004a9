"""Jinja filters for Norwegian (nb_NO) formatting with Babel; templates never format numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent, get_minus_sign_symbol
from flask import Flask
from markupsafe import Markup, escape

from coop.domain.formatting import count_of, format_nok
from coop.services.change_log import OSLO

LOCALE = "nb_NO"
MINUS = get_minus_sign_symbol(LOCALE)  # «−» (U+2212), as coop.domain.formatting writes it
Number = int | float | Decimal


def _minus(text: str) -> str:
    """Babel puts a hyphen before negatives in our patterns; nb_NO's minus sign is U+2212.

    A negative that rounds to nothing (−0,4 shown whole) is «0», never «−0».
    """
    if not text.startswith("-"):
        return text
    return text[1:] if not any(digit in text for digit in "123456789") else MINUS + text[1:]


def _decimal(value: Number, pattern: str) -> str:
    """Babel's number, rounded half up as ``coop.domain.formatting`` rounds (2,5 → 3).

    Babel rounds in the current decimal context, half to even by default, so a page would show
    500 000 kr where the agreement text says 500 001 kr for the same 500 000,50.
    """
    with localcontext(rounding=ROUND_HALF_UP):
        return _minus(format_decimal(value, pattern, locale=LOCALE))


def nok(value: Number | None) -> str:
    """1234567 → '1 234 567 kr' (whole kroner rounded half up, no-break spaces)."""
    return "–" if value is None else format_nok(value)


def number(value: Number | None, digits: int = 0) -> str:
    """1234567 → '1 234 567'; digits sets the decimals shown."""
    if value is None:
        return "–"
    return _decimal(value, "#,##0" + ("." + "0" * digits if digits else ""))


def fte(value: Number | None) -> str:
    """4.5 → '4,5 årsverk'."""
    return "–" if value is None else f"{_decimal(value, '#,##0.0#')}\u00a0årsverk"


def pct(value: Number | None, digits: int = 1) -> str:
    """0.305 → '30,5 %' (a fraction in, a percentage out)."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "\u00a0%"
    with localcontext(rounding=ROUND_HALF_UP):
        return _minus(format_percent(value, pattern, locale=LOCALE))


def nb_date(value: date | datetime | None) -> str:
    """date(2026, 12, 31) → '31.12.2026'."""
    if value is None:
        return "–"
    return format_date(value, "dd.MM.yyyy", locale=LOCALE)


def date_field(value: str | None) -> str:
    """A date field's text as the user reads it: ISO «2007-05-24» → «24.05.2007», else as typed."""
    text = value or ""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        return f"{text[8:]}.{text[5:7]}.{text[:4]}"
    return text


def nb_datetime(value: datetime | None) -> str:
    """A UTC moment in Norwegian time: '31.12.2026 kl. 14.05' (naive values are UTC)."""
    if value is None:
        return "–"
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return format_datetime(moment, "dd.MM.yyyy 'kl.' HH.mm", tzinfo=OSLO, locale=LOCALE)


def km(value: Number | None) -> str:
    """30 → '30 km'."""
    return "–" if value is None else f"{_decimal(value, '#,##0.#')}\u00a0km"


def minutes(value: Number | None) -> str:
    """45 → '45 min'."""
    return "–" if value is None else f"{_decimal(value, '#,##0')}\u00a0min"


def basis(text: str | None) -> Markup:
    """Mark estimates visibly: any basis mentioning 'anslag' gets an «anslag» badge."""
    if not text:
        return Markup("")
    if "anslag" in text.lower():
        return Markup('<span class="estimate" title="{}">anslag</span>').format(text)
    return Markup('<span class="basis">{}</span>').format(escape(text))


FILTERS = {
    "count_of": count_of,
    "nok": nok,
    "number": number,
    "fte": fte,
    "pct": pct,
    "date": nb_date,
    "date_field": date_field,
    "datetime": nb_datetime,
    "km": km,
    "minutes": minutes,
    "basis": basis,
}


def init_app(app: Flask) -> None:
    """Register the filters on the app's Jinja environment."""
    app.jinja_env.filters.update(FILTERS)
