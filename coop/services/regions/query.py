"""The question a region design answers: area, service and rules in plain, bounded values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coop.domain import errors
from coop.domain.model import Municipality

LIMITS = {"min_population": 10_000_000, "max_population": 10_000_000, "max_travel_min": 1440,
          "max_members": 357, "groups": 357, "top": 10, "time_limit_s": 600}  # fmt: skip


@dataclass(frozen=True)
class RegionQuery:
    """Area, service and rules in plain values (bounded by ``check_query``)."""

    service: str
    county: str | None = None  # county number ("55") or name ("Troms")
    everywhere: bool = False
    municipalities: tuple[str, ...] = ()
    min_population: int | None = None
    max_population: int | None = None
    max_members: int | None = None
    max_travel_min: float | None = None
    contiguous: bool = False
    groups: int | None = None
    keep_today: bool = False  # lock today's cooperations (cooperations.csv) in the area
    alone: tuple[str, ...] = ()
    top: int = 1
    time_limit_s: float = 30.0
    project: str | None = None  # whose entered travel pairs count (slug)


def check_query(q: RegionQuery) -> None:
    """Every number within its bounds, the area chosen once; names the field."""
    chosen = sum((q.county is not None, q.everywhere, bool(q.municipalities)))
    errors.require(chosen == 1, "Velg ett område: fylke, hele landet eller en liste kommuner.")
    for name, limit in LIMITS.items():
        value = getattr(q, name)
        if value is not None:
            errors.require(0 <= value <= limit, f"{name}: {value} må ligge mellom 0 og {limit}.")
    errors.require(q.top >= 1, "top må være minst 1.")
    errors.require(q.time_limit_s >= 1, "time_limit_s må være minst 1 sekund.")
    errors.require(q.groups is None or q.groups >= 1, "groups må være minst 1.")


def area_municipalities(q: RegionQuery, register: Sequence[Municipality]) -> list[Municipality]:
    """The municipalities of the chosen area, by number."""
    if q.everywhere:
        return sorted(register, key=lambda m: m.number)
    if q.county is not None:
        key = q.county.strip().casefold()
        found = [m for m in register if m.number[:2] == key or m.county.casefold() == key]
        errors.require(bool(found), f"Fant ikke fylket «{q.county}» (bruk nummer eller navn).")
        return sorted(found, key=lambda m: m.number)
    by_key = {m.number: m for m in register} | {m.name.casefold(): m for m in register}
    unknown = [t for t in q.municipalities if t.strip().casefold() not in by_key]
    errors.require(not unknown, f"Ukjent kommune: {', '.join(unknown)}.")
    chosen = {by_key[t.strip().casefold()].number: by_key[t.strip().casefold()] for t in
              q.municipalities}  # fmt: skip
    return sorted(chosen.values(), key=lambda m: m.number)
