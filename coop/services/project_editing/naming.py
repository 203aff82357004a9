"""Names from what a person typed: a project's slug, and a member by number or name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from coop.domain import errors, model
from coop.reference.numbers import number_history


def slugify(text: str) -> str:
    """«Midt-Troms barnevern 2027» → ``midt-troms-barnevern-2027`` (ascii, ≤ 40 characters)."""
    folded = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-")
    return slug or "prosjekt"


def resolve_member(text: str, register: Mapping[str, model.Municipality]) -> str:
    """A municipality of today from what a person typed: «5522», «Salangen», «5522 Salangen».

    An old number (e.g. 1923) is refused with today's number as a hint: a project's members
    are today's municipalities.
    """
    raw = text.strip()
    errors.require(bool(raw), "Skriv et kommunenummer eller et kommunenavn.")
    errors.require(len(raw) <= 100, "Kommunen: høyst 100 tegn.")
    number = raw[:4] if raw[:4].isascii() and raw[:4].isdigit() else None
    if number is not None:
        if number in register:
            return number
        try:
            today = number_history().today(number)
        except errors.UnknownMunicipality:
            raise errors.UnknownMunicipality(number) from None
        names = " eller ".join(f"{n} {register[n].name}" for n in today if n in register)
        raise errors.InvalidData(
            f"{number} er et tidligere kommunenummer; i dag heter kommunen {names}."
        )
    wanted = raw.casefold()
    found = [
        n
        for n, m in register.items()
        if m.name.casefold() == wanted
        or wanted in {p.strip().casefold() for p in m.name.replace(" - ", "/").split("/")}
    ]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        options = ", ".join(f"{n} {register[n].name} ({register[n].county})" for n in found)
        raise errors.InvalidData(f"«{raw}» passer flere kommuner: {options}. Bruk nummeret.")
    raise errors.InvalidData(f"Fant ingen kommune som heter «{raw}» i kommuneregisteret.")
