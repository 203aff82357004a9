"""Turn submitted form fields into the plain values use cases take (no rules here)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from werkzeug.datastructures import MultiDict

from coop.domain.errors import InvalidData


def nb_decimal(text: str | None) -> str:
    """Accept Norwegian input ('4,5', '1 234,50') and return a decimal string ('4.5')."""
    return (text or "").replace("\u00a0", "").replace(" ", "").replace(",", ".").strip()


def nb_number(raw: str | None, message: str) -> Decimal | None:
    """A number typed the Norwegian way ('1 234 567,50', '25 000 000 kr', '12,5 %').

    None when empty; ``InvalidData(message)`` when it is not a finite number.
    """
    text = nb_decimal(raw).lower().removesuffix("kr").removesuffix("%").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InvalidData(message)
    return value


def arrangements_from_form(
    form: MultiDict[str, str], services: Iterable[str]
) -> list[dict[str, Any]]:
    """Read the per-service fields of the scenario form (only services marked as included)."""
    out = []
    for code in services:
        if not form.get(f"include-{code}"):
            continue
        out.append(
            {
                "service": code,
                "host": form.get(f"host-{code}", ""),
                "participants": form.getlist(f"participants-{code}"),
                "legal_form": form.get(f"legal_form-{code}", "20-2"),
                "joint_fte": nb_decimal(form.get(f"joint_fte-{code}")) or "0",
                "local_fte": nb_decimal(form.get(f"local_fte-{code}")) or "0",
                "cost_key": form.get(f"cost_key-{code}", ""),
            }
        )
    return out


def version_from_form(form: MultiDict[str, str]) -> int | None:
    """The version the user started editing from (None for a new scenario)."""
    text = form.get("version", "")
    return int(text) if text.isdigit() else None
